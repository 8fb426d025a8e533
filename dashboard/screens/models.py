"""Model: versions with their cross-validated metrics; retrain from the analysts' labels,
promote or roll back (admin only — the actions check the role themselves, this page is
only listed for admins)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from classifiers.labels import label_counts
from classifiers.live import ENOUGH_LABELS, LiveFigures, live_figures
from classifiers.selftrain import MIN_LOCAL
from dashboard.common import flash, page_context, run_action
from dashboard.format import count_text, self_training_text
from dashboard.i18n import t
from sejuk import actions
from sejuk.phrases import number
from sejuk.reads.admin import audit_page, model_versions
from sejuk.signals import active_version

ctx = page_context()
lang = ctx.lang
settings = ctx.ws.settings

st.title(t("page_models", lang))
with ctx.ws.session() as session:
    versions = model_versions(session)
    history = audit_page(session, action_prefix="model.", limit=20)
    active = active_version(session)
    live = live_figures(session, active, settings.classifier.labels)


def f1_cell(figures: Any) -> str:
    """A label's F1 as the table shows it: a kept component's is marked with its version."""
    if figures.f1 is None:
        return "–"
    if figures.kept_from is None:  # as the kept cells beside it write it
        return number(figures.f1, lang, ".4f")
    return t("kept_cell", lang, f1=figures.f1, version=figures.kept_from)


def scored_on(figures: Any) -> str:
    """On which samples the training that measured a kept component scored it."""
    if figures.measured_in is None:
        return t("scored_on_none", lang)
    return t(f"scored_on_{figures.scored_on}", lang) if figures.scored_on else "–"


rows, kept_rows = [], []
for v in versions:
    row = {"v": v.id, t("col_status", lang): t(f"model_{v.status}", lang),
           t("col_f1", lang): number(v.macro_f1, lang, ".4f"),  # as the F1 cells beside it
           t("col_trained", lang): ctx.when(v.trained_at),
           "n": count_text(v.samples, lang) if v.samples is not None else "–",
           t("col_promoted", lang): ctx.when(v.promoted_at),
           t("col_by", lang): v.promoted_by or ""}
    for figures in v.figures:
        row[f"F1 {figures.label}"] = f1_cell(figures)
        if figures.kept_from is not None:
            kept = v.metrics["kept"][figures.label]
            kept_rows.append({
                "v": v.id, t("col_label", lang): figures.label,
                t("col_kept_from", lang): f"v{figures.kept_from}",
                t("col_measured_in", lang): (f"v{figures.measured_in}"
                                             if figures.measured_in else "–"),
                "F1": number(figures.f1, lang, ".4f") if figures.f1 is not None else "–",
                "macro-F1": (number(figures.macro_f1, lang, ".4f")
                             if figures.macro_f1 is not None else "–"),
                t("col_scored_on", lang): scored_on(figures),
                t("col_data", lang): ", ".join(
                    f"{name} {count_text(count, lang)}" for name, count
                    # by name: PostgreSQL's jsonb keeps no key order
                    in sorted(((kept.get("data") or {}).get("sources") or {}).items())) or "–"})
    # the starter's figures are on its corpus, a district's on its own labels: say which
    basis = {label: t(f"scored_on_{on}", lang) for label, on in v.scored_on.items()}
    row[t("col_scored_on", lang)] = (next(iter(basis.values())) if len(set(basis.values())) == 1
                                     else " · ".join(f"{k}: {w}" for k, w in basis.items()))
    rows.append(row)
st.subheader(t("models", lang))
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="models_table")
if kept_rows:  # the gate weighs the retrained labels only: say so where the figures are
    st.caption(t("models_kept_note", lang))
    with st.expander(t("models_kept_title", lang)):
        st.dataframe(pd.DataFrame(kept_rows), hide_index=True, width="stretch",
                     key="models_kept")


def figure(value: float | None, bounds: tuple[float, float] | None) -> str:
    """A figure with its 90 % range; "–" for one with nothing to measure it on (precision
    when the model flagged none of the labelled items), never a misleading 0."""
    if value is None:
        return "–"
    if bounds is None:
        return number(value, lang, ".2f")
    low, high = (number(b, lang, ".2f") for b in bounds)
    return f"{number(value, lang, '.2f')} ({low}–{high})"


def live_row(label: str, figures: LiveFigures) -> dict[str, str]:
    """One label's flags against the analysts' drawn labels, each figure with its
    interval: 20 labels measure little, and the table must not look surer than that."""
    scores, ranges = figures.scores, figures.intervals
    return {t("col_label", lang): label,
            t("live_col_labels", lang): count_text(figures.labels, lang),
            t("live_col_positives", lang): count_text(figures.positives, lang),
            t("live_col_flagged", lang): count_text(figures.flagged, lang),
            t("live_col_precision", lang): figure(scores.precision, ranges["precision"]),
            t("live_col_recall", lang): figure(scores.recall, ranges["recall"]),
            "macro-F1": figure(scores.macro_f1, ranges["macro_f1"]),
            t("live_col_reading", lang): t("live_enough" if figures.enough else "live_early",
                                            lang)}


if active is not None:
    st.subheader(t("live_title", lang, version=active.id))
    if live:
        st.dataframe(pd.DataFrame([live_row(label, f) for label, f in live.items()]),
                     hide_index=True, width="stretch", key="models_live")
        st.caption(t("live_note", lang, n=ENOUGH_LABELS))
    else:
        st.info(t("live_none", lang, n=ENOUGH_LABELS))

candidates = [v.id for v in versions if v.status != "active"]
done: dict[str, int] = {}


def activate(session: Any, principal: Any, action: Any, *args: Any, **kwargs: Any) -> None:
    """Run a promotion or rollback and keep what the flash message reports: activating
    scores every item the version has not scored yet, which takes a while on a long
    history."""
    with st.spinner(t("activating", lang)):
        result = action(session, principal, *args, **kwargs)
    done.update(version=result.version.id, scored=result.scored)

# what classifiers.registry.rollback would reactivate: a version promoted before, now retired
earlier = any(v.status == "retired" and v.promoted_at is not None for v in versions)
left, right = st.columns(2)
with left:
    if candidates:
        chosen = st.selectbox(t("promote", lang), candidates, key="models_promote_version",
                              format_func=lambda i: f"v{i}")
        force = st.checkbox(t("force", lang), key="models_force")
        if st.button(t("promote", lang), key="models_promote", type="primary") and run_action(
                ctx, activate, actions.promote_model, int(chosen), settings, force=force):
            flash(t("activated", lang, **done))
            st.rerun()
    else:  # an empty select would say so in English ("No options to select")
        st.caption(t("promote_none", lang))
with right:
    if st.button(t("rollback", lang), key="models_rollback", icon=":material/undo:",
                 disabled=not earlier, help=None if earlier else t("rollback_none", lang)) \
            and run_action(ctx, activate, actions.rollback_model, settings):
        flash(t("activated", lang, **done))
        st.rerun()

st.subheader(t("train_title", lang))
with ctx.ws.session() as session:
    given = label_counts(session)
if given:
    st.caption(t("train_help", lang, minimum=MIN_LOCAL, counts=", ".join(
        f"{label} {pos}+ / {neg}−" for label, (pos, neg) in sorted(given.items()))))
else:
    st.info(t("train_none", lang))
trained: dict[str, Any] = {}


def retrain(session: Any, principal: Any) -> None:
    with st.spinner(t("training", lang)):
        outcome = actions.train_model(session, principal, ctx.ws)
    detail = t("trained_detail", lang, trained=", ".join(outcome.trained) or "-",
               kept=", ".join(outcome.kept) or "-")
    detail += self_training_text(outcome.result.card["components"], outcome.trained, lang)
    trained.update(version=outcome.version, f1=outcome.result.metrics.macro_f1, detail=detail)


if st.button(t("train_button", lang), key="models_train", icon=":material/model_training:",
             disabled=not given) and run_action(ctx, retrain):
    flash(t("trained", lang, **trained))
    st.rerun()

if history:
    st.subheader(t("audit", lang))
    st.dataframe(pd.DataFrame([
        {t("col_time", lang): ctx.when(at), t("col_by", lang): who,
         t("col_action", lang): action, t("col_target", lang): target}
        for at, who, action, target, _details in history]),
        hide_index=True, width="stretch", key="models_audit")
