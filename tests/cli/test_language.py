"""The command line speaks the workspace's language: Indonesian by default, English with
``SEJUK_LANGUAGE=en``, ``[dashboard] language = "en"`` in sejuk.toml, or ``sejuk --lang en``
(which wins over both). Machine-readable output never changes with it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sejuk.cli import app
from sejuk.workspace import Workspace

DATA = Path(__file__).parent.parent / "data"
runner = CliRunner()

#: How a run can be asked for English, besides the default (Indonesian).
ENGLISH = {"env": ({"SEJUK_LANGUAGE": "en"}, []), "flag": ({}, ["--lang", "en"])}


def _run(args: list[str], lang: str | None = None, how: str = "env") -> Result:
    env, flag = ENGLISH[how] if lang == "en" else ({}, [])
    return runner.invoke(app, [*flag, *args], env=env)


def _set_language(home: Path, lang: str) -> None:
    """Set ``[dashboard] language`` in the workspace's sejuk.toml (on PostgreSQL the test
    workspace's file holds only its ``[database]`` URL)."""
    settings = home / "sejuk.toml"
    text = settings.read_text(encoding="utf-8")
    assert "[dashboard]" in text or "language" not in text
    text = (text.replace('language = "id"', f'language = "{lang}"') if "[dashboard]" in text
            else f'{text}\n[dashboard]\nlanguage = "{lang}"\n')
    settings.write_text(text, encoding="utf-8")
    assert f'language = "{lang}"' in settings.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "ready", "starter"), [
    (None, "Ruang kerja siap: ", "Model awal v1 aktif: dilatih dari korpus nyata"),
    ("en", "Workspace ready: ", "Starter model v1 active: trained on real Indonesian"),
])
def test_init(tmp_path: Path, lang: str | None, ready: str, starter: str) -> None:
    result = _run(["init", "--home", str(tmp_path / "ws")], lang)
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.startswith(ready) and second.startswith(starter)


@pytest.mark.parametrize("how", ["env", "flag"])
def test_status_in_english_and_by_default_in_indonesian(workspace: Workspace, how: str) -> None:
    args = ["status", "--home", str(workspace.home)]
    indonesian, english = _run(args), _run(args, "en", how)
    assert indonesian.exit_code == english.exit_code == 0, english.output
    assert [line[:11].strip() for line in indonesian.stdout.splitlines()] == [
        "Ruang kerja", "Item", "Ditandai", "Sumber", "Wilayah", "TPS", "Model"]
    assert "bermasalah" in indonesian.stdout and "belum ada" in indonesian.stdout
    assert [line[:11].strip() for line in english.stdout.splitlines()] == [
        "Workspace", "Items", "Flagged", "Sources", "Regions", "TPS", "Model"]
    assert "failing" in english.stdout and "none yet (run `sejuk train`)" in english.stdout
    assert "bermasalah" not in english.stdout and "belum ada" not in english.stdout


def test_the_workspace_file_sets_the_language_and_the_flag_wins(workspace: Workspace) -> None:
    _set_language(workspace.home, "en")
    args = ["status", "--home", str(workspace.home)]
    assert "Flagged" in _run(args).stdout
    assert "Ditandai" in runner.invoke(app, ["--lang", "id", *args]).stdout
    # and the variable wins over the file, as for every setting
    assert "Ditandai" in runner.invoke(app, args, env={"SEJUK_LANGUAGE": "id"}).stdout
    # --lang holds for its own run only
    assert "Flagged" in _run(args).stdout


def test_json_does_not_change_with_the_language(workspace: Workspace) -> None:
    home = str(workspace.home)
    for command in (["status"], ["sources", "list"], ["models", "list"]):
        args = [*command, "--home", home, "--json"]
        indonesian, english = _run(args), _run(args, "en", "flag")
        assert indonesian.exit_code == english.exit_code == 0, english.output
        assert json.loads(indonesian.stdout) == json.loads(english.stdout)


def test_sources_add_and_list(workspace: Workspace) -> None:
    home = ["--home", str(workspace.home)]
    added = _run(["sources", "add", "https://kabar.example/rss", "--name", "Kabar", *home],
                 "en")
    assert added.exit_code == 0, added.output
    assert added.stdout == "Source added: Kabar (news) https://kabar.example/rss\n"
    listed = _run(["sources", "list", *home], "en").stdout
    assert " enabled " in listed and "      0 items  not fetched yet" in listed
    listed = _run(["sources", "list", *home]).stdout
    assert " aktif " in listed and "      0 item  belum diambil" in listed
    removed = _run(["sources", "remove", "Kabar", *home])
    assert removed.stdout == "Sumber Kabar dihapus.\n"


