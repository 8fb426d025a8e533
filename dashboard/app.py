"""Dashboard entry point (``sejuk serve`` runs ``streamlit run`` on this file).

It opens the workspace, asks who is acting (:mod:`dashboard.gate`), and offers only the
pages the role may use; the actions behind those pages check the role again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.format import md_message
from dashboard.gate import gate, login_required, sign_out
from dashboard.i18n import t
from dashboard.loaders import home_from_argv, urgent_total, workspace
from sejuk.errors import SejukError
from sejuk.settings import configured_language

st.set_page_config(page_title="Sejuk", page_icon="🛡️", layout="wide",
                   menu_items={"Get help": None, "Report a bug": None,
                               "About": "Sejuk — pantauan hoaks dan kerawanan pemilu."})

home = str(home_from_argv())
try:
    ws = workspace(home)
except SejukError as exc:  # no workspace to say its language: the one chosen, else set
    st.error(md_message(exc, st.session_state.get("lang") or configured_language(Path(home))))
    st.stop()

#: Values a choice widget holds (a bool is a button's, and is left alone).
_CHOICE_VALUES = (str, int, float, date)


def _is_choice(value: object) -> bool:
    """A value a choice widget holds and takes back. A list is a multiselect's only when
    it holds choices: a multi-file uploader's is a list of files (empty before anything is
    uploaded), and Streamlit refuses it when the page draws the uploader again, so the
    Laporan page broke on a language switch. An empty multiselect shows no chosen label."""
    if isinstance(value, bool):
        return False
    if isinstance(value, list | tuple):
        return bool(value) and all(isinstance(v, _CHOICE_VALUES) and not isinstance(v, bool)
                                   for v in value)
    return isinstance(value, _CHOICE_VALUES)


def _relabel_choices() -> None:
    """After a language switch, hand every choice widget its own value again. Streamlit
    keeps a keyed selectbox's choice as the text it showed, so "(semua)" stayed on screen
    in English; a value set through Session State is sent again, formatted in the new
    language, and the choice itself is kept. Only values a choice can hold are set
    (:func:`_is_choice`): buttons, uploads and table selections refuse it."""
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if key == "lang" or not _is_choice(value):
            continue
        try:
            st.session_state[key] = value
        except StreamlitAPIException:
            continue


default_lang = ws.settings.dashboard.language
lang = st.sidebar.radio(t("language", default_lang), ["id", "en"],
                        index=0 if default_lang == "id" else 1,
                        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
                        key="lang", horizontal=True, on_change=_relabel_choices)
st.session_state["home"] = home

screens = Path(__file__).parent / "screens"


def page(path: str, key: str, icon: str, slug: str, **kwargs: object) -> st.Page:
    return st.Page(path, title=t(key, lang), icon=icon, url_path=slug, **kwargs)  # type: ignore[arg-type]


watch = [
    page("screens/overview.py", "page_overview", ":material/dashboard:", "ringkasan",
         default=True),
    page("screens/map.py", "page_map", ":material/map:", "peta"),
    page("screens/items.py", "page_items", ":material/list_alt:", "item"),
    page("screens/narratives.py", "page_narratives", ":material/hub:", "narasi"),
    page("screens/tps.py", "page_tps", ":material/how_to_vote:", "tps"),
]
# Pages other parts of Sejuk add (outreach dialogues, digest) are picked up by file name;
# they call dashboard.common.page_context() and their library functions check the role.
EXTRA_TITLES = {
    "dialog": ("Rencana dialog", "Dialogue plan", ":material/forum:"),
    "dialog_log": ("Log dialog", "Dialogue log", ":material/event_note:"),
    "dialog_tokoh": ("Tokoh", "Leaders", ":material/groups:"),
    "digest": ("Ringkasan harian", "Daily digest", ":material/mail:"),
}
extra = []
for pattern in ("dialog*.py", "digest*.py"):
    for found in sorted(screens.glob(pattern)):
        title_id, title_en, icon = EXTRA_TITLES.get(
            found.stem, (found.stem.replace("_", " ").capitalize(),) * 2 + (None,))
        extra.append(st.Page(f"screens/{found.name}", url_path=found.stem, icon=icon,
                             title=title_id if lang == "id" else title_en))
work = [page("screens/labelling.py", "page_labelling", ":material/label:", "pelabelan")]
admin = [page("screens/models.py", "page_models", ":material/model_training:", "model"),
         page("screens/sources.py", "page_sources", ":material/rss_feed:", "sumber")]
laporan = page("screens/laporan.py", "page_laporan", ":material/campaign:", "laporan")

principal = gate(ws, lang, pages=[*watch, *extra, laporan, *work, *admin])
st.session_state["principal"] = principal

if login_required(ws):
    st.sidebar.caption(t("signed_in_as", lang, user=principal.username,
                         role=t(f"role_{principal.role}", lang)))
    if st.sidebar.button(t("logout", lang), key="logout", icon=":material/logout:"):
        sign_out(ws)
        st.rerun()
else:
    st.sidebar.caption(t("demo_user", lang))

if principal.role == "reporter":
    # A field officer reports and reads their own reports; no other page exists for them
    # (nor the urgent-items count, which is watch data).
    st.navigation([laporan]).run()
    st.stop()

urgent = urgent_total(home)
if urgent:
    st.sidebar.error(t("urgent_badge", lang, n=urgent))

sections = {t("section_watch", lang): watch}
if extra:
    sections[t("section_outreach", lang)] = extra
sections[t("section_work", lang)] = [laporan, *(work if principal.can("analyst") else [])]
if principal.can("admin"):
    sections[t("section_admin", lang)] = admin
st.navigation(sections).run()
