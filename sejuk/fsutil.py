"""Files read with one clear error, written whole or not at all, and a full disk
recognised wherever it surfaces.

Every file a user hands Sejuk (rosters, leaders, jurisdictions, labelled samples, imports)
is read by :func:`read_user_text`, in the encodings spreadsheet programs write
(:func:`user_text_encoding`: UTF-8 with or without a byte-order mark, UTF-16 with one,
Windows-1252); a missing file, a workbook, a binary file or broken UTF-8 becomes one
:class:`~sejuk.errors.InputError` naming the file.

Every file Sejuk writes (models and their cards, reports, digests, exports, printed
plans, templates, settings) goes through :func:`atomic_write`: the bytes go to a hidden
temporary file beside the target, which is renamed over it only once complete, so a
reader never sees half a file; on any failure the temporary file is removed, and a full
disk becomes :class:`~sejuk.errors.DiskFull` naming the file. :func:`is_disk_full`
recognises the same condition when the database reports it (SQLite's "database or disk
is full", PostgreSQL's ``disk_full``), however deep in an exception chain it sits.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from sejuk.errors import DiskFull, InputError
from sejuk.phrases import Phrases, Said

#: "No space left on device" and "disk quota exceeded".
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_SQLITE_FULL = 13  # SQLITE_FULL, the primary result code
_PG_DISK_FULL = "53100"


def read_user_text(path: Path) -> str:
    """The text of a file a user gave, or one InputError naming it and what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError.said(FILE_PHRASES, "no_file", path=path) from None
    except OSError as exc:
        raise InputError.said(FILE_PHRASES, "unreadable", path=path, why=exc.strerror) from None
    encoding = user_text_encoding([raw], path)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError.said(FILE_PHRASES, "not_encoding", path=path, byte=exc.start,
                              encoding=ENCODING_NAMES[encoding]) from None


def user_file_encoding(path: Path) -> str:
    """:func:`user_text_encoding` of a file read in 1 MB chunks (large imports)."""
    try:
        with path.open("rb") as handle:
            return user_text_encoding(iter(lambda: handle.read(1 << 20), b""), path)
    except FileNotFoundError:
        raise InputError.said(FILE_PHRASES, "no_file", path=path) from None
    except OSError as exc:
        raise InputError.said(FILE_PHRASES, "unreadable", path=path, why=exc.strerror) from None


#: What a spreadsheet program writes when asked for a workbook instead of text.
_WORKBOOKS = ((b"PK\x03\x04", "xlsx"), (b"\xd0\xcf\x11\xe0", "xls"))
#: The bytes Windows-1252 has no character for.
_NOT_CP1252 = re.compile(b"[\x81\x8d\x8f\x90\x9d]")
_SAVE_ID = "simpan sebagai CSV: File > Save As (Simpan Sebagai) > 'CSV UTF-8 (Comma delimited)'"
_SAVE_EN = "save it as CSV: File > Save As > 'CSV UTF-8 (Comma delimited)'"
#: Why a user's file cannot be read or written, naming the file (and the byte, the line).
FILE_PHRASES: Phrases = {
    "no_file": {"id": "{path}: berkas tidak ada", "en": "{path}: no such file"},
    "unreadable": {"id": "{path}: tidak bisa dibaca ({why})", "en": "{path}: cannot read ({why})"},
    "unwritable": {"id": "{path}: tidak bisa ditulis ({why})",
                   "en": "{path}: cannot write ({why})"},
    "not_encoding": {"id": f"{{path}}: bukan teks {{encoding}} (byte {{byte}}); {_SAVE_ID}",
                     "en": f"{{path}}: not {{encoding}} text (byte {{byte}}); {_SAVE_EN}"},
    "workbook": {"id": f"{{path}}: {{what}}, bukan teks; {_SAVE_ID}",
                 "en": f"{{path}}: {{what}}, not text; {_SAVE_EN}"},
    "cp1252": {"id": "UTF-8 atau Windows-1252", "en": "UTF-8 or Windows-1252"},
    "xlsx": {"id": "buku kerja spreadsheet (XLSX/ODS)", "en": "a spreadsheet workbook (XLSX/ODS)"},
    "xls": {"id": "buku kerja Excel 97-2003 (XLS)", "en": "an Excel 97-2003 workbook (XLS)"},
    "binary": {"id": f"{{path}}: berkas biner, bukan teks (byte {{byte}} adalah NUL); {_SAVE_ID}",
               "en": f"{{path}}: a binary file, not text (byte {{byte}} is NUL); {_SAVE_EN}"},
    "not_encoding_at": {
        "id": f"{{path}}: bukan teks {{encoding}} (baris {{line}}, byte {{byte}}); {_SAVE_ID}",
        "en": f"{{path}}: not {{encoding}} text (line {{line}}, byte {{byte}}); {_SAVE_EN}"},
    "broken_utf8": {
        "id": f"{{path}}: bukan teks UTF-8 (baris {{line}}, byte {{byte}}, merusak UTF-8 di "
              f"sekitarnya); {_SAVE_ID}",
        "en": f"{{path}}: not UTF-8 text (line {{line}}, byte {{byte}}, breaks the UTF-8 "
              f"around it); {_SAVE_EN}"},
}
#: How an error names the encoding a file was read with.
ENCODING_NAMES: dict[str, object] = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16",
                                      "cp1252": Said(FILE_PHRASES, "cp1252")}


