"""Shared pieces of the command line: the root app, options, error reporting.

Each command opens the workspace, calls one library function and prints its result; a
:class:`~sejuk.errors.SejukError` becomes one line on stderr and exit code 1. Commands
live in one module per domain (``workspace``, ``feeds``, ``classify``, ``regions`` ...),
each registering on the apps defined here.

Sentences for people are in the workspace's language (``sejuk --lang``, else
``dashboard.language``: ``SEJUK_LANGUAGE`` over ``sejuk.toml``, else Indonesian): each
module keeps its phrases in a small table read through :func:`phrasebook`, and errors
raised with :meth:`SejukError.said <sejuk.errors.SejukError.said>` read in it too. So does
``--help``: every command, group, option and argument declares its help in both languages
with :func:`~sejuk.cli.helptext.bilingual`, next to its declaration.
Machine-readable output (``--json``, exports, codes, the ``error:`` prefix) never changes
with the language.
"""

from __future__ import annotations

import errno
import functools
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from sqlalchemy.orm import Session

from sejuk import __version__
from sejuk.access.auth import Principal
from sejuk.cli.helptext import LocalizedGroup, bilingual
from sejuk.errors import DiskFull, InputError, SejukError
from sejuk.exports import BOM
from sejuk.fsutil import disk_full_target, is_database_busy, is_disk_full, unwritable
from sejuk.phrases import Phrases, Said, say
from sejuk.settings import configured_language
from sejuk.timeutil import YEARS, local_today
from sejuk.workspace import Workspace, open_workspace, resolve_home


class Language(StrEnum):
    """``sejuk --lang``'s choices."""

    id = "id"
    en = "en"

app = typer.Typer(
    name="sejuk",
    cls=LocalizedGroup,
    help=bilingual("Sejuk: pemantau hoaks dan kerawanan pemilu.",
                   "Sejuk: election hoax and unrest watch."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", show_default=False, help=bilingual(
        "Folder ruang kerja (bawaan: $SEJUK_HOME atau ~/sejuk).",
        "Workspace folder (default: $SEJUK_HOME or ~/sejuk).")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=bilingual("Cetak JSON.",
                                                                   "Print JSON."))]
ExcelOption = Annotated[bool, typer.Option("--excel", help=bilingual(
    "Awali CSV dengan byte-order mark UTF-8 agar Excel di Windows menampilkan diakritik dan "
    "emoji dengan benar (biarkan mati untuk skrip).",
    "Start the CSV with a UTF-8 byte-order mark, so that Excel on Windows shows diacritics "
    "and emoji correctly (leave it off for scripts)."))]

P = ParamSpec("P")
R = TypeVar("R")


