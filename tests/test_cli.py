"""The CLI, in process: every command has help and is documented; errors are one line."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sejuk.cli import app

ROOT = Path(__file__).parent.parent
runner = CliRunner()


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path, sub-commands included (Typer ships its own click, so a group
    is recognised by its ``commands``, not as a ``click.Group``)."""
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        if hasattr(command, "commands"):
            found.extend(_commands(command, path))
    return found


COMMANDS = _commands(get_command(app))
assert ("sources", "add") in COMMANDS, "the walk must reach sub-commands"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert command.help, f"`sejuk {' '.join(path)}` has no help text"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text()
    assert re.search(rf"sejuk {re.escape(' '.join(path))}\b", readme), \
        f"`sejuk {' '.join(path)}` is not documented in README.md"


#: Commands that read no workspace, named as such in README's *Command line*.
WITHOUT_HOME = {("tps", "template"), ("leaders", "template"), ("regions", "tag")}


def test_every_command_that_reads_a_workspace_takes_home() -> None:
    without = set()
    for path in COMMANDS:
        command = get_command(app)
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        if not hasattr(command, "commands") and not any(
                "--home" in getattr(p, "opts", []) for p in command.params):
            without.add(path)
    assert without == WITHOUT_HOME
    readme = (ROOT / "README.md").read_text()
    line = next(p for p in readme.split("\n\n") if p.startswith("Every command that reads"))
    for path in WITHOUT_HOME:
        assert f"`{' '.join(path)}`" in line


