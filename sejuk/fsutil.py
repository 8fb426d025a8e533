"""Files read with one clear error, written whole or not at all, and a full disk
recognised wherever it surfaces.

Every file a user hands Sejuk (rosters, leaders, jurisdictions, labelled samples, imports)
is read by :func:`read_user_text`: a missing file or a byte that is not UTF-8 becomes one
:class:`~sejuk.errors.InputError` naming the file, and a spreadsheet's byte-order mark is
dropped.

Every file Sejuk writes (models and their cards, reports, digests, exports, printed
plans, templates, settings) goes through :func:`atomic_write`: the bytes go to a hidden
temporary file beside the target, which is renamed over it only once complete, so a
reader never sees half a file; on any failure the temporary file is removed, and a full
disk becomes :class:`~sejuk.errors.DiskFull` naming the file. :func:`is_disk_full`
recognises the same condition when the database reports it (SQLite's "database or disk
is full", PostgreSQL's ``disk_full``), however deep in an exception chain it sits.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sejuk.errors import DiskFull, InputError

#: "No space left on device" and "disk quota exceeded".
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_SQLITE_FULL = 13  # SQLITE_FULL, the primary result code
_PG_DISK_FULL = "53100"


def read_user_text(path: Path) -> str:
    """The text of a file a user gave, or one InputError naming it and what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        todo += [current.__cause__, current.__context__, getattr(current, "orig", None)]
    return seen


def is_disk_full(exc: BaseException) -> bool:
    """True when ``exc`` (or anything it was raised from) says the disk is full."""
    for cause in _causes(exc):
        if isinstance(cause, DiskFull):
            return True
        if isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS:
            return True
        if getattr(cause, "sqlite_errorcode", None) is not None and (
                cause.sqlite_errorcode & 0xFF) == _SQLITE_FULL:  # type: ignore[attr-defined]
            return True
        if getattr(cause, "sqlstate", None) == _PG_DISK_FULL:
            return True
        text = str(cause)
        if "database or disk is full" in text or "No space left on device" in text:
            return True
    return False


def disk_full_target(exc: BaseException) -> str | None:
    """The file a disk-full error names, if any."""
    for cause in _causes(exc):
        if isinstance(cause, DiskFull):
            return cause.what
        if isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS and cause.filename:
            return str(cause.filename)
    return None


def atomic_write(path: Path, content: str | bytes | Callable[[IO[Any]], None], *,
                 encoding: str = "utf-8", text: bool | None = None) -> None:
    """Write ``content`` (or let a callable write to the open file) to ``path`` whole.

    The temporary file (``.NAME.PID.tmp`` beside the target) is flushed to disk before
    the rename and removed on any failure; a full disk raises :class:`DiskFull`, any
    other failure of the file system an :class:`InputError` naming the target.
    """
    binary = isinstance(content, bytes) if text is None else not text
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with (tmp.open("wb") if binary else
              tmp.open("w", encoding=encoding, newline="")) as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFull(str(path)) from None
        if isinstance(exc, OSError):  # a folder given as --out, no permission ...
            raise InputError(f"{path}: cannot write ({exc.strerror})") from None
        raise
