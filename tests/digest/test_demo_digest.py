"""The digest built on the demo workspace: numbers match the store, jurisdictions filter,
empty days say so, hostile text stays text in every format, exports are audited."""

from __future__ import annotations

import json
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sejuk.access.audit import recent
from sejuk.cli import app
from sejuk.db.models import Item, ModelVersion, Prediction
from sejuk.digest import render
from sejuk.digest.service import make_digest
from tests.digest.conftest import CRAFTED_TITLE, plant_hostile

pytestmark = pytest.mark.slow
runner = CliRunner()


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, attrs))


def test_counts_match_the_store(demo_workspace, demo_day: date) -> None:
    """Each label's count is the window's distinct signalled items under it: flagged for
    the label, or (``hoaks``) repeating a debunked claim (sejuk.signals.flags). Counting
    flags alone held on the build days where no claim-only item fell in the window."""
    from sejuk.signals.flags import signalled_clause

    digest = make_digest(demo_workspace, demo_day, None)
    with demo_workspace.session() as s:
        version = s.scalar(select(ModelVersion).where(ModelVersion.status == "active"))
        for count in digest.counts:
            flagged = s.scalar(
                select(func.count()).select_from(Prediction)
                .join(Item, Item.id == Prediction.item_id)
                .where(Prediction.model_version_id == version.id,
                       Prediction.label == count.label, Prediction.flagged.is_(True),
                       Item.published_at >= digest.window.start,
                       Item.published_at < digest.window.end))
            signalled = s.scalar(
                select(func.count()).select_from(Item)
                .where(signalled_clause(Item.id, version.id, claims=True,
                                        labels=[count.label]),
                       Item.published_at >= digest.window.start,
                       Item.published_at < digest.window.end))
            assert count.today == signalled
            assert count.today >= flagged
    assert not digest.empty
    assert digest.items_total >= max(c.today for c in digest.counts)
    assert all(i.url is None or i.url.startswith("https://demo.sejuk.example/")
               for i in digest.items)
    assert all((i.labels and i.reasons and 0 < i.confidence <= 1) or i.claim_similarity
               for i in digest.items), "every listed item carries a flag or a claim match"
    assert digest.model is not None and digest.model.macro_f1 is not None


def test_jurisdiction_filters_and_uses_its_zone(demo_workspace, demo_day: date) -> None:
    everything = make_digest(demo_workspace, demo_day, None)
    makassar = make_digest(demo_workspace, demo_day, "Polrestabes Makassar")
    assert makassar.window.zone == "Asia/Makassar"
    assert makassar.window.end - everything.window.end == timedelta(hours=-1)
    cirebon = make_digest(demo_workspace, demo_day, "Polres Cirebon")
    assert 0 < cirebon.items_total < everything.items_total
    assert all(any(code.startswith("32.09") for code in s.code.split()) for s in cirebon.spikes)


def test_empty_day_says_so_plainly(demo_workspace) -> None:
    digest = make_digest(demo_workspace, date(2020, 1, 1), None)
    assert digest.empty and digest.items == []
    assert "Tidak ada item yang ditandai dalam 24 jam ini." in render(digest, "html")
    assert "Tidak ada item yang ditandai" in render(digest, "md")
    english = make_digest(demo_workspace, date(2020, 1, 1), None, language="en")
    assert "No items were flagged in these 24 hours." in render(english, "txt")


def test_hostile_text_cannot_inject_markup(demo_copy) -> None:
    day, hostile_id, crafted_id = plant_hostile(demo_copy)
    digest = make_digest(demo_copy, day, None)
    listed = {i.id for i in digest.items}
    assert {hostile_id, crafted_id} <= listed

    html = render(digest, "html")
    parser = TagCollector()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "form", "input"}
    for tag, attrs in parser.tags:
        for key, value in attrs:
            assert not key.startswith("on"), (tag, key)
            if key in {"href", "src"}:
                assert value and value.startswith(("https://", "http://")), (tag, value)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[0][-5:]

    md = render(digest, "md")
    for bad in ("<script", "<img", "<svg onload", "<iframe", "<b>", "](javascript",
                "(<javascript", "](<data"):
        assert bad not in md, bad
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in md

    text = render(digest, "txt")
    assert CRAFTED_TITLE.split(" [")[0] in text  # plain text shows it verbatim, inert
    assert "javascript:" not in "\n".join(line for line in text.splitlines()
                                          if line.strip().startswith(("http", "javascript")))

    data = json.loads(render(digest, "json"))
    crafted = next(i for i in data["items"] if i["id"] == crafted_id)
    assert crafted["url"] is None and crafted["debunk_url"] is None
    assert crafted["title"] == CRAFTED_TITLE


