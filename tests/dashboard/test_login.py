"""Login, roles and session timeout on a standard (non-demo) workspace."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sejuk.access.auth import Principal, set_disabled
from sejuk.db.models import AuditEntry
from sejuk.timeutil import utc_now
from sejuk.workspace import open_workspace
from tests.dashboard.conftest import goto, make_app, sign_in

pytestmark = pytest.mark.slow


def audit_count(home: Path, action: str) -> int:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEntry)
                                      .where(AuditEntry.action == action)) or 0)
    finally:
        ws.close()


def test_login_is_required_and_failures_do_not_say_why(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(standard_home, monkeypatch)
    assert at.title[0].value == "Masuk ke Sejuk"
    assert not at.dataframe and not at.metric  # nothing of the data before login
    sign_in(at, "ana", "salah-salah-salah")
    wrong_password = at.error[0].value
    sign_in(at, "siapa", "salah-salah-salah")
    unknown_user = at.error[0].value
    assert wrong_password == unknown_user == "Nama pengguna atau kata sandi salah."
    assert audit_count(standard_home, "auth.failed") == 2
    sign_in(at, "ana")
    assert not at.exception
    assert "Pantauan" in at.title[0].value
    assert audit_count(standard_home, "auth.login") == 1


def test_session_times_out(standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(standard_home, monkeypatch), "ana")
    at.session_state["auth_last_seen"] = utc_now() - timedelta(minutes=61)
    at.run()
    assert at.title[0].value == "Masuk ke Sejuk"
    assert "Sesi berakhir" in at.warning[0].value
    assert audit_count(standard_home, "auth.timeout") == 1


def test_a_disabled_user_is_signed_out_at_the_next_click(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(standard_home, monkeypatch), "ana")
    ws = open_workspace(standard_home)
    with ws.session() as session:
        set_disabled(session, Principal("test", "admin"), "ana", True)
    ws.close()
    at.run()
    assert at.title[0].value == "Masuk ke Sejuk"


def test_viewer_cannot_label_promote_or_open_admin_pages(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(standard_home, monkeypatch), "vera")
    goto(at, "items")
    assert not [b for b in at.button if str(b.key).startswith("triage_")]
    for screen in ("models", "sources", "labelling"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"screens/{screen}.py")  # not registered for this role


def test_analyst_works_but_cannot_use_admin_pages(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(standard_home, monkeypatch), "ana")
    goto(at, "labelling")
    assert at.title[0].value == "Pelabelan"
    for screen in ("models", "sources"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"screens/{screen}.py")
    goto(at, "map")
    assert not [t for t in at.text_input if t.key == "op_name"]  # operations: admin only


def test_admin_sees_admin_pages(standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(standard_home, monkeypatch), "adi")
    goto(at, "models")
    assert at.title[0].value == "Model"
    at.button(key="logout").click().run()
    assert at.title[0].value == "Masuk ke Sejuk"
    assert audit_count(standard_home, "auth.logout") == 1