def user_text_encoding(chunks: Iterable[bytes], path: Path) -> str:
    """The encoding to read a user's file with, from its bytes (all of them, in chunks).

    UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark (Excel's "Unicode
    Text"), or -- when nothing beyond ASCII in it is valid UTF-8 -- Windows-1252, what
    Excel on Windows writes as "CSV (Comma delimited)". A file mixing valid UTF-8 (or a
    UTF-8 byte-order mark) with a broken sequence is refused (reading it as Windows-1252
    would garble the valid text), and so are a byte neither encoding has, workbooks and
    binary files, each with one error naming the file and the line.
    """
    lenient = codecs.getincrementaldecoder("utf-8")("replace")
    strict = codecs.getincrementaldecoder("utf-8")()
    offset, lines, wide = 0, 1, False  # lines: the line the chunk starts on
    bad: tuple[int, int] | None = None  # (byte, line) of the first broken UTF-8
    undefined: tuple[int, int] | None = None  # ... of the first byte Windows-1252 lacks
    for chunk in chunks:
        if offset == 0:
            if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16"
            for magic, what in _WORKBOOKS:
                if chunk.startswith(magic):
                    raise InputError.said(FILE_PHRASES, "workbook", path=path,
                                          what=Said(FILE_PHRASES, what))
        if b"\x00" in chunk:
            raise InputError.said(FILE_PHRASES, "binary", path=path, byte=offset + chunk.index(0))
        if bad is None:
            pending = strict.getstate()[0]  # the start of a character split by the chunk
            try:
                strict.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = (offset - len(pending) + exc.start,
                       lines + (pending + chunk).count(b"\n", 0, exc.start))
        if undefined is None and (hit := _NOT_CP1252.search(chunk)):
            undefined = (offset + hit.start(), lines + chunk.count(b"\n", 0, hit.start()))
        if not wide:  # any valid UTF-8 beyond ASCII (a UTF-8 byte-order mark says UTF-8)?
            text = lenient.decode(chunk)
            wide = not text.isascii() and not text.replace("\ufffd", "").isascii()
        offset += len(chunk)
        lines += chunk.count(b"\n")
    if bad is None:
        try:
            strict.decode(b"", final=True)
        except UnicodeDecodeError:  # the file ends inside a character
            bad = (offset, lines)
    if bad is None:
        return "utf-8-sig"
    if wide:
        raise InputError.said(FILE_PHRASES, "broken_utf8", path=path, line=bad[1], byte=bad[0])
    if undefined is not None:
        raise InputError.said(FILE_PHRASES, "not_encoding_at", path=path, line=undefined[1],
                              byte=undefined[0], encoding=ENCODING_NAMES["cp1252"])
    return "cp1252"


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


_SQLITE_BUSY = 5  # SQLITE_BUSY: another connection holds the lock past the timeout
#: A path the process may not write or open as asked (read-only, permissions, a file
#: where a folder was named).
UNWRITABLE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR,
                               errno.EISDIR, errno.ENOENT})


def is_database_busy(exc: BaseException) -> bool:
    """True when SQLite gave up waiting for another process's lock."""
    for cause in _causes(exc):
        code = getattr(cause, "sqlite_errorcode", None)
        if (code is not None and code & 0xFF == _SQLITE_BUSY) or "database is locked" in str(
                cause):
            return True
    return False


def unwritable(exc: BaseException) -> tuple[str, int] | None:
    """The path and the errno when ``exc`` is a folder or file the process may
    not use as asked (read-only, no permission, a file where a folder was named, a folder
    that cannot be made there: ``/proc/x``)."""
    for cause in _causes(exc):
        if (isinstance(cause, OSError) and cause.errno in UNWRITABLE_ERRNOS
                and cause.filename):
            return str(cause.filename), int(cause.errno)
    return None


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
            raise InputError.said(FILE_PHRASES, "unwritable", path=path, why=exc.strerror) from None
        raise


def load_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``, with hostile nesting (``a = [[[[...`` thousands deep) reported
    as the TOML error it is: Python's parser recurses, and a RecursionError escaped the
    callers' ``TOMLDecodeError`` handling as a traceback."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("nested too deeply") from None