def test_cli_json_is_one_object_and_export_is_audited(demo_copy, demo_day: date,
                                                      tmp_path) -> None:
    home = str(demo_copy.home)
    result = runner.invoke(app, ["digest", "--home", home, "--date", demo_day.isoformat(),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["date"] == demo_day.isoformat()
    assert {"start", "end"} <= set(data["window"])
    for label in ("hoaks", "provokasi"):
        assert set(data["counts"][label]) >= {"today", "previous", "baseline"}
    for item in data["items"]:
        assert {"url", "title", "labels", "confidence", "reasons"} <= set(item)
    assert isinstance(data["narratives"], list) and isinstance(data["priorities"], list)
    assert isinstance(data["spikes"], list)

    out = tmp_path / "d" / "digest.md"
    result = runner.invoke(app, ["digest", "--home", home, "--date", demo_day.isoformat(),
                                 "--format", "md", "--out", str(out), "--lang", "en",
                                 "-j", "Polres Cirebon"])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# Daily digest: Polres Kabupaten Cirebon")
    with demo_copy.session() as s:
        entries = recent(s, action="digest.export")
        assert [e.details["format"] for e in entries] == ["md", "json"]
        assert entries[0].details["out"] == str(out)


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "--format harus salah satu dari"),
    (["--date", "26-11-2026"], "bukan tanggal"),
    (["--date", "2099-01-01"], "--date 2099-01-01 ada di masa depan"),
    (["--date", "2099-01-01", "--send", "--to", "a@polres.example"], "ada di masa depan"),
    (["-j", "Polres Atlantis"], "wilayah hukum tidak dikenal 'Polres Atlantis'; pakai nama"),
    (["--lang", "fr"], "bahasa tidak dikenal 'fr'; pakai id atau en"),
    (["--send"], "tidak ada penerima untuk 'all': tambahkan di [digest.recipients]"),
    (["--send", "--to", "not-an-address"], "bukan alamat e-mail: 'not-an-address'"),
    # with no mail server configured: one attempt, the reason nested in the refusal
    (["--send", "--to", "kasat@polres.example"], "tidak terkirim setelah 1 percobaan: tidak "
     "ada server SMTP: atur host di [smtp] sejuk.toml atau SEJUK_SMTP_HOST; salinannya"),
])
def test_bad_input_is_one_line(demo_copy, args, message) -> None:
    result = runner.invoke(app, ["digest", "--home", str(demo_copy.home), *args])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines


def test_priorities_recommend_leaders_and_list_overdue_follow_ups(demo_copy,
                                                                  demo_day: date) -> None:
    from sejuk.db.models import FollowUp, Outreach
    from sejuk.timeutil import utc_now

    with demo_copy.session() as s:
        dialogue = Outreach(region_code="32.09.18", scheduled_at=utc_now() - timedelta(days=9),
                            status="held", created_by="t")
        s.add(dialogue)
        s.flush()
        s.add_all([
            FollowUp(outreach_id=dialogue.id, description="Klarifikasi <isu> ke warga",
                     owner="Kapolsek Plumbon", due_date=demo_day - timedelta(days=3)),
            FollowUp(outreach_id=dialogue.id, description="sudah selesai", owner="x",
                     due_date=demo_day - timedelta(days=5), done_at=utc_now()),
            FollowUp(outreach_id=dialogue.id, description="belum jatuh tempo", owner="x",
                     due_date=demo_day),
        ])
    digest = make_digest(demo_copy, demo_day, "Polres Cirebon")
    assert [(f.description, f.days_overdue, f.region_name) for f in digest.overdue] == [
        ("Klarifikasi <isu> ke warga", 3, "Plumbon")]
    top = digest.priorities[0]
    assert top.code == "32.09.18" and top.signals > 0 and top.vulnerable_tps > 0
    assert top.leaders and top.topics and top.components
    assert [f.description for f in top.overdue] == ["Klarifikasi <isu> ke warga"]
    html = render(digest, "html")
    assert "Klarifikasi &lt;isu&gt; ke warga" in html and "3 hari terlambat" in html
    assert "dialog kamtibmas dengan" in html
    elsewhere = make_digest(demo_copy, demo_day, "Polrestabes Makassar")
    assert elsewhere.overdue == []


def test_a_kept_components_figures_are_in_the_digest_marked(demo_copy, demo_day: date) -> None:
    """After a hoaks-only training is promoted, the digest still lists provokasi's figures,
    those of the starter component it kept, and says where they come from."""
    from pathlib import Path

    from classifiers.dataset import UNKNOWN, read_labelled_csv
    from classifiers.registry import promote
    from classifiers.workflow import train_from_set

    labels = demo_copy.settings.classifier.labels
    data = read_labelled_csv(Path(__file__).parents[1] / "data" / "labelled_small.csv", labels)
    data.y[:, labels.index("provokasi")] = UNKNOWN
    second = train_from_set(demo_copy, data)
    with demo_copy.session() as s:
        promote(s, second.version, demo_copy.settings.models_dir,
                demo_copy.settings.classifier, actor="admin", force=True)
        starter = s.get(ModelVersion, 1).metrics["labels"]["provokasi"]
    digest = make_digest(demo_copy, demo_day, None)
    assert digest.model is not None and digest.model.version == second.version
    assert list(digest.model.labels) == ["hoaks", "provokasi"]
    assert digest.model.kept == {"provokasi": 1}
    assert digest.model.labels["provokasi"]["f1"] == starter["f1"]
    said = f"F1 {starter['f1']:.2f} (komponen tetap dari v1)"
    assert said in render(digest, "html") and said in render(digest, "md")
