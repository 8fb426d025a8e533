"""Build the starter corpus and starter model shipped in ``classifiers/data/``.

The corpus is real, licensed Indonesian text plus the election-specific samples the
project wrote; the model is trained on it with the product's own training code, so that
``sejuk init`` leaves a model active that has met real text:

- ``umpo_tweets.csv`` (``text,hoaks``): the train split of ``../shared/data/umpo_tweets``
  (IDNHoaxCorpus, MIT; its ``LICENSE`` is copied beside it as ``umpo_tweets.LICENSE``).
- ``ibrohim_hs.csv`` (``text,provokasi``): the train split of ``../shared/data/ibrohim_hs``
  (Ibrohim & Budi 2019, CC BY-NC-SA 4.0: shipped as its own file with
  ``ibrohim_hs.LICENSE`` and ``ibrohim_hs.citation.bib``; a model trained on it carries
  that licence, which its card states).
- ``ibrohim_ordinary.csv`` (``text,hoaks``, all 0): 1,000 tweets of the same train split
  that are neither hate speech nor abusive, Twitter's placeholders removed
  (``benchmarks.corpora.ordinary_tweets``): no hoax corpus holds ordinary text (its
  non-hoaxes are clarifications), and without it the model flagged 89 % of ordinary real
  tweets ``hoaks``. Same licence and notice as ``ibrohim_hs.csv``.
- ``sejuk_samples.csv`` (``text,hoaks,provokasi``): written by
  ``scripts/build_training_samples.py`` from templates.
- ``sejuk_written.csv`` (``text,hoaks,provokasi``): 881 election texts written for Sejuk
  without templates (7 Dec 2026), each as if by a different person (tweets, forwards,
  posts, news, some long): hoaxes, unrest signals of every kind the domain names
  (mobilisation, threats, intimidation, SARA incitement, clashes, results refused in
  advance, vote buying) and ordinary texts sharing their words (debunks, appeals for calm,
  peaceful demonstrations, routine notices, community invitations to gather). Written by
  three sessions of a language-model assistant, each told to read nothing of the project;
  the file is its own source. None saw the demo, the samples or
  ``benchmarks/classifier/election_heldout.csv`` (a fourth session's), which scores it.
  Background for ``hoaks`` (as ``ibrohim_ordinary.csv``): a district's own labels of it
  replace them.
- ``sejuk_articles.csv`` (``text,hoaks,provokasi``; trains ``hoaks`` only): 405 articles
  of 700 to 3,000 characters written for Sejuk without templates (7 Dec 2026) by nine
  sessions of a language-model assistant, each told to read nothing of the project:
  news reports of elections and everything else a portal carries, hoax pages
  (sensational, imitating journalism, chain narratives), fact-check pages, incitement,
  opinion and long ordinary posts. The real corpora are tweets: without these the
  starter flagged 10 of the 39 hoax articles (26 %) of ``benchmarks/classifier/
  articles_heldout.csv`` (three other sessions'). Not background: a district's labels
  of its tweets leave them in.
- ``sejuk_posts.csv`` (``text,hoaks,provokasi``, all 0; trains ``hoaks`` only): 90 long
  ordinary posts and forwards (600 to 1,613 characters) by three more sessions, written
  after the articles alone flagged 3 of the held-out set's 18 ordinary posts. Background
  for ``hoaks``: they stand in for a district's ordinary text, as the ordinary tweets do.

The test splits of the shared sets are left out on purpose: the benchmarks score the
starter design on them, and a shipped model that had seen them would report nothing.
Rows are deduplicated (case and spacing ignored); rows in another language stay in the
files and are left out of training by the training code, which counts them.

Usage: ``python scripts/build_starter.py [--data ../shared/data]`` (about a minute).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import ordinary_tweets  # noqa: E402 (after the path it needs)

OUT = ROOT / "classifiers" / "data"
DEFAULT_DATA = ROOT.parent / "shared" / "data"

IBROHIM_NOTICE = """\
ibrohim_hs.csv is derived from the "Multi-label Hate Speech and Abusive Language Detection
in Indonesian Twitter" dataset by Muhammad Okky Ibrohim and Indra Budi (ALW3, 2019), file
re_dataset.csv of the repository id-multi-label-hate-speech-and-abusive-language-detection
(commit be98de98), as distributed in Sejuk's shared data (ibrohim_hs/train.csv).

Change made: the 12 label columns were reduced to one, provokasi = 1 when a tweet is hate
speech aimed at a group, a religion or a race/ethnicity (HS=1 and one of HS_Group,
HS_Religion, HS_Race). Usernames and URLs were replaced by USER and URL by the authors.

ibrohim_ordinary.csv is derived from the same file (multilabel_train.csv of the shared
data): 1,000 tweets (a seeded sample) with HS=0 and Abusive=0, the USER, URL and RT
placeholders removed, labelled hoaks = 0 (ordinary text that is no hoax).

