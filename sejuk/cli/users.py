"""Dashboard users: ``sejuk users add/list/disable``."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    cli_principal,
    echo_json,
    open_home,
    phrasebook,
    reports_errors,
    state_word,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.phrases import Phrases

users_app = sub_app("users",
                    "Pengguna dashboard dan perannya (reporter, viewer, analyst, admin).",
                    "Dashboard users and roles (reporter, viewer, analyst, admin).")

PASSWORD_ENV = "SEJUK_NEW_PASSWORD"  # noqa: S105 (a variable name, not a secret)

_WORDS: Phrases = {
    "password": {"id": "Kata sandi", "en": "Password"},
    "created": {"id": "Pengguna {name} ({role}) dibuat.", "en": "User {name} ({role}) created."},
    "last_login": {"id": "login terakhir {at}", "en": "last login {at}"},
    "user_enabled": {"id": "Pengguna {name} aktif.", "en": "User {name} enabled."},
    "user_disabled": {"id": "Pengguna {name} dinonaktifkan.", "en": "User {name} disabled."},
    "no_locks": {"id": "Tidak ada kunci login.", "en": "No login locks."},
    "every_name": {"id": "semua nama", "en": "every name"},
    "lock": {"id": "{who:<24} dari {source:<40} {n} gagal",
             "en": "{who:<24} from {source:<40} {n:|failure|failures}"},
    "unlocked": {"id": "{n} kunci dibuka{which}.", "en": "{n:|lock|locks} lifted{which}."},
    "unlocked_one": {"id": "{name} dari {source}", "en": "{name} from {source}"},
}
_ = phrasebook(_WORDS)


@users_app.command("add", help=bilingual(
    "Buat pengguna; kata sandi ditanyakan dua kali (atau dibaca dari $SEJUK_NEW_PASSWORD).",
    "Create a user; the password is asked twice (or read from $SEJUK_NEW_PASSWORD)."))
@reports_errors
def add(
    username: Annotated[str, typer.Argument(help=bilingual(
        "Nama login (huruf kecil).",
        "Login name (lowercase)."))],
    role: Annotated[str, typer.Option(help=bilingual(
        "reporter (petugas lapangan: hanya laporan), viewer, analyst atau admin.",
        "reporter (field officer: reports only), viewer, analyst or admin."))] = "analyst",
    home: HomeOption = None,
) -> None:
    from sejuk.access.auth import add_user

    password = os.environ.get(PASSWORD_ENV) or typer.prompt(
        _("password"), hide_input=True, confirmation_prompt=True)
    workspace = open_home(home)
    try:
        with workspace.session() as session:
            user = add_user(session, cli_principal(), username, password, role)
            typer.echo(_("created", name=user.username, role=user.role))
    finally:
        workspace.close()


@users_app.command("list", help=bilingual(
    "Pengguna beserta peran, status dan login terakhir (tidak pernah hash kata sandinya).",
    "Users with role, state and last login (never the password hash)."))
@reports_errors
def list_(home: HomeOption = None, as_json: JsonOption = False) -> None:
    from sejuk.access.auth import list_users

    workspace = open_home(home)
    try:
        with workspace.session() as session:
            rows = [{"username": u.username, "role": u.role, "disabled": u.disabled,
                     "created_at": u.created_at.isoformat(),
                     "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}
                    for u in list_users(session)]
    finally:
        workspace.close()
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        state = state_word(not row["disabled"])
        typer.echo(f"{row['username']:<24} {row['role']:<8} {state:<9} "
                   + _("last_login", at=row["last_login_at"] or "-"))


@users_app.command("disable", help=bilingual(
    "Nonaktifkan pengguna (sesi dashboard-nya yang terbuka berakhir pada klik berikutnya).",
    "Disable a user (their open dashboard session ends at the next click)."))
@reports_errors
def disable(
    username: Annotated[str, typer.Argument(help=bilingual("Nama login.", "Login name."))],
    enable: Annotated[bool, typer.Option("--enable", help=bilingual(
        "Aktifkan kembali.",
        "Re-enable instead."))] = False,
    home: HomeOption = None,
) -> None:
    from sejuk.access.auth import set_disabled

    workspace = open_home(home)
    try:
        with workspace.session() as session:
            user = set_disabled(session, cli_principal(), username, not enable)
            typer.echo(_("user_enabled" if enable else "user_disabled", name=user.username))
    finally:
        workspace.close()


@users_app.command("locks", help=bilingual(
    "Kunci login yang berlaku: nama mana yang terkunci untuk sumber mana (alamat klien).",
    "Login locks in force: which name is locked for which source (client address)."))
@reports_errors
def locks_(home: HomeOption = None, as_json: JsonOption = False) -> None:
    from sejuk.access.auth import locks

    workspace = open_home(home)
    with workspace.session() as session:
        rows = [{"username": lock.username, "source": lock.source, "failures": lock.failures}
                for lock in locks(session)]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        typer.echo(_("no_locks"))
    for row in rows:
        who = _("every_name") if row["username"] == "*" else row["username"]
        typer.echo(_("lock", who=who, source=row["source"], n=row["failures"]))


@users_app.command("unlock", help=bilingual(
    "Buka kunci login seketika (dicatat di log audit), mis. setelah serangan pada sebuah akun.",
    "Lift login locks at once (audited), e.g. after an attack on an account."))
@reports_errors
def unlock_(
    username: Annotated[str | None, typer.Argument(help=bilingual(
        "Nama login yang dibuka kuncinya (dari semua sumber kecuali dengan --source).",
        "Login name to unlock (from every source unless --source)."))] = None,
    source: Annotated[str | None, typer.Option(help=bilingual(
        "Hanya sumber ini (alamat klien); tanpa nama login: seluruh sumber itu.",
        "Only this source (client address); alone: the whole source."))] = None,
    home: HomeOption = None,
) -> None:
    from sejuk.access.auth import unlock

    workspace = open_home(home)
    with workspace.session() as session:
        lifted = unlock(session, cli_principal(), username=username, source=source)
    typer.echo(_("unlocked", n=len(lifted), which=": " + ", ".join(
        _("unlocked_one", name=lock.username, source=lock.source) for lock in lifted)
        if lifted else ""))
