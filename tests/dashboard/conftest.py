"""AppTest helpers: the app on a workspace, signed in (or not) as a given role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sejuk.access.auth import Principal, add_user
from sejuk.db.models import Meta
from sejuk.workspace import KIND_KEY, open_workspace

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "kata-sandi-uji-123"


def make_app(home: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SEJUK_HOME", str(home))
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_username").set_value(user)
    at.text_input(key="login_password").set_value(password)
    at.button[0].click().run()
    return at


def goto(at: AppTest, screen: str) -> AppTest:
    at.switch_page(f"screens/{screen}.py").run()
    assert not at.exception, at.exception
    return at


def make_standard(home: Path) -> Path:
    """Mark a demo copy as a standard workspace (login required) with one user per role:
    ana (analyst), vera (viewer), adi (admin), all with :data:`PASSWORD`."""
    ws = open_workspace(home)
    with ws.session() as session:
        session.merge(Meta(key=KIND_KEY, value="standard"))
        for name, role in (("ana", "analyst"), ("vera", "viewer"), ("adi", "admin")):
            add_user(session, Principal("test", "admin"), name, PASSWORD, role)
    ws.close()
    return home


@pytest.fixture
def standard_home(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Path:
    """A private copy of the demo marked as a standard workspace, with three users."""
    return make_standard(copy_workspace(demo_home))
