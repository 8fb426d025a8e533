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

from typing import TypeVar

from sejuk.phrases import Phrases, say

E = TypeVar("E", bound="SejukError")


class SejukError(Exception):
    """Base of every error Sejuk reports to a person rather than a traceback.

    Raised with :meth:`said`, the error also reads in the reader's language
    (:meth:`in_language`); ``str()`` stays the English text, the one logs and library
    callers see.
    """

    _phrase: tuple[Phrases, str, dict[str, object]] | None = None

    @classmethod
    def said(cls: type[E], table: Phrases, key: str, **values: object) -> E:
        """This error with its message from a bilingual phrase table (``table[key]``)."""
        error = cls(say(table, key, "en", **values))
        error._phrase = (table, key, values)
        return error

    def in_language(self, lang: str) -> str:
        """The message in ``lang`` when it was raised with :meth:`said`, else as raised."""
        if self._phrase is None:
            return str(self)
        table, key, values = self._phrase
        return say(table, key, lang, **values)


class WorkspaceError(SejukError):
    """The workspace directory or its settings file is missing or unusable."""


class SettingsError(SejukError):
    """A setting has a value Sejuk cannot use."""


class DatabaseError(SejukError):
    """The database cannot be reached, or its schema is not one Sejuk can use."""


class InputError(SejukError):
    """A file or value given by a user is invalid; nothing was stored."""


def invalid_rows(name: str, errors: list[str], limit: int = 10) -> InputError:
    """One message for a file refused whole: how many rows failed, the first few by number."""
    shown = "; ".join(errors[:limit])
    more = f" (and {len(errors) - limit} more)" if len(errors) > limit else ""
    return InputError(f"{name}: {len(errors)} invalid row(s), nothing imported: {shown}{more}")


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

    def in_language(self, lang: str) -> str:
        return say(_DISK_FULL, "full", lang, what=self.what)


_DISK_FULL: Phrases = {"full": {
    "id": "disk penuh saat menulis {what}; kosongkan sebagian ruang lalu jalankan perintah "
          "lagi (tidak ada yang tertinggal setengah tertulis)",
    "en": "disk full while writing {what}; free some space and run the command again "
          "(nothing half-written was left)",
}}
