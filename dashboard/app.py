"""Dashboard entry point (``sejuk serve`` runs ``streamlit run`` on this file)."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.loaders import home_from_argv, workspace
from sejuk.errors import SejukError

st.set_page_config(page_title="Sejuk", page_icon="🛡️", layout="wide",
                   menu_items={"Get help": None, "Report a bug": None,
                               "About": "Sejuk — pantauan hoaks dan kerawanan pemilu."})

home = str(home_from_argv())
try:
    ws = workspace(home)
except SejukError as exc:
    st.error(str(exc))
    st.stop()

default_lang = ws.settings.dashboard.language
lang = st.sidebar.radio(t("language", default_lang), ["id", "en"],
                        index=0 if default_lang == "id" else 1,
                        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
                        key="lang", horizontal=True)
st.session_state["home"] = home

pages = [
    st.Page("screens/overview.py", title=t("page_overview", lang), icon=":material/dashboard:",
            url_path="ringkasan", default=True),
]
st.navigation(pages).run()
