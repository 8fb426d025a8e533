"""What every page needs: who is acting, in which language, on which workspace; the time
window picker; export buttons; how items become table rows.

Pages call :func:`page_context` first. The principal it returns was checked by the
login gate in ``app.py`` on this very run; actions still check it again themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from dashboard.format import md_escape, md_message, shorten, triage_badge
from dashboard.gate import still_signed_in
from dashboard.guard import COOKIE, grant
from dashboard.i18n import t
from dashboard.loaders import workspace
from sejuk import actions
from sejuk.access.auth import AccessDenied, Principal
from sejuk.errors import SejukError
from sejuk.reads.admin import OperationRow, operations
from sejuk.reads.items import FlaggedItem
from sejuk.signals import safe_url
from sejuk.timeutil import format_local, utc_now
from sejuk.workspace import Workspace


@dataclass(frozen=True)
class PageContext:
    ws: Workspace
    lang: str
    principal: Principal
    now: datetime
    #: The workspace's clock (``timezone`` in settings): a unit in Makassar reads WITA.
    zone: ZoneInfo

    def when(self, value: datetime | None) -> str:
        return format_local(value, self.zone)


def flash(message: str) -> None:
    """A toast for the next run: a toast shown right before ``st.rerun()`` is lost."""
    st.session_state["flash"] = message


def page_context() -> PageContext:
    message = st.session_state.pop("flash", None)
    if message:
        st.toast(message, icon=":material/check_circle:")
    ws = workspace(st.session_state["home"])
    return PageContext(ws=ws, lang=st.session_state.get("lang", "id"),
                       principal=st.session_state["principal"], now=utc_now(),
                       zone=ZoneInfo(ws.settings.timezone))


def show_error(ctx: PageContext, error: SejukError) -> None:
    """A refusal or a domain error as one line, the same on every page."""
    if isinstance(error, AccessDenied):
        st.error(t("denied", ctx.lang), icon=":material/block:")
    else:
        # in the page's language; values (names, addresses from feeds) escaped, the
        # commands a message quotes shown as code
        st.error(md_message(error, ctx.lang))


@dataclass(frozen=True)
class Done:
    """What :func:`run_action` did: true when the action committed, with its result."""

    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def run_action(ctx: PageContext, action: Callable[..., Any], *args: Any, **kwargs: Any
               ) -> Done:
    """Run one guarded action (``action(session, principal, ...)``) in its own
    transaction; show a refusal or error as one line (:func:`show_error`)."""
    try:
        with ctx.ws.session() as session:
            value = action(session, ctx.principal, *args, **kwargs)
    except SejukError as exc:
        show_error(ctx, exc)
        return Done(False)
    return Done(True, value)


WINDOWS: dict[str, timedelta] = {
    "window_1h": timedelta(hours=1), "window_6h": timedelta(hours=6),
    "window_24h": timedelta(hours=24), "window_7d": timedelta(days=7),
    "window_28d": timedelta(days=28),
}


def time_window(ctx: PageContext, key: str, *, default: str = "window_24h",
                choices: Sequence[str] = tuple(WINDOWS), column: Any = None
                ) -> tuple[datetime | None, datetime | None, str]:
    """A selectbox of relative windows plus the defined operation periods.

    Returns (since, until, description); ``until`` is None for "up to now".
    """
    with ctx.ws.session() as session:
        ops: list[OperationRow] = operations(session)
    options: list[str] = [*choices, *(f"op:{o.id}" for o in ops)]
    by_id = {f"op:{o.id}": o for o in ops}

    def label(option: str) -> str:
        if option in by_id:
            return t("operation", ctx.lang, name=by_id[option].name)
        return t(option, ctx.lang)

    where = column or st
    choice = where.selectbox(t("window", ctx.lang), options,
                             index=options.index(default) if default in options else 0,
                             format_func=label, key=key)
    if choice in by_id:
        op = by_id[choice]
        return op.starts_at, op.ends_at, label(choice)
    if choice == "window_all":
        return None, None, label(choice)
    return ctx.now - WINDOWS[choice], None, label(choice)


def triage_labels(lang: str) -> dict[str, str]:
    return {s: t(f"triage_{s}", lang) for s in ("urgent", "verified", "false_alarm")}


def item_rows(items: Sequence[FlaggedItem], lang: str, zone: ZoneInfo
              ) -> list[dict[str, Any]]:
    """Items as table rows; the status column leads so urgent items stand out."""
    marks = triage_labels(lang)
    return [{
        t("col_triage", lang): triage_badge(r.triage, marks),
        t("col_id", lang): r.id,
        t("col_time", lang): format_local(r.published_at, zone),
        t("col_title", lang): shorten(r.title or r.text, 140)
        + (f" [{t('debunk', lang)}]" if r.is_debunk else ""),
        t("col_flags", lang): ", ".join(
            [f"{label} {r.scores[label]:.0%}" for label in r.flags]
            + ([f"{t('claim_flag', lang)} {r.debunk_similarity:.0%}"]
               if r.debunk_similarity is not None else [])),
        t("col_conf", lang): round(r.confidence, 3),
        t("col_reasons", lang): "; ".join(
            f"{label}: {', '.join(r.reasons.get(label, [])[:4])}" for label in r.flags),
        t("col_region", lang): ", ".join(r.regions[:3]),
        t("col_narrative", lang): shorten(r.narrative or "", 60),
        t("col_debunk", lang): shorten(r.debunk_title or "", 60),
        t("col_source", lang): r.source,
        t("col_kind", lang): r.source_kind,
        t("col_link", lang): safe_url(r.outside_link),
    } for r in items]


def show_items_table(rows: list[dict[str, Any]], lang: str, *, key: str | None = None) -> None:
    import pandas as pd

    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=key,
                 column_config={
                     t("col_link", lang): st.column_config.LinkColumn(
                         display_text=t("open_link", lang)),
                     t("col_conf", lang): st.column_config.ProgressColumn(
                         min_value=0.0, max_value=1.0, format="percent"),
                 })


def browser_client() -> str | None:
    """This browser's ``sejuk_client`` cookie (:mod:`dashboard.guard`), if it has one."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) else None