Licence: Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International
(CC BY-NC-SA 4.0), https://creativecommons.org/licenses/by-nc-sa/4.0/
Non-commercial use only, with attribution (cite ibrohim_hs.citation.bib); anything derived
from it, including a model trained on it, carries the same licence.
"""

CORPORA = (
    {"name": "umpo_tweets", "file": "umpo_tweets.csv", "labels": ["hoaks"], "licence": "MIT",
     "source": "IDNHoaxCorpus dataset/datasetUMPOHoax.csv at commit 2a2bd085 (train split "
               "of Sejuk's shared umpo_tweets)",
     "notice": "umpo_tweets.LICENSE"},
    {"name": "ibrohim_hs", "file": "ibrohim_hs.csv", "labels": ["provokasi"],
     "licence": "CC BY-NC-SA 4.0",
     "source": "Ibrohim & Budi 2019, id-multi-label-hate-speech-and-abusive-language-"
               "detection re_dataset.csv at commit be98de98 (train split)",
     "notice": "ibrohim_hs.LICENSE"},
    {"name": "ibrohim_ordinary", "file": "ibrohim_ordinary.csv", "labels": ["hoaks"],
     "licence": "CC BY-NC-SA 4.0",
     "source": "Ibrohim & Budi 2019 (as ibrohim_hs): 1,000 tweets of its train split that are "
               "neither hate speech nor abusive, USER/URL/RT placeholders removed, as text "
               "that is no hoax",
     "notice": "ibrohim_hs.LICENSE",
     # ordinary text standing in for a district's own for these labels: its labels
     # replace it (classifiers.training.BACKGROUND_REPLACED_AT)
     "background": ["hoaks"]},
    # "project": written by the project (the benchmarks' starter reads these)
    {"name": "sejuk_samples", "file": "sejuk_samples.csv", "labels": ["hoaks", "provokasi"],
     "licence": "same as Sejuk", "project": True,
     "source": "written for Sejuk from templates by scripts/build_training_samples.py"},
    {"name": "sejuk_written", "file": "sejuk_written.csv", "labels": ["hoaks", "provokasi"],
     "licence": "same as Sejuk", "project": True,
     # for hoaks they stand in for a district's election stream until its labels say what
     # its hoaxes look like: kept, a hoax district's 100 labels scored 0.47 (0.59 replaced;
     # benchmarks/README, adaptation); for provokasi they stay (0.61 against 0.57 before)
     "background": ["hoaks"],
     "source": "election texts (hoaxes, unrest signals, ordinary texts) written for Sejuk "
               "without templates by sessions of a language-model assistant that read "
               "nothing of the project"},
    {"name": "sejuk_articles", "file": "sejuk_articles.csv", "labels": ["hoaks"],
     "licence": "same as Sejuk", "project": True,
     # hoaks only: on the held-out articles provokasi was already 0.97 without them, and
     # with them the held-out election texts lost 0.03 (benchmarks/README, articles). No
     # background: kept beside a hoax district's labels they changed its figures by no
     # more than the seeds do (100 labels 0.568 / 0.578 against 0.566 / 0.584 left
     # out), and its hoax articles stay known
     "source": "articles (news reports, hoax pages, fact-check pages, incitement, opinion, "
               "long ordinary posts) written for Sejuk without templates by sessions of a "
               "language-model assistant that read nothing of the project"},
    {"name": "sejuk_posts", "file": "sejuk_posts.csv", "labels": ["hoaks"],
     "licence": "same as Sejuk", "project": True,
     # ordinary long posts standing in for a district's own: kept beside a hoax
     # district's labels they cost it 0.005 to 0.02 at 25 to 100 random labels
     "background": ["hoaks"],
     "source": "long ordinary social-media posts and forwards written for Sejuk without "
               "templates by sessions of a language-model assistant that read nothing of "
               "the project"},
)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _write(path: Path, header: list[str], rows: list[list[str]]) -> int:
    seen: set[str] = set()
    kept = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            if not row[0].strip() or _key(row[0]) in seen:
                continue
            seen.add(_key(row[0]))
            writer.writerow(row)
            kept += 1
    return kept


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def build_corpus(data: Path) -> dict[str, int]:
    counts = {}
    rows = _read(data / "umpo_tweets" / "train.csv")
    counts["umpo_tweets"] = _write(OUT / "umpo_tweets.csv", ["text", "hoaks"],
                                   [[r["text"], str(int(r["label"] == "hoaks"))] for r in rows])
    shutil.copyfile(data / "umpo_tweets" / "LICENSE", OUT / "umpo_tweets.LICENSE")
    rows = _read(data / "ibrohim_hs" / "train.csv")
    counts["ibrohim_hs"] = _write(OUT / "ibrohim_hs.csv", ["text", "provokasi"],
                                  [[r["text"], str(int(r["label"] == "provokasi"))]
                                   for r in rows])
    counts["ibrohim_ordinary"] = _write(OUT / "ibrohim_ordinary.csv", ["text", "hoaks"],
                                        [[t, "0"] for t in ordinary_tweets(data, "train")])
    (OUT / "ibrohim_hs.LICENSE").write_text(IBROHIM_NOTICE, encoding="utf-8")
    shutil.copyfile(data / "ibrohim_hs" / "citation.bib", OUT / "ibrohim_hs.citation.bib")
    for corpus in CORPORA:
        if corpus.get("project"):
            with (OUT / corpus["file"]).open(encoding="utf-8", newline="") as handle:
                counts[corpus["name"]] = sum(1 for _ in csv.DictReader(handle))
    return counts


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    counts = build_corpus(args.data)
    manifest = {"version": 1, "corpora": [
        {**c, "rows": counts[c["name"]], "sha256": _sha(OUT / c["file"])} for c in CORPORA]}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    from classifiers import starter
    from classifiers.persist import save_model
    from classifiers.training import train

    starter.manifest.cache_clear()
    labels = ("hoaks", "provokasi")
    corpus = starter.starter_corpus(labels)
    result = train(corpus)
    card = {**result.card, "starter": True,
            "data_licences": starter.licences([c["name"] for c in CORPORA]),
            "skipped_rows": [list(s) for s in corpus.skipped]}
    sha = save_model(result.model, card, OUT / starter.MODEL_FILE)
    manifest["model"] = {"file": starter.MODEL_FILE, "card": starter.CARD_FILE, "sha256": sha}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    print(f"corpus: {counts}; model macro-F1 (cross-validated) {result.metrics.macro_f1:.3f}; "
          f"{(OUT / starter.MODEL_FILE).stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
