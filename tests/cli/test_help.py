"""``sejuk --help`` and every command's help speak the workspace's language, like its
messages: Indonesian by default, English with ``sejuk --lang en``, ``SEJUK_LANGUAGE=en`` or
``[dashboard] language = "en"`` in the sejuk.toml of ``--home`` (else of ``$SEJUK_HOME``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner, Result

from sejuk.cli import app
from sejuk.cli.helptext import bilingual, help_language, localize, translations
from sejuk.workspace import Workspace
from tests.cli.test_language import _set_language

ROOT = Path(__file__).parent.parent.parent
runner = CliRunner()

#: What each help shows, by language: the root's and ``train``'s description, an option
#: of ``train``, ``--help`` itself and the panel titles (as drawn: ``╭─ Opsi ─...``).
SHOWN = {
    "id": {"root": ["Sejuk: pemantau hoaks dan kerawanan pemilu.", "Latih versi model baru",
                    "Bahasa pesan dan bantuan", "─ Perintah ─", "─ Opsi ─"],
           "train": ["Latih versi model baru: label yang dinilai data Anda dilatih ulang",
                     "Sertakan label yang diberikan di dashboard.",
                     "Tampilkan bantuan ini lalu keluar.", "Opsi"]},
    "en": {"root": ["Sejuk: election hoax and unrest watch.", "Train a new model version",
                    "Language of the messages and of the help", "─ Commands ─", "─ Options ─"],
           "train": ["Train a new model version: the labels your data judge are retrained",
                     "Include labels given in the dashboard.", "Show this message and exit.",
                     "Options"]},
}
OTHER = {"id": "en", "en": "id"}


def _tree(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    yield " ".join(("sejuk", *path)), command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _tree(sub, (*path, name))


def _help_texts(root: Any) -> Iterator[tuple[str, str | None]]:
    """Every help text of the command tree: each command's and each of its parameters'
    (arguments, options and ``--help``)."""
    ctx = typer.Context(root)
    for path, command in _tree(root):
        yield path, command.help
        for param in command.get_params(ctx):
            yield f"{path} {param.name}", param.help


def test_every_command_and_option_has_help_in_both_languages() -> None:
    root = get_command(app)
    problems = []
    for where, text in _help_texts(root):
        entry = translations(text)
        if entry is None:
            problems.append(f"{where}: {text!r} has no translation (use bilingual())")
        elif not (entry["id"] and entry["en"]) or entry["id"] == entry["en"]:
            problems.append(f"{where}: {entry} needs its own text in both languages")
    assert not problems, "\n".join(problems)
    assert sum(1 for _ in _help_texts(root)) > 300  # the walk reached every command


def test_the_tree_switches_language_and_back() -> None:
    root = get_command(app)
    ctx = typer.Context(root)
    for lang in ("en", "id", "en"):
        localize(root, ctx, lang)
        for where, text in _help_texts(root):
            entry = translations(text)
            assert entry is not None, where
            # a text shown through Rich markup has its square brackets escaped
            assert text.replace("\\[", "[") == entry[lang], where


def test_one_text_cannot_be_given_two_translations() -> None:
    bilingual("Cetak JSON.", "Print JSON.")  # the same pair again is fine
    with pytest.raises(ValueError, match="two translations"):
        bilingual("Cetak JSON.", "Print it as JSON.")


@pytest.mark.parametrize(("args", "lang"), [
    ([], None), (["--help"], None), (["--lang", "en", "--help"], "en"),
    (["--lang=en", "train", "--help"], "en"), (["-v", "--lang", "en", "train"], "en"),
    (["--lang", "jv", "--help"], None),  # refused later by the parser
    (["train", "--home", "{ws}", "--help"], "en"), (["train", "--home={ws}", "--help"], "en"),
    (["--lang", "id", "train", "--home", "{ws}"], "id"),
    # a subcommand's own --lang (the digest's) is not the run's
    (["digest", "--lang", "en", "--help"], None),
])
def test_the_language_is_read_from_the_command_line(tmp_path: Path, args: list[str],
                                                    lang: str | None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "sejuk.toml").write_text('[dashboard]\nlanguage = "en"\n')
    monkeypatch.setenv("SEJUK_HOME", str(tmp_path / "none"))
    args = [a.format(ws=tmp_path / "ws") for a in args]
    assert help_language(args) == (lang or "id")
    monkeypatch.setenv("SEJUK_LANGUAGE", "en")
    assert help_language(args) == (lang or "en")


def _help(args: list[str], env: dict[str, str] | None = None, code: int = 0) -> Result:
    result = runner.invoke(app, args, env={"COLUMNS": "200", **(env or {})})
    assert result.exit_code == code, result.output
    return result


def _assert_in(shown: str, lang: str, page: str) -> None:
    for text in SHOWN[lang][page]:
        assert text in shown, text
    other = SHOWN[OTHER[lang]][page]
    for text in [*other[:2], *(t for t in other if t.startswith("─"))]:
        assert text not in shown, text  # panel titles too: no commands left under "Commands"


@pytest.fixture
def no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default workspace is one without settings (not the developer's ~/sejuk)."""
    monkeypatch.setenv("SEJUK_HOME", str(tmp_path / "no-workspace"))
    return tmp_path / "no-workspace"


