"""Help in the workspace's language: ``sejuk --help`` and every command's ``--help``.

Typer builds help text when the commands are declared, long before ``--lang`` is read, so
each command and option declares its help in both languages with :func:`bilingual` (the
Indonesian is what Typer stores; the English is remembered beside it), and the root group
(:class:`LocalizedGroup`) switches the whole command tree to this run's language before
it parses anything, help included. The language is found as for the run's messages
(:func:`help_language`): the root ``--lang``, else the workspace's ``dashboard.language``
(``SEJUK_LANGUAGE`` over the ``sejuk.toml`` of ``--home``, ``$SEJUK_HOME`` or ``~/sejuk``),
else Indonesian.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rich.markup import escape
from typer.core import TyperGroup

from sejuk.settings import LANGUAGES, configured_language
from sejuk.workspace import resolve_home

#: Every help text declared, by its text in either language -> both texts.
_TEXTS: dict[str, Mapping[str, str]] = {}

#: The titles of the help's panels (Typer's own are English).
_PANELS: Mapping[str, Mapping[str, str]] = {
    "options": {"id": "Opsi", "en": "Options"},
    "arguments": {"id": "Argumen", "en": "Arguments"},
    "commands": {"id": "Perintah", "en": "Commands"},
}


def bilingual(indonesian: str, english: str) -> str:
    """A help text in both languages, for ``help=``: returns the Indonesian (what the
    command tree shows by default) and remembers the English beside it.

    Typer copies help into plain strings (``inspect.cleandoc``), so the English cannot
    travel with the text: :func:`localize` finds it again by the text itself. Hence a text
    given twice must be given with the same translation."""
    entry = {"id": inspect.cleandoc(indonesian), "en": inspect.cleandoc(english)}
    for text in entry.values():
        if _TEXTS.get(text, entry) != entry:
            raise ValueError(f"help text {text!r} is declared with two translations")
    for text in entry.values():
        _TEXTS[text] = entry
    return entry["id"]


# click's own ``--help`` option
bilingual("Tampilkan bantuan ini lalu keluar.", "Show this message and exit.")


def translations(text: str | None) -> Mapping[str, str] | None:
    """Both languages of a declared help text, as declared or as :func:`localize` left it
    (``None`` for a text not declared so)."""
    if not text:
        return None
    text = inspect.cleandoc(text)
    return _TEXTS.get(text) or _TEXTS.get(text.replace("\\[", "["))


def _in(text: str | None, lang: str, markup: bool) -> str | None:
    """``text`` in ``lang``; for Rich markup, with its square brackets shown as written
    (``[classifier.thresholds]`` is a setting, not a style)."""
    entry = translations(text)
    if entry is None:
        return text
    return escape(entry[lang]) if markup else entry[lang]


def localize(root: Any, ctx: Any, lang: str) -> None:
    """Switch the help of ``root`` and every command under it to ``lang``: command and
    option help, ``--help`` itself and the panel titles."""
    for command in _tree(root):
        markup = getattr(command, "rich_markup_mode", None) == "rich"
        command.help = _in(command.help, lang, markup)
        command.short_help = _in(command.short_help, lang, markup)
        for param in command.get_params(ctx):
            param.help = _in(param.help, lang, markup)
            panel = "arguments" if param.param_type_name == "argument" else "options"
            _set_panel(param, panel, lang)
        for sub in getattr(command, "commands", {}).values():
            _set_panel(sub, "commands", lang)


def _set_panel(thing: Any, panel: str, lang: str) -> None:
    """Name the panel ``thing`` is listed in, in ``lang`` (unless it has a panel of its own)."""
    current = getattr(thing, "rich_help_panel", None)
    # Typer leaves a falsy ``DefaultPlaceholder`` on commands with no panel of their own.
    if not current or current in _PANELS[panel].values():
        thing.rich_help_panel = _PANELS[panel][lang]


def _tree(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _tree(sub)


def help_language(args: Sequence[str]) -> str:
    """The language of this run, from its command line before click parses it: the root
    ``--lang`` (when valid), else the configured language of the ``--home`` given to the
    command (else of ``$SEJUK_HOME`` or ``~/sejuk``)."""
    lang, rest = _root_option(args, "--lang")
    if lang in LANGUAGES:
        return lang
    home, _ = _root_option(rest, "--home", stop_at_command=False)
    return configured_language(resolve_home(home))


def _root_option(args: Sequence[str], name: str, *,
                 stop_at_command: bool = True) -> tuple[str | None, Sequence[str]]:
    """The value of option ``name`` (``--name value`` or ``--name=value``) and the
    arguments after the options of the root (with ``stop_at_command``: only among those)."""
    at = 0
    while at < len(args) and args[at] != "--":
        token = args[at]
        if token.startswith(f"{name}="):
            return token.partition("=")[2], args[at + 1:]
        if token == name:
            return (args[at + 1] if at + 1 < len(args) else None), args[at + 2:]
        if stop_at_command and not token.startswith("-"):
            break
        at += 1
    return None, args[at:]


class LocalizedGroup(TyperGroup):
    """The root group: before parsing this run's arguments, its help (and every
    command's below it) is switched to the run's language."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        localize(self, ctx, help_language(args))
        return super().parse_args(ctx, args)