def test_init_then_status_json(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    assert runner.invoke(app, ["init", "--home", str(home)]).exit_code == 0
    result = runner.invoke(app, ["status", "--home", str(home), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["items"] == 0
    assert data["flagged"] == {"hoaks": 0, "provokasi": 0}
    assert data["tps"] == {"Kurang Rawan": 0, "Rawan": 0, "Sangat Rawan": 0}
    assert data["model"]["version"] == 1, "init leaves the starter model active"
    assert data["model"]["trained_at"].startswith("20")
    assert set(data["model"]["metrics"]["labels"]) == {"hoaks", "provokasi"}
    # no analyst has labelled a drawn item yet: nothing measured on the stream
    assert data["model"]["live"] == {}


def test_init_names_the_first_account_to_create(tmp_path: Path) -> None:
    """A workspace needs an account before its dashboard opens: ``init`` says how, on
    stderr (its stdout stays two lines for scripts), until one exists."""
    home = tmp_path / "ws"
    result = runner.invoke(app, ["init", "--home", str(home)])
    assert result.exit_code == 0
    assert f"sejuk users add NAMA --role admin --home {home}" in result.stderr
    english = runner.invoke(app, ["--lang", "en", "init", "--home", str(home)])
    assert f"sejuk users add NAME --role admin --home {home}" in english.stderr
    added = runner.invoke(app, ["users", "add", "adi", "--role", "admin", "--home", str(home)],
                          env={"SEJUK_NEW_PASSWORD": "kata-sandi-panjang"})
    assert added.exit_code == 0, added.output
    assert "users add" not in runner.invoke(app, ["init", "--home", str(home)]).stderr


def _district_candidate(home: Path) -> None:
    """A version as a district's first retraining leaves it: ``hoaks`` had too few local
    positives to be scored on the district's labels, ``provokasi`` had enough."""
    from sejuk.db.models import ModelVersion
    from sejuk.workspace import open_workspace

    ws = open_workspace(home)
    with ws.session() as session:
        session.add(ModelVersion(
            path="model-v2.skops", sha256="0" * 64, labels=["hoaks", "provokasi"],
            metrics={"macro_f1": 0.612, "labels": {"hoaks": {"f1": 0.895},
                                                   "provokasi": {"f1": 0.286}}},
            card={"n_samples": 14158, "thresholds": {"hoaks": 0.46, "provokasi": 0.35},
                  "evaluation": {"hoaks": {"scored_on": "all", "folds": 3},
                                 "provokasi": {"scored_on": "local", "folds": 3}}}))
    ws.close()


def test_models_list_says_what_each_figure_was_scored_on(tmp_path: Path) -> None:
    """0.612 for a district's version beside 0.799 for the starter read as a worse model;
    the starter was scored on its own corpus, the district's provokasi on 10 local labels."""
    home = tmp_path / "ws"
    assert runner.invoke(app, ["init", "--home", str(home)]).exit_code == 0
    _district_candidate(home)
    def versions(out: str) -> list[str]:  # each version's line (its labels' lines follow)
        return [line for line in out.splitlines() if line.startswith("v")]

    lines = versions(runner.invoke(app, ["models", "list", "--home", str(home)]).stdout)
    assert lines[0].endswith("dinilai pada: hoaks semua sampel, provokasi sampel lokal")
    assert lines[1].endswith("dinilai pada: semua sampel")
    english = runner.invoke(app, ["--lang", "en", "models", "list", "--home", str(home)])
    assert versions(english.stdout)[0].endswith(
        "scored on: hoaks all samples, provokasi local samples")
    listed = json.loads(runner.invoke(app, ["models", "list", "--home", str(home),
                                            "--json"]).stdout)
    assert listed[0]["scored_on"] == {"hoaks": "all", "provokasi": "local"}


def test_status_and_models_list_show_times_on_the_workspace_clock(tmp_path: Path) -> None:
    """Analysts read WIB/WITA/WIT, not ISO UTC with microseconds; and the status names the
    distinct signalled items beside the per-label counts, as README says."""
    home = tmp_path / "ws"
    assert runner.invoke(app, ["init", "--home", str(home)]).exit_code == 0
    settings = home / "sejuk.toml"
    settings.write_text(settings.read_text("utf-8").replace(
        'timezone = "Asia/Jakarta"', 'timezone = "Asia/Makassar"'), "utf-8")
    data = json.loads(runner.invoke(app, ["status", "--home", str(home), "--json"]).stdout)
    trained = datetime.fromisoformat(data["model"]["trained_at"]).astimezone(
        ZoneInfo("Asia/Makassar")).strftime("%d/%m/%Y %H:%M WITA")
    status = runner.invoke(app, ["status", "--home", str(home)])
    assert status.exit_code == 0, status.output
    assert f"Model       v1 (dilatih {trained}, macro-F1" in status.stdout
    assert "Ditandai    hoaks 0, provokasi 0; 0 item berbeda" in status.stdout
    assert "Di aliran   belum ada label acak sejak model ini dilatih" in status.stdout
    listed = runner.invoke(app, ["models", "list", "--home", str(home)])
    assert listed.exit_code == 0, listed.output
    assert f"v1    active    {trained}  macro-F1" in listed.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--home", "{tmp}/missing"], "folder ruang kerja tidak ada"),
        (["collect", "--home", "{tmp}"], "bukan ruang kerja Sejuk"),
        (["classify", "--home", "{tmp}"], "bukan ruang kerja Sejuk"),
        (["train", "--home", "{tmp}"], "bukan ruang kerja Sejuk"),
    ],
)
def test_errors_are_one_line_and_exit_1(tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert message in lines[0]


@pytest.mark.parametrize("args", [
    ["items", "export", "--since", "9999-12-31"], ["priorities", "--date", "0001-01-01"],
    ["digest", "--date", "0001-01-02"], ["narratives", "list", "--since", "0001-01-01"],
    ["outreach", "plan", "--date", "9999-12-31"],
    ["outreach", "schedule", "--region", "32.09.18", "--at", "0001-01-01 00:00",
     "--place", "Balai desa"],
], ids=" ".join)
def test_a_date_no_day_can_be_made_of_is_refused_in_one_line(tmp_path: Path,
                                                             args: list[str]) -> None:
    """0001-01-01 and 9999-12-31 cannot be moved to a local day or to UTC: a dozen
    commands answered with an OverflowError traceback."""
    runner.invoke(app, ["init", "--home", str(tmp_path / "ws")])
    result = runner.invoke(app, ["--lang", "en", *args, "--home", str(tmp_path / "ws")])
    assert result.exit_code == 1, result.output
    day = next(a for a in args if a.startswith(("0001", "9999")))
    assert result.stderr.strip().splitlines() == [
        f"error: date {day!r} is outside the years 1990-2100"]


def test_a_demo_of_an_impossible_day_is_refused_before_any_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--home", str(tmp_path / "d"), "--date",
                                 "0001-01-01", "--no-serve"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: tanggal '0001-01-01' di luar tahun 1990-2100"
    assert not (tmp_path / "d").exists(), "a half-built demo stayed stuck on that day"


def test_a_home_that_cannot_be_a_folder_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["--lang", "en", "init", "--home", str(tmp_path / "file" / "ws")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: cannot use {tmp_path / 'file' / 'ws'}: part of "
                                     "the path is a file, not a folder")
    indonesian = runner.invoke(app, ["init", "--home", str(tmp_path / "file" / "ws")])
    assert indonesian.stderr.strip().endswith(": sebagian jalurnya berkas, bukan folder")
    result = runner.invoke(app, ["--lang", "en", "init", "--home", "/proc/sejuk-nope"])
    assert result.exit_code == 1 and result.stderr.startswith("error: cannot use /proc/sejuk-nope")


def test_a_database_another_process_holds_is_said_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import waiting on a long collection's lock ended in a sqlite3 traceback."""
    import sqlite3

    import sejuk.db.engine

    home = tmp_path / "ws"
    runner.invoke(app, ["init", "--home", str(home)])
    monkeypatch.setattr(sejuk.db.engine, "SQLITE_BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(home / "sejuk.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = runner.invoke(app, ["--lang", "en", "sources", "add", "https://a.example/f",
                                     "--name", "A", "--home", str(home)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the database sqlite:///")
    assert "is locked by another process" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    listed = runner.invoke(app, ["sources", "list", "--json", "--home", str(home)])
    assert json.loads(listed.stdout) == [], "nothing was changed"


def test_database_that_cannot_connect(tmp_path: Path) -> None:
    runner.invoke(app, ["init", "--home", str(tmp_path / "ws")])
    result = runner.invoke(app, ["status", "--home", str(tmp_path / "ws")],
                           env={"SEJUK_DB_URL": "postgresql://x:pw@127.0.0.1:9/none"})
    assert result.exit_code == 1
    assert "cannot use database" in result.stderr
    assert "pw" not in result.stderr


def test_train_classify_and_models_through_the_cli(tmp_path: Path) -> None:
    home = str(tmp_path / "ws")
    runner.invoke(app, ["init", "--home", home])
    labels = str(ROOT / "tests" / "data" / "labelled_small.csv")
    result = runner.invoke(app, ["train", "--home", home, "--labels", labels, "--no-bundled"])
    assert result.exit_code == 0, result.output
    assert "Model v2" in result.stdout and "kandidat" in result.stdout
    listed = json.loads(runner.invoke(app, ["models", "list", "--home", home, "--json"]).stdout)
    assert {r["version"]: r["status"] for r in listed} == {1: "active", 2: "candidate"}
    promoted = runner.invoke(app, ["models", "promote", "2", "--home", home, "--force"])
    assert promoted.exit_code == 0, promoted.output
    result = runner.invoke(app, ["classify", "--home", home])
    assert result.exit_code == 0
    status = json.loads(runner.invoke(app, ["status", "--home", home, "--json"]).stdout)
    assert status["model"]["version"] == 2
    assert "macro_f1" in status["model"]["metrics"]


def test_train_with_bad_labels_file(tmp_path: Path) -> None:
    home = str(tmp_path / "ws")
    runner.invoke(app, ["init", "--home", home])
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nsatu,hoaks\ndua,gosip\n")
    result = runner.invoke(app, ["train", "--home", home, "--labels", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: 1 baris tidak valid" in result.stderr  # Indonesian, the default
    assert "baris 3: label tidak dikenal: 'gosip'" in result.stderr
    result = runner.invoke(app, ["--lang", "en", "train", "--home", home, "--labels", str(bad)])
    assert f"{bad}: 1 invalid row, nothing imported: row 3: unknown label 'gosip'" in (
        result.stderr)


@pytest.mark.parametrize("flags", [[], ["--excel"]])
def test_tps_template_round_trips_through_import(tmp_path: Path, flags: list[str]) -> None:
    home = str(tmp_path / "ws")
    runner.invoke(app, ["init", "--home", home])
    template = tmp_path / "tps.csv"
    assert runner.invoke(app, ["tps", "template", "--out", str(template), *flags]
                         ).exit_code == 0
    # the untouched example row is a TPS that does not exist: refused, nothing stored
    result = runner.invoke(app, ["tps", "import", str(template), "--home", home])
    assert result.exit_code == 1
    assert "baris 2: baris contoh dari `sejuk tps template`" in result.stderr
    status = json.loads(runner.invoke(app, ["status", "--home", home, "--json"]).stdout)
    assert sum(status["tps"].values()) == 0
    # the header with a row of the operator's own (here: the example, another TPS number)
    header, example = template.read_text(encoding="utf-8").splitlines()
    assert header.startswith("\ufeff") is bool(flags)  # Excel saves it back with the mark
    template.write_text(f"{header}\n{example.replace(',1,245,', ',7,245,')}\n",
                        encoding="utf-8")
    result = runner.invoke(app, ["tps", "import", str(template), "--home", home])
    assert result.exit_code == 0, result.output
    status = json.loads(runner.invoke(app, ["status", "--home", home, "--json"]).stdout)
    assert sum(status["tps"].values()) == 1


@pytest.mark.parametrize("group", ["tps", "leaders"])
def test_templates_for_excel_carry_a_byte_order_mark(group: str, tmp_path: Path) -> None:
    """The same ``--excel`` as ``items export``: a template opened in Excel on Windows
    keeps the diacritics typed into it; without the flag the text is unchanged."""
    plain = runner.invoke(app, [group, "template"])
    excel = runner.invoke(app, [group, "template", "--excel"])
    assert plain.exit_code == excel.exit_code == 0
    assert not plain.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert excel.stdout_bytes == b"\xef\xbb\xbf" + plain.stdout_bytes
    out = tmp_path / "template.csv"
    assert runner.invoke(app, [group, "template", "--excel", "--out", str(out)]).exit_code == 0
    assert out.read_bytes() == excel.stdout_bytes


def test_sources_add_and_list(tmp_path: Path) -> None:
    home = str(tmp_path / "ws")
    runner.invoke(app, ["init", "--home", home])
    result = runner.invoke(app, ["sources", "add", "https://kabar.example/rss", "--name",
                                 "Kabar", "--kind", "news", "--region", "32.09", "--home", home])
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["sources", "list", "--home", home, "--json"]).stdout)
    assert rows[0]["name"] == "Kabar"
    assert rows[0]["items"] == 0 and rows[0]["last_status"] is None
    bad = runner.invoke(app, ["sources", "add", "file:///etc/passwd", "--name", "X",
                              "--home", home])
    assert bad.exit_code == 1 and "tidak diizinkan; pakai http atau https" in bad.stderr


def test_regions_tag_json() -> None:
    result = runner.invoke(app, ["regions", "tag", "Massa berkumpul di Kecamatan Plumbon, "
                                 "Kabupaten Cirebon", "--json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["codes"] == ["32.09.18"]
    assert record["level"] == "kecamatan"


def test_regions_tag_refuses_an_unknown_source_region() -> None:
    """It tagged as if no source region were given, silently."""
    result = runner.invoke(app, ["regions", "tag", "Bentrok di Cirebon", "--source-region",
                                 "99.99"])
    assert result.exit_code == 1
    assert result.stderr == ("error: kode wilayah '99.99' untuk --source-region tidak "
                             "dikenal (`sejuk regions list`)\n")


@pytest.mark.parametrize("args", [["narratives", "list", "--limit", "0"],
                                  ["watch", "--max-runs", "0"],
                                  ["priorities", "--window", "0"],
                                  ["priorities", "--limit", "0"]])
def test_counts_below_one_are_refused_before_anything_runs(args: list[str],
                                                           tmp_path: Path) -> None:
    """`--limit 0` listed everything and `--max-runs 0` ran once."""
    result = runner.invoke(app, [*args, "--home", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "Invalid value for '--" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("sejuk ")