def sub_app(name: str, indonesian: str, english: str) -> typer.Typer:
    """A command group (``sejuk NAME ...``) registered on the root app, its help in
    both languages."""
    group = typer.Typer(help=bilingual(indonesian, english), no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


#: Workspaces opened by the running command, closed when it ends (connection pools of a
#: PostgreSQL URL must not outlive the command, least of all in a long test session).
_opened: list[Workspace] = []

#: This run's ``sejuk --lang``, the ``--home`` of its command and the language its
#: settings give (read once, when needed), for :func:`language`.
_run: dict[str, Any] = {"lang": None, "home": None, "configured": None}

_WORDS: Phrases = {
    "not_a_date": {"id": "bukan tanggal (YYYY-MM-DD): {text!r}",
                   "en": "not a date (YYYY-MM-DD): {text!r}"},
    "date_range": {"id": "tanggal {text!r} di luar tahun {first}-{last}",
                   "en": "date {text!r} is outside the years {first}-{last}"},
    "database": {"id": "basis data", "en": "the database"},
    "busy": {"id": "{what} sedang dikunci proses lain (impor, pengumpulan atau cadangan yang "
                   "panjang) lebih dari {seconds} detik; tidak ada yang berubah, ulangi "
                   "sebentar lagi",
             "en": "{what} is locked by another process (a long import, collection or "
                   "backup) for more than {seconds} s; nothing was changed, try again shortly"},
    "clash": {"id": "basis data menolak baris yang baru saja disimpan proses lain ({detail}); "
                    "yang sedang ditulis perintah ini dibatalkan: jalankan lagi",
              "en": "the database refused a row another run stored at the same moment "
                    "({detail}); what this command was writing was rolled back: run it again"},
    "denied": {"id": "tidak ada izin", "en": "permission denied"},
    "read_only": {"id": "sistem berkasnya hanya-baca", "en": "the file system is read-only"},
    "not_a_folder": {"id": "sebagian jalurnya berkas, bukan folder",
                     "en": "part of the path is a file, not a folder"},
    "a_folder": {"id": "itu folder, bukan berkas", "en": "it is a folder, not a file"},
    "cannot_create": {"id": "tidak bisa dibuat di sana", "en": "it cannot be created there"},
    "unwritable": {"id": "tidak bisa memakai {path}: {why}",
                   "en": "cannot use {path}: {why}"},
    "bad_format": {"id": "--format harus salah satu dari {formats}, bukan {fmt!r}",
                   "en": "--format must be one of {formats}, not {fmt!r}"},
    "template_written": {"id": "Template ditulis ke {out}", "en": "Template written to {out}"},
    # a source's or a user's state in a list
    "enabled": {"id": "aktif", "en": "enabled"},
    "disabled": {"id": "nonaktif", "en": "disabled"},
}


def state_word(enabled: bool) -> str:
    """``aktif``/``nonaktif`` (enabled/disabled) for a list's state column."""
    return _("enabled" if enabled else "disabled")


def chosen_language() -> str | None:
    """The language given with ``sejuk --lang`` for this run, if any."""
    return _run["lang"]


def language() -> str:
    """The language of this run's sentences: ``sejuk --lang``, else the workspace's
    ``dashboard.language`` (the open workspace's, else read from its settings without
    opening it), else ``SEJUK_LANGUAGE``, else Indonesian."""
    if _run["lang"]:
        return str(_run["lang"])
    if _opened:
        return _opened[-1].settings.dashboard.language
    # before (or without) a workspace: its sejuk.toml may still say; read once per
    # command, not once per sentence
    if _run["configured"] is None:
        _run["configured"] = configured_language(resolve_home(_run["home"]))
    return str(_run["configured"])


def phrasebook(table: Phrases) -> Callable[..., str]:
    """``words(key, **values)``: ``table[key]`` in this run's :func:`language`."""

    def words(key: str, **values: object) -> str:
        return say(table, key, language(), **values)

    return words


_ = phrasebook(_WORDS)


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a SejukError into ``error: ...`` on stderr and exit code 1, and so a full
    disk wherever it surfaces (a file, the database); close the workspaces the command
    opened."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        depth = len(_opened)
        _run["home"], _run["configured"] = kwargs.get("home"), None
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            if is_disk_full(exc):  # a file, the database, even while opening it
                what = disk_full_target(exc) or _database(_opened[depth:] or _opened)
                typer.echo(f"error: {DiskFull(what).in_language(language())}", err=True)
                raise typer.Exit(1) from None
            said = exc if isinstance(exc, SejukError) else _system_trouble(exc, depth)
            if said is None:
                raise
            typer.echo(f"error: {said.in_language(language())}", err=True)
            raise typer.Exit(1) from None
        finally:
            while len(_opened) > depth:
                _opened.pop().close()

    return wrapper


def _system_trouble(exc: Exception, depth: int) -> SejukError | None:
    """A locked database, a folder the command may not write or a row another run stored
    at the same moment, said in one line (all were tracebacks: an import waiting on a
    collection's lock, `sejuk train` with a read-only models folder, `sejuk init --home`
    under /proc, two `sejuk tps import` of one file at once)."""
    if is_database_busy(exc):
        from sejuk.db.engine import SQLITE_BUSY_TIMEOUT_MS

        return SejukError.said(_WORDS, "busy", what=_database(_opened[depth:] or _opened),
                               seconds=SQLITE_BUSY_TIMEOUT_MS // 1000)
    found = unwritable(exc)
    if found is not None:
        path, code = found
        return SejukError.said(_WORDS, "unwritable", path=path,
                               why=Said(_WORDS, _ERRNO_WORDS.get(code, "denied")))
    from sqlalchemy.exc import IntegrityError

    if isinstance(exc, IntegrityError) and _unique_violation(exc):
        detail = str(exc.orig).splitlines()[0] if exc.orig is not None else ""
        return SejukError.said(_WORDS, "clash", detail=detail)
    return None


def _unique_violation(exc: Exception) -> bool:
    """A UNIQUE constraint, the one two runs storing the same rows at once meet (any other
    constraint would fail again on a second run, and is a fault to see whole)."""
    orig = getattr(exc, "orig", None)
    return (getattr(orig, "sqlstate", None) == "23505"
            or "UNIQUE constraint failed" in str(orig))


#: What a folder or file the command may not use was refused for, by errno.
_ERRNO_WORDS = {errno.EACCES: "denied", errno.EPERM: "denied", errno.EROFS: "read_only",
                errno.ENOTDIR: "not_a_folder", errno.EISDIR: "a_folder",
                errno.ENOENT: "cannot_create"}


def _database(workspaces: list[Workspace]) -> str:
    """What a database error was writing to, without its password."""
    if not workspaces:
        return _("database")
    from sejuk.db.engine import redact_url

    return f"{_('database')} {redact_url(workspaces[-1].settings.db_url)}"


def track(workspace: Workspace) -> Workspace:
    """Close ``workspace`` when the running command ends."""
    _opened.append(workspace)
    return workspace


def open_home(home: Path | None) -> Workspace:
    return track(open_workspace(resolve_home(home)))


@contextmanager
def home_session(home: Path | None) -> Iterator[tuple[Workspace, Session]]:
    """The workspace and one transaction, for commands that need nothing else."""
    workspace = open_home(home)
    with workspace.session() as session:
        yield workspace, session


@contextmanager
def csv_stdout(excel: bool) -> Iterator[IO[str]]:
    """Standard output for a CSV: as it is by default (scripts read it); for Excel
    (``--excel``) UTF-8 whatever the locale, since the writer starts it with the UTF-8
    byte-order mark."""
    if not excel:
        yield sys.stdout
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()  # sys.stdout's buffer stays open


def echo_json(data: Any) -> None:
    """One JSON document on stdout (non-ASCII kept readable)."""
    typer.echo(json.dumps(data, ensure_ascii=False, default=str))


def actor() -> str:
    """Who the audit log records for CLI actions."""
    return os.environ.get("SEJUK_USER") or os.environ.get("USER") or "cli"


def cli_principal() -> Principal:
    """Who acts in a command: whoever can run it on the server already holds the
    workspace, so the command acts as an administrator named by :func:`actor`."""
    return Principal(actor(), "admin")


_D = TypeVar("_D", date, datetime)


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise SejukError.said(_WORDS, "not_a_date", text=text) from None
    return check_year(day, text)


def check_year(moment: _D, text: str) -> _D:
    """``moment`` (a date or a time read from ``text``) if its year is in :data:`YEARS`."""
    if not YEARS[0] <= moment.year <= YEARS[1]:
        refuse_year(text)
    return moment


def refuse_year(text: str) -> NoReturn:
    """Refuse a date or time ``text`` whose year is outside :data:`YEARS`."""
    raise SejukError.said(_WORDS, "date_range", text=text, first=YEARS[0], last=YEARS[1])


def check_format(fmt: str, formats: Sequence[str]) -> None:
    """Refuse a ``--format`` the command does not write, naming the ones it does."""
    if fmt not in formats:
        raise InputError.said(_WORDS, "bad_format", formats=", ".join(formats), fmt=fmt)


def print_template(text: str, out: Path | None, *, excel: bool = False) -> None:
    """A ``template`` command's CSV: to ``out`` (atomically, whole), else to stdout; with
    ``excel`` it starts with the UTF-8 byte-order mark (:data:`sejuk.exports.BOM`)."""
    text = (BOM if excel else "") + text
    if out is None:
        with csv_stdout(excel) as stream:
            stream.write(text)
        return
    from sejuk.fsutil import atomic_write

    atomic_write(out, text)
    typer.echo(_("template_written", out=out))


def day_or_today(workspace: Workspace, text: str | None) -> date:
    """A ``--date`` option's day, by default today on the workspace's clock."""
    return parse_date(text) if text else local_today(workspace.settings.timezone)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sejuk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version_callback, is_eager=True,
        help=bilingual("Tampilkan versi.", "Show the version."))] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=bilingual(
        "Catat kemajuan.", "Log progress."))] = False,
    lang: Annotated[Language | None, typer.Option("--lang", show_default=False, help=bilingual(
        "Bahasa pesan dan bantuan (--help): id (Bahasa Indonesia) atau en (bawaan: "
        "dashboard.language, yaitu SEJUK_LANGUAGE atau sejuk.toml, selain itu id). JSON, CSV "
        "dan keluaran lain untuk mesin tidak berubah.",
        "Language of the messages and of the help (--help): id (Bahasa Indonesia) or en "
        "(default: dashboard.language, i.e. SEJUK_LANGUAGE or sejuk.toml, else id). JSON, "
        "CSV and other machine-readable output do not change."))] = None,
) -> None:
    _run["lang"] = lang.value if lang else None
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
