"""The classifier through the CLI: train (report, card), evaluate JSON, label-queue,
claims marking, and a tampered model that is refused while the active one serves on."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, IngestBacklog, Item, Label, Prediction
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace, open_workspace
from tests.conftest import PostgresDatabases, clone_home
from tests.places import version_file

DATA = Path(__file__).parent.parent / "data"
runner = CliRunner()


@pytest.fixture(scope="module")
def trained_home(tmp_path_factory: pytest.TempPathFactory, template_home: Path,
                 postgres: PostgresDatabases | None) -> Path:
    """A workspace with items and one model trained through the CLI."""
    home = clone_home(template_home, tmp_path_factory.mktemp("cli") / "ws", postgres)
    ws = open_workspace(home)
    with ws.session() as session:
        texts = ["Surat suara sudah dicoblos di gudang KPU, sebarkan!",
                 "Ayo kepung kantor KPU besok pagi, bawa massa",
                 "KPU menggelar simulasi pemungutan suara di balai desa",
                 "Warga bergotong royong mendirikan tenda TPS"]
        for i, text in enumerate(texts):
            session.add(Item(title="", text=text, published_at=utc_now(),
                             content_hash=f"h{i}"))
    ws.close()
    result = runner.invoke(app, ["train", "--home", str(home), "--no-bundled", "--labels",
                                 str(DATA / "labelled_small.csv")])
    assert result.exit_code == 0, result.output
    assert "Laporan:" in result.output
    return home


def test_train_writes_report_and_card(trained_home: Path) -> None:
    report = version_file(trained_home, 1, ".html")
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html and "precision" in html and "ECE" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in html
    card = json.loads(version_file(trained_home, 1, ".json").read_text())
    for key in ("n_samples", "data_sha256", "label_distribution", "trained_at", "versions",
                "metrics", "thresholds", "evaluation", "components", "sigmoids"):
        assert key in card, key
    assert card["metrics"]["ece"].keys() == {"hoaks", "provokasi"}


def test_evaluate_json_shape(trained_home: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                 str(DATA / "labelled_small.csv"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"n", "labels"}
    assert data["n"] == 48
    assert set(data["labels"]) == {"hoaks", "provokasi"}
    for metrics in data["labels"].values():
        assert set(metrics) == {"precision", "recall", "f1", "macro_f1", "support"}


def test_evaluate_scores_only_the_labels_the_file_judges(trained_home: Path,
                                                        tmp_path: Path) -> None:
    with (DATA / "labelled_small.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    only_hoaks = tmp_path / "hoaks.csv"
    with only_hoaks.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([row[:2] for row in rows])
    result = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                 str(only_hoaks), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["labels"]) == {"hoaks"}, "no figures for a label the file does not judge"

    positives = tmp_path / "positives.csv"
    with positives.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0][:2]] + [row[:2] for row in rows[1:] if row[1] == "1"])
    result = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                 str(positives), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["labels"]["hoaks"]["recall"] >= 0
    assert "warning: berkas menilai 'hoaks' dengan satu kelas saja" in result.stderr


def test_evaluate_scores_a_file_with_empty_rows_and_a_text_labelled_twice(
        trained_home: Path, tmp_path: Path) -> None:
    """Public test files have rows a training file may not (umpo's de-leaked split has
    texts emptied by the de-leaking, and the same tweet labelled two ways): evaluation
    scores every row it can and names the rows it could not, training still refuses."""
    with (DATA / "labelled_small.csv").open(encoding="utf-8", newline="") as fh:
        rows = [row[:2] for row in csv.reader(fh)]
    rows[3][0] = ""  # row 4 of the file (the header is row 1)
    rows[7][0] = "   "  # row 8
    rows.append([rows[1][0], str(1 - int(rows[1][1]))])  # row 50: row 2 labelled the other way
    messy = tmp_path / "messy.csv"
    with messy.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                 str(messy), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 48 - 2 + 1, "both judgements of row 2 scored"
    assert ("warning: 2 baris tidak dinilai karena tidak berisi teks yang bisa dinilai "
            "(kosong, tanpa kata atau terlalu panjang): baris 4, 8") in result.stderr
    english = runner.invoke(app, ["--lang", "en", "evaluate", "--home", str(trained_home),
                                  "--labels", str(messy)])
    assert english.exit_code == 0, english.output
    assert "warning: 2 rows not scored: no text to score" in english.stderr
    assert "rows 4, 8" in english.stderr
    refused = runner.invoke(app, ["--lang", "en", "train", "--home", str(trained_home),
                                  "--no-bundled", "--labels", str(messy)])
    assert refused.exit_code == 1
    assert "row 4: empty text" in refused.stderr and "same text as row 2" in refused.stderr


@pytest.mark.parametrize(("encoding", "delimiter", "suffix"), [
    ("utf-16", "\t", ".txt"),  # Excel's "Unicode Text"
    ("cp1252", ";", ".csv"),  # Excel's plain "CSV" in an Indonesian locale
])
def test_evaluate_reads_a_file_as_excel_saves_it(trained_home: Path, tmp_path: Path,
                                                 encoding: str, delimiter: str,
                                                 suffix: str) -> None:
    original = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                   str(DATA / "labelled_small.csv"), "--json"])
    with (DATA / "labelled_small.csv").open(encoding="utf-8", newline="") as fh:
        rows = [[cell.upper() if n == 0 else cell for cell in row]
                for n, row in enumerate(csv.reader(fh))]
    saved = tmp_path / f"label{suffix}"
    with saved.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(
            [[*row, ""] for row in rows] + [["", "", "", ""]])
    result = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                 str(saved), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(original.stdout)


@pytest.mark.parametrize("version", ["99", "0"])
def test_evaluate_unknown_model_is_one_line(trained_home: Path, version: str) -> None:
    """``--model 0`` names no version: it must not score the active one instead."""
    result = runner.invoke(app, ["evaluate", "--home", str(trained_home), "--labels",
                                 str(DATA / "labelled_small.csv"), "--model", version])
    assert result.exit_code == 1, result.output
    assert f"tidak ada model versi {version}" in result.stderr
    english = runner.invoke(app, ["--lang", "en", "evaluate", "--home", str(trained_home),
                                  "--labels", str(DATA / "labelled_small.csv"), "--model", version])
    assert english.exit_code == 1 and f"no model version {version}" in english.stderr


def test_evaluate_names_the_workspace_labels_a_model_does_not_fit(
        trained_home: Path, copy_workspace: Callable[[Path], Path]) -> None:
    """A model of hoaks and provokasi in a workspace now configured for hoaks alone: the
    mismatch is the workspace's setting, not the file's (which names no label here)."""
    home = copy_workspace(trained_home)
    settings = home / "sejuk.toml"
    content = settings.read_text("utf-8")  # PostgreSQL homes hold only [database]
    if "[classifier]\n" in content:
        content = content.replace('labels = ["hoaks", "provokasi"]', 'labels = ["hoaks"]')
    else:
        content += '\n[classifier]\nlabels = ["hoaks"]\n'
    settings.write_text(content, "utf-8")
    labelled = home / "mine.csv"
    labelled.write_text("text,label\nSurat suara dicoblos,hoaks\n", "utf-8")
    result = runner.invoke(app, ["evaluate", "--home", str(home), "--labels", str(labelled)])
    assert result.exit_code == 1
    assert ("model v1 memprediksi hoaks, provokasi; label ruang kerja ini ([classifier] "
            "labels) adalah hoaks") in result.stderr
    english = runner.invoke(app, ["--lang", "en", "evaluate", "--home", str(home), "--labels",
                                  str(labelled)])
    assert ("model v1 predicts hoaks, provokasi; this workspace's labels ([classifier] "
            "labels) are hoaks") in english.stderr


def test_label_queue_json(trained_home: Path) -> None:
    assert runner.invoke(app, ["classify", "--home", str(trained_home)]).exit_code == 0
    result = runner.invoke(app, ["label-queue", "--home", str(trained_home), "--n", "3",
                                 "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert 1 <= len(rows) <= 3
    assert {"item_id", "label", "probability", "uncertainty", "reason"} <= set(rows[0])


def test_claims_mark_is_audited(trained_home: Path, copy_workspace: Callable[[Path], Path]) -> None:
    home = copy_workspace(trained_home)
    result = runner.invoke(app, ["claims", "mark", "1", "--home", str(home), "--note",
                                 "KPU membantah"])
    assert result.exit_code == 0, result.output
    ws = open_workspace(home)
    with ws.session() as session:
        assert "claim.mark_debunked" in session.scalars(select(AuditEntry.action)).all()
    ws.close()
    missing = runner.invoke(app, ["claims", "mark", "999", "--home", str(home)])
    assert missing.exit_code == 1 and "tidak ada item 999" in missing.stderr


def test_dashboard_labels_are_merged_into_training(
        trained_home: Path, copy_workspace: Callable[[Path], Path]) -> None:
    home = copy_workspace(trained_home)
    ws = open_workspace(home)
    with ws.session() as session:
        session.add(Label(item_id=1, label="hoaks", value=1, created_by="analis1"))
    ws.close()
    result = runner.invoke(app, ["train", "--home", str(home), "--no-bundled", "--labels",
                                 str(DATA / "labelled_small.csv")])
    assert result.exit_code == 0, result.output
    assert "dari 49 sampel" in result.output
    # provokasi was not given on item 1: unknown there, not a negative
    assert "hoaks: dilatih dari dashboard 1, file:labelled_small.csv 48" in result.output
    assert "provokasi: dilatih dari file:labelled_small.csv 48" in result.output


class _NothingNew:
    """An intake that brings nothing in: the run just finishes the backlog."""

    def bring_in(self, workspace: Workspace, progress: object) -> tuple[None, None]:
        return None, None


def test_tampered_active_model_is_refused_and_scores_stay(
        trained_home: Path, copy_workspace: Callable[[Path], Path]) -> None:
    home = copy_workspace(trained_home)
    model = version_file(home, 1, ".skops")
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model.write_bytes(bytes(data))
    result = runner.invoke(app, ["classify", "--home", str(home), "--all"])
    assert result.exit_code == 1
    assert "tidak cocok dengan checksum yang tercatat (diubah atau rusak); ditolak" in (
        result.stderr)
    english = runner.invoke(app, ["--lang", "en", "classify", "--home", str(home), "--all"])
    assert english.exit_code == 1
    assert "does not match its recorded checksum (modified or corrupt); refused" in (
        english.stderr)
    # the collector's hook reports and carries on: nothing is lost, nothing half-written
    ws = open_workspace(home)
    try:
        from sejuk.pipeline import ingest

        with ws.session() as session:
            before = session.scalar(select(Prediction).limit(1)) is not None
            session.add_all(IngestBacklog(item_id=i, stage=2, queued_at=utc_now())
                            for i in (1, 2))
        report = ingest(ws, _NothingNew())  # queued items (a crashed run's) only
        assert report.scored == 0 and report.backlog.left == 2
        assert report.backlog.problem and "checksum" in str(report.backlog.problem)
        assert report.backlog.problem.in_language("id").startswith(
            "item tersimpan tetapi belum dinilai: berkas model ")
        with ws.session() as session:
            assert (session.scalar(select(Prediction).limit(1)) is not None) == before
    finally:
        ws.close()


def test_promotion_refusal_force_and_rollback(trained_home: Path, tmp_path: Path,
                                              copy_workspace: Callable[[Path], Path]) -> None:
    home = copy_workspace(trained_home)
    with (DATA / "labelled_small.csv").open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    # the same texts with the labels of other rows: a model worse than v1 on its holdout
    worse = tmp_path / "worse.csv"
    with worse.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header] + [[row[0], *other[1:]] for row, other in zip(
            rows, rows[7:] + rows[:7], strict=True)])
    assert runner.invoke(app, ["train", "--home", str(home), "--labels", str(worse),
                               "--no-stored", "--no-bundled"]).exit_code == 0

    refused = runner.invoke(app, ["models", "promote", "2", "--home", str(home)])
    assert refused.exit_code == 1
    # in the workspace's language, figures as Indonesian writes them, and how to force it
    assert re.search(r"^error: model v2 punya macro-F1 0,\d{3}, di bawah v1 yang aktif "
                     r"\(0,\d{3}( pada label lokal yang sama)?\); untuk tetap mengaktifkannya: "
                     r"`sejuk models promote 2 --force`", refused.stderr), refused.stderr
    english = runner.invoke(app, ["--lang", "en", "models", "promote", "2", "--home", str(home)])
    assert english.exit_code == 1
    assert re.search(r"^error: model v2 has macro-F1 0\.\d{3}, below the active v1 "
                     r"\(0\.\d{3}( on the same local labels)?\); to promote it anyway: "
                     r"`sejuk models promote 2 --force`", english.stderr), english.stderr

    forced = runner.invoke(app, ["models", "promote", "2", "--home", str(home), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "4 item dinilai" in forced.output
    queue = runner.invoke(app, ["label-queue", "--home", str(home), "--json"])
    assert json.loads(queue.stdout), "the new active model's scores are there at once"

    back = runner.invoke(app, ["models", "rollback", "--home", str(home)])
    assert back.exit_code == 0 and "v1 aktif kembali" in back.output
    listed = json.loads(runner.invoke(app, ["models", "list", "--home", str(home),
                                            "--json"]).stdout)
    assert {r["version"]: r["status"] for r in listed} == {1: "active", 2: "withdrawn"}
    ws = open_workspace(home)
    with ws.session() as session:
        audited = session.scalars(select(AuditEntry.action)
                                  .where(AuditEntry.action.like("model.%"))
                                  .order_by(AuditEntry.id)).all()
    ws.close()
    assert audited.count("model.promote") == 2 and audited[-1] == "model.rollback"


def test_label_queue_without_a_model_says_so(workspace: Workspace) -> None:
    home = str(workspace.settings.home)
    result = runner.invoke(app, ["label-queue", "--home", home])
    assert result.exit_code == 1 and "tidak ada model aktif" in result.output
    assert runner.invoke(app, ["label-queue", "--home", home, "--n", "0"]).exit_code == 2


def test_labels_an_analyst_did_not_give_are_unknown(workspace: Workspace) -> None:
    from classifiers.dataset import UNKNOWN
    from classifiers.workflow import stored_labels

    with workspace.session() as session:
        for i, text in enumerate(["Surat suara sudah dicoblos", "Ayo kepung kantor KPU",
                                  "The police said that the votes were counted twice"]):
            session.add(Item(title="", text=text, published_at=utc_now(), content_hash=f"u{i}"))
        session.flush()
        session.add(Label(item_id=1, label="hoaks", value=1, created_by="analis1"))
        session.add(Label(item_id=3, label="hoaks", value=1, created_by="analis1"))
        session.add(Label(item_id=2, label="provokasi", value=0, created_by="analis1"))
        session.add(Label(item_id=2, label="provokasi", value=1, created_by="analis2"))
        session.flush()
        data = stored_labels(session, ("hoaks", "provokasi"))
    assert data is not None
    # the latest judgement wins; the English item is left out as a training file's row
    # would be refused
    assert data.y.tolist() == [[1, UNKNOWN], [UNKNOWN, 1]]


def test_bootstrap_needs_factchecks(workspace: Workspace) -> None:
    result = runner.invoke(app, ["train", "--home", str(workspace.settings.home),
                                 "--bootstrap-factchecks", "--no-stored", "--no-bundled"])
    assert result.exit_code == 1
    assert "tidak ada item cek fakta untuk bootstrap" in result.stderr
    english = runner.invoke(app, ["--lang", "en", "train", "--home", str(workspace.settings.home),
                                  "--bootstrap-factchecks", "--no-stored", "--no-bundled"])
    assert english.exit_code == 1 and "no fact-check items" in english.stderr


def test_claims_match_reflags_an_item_that_stopped_being_a_debunk(
        trained_home: Path, copy_workspace: Callable[[Path], Path]) -> None:
    """An upgraded workspace whose old rules took a news item for a debunk also kept it
    from being flagged (a debunk never is): ``claims match`` recognises it again and gives
    it back the flags the active model's scores and today's rules give it."""
    from sejuk.db.models import Source

    home = copy_workspace(trained_home)
    assert runner.invoke(app, ["classify", "--home", str(home)]).exit_code == 0
    ws = open_workspace(home)
    with ws.session() as session:
        flagged = session.scalars(select(Prediction).where(
            Prediction.label == "hoaks", Prediction.flagged.is_(True))).first()
        assert flagged is not None, "a hoaks flag to take away and give back"
        item_id = flagged.item_id
        news = Source(name="Kabar", url="https://kabar.example/rss", kind="news")
        session.add(news)
        session.flush()
        item = session.get(Item, item_id)
        item.source_id, item.is_debunk = news.id, True  # as yesterday's rules left it
        flagged.flagged = False
    ws.close()
    result = runner.invoke(app, ["claims", "match", "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert "1 item bukan bantahan lagi" in result.stdout
    assert "1 tanda model aktif diterapkan ulang" in result.stdout
    ws = open_workspace(home)
    with ws.session() as session:
        assert session.get(Item, item_id).is_debunk is False
        assert session.scalars(select(Prediction.flagged).where(
            Prediction.item_id == item_id, Prediction.label == "hoaks")).one() is True
    ws.close()


def test_reflag_applies_a_changed_threshold(trained_home: Path,
                                            copy_workspace: Callable[[Path], Path]) -> None:
    home = copy_workspace(trained_home)
    assert runner.invoke(app, ["classify", "--home", str(home)]).exit_code == 0
    toml = home / "sejuk.toml"
    content = toml.read_text(encoding="utf-8")  # PostgreSQL homes hold only [database]
    if "[classifier.thresholds]\n" in content:
        content = content.replace("[classifier.thresholds]\n",
                                  "[classifier.thresholds]\nhoaks = 0.999999\n")
    else:
        content += "\n[classifier.thresholds]\nhoaks = 0.999999\n"
    toml.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["classify", "--home", str(home), "--reflag"])
    assert result.exit_code == 0, result.output
    ws = open_workspace(home)
    with ws.session() as session:
        flagged = session.scalars(select(Prediction).where(Prediction.label == "hoaks",
                                                           Prediction.flagged.is_(True))).all()
    ws.close()
    assert flagged == [] and "tanda berubah" in result.output
    assert int(result.output.split()[0]) > 0, "some hoaks flags were there to be lifted"
    both = runner.invoke(app, ["classify", "--home", str(home), "--reflag", "--all"])
    assert both.exit_code == 1 and "bukan keduanya" in both.output


def test_train_self_trains_unless_told_not_to(tmp_path: Path, template_home: Path,
                                              postgres: PostgresDatabases | None) -> None:
    home = clone_home(template_home, tmp_path / "ws", postgres)
    ws = open_workspace(home)
    with ws.session() as session:
        for i, text in enumerate(["Ayo kepung kantor KPU besok pagi, bawa massa",
                                  "Warga bergotong royong mendirikan tenda TPS"]):
            session.add(Item(title="", text=text, published_at=utc_now(), content_hash=f"s{i}"))
    ws.close()
    base = ["--lang", "en", "train", "--home", str(home), "--no-bundled", "--labels",
            str(DATA / "labelled_small.csv")]
    told_not = runner.invoke(app, [*base, "--no-self-training"])
    assert told_not.exit_code == 0, told_not.output
    assert "self-training" not in told_not.output
    default = runner.invoke(app, base)
    assert default.exit_code == 0, default.output
    assert "self-training skipped: 2 unlabelled items so far, it needs at least 100" in \
        default.output, default.output.splitlines()
    card = json.loads(version_file(home, 2, ".json").read_text())
    assert card["components"]["hoaks"]["self_training"]["pool"] == 2