@pytest.mark.usefixtures("no_home")
@pytest.mark.parametrize(("args", "env", "lang"), [
    ([], {}, "id"),
    (["--lang", "en"], {}, "en"),
    ([], {"SEJUK_LANGUAGE": "en"}, "en"),
    (["--lang", "id"], {"SEJUK_LANGUAGE": "en"}, "id"),
])
def test_root_and_train_help(args: list[str], env: dict[str, str], lang: str) -> None:
    _assert_in(_help([*args, "--help"], env).stdout, lang, "root")
    if not args:  # no arguments at all: the help too (exit code 2, as ever)
        _assert_in(_help(args, env, code=2).output, lang, "root")
    _assert_in(_help([*args, "train", "--help"], env).stdout, lang, "train")


@pytest.mark.usefixtures("no_home")
def test_every_command_help_reads_in_english_with_the_flag() -> None:
    """Spot checks across modules and the no-argument help of a group."""
    assert "Register a feed URL" in _help(["--lang", "en", "sources", "add", "--help"]).stdout
    assert "Daftarkan URL feed" in _help(["sources", "add", "--help"]).stdout
    shown = _help(["--lang", "en", "sources"], code=2).output
    assert "Manage feed sources." in shown and "Stop polling a source; its items stay." in shown
    shown = _help(["outreach", "done", "--help"]).stdout
    assert "Argumen" in shown and "Id tindak lanjut (`sejuk outreach list`)." in shown
    # a setting named in square brackets is shown as written, not taken for Rich markup
    shown = _help(["--lang", "en", "classify", "--help"]).stdout
    assert "Only re-apply [classifier.thresholds] and the never-flag rules" in shown


def test_the_workspace_given_sets_the_help_language(workspace: Workspace, no_home: Path) -> None:
    _set_language(workspace.home, "en")
    home = ["--home", str(workspace.home)]
    _assert_in(_help(["train", *home, "--help"]).stdout, "en", "train")
    _assert_in(_help(["train", "--help", *home]).stdout, "en", "train")
    _assert_in(_help(["--lang", "id", "train", *home, "--help"]).stdout, "id", "train")
    _assert_in(_help(["train", *home, "--help"], {"SEJUK_LANGUAGE": "id"}).stdout, "id", "train")
    _assert_in(_help(["train", "--help"]).stdout, "id", "train")  # not the default home's


def test_the_default_workspace_sets_the_help_language(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sejuk.toml").write_text('[dashboard]\nlanguage = "en"\n', encoding="utf-8")
    monkeypatch.setenv("SEJUK_HOME", str(tmp_path))
    _assert_in(_help(["--help"]).stdout, "en", "root")
    _assert_in(_help(["train", "--help"]).stdout, "en", "train")


def test_an_unreadable_settings_file_still_gives_help(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sejuk.toml").mkdir()  # a folder: the file cannot be read
    monkeypatch.setenv("SEJUK_HOME", str(tmp_path))
    _assert_in(_help(["train", "--help"]).stdout, "id", "train")
    _assert_in(_help(["train", "--help"], {"SEJUK_LANGUAGE": "en"}).stdout, "en", "train")


@pytest.mark.parametrize(("args", "env", "lang"), [
    (["--help"], {}, "id"), (["--lang", "en", "--help"], {}, "en"),
    (["train", "--help"], {}, "id"), (["train", "--help"], {"SEJUK_LANGUAGE": "en"}, "en"),
])
def test_help_of_the_real_command(tmp_path: Path, args: list[str], env: dict[str, str],
                                  lang: str) -> None:
    """The installed entry point, in a process of its own (``python -m sejuk.cli``)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SEJUK_")}
    result = subprocess.run(
        [sys.executable, "-m", "sejuk.cli", *args], capture_output=True, text=True,
        encoding="utf-8", timeout=120, cwd=ROOT,
        env={**clean, "SEJUK_HOME": str(tmp_path), "COLUMNS": "200", **env})
    assert result.returncode == 0, result.stderr
    _assert_in(result.stdout, lang, "train" if "train" in args else "root")