def export_buttons(ctx: PageContext, page: str, produce: Callable[[], list[dict[str, Any]]],
                   *, filters: Mapping[str, Any] | None = None, key: str) -> None:
    """CSV and XLSX buttons. The file is built only when clicked (Streamlit's deferred
    download), inside :func:`sejuk.actions.export_table`, which checks the role and
    writes the audit entry in the same transaction, and only this browser may fetch it
    (:func:`dashboard.guard.grant`)."""
    stamp = ctx.now.astimezone(ctx.zone).strftime("%Y%m%d-%H%M")
    client = browser_client()  # read now: the file is built outside this page run
    left, right, _ = st.columns([1, 1, 4])
    for column, fmt in ((left, "csv"), (right, "xlsx")):
        def build(fmt: str = fmt) -> bytes:
            principal = still_signed_in(ctx.ws, ctx.principal, ctx.now)  # no page run
            with ctx.ws.session() as session:
                return grant(client, actions.export_table(
                    session, principal, page, produce(), fmt, filters=filters))

        column.download_button(
            t(f"export_{fmt}", ctx.lang), data=build, file_name=f"sejuk-{page}-{stamp}.{fmt}",
            mime=None, key=f"{key}_{fmt}", icon=":material/download:", on_click="ignore")


def show_item_detail(item: FlaggedItem, lang: str, zone: ZoneInfo) -> None:
    """One item in full. Feed text is shown with ``st.text`` or escaped Markdown only."""
    marks = triage_labels(lang)
    if item.urgent:
        st.error(triage_badge(item.triage, marks) + f" · {md_escape(item.triage_by)}",
                 icon=":material/priority_high:")
    elif item.triage:
        st.info(triage_badge(item.triage, marks) + f" · {md_escape(item.triage_by)}")
    st.markdown(f"**{md_escape(item.title or shorten(item.text, 120))}**")
    st.caption(md_escape(f"#{item.id} · {format_local(item.published_at, zone)} · {item.source} "
                         f"({item.source_kind}) · {', '.join(item.regions) or '-'}"))
    st.text(item.text)
    link = safe_url(item.link)
    if link:
        st.link_button(t("source_link", lang), link, icon=":material/open_in_new:")
    else:
        st.caption(t("no_link", lang))
    if item.scores:
        cols = st.columns(len(item.scores))
        for column, (label, score) in zip(cols, sorted(item.scores.items()), strict=True):
            column.metric(label, f"{score:.0%}",
                          help=md_escape(", ".join(item.reasons.get(label, []))))
        st.caption(md_escape(t("col_reasons", lang) + ": " + "; ".join(
            f"{label}: {', '.join(reasons[:6])}" for label, reasons in item.reasons.items())))
    if item.narrative:
        st.caption(md_escape(f"{t('narrative', lang)}: {item.narrative}"))
    if item.debunk_title:
        similarity = (f" ({item.debunk_similarity:.0%})"
                      if item.debunk_similarity is not None else "")
        st.warning(md_escape(f"{t('matched_debunk', lang)}{similarity}: {item.debunk_title}"),
                   icon=":material/fact_check:")
        debunk_link = safe_url(item.debunk_link)
        if debunk_link:
            st.link_button(t("debunk", lang), debunk_link)
