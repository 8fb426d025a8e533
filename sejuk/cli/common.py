"""Shared pieces of the command line: the root app, options, error reporting.

Each command opens the workspace, calls one library function and prints its result; a
:class:`~sejuk.errors.SejukError` becomes one line on stderr and exit code 1. Commands
live in one module per domain (``workspace``, ``feeds``, ``classify``, ``regions`` ...),
each registering on the apps defined here.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any, ParamSpec, TypeVar

import typer
from sqlalchemy.orm import Session

from sejuk import __version__
from sejuk.access.auth import Principal
from sejuk.errors import DiskFull, SejukError
from sejuk.exports import BOM
from sejuk.fsutil import disk_full_target, is_disk_full
from sejuk.timeutil import local_today
from sejuk.workspace import Workspace, open_workspace, resolve_home

app = typer.Typer(
    name="sejuk",
    help="Sejuk: pemantau hoaks dan kerawanan pemilu (election hoax and unrest watch).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Workspace folder (default: $SEJUK_HOME or ~/sejuk).",
                 show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ExcelOption = Annotated[bool, typer.Option(
    "--excel", help="Start the CSV with a UTF-8 byte-order mark, so that Excel on Windows "
    "shows diacritics and emoji correctly (leave it off for scripts).")]

P = ParamSpec("P")
R = TypeVar("R")


def sub_app(name: str, help_text: str) -> typer.Typer:
    """A command group (``sejuk NAME ...``) registered on the root app."""
    group = typer.Typer(help=help_text, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


#: Workspaces opened by the running command, closed when it ends (connection pools of a
#: PostgreSQL URL must not outlive the command, least of all in a long test session).
_opened: list[Workspace] = []


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a SejukError into ``error: ...`` on stderr and exit code 1, and so a full
    disk wherever it surfaces (a file, the database); close the workspaces the command
    opened."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        depth = len(_opened)
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            if is_disk_full(exc):  # a file, the database, even while opening it
                what = disk_full_target(exc) or _database(_opened[depth:] or _opened)
                typer.echo(f"error: {DiskFull(what)}", err=True)
                raise typer.Exit(1) from None
            if not isinstance(exc, SejukError):
                raise
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        finally:
            while len(_opened) > depth:
                _opened.pop().close()

    return wrapper


def _database(workspaces: list[Workspace]) -> str:
    """What a database error was writing to, without its password."""
    if not workspaces:
        return "the database"
    from sejuk.db.engine import redact_url

    return f"the database {redact_url(workspaces[-1].settings.db_url)}"


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


def write_csv_text(text: str, out: Path | None, *, excel: bool) -> None:
    """A CSV text (a template) to ``out``, written whole, or to stdout; with ``excel``
    it starts with the UTF-8 byte-order mark (:data:`sejuk.exports.BOM`)."""
    text = (BOM if excel else "") + text
    if out is not None:
        from sejuk.fsutil import atomic_write

        atomic_write(out, text)
        typer.echo(f"Template ditulis ke {out}")
        return
    with csv_stdout(excel) as stream:
        stream.write(text)


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


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SejukError(f"not a date (YYYY-MM-DD): {text!r}") from None


def day_or_today(workspace: Workspace, text: str | None) -> date:
    """A ``--date`` option's day, by default today on the workspace's clock."""
    return parse_date(text) if text else local_today(workspace.settings.timezone)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sejuk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback,
                                          is_eager=True, help="Show the version.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
