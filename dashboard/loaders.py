"""The only place the dashboard builds long-lived resources, each keyed by its argument
(so AppTest runs against different workspaces never share state)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st

from sejuk.workspace import Workspace, open_workspace, resolve_home


def home_from_argv(argv: list[str] | None = None) -> Path:
    """``--home DIR`` after ``streamlit run app.py --``, else ``SEJUK_HOME``."""
    argv = sys.argv[1:] if argv is None else argv
    if "--home" in argv:
        index = argv.index("--home")
        if index + 1 < len(argv):
            return Path(argv[index + 1])
    return resolve_home(None, os.environ)


@st.cache_resource(show_spinner=False)
def workspace(home: str) -> Workspace:
    return open_workspace(Path(home))
