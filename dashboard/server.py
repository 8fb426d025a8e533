"""The web app ``sejuk serve`` runs: the dashboard behind :class:`dashboard.guard.Guard`.

``streamlit run`` finds the ``st.App`` below and serves it with its own server and the
command line's options; the guard serves downloads only to the browser that asked for
them and closes ``/_stcore/metrics``.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from dashboard.guard import Guard

app = st.App("app.py", middleware=[Middleware(Guard)])