def test_train_and_evaluate_messages(workspace: Workspace) -> None:
    home = ["--home", str(workspace.home)]
    labels = str(DATA / "labelled_small.csv")
    trained = _run(["train", "--labels", labels, "--no-bundled", *home], "en")
    assert trained.exit_code == 0, trained.output
    assert trained.stdout.startswith("Model v1 trained on ")
    assert "(active)" in trained.stdout and "-fold cross-validation (" in trained.stdout
    assert "dilatih" not in trained.stdout and "validasi" not in trained.stdout
    indonesian = _run(["evaluate", "--labels", labels, *home])
    english = _run(["evaluate", "--labels", labels, *home], "en")
    assert indonesian.exit_code == english.exit_code == 0, english.output
    assert " sampel, macro-F1 " in indonesian.stdout.splitlines()[0]
    assert " samples, macro-F1 " in english.stdout.splitlines()[0]


def _refusal(result: Result) -> str:
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")  # the prefix scripts look for, in every language
    return line.removeprefix("error: ")


@pytest.mark.parametrize(("lang", "message"), [
    (None, "{home}: folder ruang kerja tidak ada; jalankan `sejuk init --home {home}`"),
    ("en", "{home}: no such workspace directory; run `sejuk init --home {home}`"),
])
@pytest.mark.parametrize("how", ["env", "flag"])
def test_a_refusal_names_its_culprit_in_both_languages(tmp_path: Path, lang: str | None,
                                                       message: str, how: str) -> None:
    home = tmp_path / "missing"
    result = _run(["status", "--home", str(home)], lang, how)
    assert _refusal(result) == message.format(home=home)


@pytest.mark.parametrize(("lang", "message", "schema"), [
    ("id", "{db}: berkas basis data tidak ada; jalankan `sejuk init --home {home}`", False),
    ("en", "{db}: no such database file; run `sejuk init --home {home}`", False),
    ("id", "{url} tidak berisi skema Sejuk; jalankan `sejuk init --home {home}`", True),
    ("en", "{url} holds no Sejuk schema; run `sejuk init --home {home}`", True),
])
def test_a_workspace_that_cannot_open_still_speaks_its_language(
        tmp_path: Path, lang: str, message: str, schema: bool) -> None:
    """The error comes before the workspace is open: its sejuk.toml is read for the language.
    Without a database file the command says so and creates none (it left an empty
    sejuk.db behind); with an empty one, that it holds no schema."""
    home = tmp_path / "ws"
    home.mkdir()
    (home / "sejuk.toml").write_text(f'[dashboard]\nlanguage = "{lang}"\n', encoding="utf-8")
    db = home / "sejuk.db"
    if schema:
        sqlite3.connect(db).close()
    result = runner.invoke(app, ["sources", "list", "--home", str(home)])
    assert _refusal(result) == message.format(url=f"sqlite:///{db}", db=db, home=home)
    assert db.exists() is schema


def test_a_refusal_of_the_cli_itself() -> None:
    args = ["regions", "tag", "Bentrok di Cirebon", "--source-region", "99.99"]
    assert _refusal(_run(args)) == ("kode wilayah '99.99' untuk --source-region tidak "
                                    "dikenal (`sejuk regions list`)")
    assert _refusal(_run(args, "en", "flag")) == ("unknown region code '99.99' for "
                                                  "--source-region (`sejuk regions list`)")


def test_an_unreadable_settings_file_does_not_hide_the_error(tmp_path: Path) -> None:
    """Finding the language must not raise over the error being reported: here
    $SEJUK_HOME's sejuk.toml cannot be read (a folder), and `regions tag` reads no
    workspace."""
    (tmp_path / "sejuk.toml").mkdir()
    args = ["regions", "tag", "Bentrok di Cirebon", "--source-region", "99.99"]
    result = runner.invoke(app, args, env={"SEJUK_HOME": str(tmp_path)})
    assert _refusal(result).startswith("kode wilayah '99.99'")
    result = runner.invoke(app, args, env={"SEJUK_HOME": str(tmp_path), "SEJUK_LANGUAGE": "en"})
    assert _refusal(result).startswith("unknown region code '99.99'")


def test_an_unknown_language_is_refused_by_the_parser() -> None:
    result = runner.invoke(app, ["--lang", "jv", "status"])
    assert result.exit_code == 2
    assert "--lang" in result.output


def test_the_global_flag_sets_the_digest_language_unless_the_digest_has_its_own(
        workspace: Workspace) -> None:
    args = ["digest", "--home", str(workspace.home), "--format", "txt"]
    assert "Ringkasan harian" in _run(args).stdout
    assert "Daily digest" in runner.invoke(app, ["--lang", "en", *args]).stdout
    assert "Ringkasan harian" in runner.invoke(app, ["--lang", "en", *args,
                                                     "--lang", "id"]).stdout
