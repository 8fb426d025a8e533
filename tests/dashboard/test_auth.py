"""Users, passwords, roles and the guarded actions (library level, no Streamlit)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from sejuk import actions
from sejuk.access.auth import (
    LOGIN_FAILED_MESSAGE,
    MAX_FAILURES,
    MAX_SOURCE_FAILURES,
    AccessDenied,
    LoginFailed,
    Principal,
    add_user,
    authenticate,
    client_source,
    current_principal,
    require,
    session_expired,
    set_disabled,
)
from sejuk.cli import app
from sejuk.db.models import AuditEntry, Item, User
from sejuk.errors import InputError
from sejuk.exports import to_csv, to_xlsx
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

VIEWER, ANALYST, ADMIN = (Principal("v", "viewer"), Principal("a", "analyst"),
                          Principal("root", "admin"))
GOOD = "panjang-sekali-123"


def audits(session: object, action: str) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEntry)  # type: ignore[attr-defined]
                              .where(AuditEntry.action == action)) or 0)


def test_password_is_stored_as_argon2_hash_only(workspace: Workspace) -> None:
    with workspace.session() as session:
        user = add_user(session, Principal("admin", "admin"), "Ana", GOOD, "analyst")
        assert user.username == "ana"
        assert user.password_hash.startswith("$argon2id$")
        assert GOOD not in user.password_hash
        assert audits(session, "user.add") == 1


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("a", GOOD, "analyst", "username"),
    ("Ana Lis", GOOD, "analyst", "username"),
    ("ana", "pendek", "analyst", "at least 10"),
    ("ana", GOOD, "boss", "role 'boss'"),
])
def test_bad_new_users_are_refused_with_one_clear_message(
        workspace: Workspace, name: str, password: str, role: str, message: str) -> None:
    with workspace.session() as session:
        with pytest.raises(InputError, match=message):
            add_user(session, Principal("admin", "admin"), name, password, role)
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_duplicate_user_is_refused(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_user(session, Principal("admin", "admin"), "ana", GOOD, "analyst")
        with pytest.raises(InputError, match="already exists"):
            add_user(session, Principal("admin", "admin"), "ana", GOOD, "viewer")


def test_failed_logins_say_the_same_and_are_audited(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_user(session, Principal("admin", "admin"), "ana", GOOD, "analyst")
    messages = []
    for name, password in (("ana", "salah-salah-1"), ("nobody", GOOD), ("", "")):
        with workspace.session() as session:
            try:
                authenticate(session, name, password)
            except LoginFailed as exc:
                messages.append(str(exc))
    assert messages == [LOGIN_FAILED_MESSAGE] * 3
    with workspace.session() as session:
        assert audits(session, "auth.failed") == 3
        principal = authenticate(session, "ANA ", GOOD)
        refused = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "auth.failed").order_by(AuditEntry.id)).all()
        # a known account is named; a name no account has (perhaps a password typed
        # into the wrong field) is never written to the permanent audit log
        assert [(e.actor, e.target) for e in refused] == [
            ("ana", "ana"), ("(unknown name)", "(unknown name)"),
            ("(unknown name)", "(unknown name)")]
        assert "nobody" not in str([e.details for e in refused])
        assert principal == Principal("ana", "analyst")
        assert audits(session, "auth.login") == 1


def test_repeated_failures_lock_the_name_for_a_while(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_user(session, Principal("admin", "admin"), "ana", GOOD, "analyst")
    for _ in range(MAX_FAILURES):
        with workspace.session() as session, pytest.raises(LoginFailed):
            authenticate(session, "ana", "salah-salah-1")
    with workspace.session() as session, pytest.raises(LoginFailed):
        authenticate(session, "ana", GOOD)  # right password, but locked


def _fail(ws: Workspace, name: str, source: str, when: object, times: int = 1,
          password: str = "salah-salah-1") -> None:
    for _ in range(times):
        with ws.session() as session, pytest.raises(LoginFailed):
            authenticate(session, name, password, source=source, now=when)


def _login(ws: Workspace, name: str, source: str, when: object) -> bool:
    with ws.session() as session:
        try:
            authenticate(session, name, GOOD, source=source, now=when)
        except LoginFailed:
            return False
        return True


def test_a_lock_holds_one_source_only_and_attempts_while_locked_do_not_extend_it(
        workspace: Workspace) -> None:
    """The red team's finding: five tries per window kept `admin` locked for everyone,
    for good. Now only the guessing address is locked, and only for the window."""
    from datetime import timedelta

    with workspace.session() as session:
        add_user(session, Principal("setup", "admin"), "admin", GOOD, "admin")
    start = utc_now()
    _fail(workspace, "admin", "203.0.113.9", start, MAX_FAILURES)
    assert not _login(workspace, "admin", "203.0.113.9", start)  # locked there ...
    assert _login(workspace, "admin", "10.20.0.5", start)  # ... not for the real admin
    # The attacker keeps trying every minute; none of it counts.
    for minute in range(1, 15):
        _fail(workspace, "admin", "203.0.113.9", start + timedelta(minutes=minute))
    assert _login(workspace, "admin", "203.0.113.9", start + timedelta(minutes=16))
    with workspace.session() as session:
        refused = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "auth.failed")).all()
        assert [e.details["reason"] for e in refused].count("locked (account)") == 15
        assert {e.details["source"] for e in refused} == {"203.0.113.9"}


def test_a_source_guessing_many_names_is_locked_out_of_all(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_user(session, Principal("setup", "admin"), "ana", GOOD, "analyst")
    now = utc_now()
    for n in range(MAX_SOURCE_FAILURES):
        _fail(workspace, f"tebak{n}", "198.51.100.7", now)
    assert not _login(workspace, "ana", "198.51.100.7", now)
    assert _login(workspace, "ana", "10.20.0.5", now)


def test_an_administrator_unlocks_from_the_command_line(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_user(session, Principal("setup", "admin"), "admin", GOOD, "admin")
    _fail(workspace, "admin", "10.20.0.5", None, MAX_FAILURES)
    assert not _login(workspace, "admin", "10.20.0.5", None)
    runner = CliRunner()
    listed = runner.invoke(app, ["users", "locks", "--home", str(workspace.home)])
    assert listed.exit_code == 0 and "admin" in listed.stdout and "10.20.0.5" in listed.stdout
    result = runner.invoke(app, ["users", "unlock", "admin", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    assert "1 kunci dibuka" in result.stdout
    assert _login(workspace, "admin", "10.20.0.5", None)
    unknown = runner.invoke(app, ["users", "unlock", "siapa", "--home", str(workspace.home)])
    assert unknown.exit_code == 1 and "tidak ada pengguna 'siapa'" in unknown.stderr
    with workspace.session() as session:
        assert audits(session, "auth.unlock") == 1


@pytest.mark.parametrize(("peer", "header", "trusted", "source"), [
    ("198.51.100.7", None, (), "198.51.100.7"),
    ("198.51.100.7", "10.0.0.1", (), "198.51.100.7"),  # an untrusted peer's header: ignored
    ("127.0.0.1", "203.0.113.9", ("127.0.0.1",), "203.0.113.9"),
    ("127.0.0.1", "1.2.3.4, 203.0.113.9", ("127.0.0.1",), "203.0.113.9"),  # forged hop
    ("127.0.0.1", "203.0.113.9, 10.0.0.2", ("127.0.0.1", "10.0.0.2"), "203.0.113.9"),
    (None, None, (), "unknown"),
])
def test_the_source_of_a_login(peer: str | None, header: str | None,
                               trusted: tuple[str, ...], source: str) -> None:
    assert client_source(peer, header, trusted) == source


def test_disabled_user_cannot_log_in_and_loses_their_session(workspace: Workspace) -> None:
    with workspace.session() as session:
        add_user(session, Principal("admin", "admin"), "ana", GOOD, "analyst")
        set_disabled(session, Principal("admin", "admin"), "ana", True)
        assert current_principal(session, "ana") is None
        with pytest.raises(LoginFailed):
            authenticate(session, "ana", GOOD)


def test_roles_are_ordered() -> None:
    assert require(ADMIN, "analyst") is ADMIN
    assert require(ANALYST, "viewer") is ANALYST
    with pytest.raises(AccessDenied):
        require(VIEWER, "analyst")
    with pytest.raises(AccessDenied):
        require(ANALYST, "admin")
    with pytest.raises(AccessDenied):
        require(None, "viewer")


def test_session_timeout() -> None:
    now = utc_now()
    from datetime import timedelta

    assert not session_expired(now - timedelta(minutes=59), now, 60)
    assert session_expired(now - timedelta(minutes=61), now, 60)
    assert session_expired(None, now, 60)


def test_actions_check_the_role_themselves(demo_workspace: Workspace) -> None:
    """A viewer's or analyst's call is refused in the library, whatever the page shows."""
    settings = demo_workspace.settings
    with demo_workspace.session() as session:
        item_id = session.scalar(select(Item.id).limit(1))
        with pytest.raises(AccessDenied):
            actions.promote_model(session, VIEWER, 1, settings)
        with pytest.raises(AccessDenied):
            actions.rollback_model(session, ANALYST, settings)
        with pytest.raises(AccessDenied):
            actions.add_source(session, ANALYST, "http://127.0.0.1:9/x", "x", "news")
        with pytest.raises(AccessDenied):
            actions.set_source_enabled(session, ANALYST, "x", False)
        with pytest.raises(AccessDenied):
            actions.set_triage(session, VIEWER, item_id, "urgent")
        with pytest.raises(AccessDenied):
            actions.add_label(session, VIEWER, item_id, "hoaks", 1, labels=("hoaks",))
        with pytest.raises(AccessDenied):
            actions.override_tps(session, VIEWER, 1, 3, "alasan panjang")
        with pytest.raises(AccessDenied):
            actions.define_operation(session, ANALYST, "Op", utc_now(), utc_now())
        session.rollback()


def test_triage_is_audited_and_validated(demo_workspace: Workspace,
                                         copy_workspace: object, demo_home: Path) -> None:
    from sejuk.workspace import open_workspace

    ws = open_workspace(copy_workspace(demo_home))  # type: ignore[operator]
    try:
        with ws.session() as session:
            item_id = session.scalar(select(Item.id).limit(1))
            with pytest.raises(InputError, match="triage"):
                actions.set_triage(session, ANALYST, item_id, "maybe")
            actions.set_triage(session, ANALYST, item_id, "verified")
        with ws.session() as session:
            item = session.get(Item, item_id)
            assert (item.triage, item.triage_by) == ("verified", "a")
            assert audits(session, "item.triage") == 1
    finally:
        ws.close()


def test_export_is_audited_and_spreadsheet_safe(workspace: Workspace) -> None:
    rows = [{"judul": "=HYPERLINK(\"http://x\")", "n": 3, "teks": "+62 812"},
            {"judul": "biasa\x07", "n": 4, "teks": "@cmd"}]
    with workspace.session() as session:
        data = actions.export_table(session, VIEWER, "items", rows, "csv",
                                    filters={"window": "7d"})
        xlsx = actions.export_table(session, VIEWER, "items", rows, "xlsx")
        assert audits(session, "export") == 2
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "export")
                               .order_by(AuditEntry.id).limit(1))
        assert (entry.actor, entry.target, entry.details["rows"]) == ("v", "items", 2)
        with pytest.raises(InputError, match="format"):
            actions.export_table(session, VIEWER, "items", rows, "pdf")
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0]["judul"].startswith("'=")
    assert parsed[0]["teks"] == "'+62 812"
    assert parsed[1]["teks"] == "'@cmd"
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A2"].value.startswith("'=")
    assert sheet["A3"].value == "biasa"
    assert to_csv([]) == "\ufeff\n".encode()
    assert to_xlsx([])


def test_users_cli(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    home = str(workspace.home)
    monkeypatch.setenv("SEJUK_NEW_PASSWORD", GOOD)
    result = runner.invoke(app, ["users", "add", "ana", "--role", "analyst", "--home", home])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["users", "add", "ana", "--home", home])
    assert result.exit_code == 1
    assert "pengguna 'ana' sudah ada" in result.stderr  # in the workspace's language
    result = runner.invoke(app, ["--lang", "en", "users", "add", "ana", "--home", home])
    assert result.exit_code == 1 and "user 'ana' already exists" in result.stderr
    result = runner.invoke(app, ["users", "add", "bob", "--role", "boss", "--home", home])
    assert result.exit_code == 1 and "peran 'boss': harus salah satu dari" in result.stderr
    result = runner.invoke(app, ["users", "list", "--json", "--home", home])
    assert '"username": "ana"' in result.output and "argon2" not in result.output
    result = runner.invoke(app, ["users", "disable", "ana", "--home", home])
    assert result.exit_code == 0
    result = runner.invoke(app, ["users", "disable", "zed", "--home", home])
    assert result.exit_code == 1 and "tidak ada pengguna 'zed'" in result.stderr
    with workspace.session() as session:
        assert session.scalar(select(User.disabled).where(User.username == "ana")) is True


def test_an_actions_refusal_reads_in_both_languages(workspace: Workspace) -> None:
    """What a page shows when an action refuses: the page's language, the name quoted."""
    now = utc_now()
    with workspace.session() as session:
        with pytest.raises(InputError) as backwards:
            actions.define_operation(session, ADMIN, "Operasi *Mantap* Brata", now, now)
        with pytest.raises(InputError) as too_many:
            actions.export_table(session, ADMIN, "items", [{"a": 1}] * 100_001, "csv")
    assert backwards.value.in_language("id") == (
        "operasi 'Operasi *Mantap* Brata': akhirnya harus sesudah awalnya")
    assert str(backwards.value) == (
        "operation 'Operasi *Mantap* Brata': the end must be after the start")
    assert too_many.value.in_language("id").startswith("ekspor 100.001 baris ditolak")
