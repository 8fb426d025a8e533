"""Small display helpers shared by pages (pure, no Streamlit)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from classifiers.cues import named
from classifiers.selftrain import (
    MIN_LOCAL,
    MIN_POOL,
    cue_labelled,
    skipped_because,
    worth_telling,
)
from dashboard.i18n import t
from sejuk.phrases import Run, number
from sejuk.signals.urls import defuse_links


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|:~$=\"'&%@^/")


def md_escape(text: str | None) -> str:
    """Text that Streamlit's Markdown shows literally: the one helper every page uses for
    any text from a feed, an import or a report (titles, source names, hashtags, leader
    names, places, reasons ...), in every element that renders Markdown (markdown,
    caption, alerts, expander, tab, metric and widget labels, help tooltips).

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all
    of them), so ``<script>``, ``![img](...)``, ``[x](javascript:...)``, ``:red[...]``
    and ``$...$`` stay inert text. Escaping is not enough for addresses: the link finder
    of GitHub-flavoured Markdown runs on the text *after* unescaping and would turn
    ``http://...``, ``www....`` and ``a@b.example`` into live links, so an invisible
    word joiner is put where such a link would start.
    """
    if not text:
        return ""
    defused = defuse_links(text)
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in defused)


def md_code(text: str) -> str:
    """``text`` as a Markdown code span, shown exactly as written: nothing inside a code
    span is markup, and the fence is one backtick longer than any run of backticks in
    it, so a value holding backticks cannot close it early (CommonMark)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # a code span drops one space each side: pad a backtick at an edge away from the
    # fence, and keep spaces that the text really has at both ends
    if "`" in text[:1] + text[-1:] or (text[:1] == text[-1:] == " " and text.strip()):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def md_runs(runs: Sequence[Run]) -> str:
    """A sentence from :func:`sejuk.phrases.runs` as Markdown: the commands it quotes as
    code, everything else (the sentence and every value filled in: file names, feed
    titles, addresses) escaped with :func:`md_escape`."""
    return "".join(md_code(run.text) if run.code else md_escape(run.text) for run in runs)


def md_message(message: object, lang: str) -> str:
    """Markdown for a message for a person (an error, a :class:`~sejuk.phrases.Said`) in
    ``lang``: what it can split into text and quoted commands goes through
    :func:`md_runs`, anything else is escaped whole."""
    split = getattr(message, "runs", None)
    return md_runs(split(lang)) if callable(split) else md_escape(str(message))


TRIAGE_ICONS = {"urgent": "🚨", "verified": "✅", "false_alarm": "✖️"}


def triage_badge(state: str | None, labels: dict[str, str]) -> str:
    """``🚨 MENDESAK`` etc.: the same mark in every table, so urgent items stand out."""
    if not state:
        return ""
    return f"{TRIAGE_ICONS.get(state, '')} {labels.get(state, state)}".strip()


def count_text(n: int, lang: str) -> str:
    """A count as the page's language writes it: 1.234 in Indonesian, 1,234 in English."""
    return number(n, lang, ",")


def delta_text(change: int | float, suffix: str, lang: str = "id") -> str:
    """``+3 vs kemarin``, ``−2 vs kemarin``, ``±0 vs kemarin`` (never a signed zero),
    ``+1.200`` in Indonesian."""
    if change == 0:
        return f"±0 {suffix}"
    return f"{number(change, lang, '+,' if isinstance(change, int) else '+,g')} {suffix}"


#: plotly's ``layout.separators`` (decimal mark, then thousands) per page language, so
#: axis ticks and hover labels write numbers as the page's sentences do.
PLOTLY_SEPARATORS = {"id": ",.", "en": ".,"}


def plotly_separators(lang: str) -> str:
    return PLOTLY_SEPARATORS.get(lang, PLOTLY_SEPARATORS["id"])


def _by_cues(record: Mapping[str, Any], lang: str) -> str:
    """What the cue words labelled of a label's items, when they labelled any."""
    part = cue_labelled(record)
    return "" if part is None else t(
        "self_trained_by_cues", lang, positives=part["positives"],
        negatives=part["negatives"], categories=named(part["categories"], lang))


def self_training_text(components: Mapping[str, Mapping[str, Any]], trained: Sequence[str],
                       lang: str) -> str:
    """What a retraining's toast adds about the workspace's unlabelled items: what they
    gave each label that learnt from them, and why the others with local labels did not
    (an analyst who labelled ten items otherwise cannot tell that fifteen would have
    switched it on). Labels no local row judges say nothing, as on the command line. And
    which labels' local labels replaced the starter's ordinary text."""
    done: dict[str, Mapping[str, Any]] = {}
    skipped: dict[str, list[str]] = {"items": [], "labels": [], "cues": []}
    pool = 0
    for label in trained:
        record = worth_telling(components[label])
        if record is None:
            continue
        pool = max(pool, int(record["pool"]))
        why = skipped_because(record)
        if why is None:
            done[label] = record
        else:
            skipped[why].append(label)
    text = ""
    if done:
        text += t("self_trained_detail", lang, pool=pool, per=", ".join(
            f"{label} {count_text(r['positives'], lang)}/{count_text(r['negatives'], lang)}"
            + _by_cues(r, lang)
            for label, r in done.items()))
    if skipped["items"]:
        text += t("self_training_few_items", lang, labels=", ".join(skipped["items"]),
                  pool=pool, minimum=MIN_POOL)
    if skipped["cues"]:
        text += t("self_training_no_cues", lang, labels=", ".join(skipped["cues"]),
                  minimum=MIN_LOCAL)
    if skipped["labels"]:
        text += t("self_training_few_labels", lang, labels=", ".join(skipped["labels"]),
                  minimum=MIN_LOCAL)
    replaced = [label for label in trained
                if (components[label].get("background") or {}).get("replaced")]
    if replaced:  # classifiers.training.BACKGROUND_REPLACED_AT, as the command says it
        text += t("background_replaced", lang, labels=", ".join(replaced))
    return text
