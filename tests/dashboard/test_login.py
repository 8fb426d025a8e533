"""Login, roles and session timeout on a standard (non-demo) workspace."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from sejuk.access.auth import AccessDenied, Principal, set_disabled
from sejuk.db.models import AuditEntry, Item
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


def _export_builders(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The deferred download callables the pages register, by file name (the real ones,
    recorded on their way into Streamlit's media manager)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    found: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        found[file_name or ""] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return found


def _csv_builder(found: dict[str, object], prefix: str = "sejuk-"):  # type: ignore[no-untyped-def]
    """The CSV builder the latest page run registered. File names carry the minute, so
    runs either side of a minute's turn register two names: the first is stale."""
    return [build for name, build in found.items()
            if name.startswith(prefix) and name.endswith(".csv")][-1]


def test_an_export_clicked_after_disabling_is_refused(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A download button builds its file on click, without a page run (so without the
    gate): a user disabled since the page was drawn still got the export."""
    found = _export_builders(monkeypatch)
    goto(sign_in(make_app(standard_home, monkeypatch), "vera"), "items")
    before = audit_count(standard_home, "export")
    assert _csv_builder(found)()  # while signed in, the export is built
    assert audit_count(standard_home, "export") == before + 1
    ws = open_workspace(standard_home)
    with ws.session() as session:
        set_disabled(session, Principal("test", "admin"), "vera", True)
    ws.close()
    with pytest.raises(AccessDenied):
        _csv_builder(found)()
    assert audit_count(standard_home, "export") == before + 1


def test_an_export_of_debunks_holds_them_and_says_so_in_the_audit(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Item page's export follows its filters, the debunk filter included, and the
    audit entry names the filters it was made with."""
    import csv
    import io

    found = _export_builders(monkeypatch)
    at = goto(sign_in(make_app(standard_home, monkeypatch), "vera"), "items")
    at.selectbox(key="items_window").set_value("window_all").run()
    at.selectbox(key="items_debunk").set_value("yes").run()
    build = _csv_builder(found, "sejuk-items-")
    rows = list(csv.DictReader(io.StringIO(build().decode("utf-8-sig"))))  # type: ignore[operator]
    ws = open_workspace(standard_home)
    try:
        with ws.session() as session:
            debunks = {str(i) for i in session.scalars(select(Item.id).where(
                Item.is_debunk.is_(True)))}
            entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "export")
                                   .order_by(AuditEntry.id.desc()).limit(1))
            assert rows and {r["ID"] for r in rows} <= debunks
            assert entry.details["filters"]["debunk"] == "yes"
            assert entry.details["filters"]["only_flagged"] == "False"
    finally:
        ws.close()


def test_an_export_clicked_after_the_session_timeout_is_refused(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _export_builders(monkeypatch)
    goto(sign_in(make_app(standard_home, monkeypatch), "vera"), "items")
    before = audit_count(standard_home, "export")
    later = utc_now() + timedelta(minutes=61)  # the page left open, then the click
    monkeypatch.setattr("dashboard.gate.utc_now", lambda: later)
    with pytest.raises(AccessDenied):
        _csv_builder(found)()
    assert audit_count(standard_home, "export") == before


def _prepare_plan(at: AppTest) -> str:
    """Prepare the printable plan (contacts included) of the first recommended area."""
    goto(at, "dialog")
    area = at.expander[0].label.split("(")[1].split(")")[0]
    at.button(key=f"dialog_prepare_{area}").click().run()
    assert not at.exception, at.exception
    assert _plan_downloads(at), "the plan's HTML and PDF buttons are shown"
    return area


def _plan_downloads(at: AppTest) -> list[str]:
    return [str(e.proto.id) for e in at.get("download_button")
            if "dialog_dl_" in str(e.proto.id)]


def _user_state(at: AppTest) -> set[str]:
    """Session-state keys beyond the browser's own and the login form drawn now."""
    return {k for k in at.session_state if k not in ("home", "lang")
            and not k.startswith(("login_", "FormSubmitter:login-"))}


def test_signing_out_forgets_the_prepared_plan_and_all_the_users_state(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan holds leaders' phone numbers: after sign-out the next person at this browser
    must not find it, nor anything else the user left (filters, inputs, undo lists)."""
    at = sign_in(make_app(standard_home, monkeypatch), "ana")
    at.radio(key="lang").set_value("id").run()
    area = _prepare_plan(at)
    at.text_input(key="dialog_jurisdiction").set_value("Kabupaten Cirebon").run()
    assert any(k.startswith("dialog_print_") for k in at.session_state)
    at.button(key="logout").click().run()
    assert at.title[0].value == "Masuk ke Sejuk"
    assert not _user_state(at), _user_state(at)
    assert at.session_state["lang"] == "id"  # the browser's language choice stays

    goto(sign_in(at, "adi"), "dialog")  # someone else, same browser
    assert not _plan_downloads(at)
    assert at.text_input(key="dialog_jurisdiction").value == ""
    assert at.button(key=f"dialog_prepare_{area}")


def test_a_session_timeout_forgets_the_prepared_plan(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(standard_home, monkeypatch), "ana")
    _prepare_plan(at)
    at.session_state["auth_last_seen"] = utc_now() - timedelta(minutes=61)
    at.run()
    assert "Sesi berakhir" in at.warning[0].value
    assert not _user_state(at) - {"auth_notice"}, _user_state(at)
    goto(sign_in(at, "ana"), "dialog")
    assert not _plan_downloads(at)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_workspace_without_users_says_how_to_create_the_first(
        workspace: object, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """``sejuk init`` makes no account, and a new Polres met a login form nobody could
    pass, with nothing saying why: the form names the command, until an account exists."""
    from dashboard.i18n import t
    from sejuk.access.auth import add_user

    home = workspace.home  # type: ignore[attr-defined]
    at = make_app(home, monkeypatch)
    at.radio(key="lang").set_value(lang).run()
    (shown,) = [i.value for i in at.info]
    assert shown.startswith(t("no_users", lang, home="").split("`")[0])
    assert "sejuk users add" in shown and "--role admin" in shown
    with workspace.session() as session:  # type: ignore[attr-defined]
        add_user(session, Principal("test", "admin"), "adi", "kata-sandi-panjang", "admin")
    at.run()
    assert not at.info
