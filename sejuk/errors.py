"""Domain errors, so the CLI and the dashboard can turn them into one clear line.

    SejukError
    ├── WorkspaceError        missing, unknown or corrupt workspace (home, sejuk.toml)
    ├── SettingsError         a setting with a wrong type or value
    ├── DatabaseError         the database URL cannot be reached or is not a Sejuk schema
    ├── InputError            a user-supplied file or value is invalid (carries row numbers)
    ├── ModelError            no model, a corrupt or untrusted model file, refused promotion
    ├── NotFound              a named source, model version, user ... does not exist
    └── DiskFull              no space left while writing a file or the database
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sejuk.phrases import Listing, Phrases, Run, Said, say

E = TypeVar("E", bound="Phrased")


class Phrased(Exception):
    """An exception whose message may come from a bilingual phrase table.

    Raised with :meth:`said`, it also reads in the reader's language (:meth:`in_language`,
    and so when filled into another phrase); ``str()`` stays the English text, the one
    logs and library callers see.
    """

    phrase: Said | None = None

    @classmethod
    def said(cls: type[E], table: Phrases, key: str, /, **values: object) -> E:
        """This error with its message from a bilingual phrase table (``table[key]``)."""
        phrase = Said(table, key, values)
        error = cls(str(phrase))
        error.phrase = phrase
        return error

    def in_language(self, lang: str) -> str:
        """The message in ``lang`` when it was raised with :meth:`said`, else as raised."""
        return str(self) if self.phrase is None else self.phrase.in_language(lang)

    def runs(self, lang: str) -> list[Run]:
        """The message in ``lang`` as text and quoted commands (:func:`sejuk.phrases.runs`);
        one run of text when it was not raised with :meth:`said`."""
        return [Run(str(self))] if self.phrase is None else self.phrase.runs(lang)


class SejukError(Phrased):
    """Base of every error Sejuk reports to a person rather than a traceback."""


class BadValue(Phrased, ValueError):
    """One value a parser cannot use (a cell, a setting); whoever called the parser names
    the row or the file around it."""


class WorkspaceError(SejukError):
    """The workspace directory or its settings file is missing or unusable."""


class SettingsError(SejukError):
    """A setting has a value Sejuk cannot use."""


class DatabaseError(SejukError):
    """The database cannot be reached, or its schema is not one Sejuk can use."""


class InputError(SejukError):
    """A file or value given by a user is invalid; nothing was stored."""


def row_problem(number: int, problem: object) -> Said:
    """``row N: problem`` for :func:`invalid_rows` (``problem``: a :class:`Said`, a
    :class:`BadValue`, or a text that reads the same in both languages)."""
    return Said(_ROWS, "row", {"row": number, "problem": problem})


def invalid_rows(name: str, errors: Sequence[object], limit: int = 10) -> InputError:
    """One message for a file refused whole: how many rows failed, the first few by number
    (each a :func:`row_problem`, or any value :func:`~sejuk.phrases.say` can render)."""
    shown = Listing(errors[:limit])
    if len(errors) > limit:
        return InputError.said(_ROWS, "invalid_more", name=name, count=len(errors),
                               shown=shown, more=len(errors) - limit)
    return InputError.said(_ROWS, "invalid", name=name, count=len(errors), shown=shown)


_ROWS: Phrases = {
    "row": {"id": "baris {row}: {problem}", "en": "row {row}: {problem}"},
    "invalid": {"id": "{name}: {count} baris tidak valid, tidak ada yang diimpor: {shown}",
                "en": "{name}: {count:|invalid row|invalid rows}, nothing imported: {shown}"},
    "invalid_more": {
        "id": "{name}: {count} baris tidak valid, tidak ada yang diimpor: {shown} "
              "(dan {more} lagi)",
        "en": "{name}: {count} invalid rows, nothing imported: {shown} (and {more} more)"},
}


class ModelError(SejukError):
    """A classifier model is missing, corrupt, untrusted, or a promotion was refused."""


class NotFound(SejukError):
    """A named thing (source, model version, user, region) does not exist."""


class DiskFull(SejukError):
    """No space left on the device (or over quota) while writing; nothing half-written
    was left behind (see :mod:`sejuk.fsutil`)."""

    def __init__(self, what: str) -> None:
        super().__init__(say(_DISK_FULL, "full", "en", what=what))
        self.what = what
        self.phrase = Said(_DISK_FULL, "full", {"what": what})


_DISK_FULL: Phrases = {"full": {
    "id": "disk penuh saat menulis {what}; kosongkan sebagian ruang lalu jalankan perintah "
          "lagi (tidak ada yang tertinggal setengah tertulis)",
    "en": "disk full while writing {what}; free some space and run the command again "
          "(nothing half-written was left)",
}}
