"""Every page under AppTest: smoke on the demo, and behaviour on private copies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from dashboard.format import count_text
from sejuk.db.models import (
    AuditEntry,
    ClaimMatch,
    Item,
    Label,
    ModelVersion,
    Operation,
    Prediction,
    Source,
    Tps,
)
from sejuk.reads.admin import trained_on
from sejuk.timeutil import as_utc
from sejuk.workspace import open_workspace
from tests.dashboard.conftest import goto, make_app

pytestmark = pytest.mark.slow

SCREENS = ["overview", "map", "items", "narratives", "tps", "labelling", "models", "sources",
           "laporan", "dialog", "dialog_log", "dialog_tokoh"]


def scalar_list(home: Path, query: object) -> list[object]:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return list(session.scalars(query))
    finally:
        ws.close()


def scalar(home: Path, query: object) -> object:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return session.scalar(query)
    finally:
        ws.close()


@pytest.fixture
def demo_app(demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return make_app(demo_home, monkeypatch)


@pytest.fixture
def home(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Path:
    return copy_workspace(demo_home)


@pytest.fixture
def app(home: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return make_app(home, monkeypatch)


@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_renders_in_both_languages(demo_app: AppTest, screen: str) -> None:
    goto(demo_app, screen)
    assert demo_app.title, screen
    # the demo has an overdue dialogue follow-up: the log says so as an alarm, no failure
    assert not [e.value for e in demo_app.error if e.icon != ":material/alarm:"]
    demo_app.radio(key="lang").set_value("en").run()
    assert not demo_app.exception, demo_app.exception


def test_item_filters_change_the_rows(demo_app: AppTest) -> None:
    goto(demo_app, "items")
    everything = demo_app.dataframe[0].value
    demo_app.multiselect(key="items_labels").set_value(["provokasi"]).run()
    provokasi = demo_app.dataframe[0].value
    assert set(provokasi["ID"]) != set(everything["ID"]) or len(provokasi) < len(everything)
    assert all("provokasi" in flags for flags in provokasi["Tanda"])
    demo_app.selectbox(key="items_kind").set_value("factcheck").run()
    assert not demo_app.exception
    demo_app.multiselect(key="items_labels").set_value(["hoaks", "provokasi"]).run()
    demo_app.selectbox(key="items_kind").set_value("").run()
    demo_app.selectbox(key="items_region").set_value("73.71").run()  # Kota Makassar
    regions = demo_app.dataframe[0].value
    assert len(regions) > 0
    assert set(regions["ID"]) != set(everything["ID"])
    demo_app.text_input(key="items_search").set_value("tidak-ada-xyz").run()
    assert not demo_app.dataframe
    assert demo_app.info[-1].value.startswith("Tidak ada item")


def test_hostile_item_renders_as_literal_text(demo_app: AppTest) -> None:
    goto(demo_app, "items")
    demo_app.toggle(key="items_only_flagged").set_value(False).run()
    demo_app.selectbox(key="items_window").set_value("window_all").run()
    demo_app.text_input(key="items_search").set_value("SALDO 100RB").run()
    texts = [t.value for t in demo_app.text]
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert any("[klik](javascript:alert(1))" in t for t in texts)
    for md in demo_app.markdown:
        # anything from the item that reaches Markdown is escaped
        assert "<script>" not in md.value
        assert "](javascript:" not in md.value
    assert not [b for b in demo_app.get("link_button") if "javascript" in str(b.proto.url)]


def test_analyst_marks_an_item_urgent_and_it_stands_out(app: AppTest, home: Path) -> None:
    goto(app, "items")
    item_id = int(app.dataframe[0].value["ID"].iloc[0])
    app.selectbox(key="items_selected").set_value(item_id).run()
    app.button(key="triage_urgent").click().run()
    assert not app.exception
    assert scalar(home, select(Item.triage).where(Item.id == item_id)) == "urgent"
    assert scalar(home, select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "item.triage", AuditEntry.target == f"item:{item_id}")) == 1
    assert any("MENDESAK" in e.value for e in app.sidebar.error)
    goto(app, "overview")
    urgent = app.dataframe[0].value
    assert urgent["Status"].iloc[0].startswith("🚨")


def test_analyst_settles_that_a_flagged_item_is_a_debunk(app: AppTest, home: Path) -> None:
    """The Item page's debunk control: a reason is required (refused in the page's
    language), the decision stands with the analyst's name, the hoaks flag goes at once."""
    goto(app, "items")
    app.multiselect(key="items_labels").set_value(["hoaks"]).run()
    # The list also holds items that only repeat a debunked claim, and which item is newest
    # depends on the hour the demo was built: take the newest one the model itself flags.
    listed = [int(i) for i in app.dataframe[0].value["ID"]]
    model_flagged = set(scalar_list(home, select(Prediction.item_id).where(
        Prediction.item_id.in_(listed), Prediction.label == "hoaks", Prediction.flagged)))
    item_id = next(i for i in listed if i in model_flagged)
    app.selectbox(key="items_selected").set_value(item_id).run()
    assert any(e.label.startswith("Bantahan (klarifikasi, cek fakta)? bukan · dikenali aturan")
               for e in app.expander)
    assert app.button(key="debunk_set_auto").disabled  # the rules decide already
    app.button(key="debunk_set_yes").click().run()
    assert [e.value for e in app.error] == [
        f"beri alasan untuk menetapkan status klarifikasi item {item_id}"]
    assert scalar(home, select(Item.debunk_by).where(Item.id == item_id)) is None
    app.text_input(key=f"debunk_reason_{item_id}").set_value("Rilis resmi KPU, bukan hoaks")
    app.button(key="debunk_set_yes").click().run()
    assert not app.exception
    assert scalar(home, select(Item.is_debunk).where(Item.id == item_id)) is True
    assert scalar(home, select(Item.debunk_by).where(Item.id == item_id)) == "demo"
    copies = scalar(home, select(func.count()).select_from(ClaimMatch).where(
        ClaimMatch.debunk_item_id == item_id))
    assert [m.value for m in app.toast] == [
        f"Tersimpan: item #{item_id} kini bantahan; 1 tanda model berubah, {copies} item "
        "tertaut kepadanya."]
    assert scalar(home, select(Prediction.flagged).where(
        Prediction.item_id == item_id, Prediction.label == "hoaks")) is False
    assert scalar(home, select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "claim.set_debunk", AuditEntry.target == f"item:{item_id}")) == 1
    # no longer flagged, the item left the list: the next one selected starts with no reason
    shown = app.selectbox(key="items_selected").value
    assert shown != item_id and app.text_input(key=f"debunk_reason_{shown}").value == ""


def test_analyst_finds_debunks_and_hands_one_back(app: AppTest, home: Path) -> None:
    """Debunks are never flagged, so the default list cannot show a hoax the rules took
    for a debunk: the debunk filter lists them (whatever *Hanya ditandai* says), and one
    can be declared not a debunk from there."""
    goto(app, "items")
    app.selectbox(key="items_window").set_value("window_all").run()
    flagged = set(app.dataframe[0].value["ID"])
    app.selectbox(key="items_debunk").set_value("yes").run()
    assert app.toggle(key="items_only_flagged").disabled
    assert any("tidak pernah ditandai" in c.value for c in app.caption)
    shown = [int(i) for i in app.dataframe[0].value["ID"]]
    debunks = set(scalar_list(home, select(Item.id).where(Item.is_debunk.is_(True))))
    assert shown and set(shown) <= debunks and not set(shown) & flagged
    item_id = shown[0]
    app.selectbox(key="items_selected").set_value(item_id).run()
    app.text_input(key=f"debunk_reason_{item_id}").set_value("Isinya hoaks, bukan klarifikasi")
    app.button(key="debunk_set_no").click().run()
    assert not app.exception
    assert scalar(home, select(Item.is_debunk).where(Item.id == item_id)) is False
    assert item_id not in [int(i) for i in app.dataframe[0].value["ID"]]
    app.selectbox(key="items_debunk").set_value("no").run()
    app.toggle(key="items_only_flagged").set_value(False).run()
    rest = {int(i) for i in app.dataframe[0].value["ID"]}
    assert not rest & (debunks - {item_id})
    app.radio(key="lang").set_value("en").run()
    assert app.selectbox(key="items_debunk").options == ["(all)", "Debunks only", "No debunks"]


def test_a_label_is_stored_and_can_be_undone(app: AppTest, home: Path) -> None:
    goto(app, "labelling")
    # the demo's model is the starter: a random sample, and the page says why
    captions = " ".join(c.value for c in app.caption)
    assert "contoh acak dari item terbaru, bergiliran dari yang cocok dengan kata isyarat" \
        in captions and "sampai model belajar dari 25 label" in captions
    assert "Diusulkan karena: cocok dengan kata isyarat" in captions
    before = scalar(home, select(func.count()).select_from(Label))
    app.button(key="label_hoaks_1").click().run()
    assert not app.exception
    assert scalar(home, select(func.count()).select_from(Label)) == before + 1
    row = scalar(home, select(Label).order_by(Label.id.desc()).limit(1))
    assert (row.label, row.value, row.created_by) == ("hoaks", 1, "demo")
    assert row.drawn == "cue"  # how the queue drew it: it measures the model (classifiers.live)
    app.button(key="label_provokasi_0").click().run()
    assert scalar(home, select(func.count()).select_from(Label)) == before + 2
    app.button(key="label_undo").click().run()
    assert scalar(home, select(func.count()).select_from(Label)) == before + 1
    assert scalar(home, select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "label.undo")) == 1
    app.radio(key="lang").set_value("en").run()
    # the next item: the cold start's turn has passed to the items the cue words rule out
    assert "Proposed because: random sample" in " ".join(c.value for c in app.caption)


def test_a_skipped_item_does_not_take_its_kinds_turn(app: AppTest, home: Path) -> None:
    """Cold, the queue takes turns between items the cue words vote for and the others:
    skipping the cue-word item brings the next cue-word item, not the other kind for
    good; labelling it passes the turn on."""
    goto(app, "labelling")

    def reason() -> str:
        return next(c.value for c in app.caption if c.value.startswith("Diusulkan karena"))

    first = reason()
    assert "cocok dengan kata isyarat" in first
    app.button(key="label_skip").click().run()
    assert "cocok dengan kata isyarat" in reason() and reason() != first
    app.button(key="label_hoaks_0").click().run()
    app.button(key="label_provokasi_0").click().run()
    assert "contoh acak" in reason()
    assert scalar_list(home, select(Label.drawn).where(Label.origin == "dashboard")) == [
        "cue", "cue"]


def test_the_models_page_measures_the_active_model_on_the_labels_of_drawn_items(
        app: AppTest, home: Path) -> None:
    """Until analysts label drawn items the page says the cross-validated figures are not
    the stream's; after, it shows the active model's flags against those labels, as an
    early hint below 30 of them."""
    goto(app, "models")
    assert any("bukan pada aliran Anda" in i.value for i in app.info)
    goto(app, "labelling")
    for _ in range(3):  # three drawn items, each judged for both labels
        app.button(key="label_hoaks_0").click().run()
        app.button(key="label_provokasi_0").click().run()
        assert not app.exception
    drawn = scalar_list(home, select(Label.drawn).where(Label.origin == "dashboard")
                        .order_by(Label.id))
    # the cold start, one item at a time: cue words for, then the two other strata
    assert drawn == ["cue", "cue", "cold", "cold", "cold", "cold"]
    progress = [c.value for c in app.caption if "menurut label acak Anda" in c.value]
    assert progress and "hoaks macro-F1" in progress[0] and "dari 3 label" in progress[0]
    goto(app, "models")
    live = next(d.value for d in app.dataframe if "Label acak" in d.value.columns)
    assert list(live["Label"]) == ["hoaks", "provokasi"]
    assert list(live["Label acak"]) == ["3", "3"]
    assert set(live["Bacaan"]) == {"petunjuk awal"}
    assert any("tanpa melihat model" in c.value for c in app.caption)
    app.radio(key="lang").set_value("en").run()
    live = next(d.value for d in app.dataframe if "Random labels" in d.value.columns)
    assert set(live["Reading"]) == {"early hint"}


def test_tps_override_needs_a_reason_and_is_stored(app: AppTest, home: Path) -> None:
    goto(app, "tps")
    tps_id = app.selectbox(key="tps_selected").value
    app.selectbox(key="tps_new_level").set_value(1)
    app.text_input(key="tps_reason").set_value("")
    app.button[-1].click().run()
    # refused: no reason, said in the page's language (the library's English was shown)
    assert [e.value for e in app.error] == ["penetapan level TPS perlu alasan"]
    app.radio(key="lang").set_value("en").run()
    app.button[-1].click().run()
    assert [e.value.replace("\\", "") for e in app.error] == [
        "an override needs a reason (alasan)"]  # markdown escapes
    app.radio(key="lang").set_value("id").run()
    app.selectbox(key="tps_new_level").set_value(1)
    app.text_input(key="tps_reason").set_value("Sudah ada pos pengamanan tetap")
    app.button[-1].click().run()
    assert not app.exception
    assert scalar(home, select(Tps.override_level).where(Tps.id == tps_id)) == 1
    assert scalar(home, select(Tps.override_by).where(Tps.id == tps_id)) == "demo"
    why = " ".join(m.value for m in app.markdown).replace("\\", "")  # markdown escapes
    # The page shows sejuk.tps.roster.explain's lines: the override with its reason, then the score.
    assert "Diubah manual ke Kurang Rawan oleh demo: Sudah ada pos pengamanan tetap" in why
    assert "Skor indikator" in why


def test_tps_indicators_read_in_english(demo_app: AppTest) -> None:
    """The roster's indicator column and the 'why this level' line follow the language
    (they named 'Pernah PSU', 'Riwayat kekerasan' ... in English too)."""
    from sejuk.tps.roster import INDICATOR_LABELS, INDICATOR_LABELS_EN

    assert set(INDICATOR_LABELS_EN) == set(INDICATOR_LABELS)
    goto(demo_app, "tps")
    demo_app.radio(key="lang").set_value("en").run()
    roster = next(df.value for df in demo_app.dataframe if "Indicators" in df.value.columns)
    shown = ", ".join(roster["Indicators"])
    assert "History of violence" in shown or "Past re-vote (PSU)" in shown
    assert not any(label in shown for label in INDICATOR_LABELS.values())
    why = " ".join(m.value for m in demo_app.markdown).replace("\\", "")
    assert "Indicator score" in why
    assert not any(label in why for label in INDICATOR_LABELS.values())
    # the levels keep the interface's words in English (they read "Very vulnerable")
    levels = set(roster["Level"])
    assert levels and levels <= {"Kurang Rawan", "Rawan", "Sangat Rawan"}
    assert [m.label for m in demo_app.metric][:3] == ["Sangat Rawan", "Rawan", "Kurang Rawan"]
    # the officers' total says it is rounded up per desa (it is not the sum of the TPS
    # counts times the ratios, which an analyst checking it by hand would get)
    officers = next(m for m in demo_app.metric if m.label == "Officers")
    assert officers.proto.help.endswith("rounded up per desa and level (officers guard "
                                        "nearby TPS together), then summed")


def test_map_scopes_metrics_drill_down_and_operation(app: AppTest, home: Path) -> None:
    goto(app, "map")
    chart = app.get("plotly_chart")[0]
    assert '"choropleth"' in chart.proto.spec and '"geojson-id"' in chart.proto.spec
    assert "cdn.plot.ly" not in chart.proto.spec
    for window in ("window_24h", "window_7d"):
        app.selectbox(key="map_window").set_value(window).run()
        assert not app.exception
    for metric in ("intensity", "spike", "vulnerable_share", "priority"):
        app.selectbox(key="map_metric").set_value(metric).run()
        assert not app.exception
    # A province colours its kabupaten/kota; drilling into one opens its kecamatan map.
    app.selectbox(key="map_region").set_value("32").run()
    assert app.radio(key="map_level").value == "kabkota"
    app.selectbox(key="map_drill").set_value("32.09").run()
    app.button(key="map_open").click().run()
    assert app.selectbox(key="map_region").value == "32.09"
    options = app.selectbox(key="map_drill").options
    assert len(options) == 41  # (all) + the 40 kecamatan of Kabupaten Cirebon
    shares = app.dataframe[0].value["TPS rawan (%)"].tolist()
    assert "–" in shares and None not in shares  # kecamatan without TPS show a dash
    assert all(v == "–" or 0 <= int(v) <= 100 for v in shares)
    app.selectbox(key="map_drill").set_value("32.09.18").run()
    assert any(s.value.startswith("Item di") for s in app.subheader)
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    app.radio(key="lang").set_value("id").run()
    app.text_input(key="op_name").set_value("Operasi Mantap Praja Uji")
    app.button[-1].click().run()
    assert scalar(home, select(func.count()).select_from(Operation)) == 1
    choices = app.selectbox(key="map_window").options
    assert any("Mantap Praja" in c for c in choices)
    app.selectbox(key="map_window").select_index(len(choices) - 1).run()
    assert not app.exception


def test_admin_adds_and_disables_a_source(app: AppTest, home: Path) -> None:
    goto(app, "sources")
    app.text_input(key="src_name").set_value("Kabar Uji")
    app.text_input(key="src_url").set_value("http://127.0.0.1:9/feed.xml")
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert scalar(home, select(func.count()).select_from(Source).where(
        Source.name == "Kabar Uji")) == 1
    app.selectbox(key="src_toggle").set_value("Kabar Uji").run()
    app.button(key="src_toggle_button").click().run()
    assert scalar(home, select(Source.enabled).where(Source.name == "Kabar Uji")) is False


def test_models_page_lists_versions_and_refuses_promoting_the_active_one(
        app: AppTest) -> None:
    goto(app, "models")
    versions = app.dataframe[0].value
    assert "aktif" in set(versions["Status"])  # statuses in the interface's language
    # only one model was ever promoted: nothing to roll back to, no other to promote, and
    # the page says so in its own language instead of an empty English select
    assert app.button(key="models_rollback").disabled
    assert "Belum ada versi yang pernah aktif" in app.button(key="models_rollback").help
    assert not [s for s in app.selectbox if s.key == "models_promote_version"]
    assert any("Tidak ada versi lain untuk diaktifkan" in c.value for c in app.caption)


def test_models_page_says_what_each_figure_was_scored_on(app: AppTest, home: Path) -> None:
    from tests.test_cli import _district_candidate

    _district_candidate(home)
    goto(app, "models")
    versions = app.dataframe[0].value.set_index("v")["Dinilai pada"]
    assert versions[max(versions.index)] == "hoaks: semua sampel · provokasi: sampel lokal"
    assert versions[1] == "semua sampel"


def test_promoting_from_the_models_page_scores_and_says_so(app: AppTest, home: Path) -> None:
    from importlib import resources

    from classifiers.dataset import parse_labelled_csv
    from classifiers.workflow import train_from_set

    ws = open_workspace(home)
    content = resources.files("classifiers").joinpath("data/sejuk_samples.csv").read_text("utf-8")
    second = train_from_set(ws, parse_labelled_csv(content, ws.settings.classifier.labels))
    ws.close()
    items = scalar(home, select(func.count()).select_from(Item))
    goto(app, "models")
    app.selectbox(key="models_promote_version").set_value(second.version).run()
    app.checkbox(key="models_force").check().run()
    app.button(key="models_promote").click().run()
    assert not app.exception and not app.error, app.error
    toasts = [t.value for t in app.toast]
    assert f"Model v{second.version} aktif; {items} item dinilai olehnya." in toasts
    assert scalar(home, select(func.count()).select_from(Prediction).where(
        Prediction.model_version_id == second.version, Prediction.label == "hoaks")) == items
    assert not app.button(key="models_rollback").disabled  # v1 was active before: back to it


def test_the_models_page_marks_a_kept_components_figures(app: AppTest, home: Path) -> None:
    """After a hoaks-only training, v2's provokasi figure is v1's, marked as kept, and
    the page says which training measured it and that the gate leaves it out."""
    from classifiers.dataset import UNKNOWN, LabelledSet, read_labelled_csv
    from classifiers.workflow import train_from_set

    ws = open_workspace(home)
    data = read_labelled_csv(Path(__file__).parents[1] / "data" / "labelled_small.csv",
                             ws.settings.classifier.labels)
    data.y[:, ws.settings.classifier.labels.index("provokasi")] = UNKNOWN
    # starter rows judging provokasi only: loaded with the file, learnt from by no component
    starter = data.y.copy()
    starter[:, ws.settings.classifier.labels.index("hoaks")] = UNKNOWN
    starter[:, ws.settings.classifier.labels.index("provokasi")] = np.arange(len(data.y)) % 2
    data = LabelledSet([*data.texts, *(f"{t} (korpus awal)" for t in data.texts)],
                       np.vstack([data.y, starter]), data.labels,
                       origins=[*data.origins, *["starter:test"] * len(data.y)])
    second = train_from_set(ws, data)
    ws.close()
    assert second.kept == {"provokasi": 1}
    # the starter model's own figure, as v1 holds it (it changes when the starter is rebuilt)
    metrics = scalar(home, select(ModelVersion.metrics).where(ModelVersion.id == 1))
    f1 = metrics["labels"]["provokasi"]["f1"]  # type: ignore[index]
    goto(app, "models")
    table = app.dataframe[0].value.set_index("v")
    assert table.loc[1, "F1 provokasi"] == f"{f1:.4f}".replace(".", ",")
    assert table.loc[second.version, "F1 provokasi"] == f"{f1:.4f} (dari v1)".replace(".", ",")
    assert not table.loc[second.version, "F1 hoaks"].endswith(")")
    card = second.result.card
    assert card["n_trained_on"] < card["n_samples"]
    assert table.loc[second.version, "n"] == count_text(card["n_trained_on"], "id"), \
        "the rows it learnt from, as the command line says, not the kept labels' too"
    starter_rows = trained_on(scalar(home, select(ModelVersion.card).where(ModelVersion.id == 1)))
    assert starter_rows > 1000 and table.loc[1, "n"] == count_text(starter_rows, "id"), \
        "counts written as the page's language writes them (15.503, not 15503)"
    macro = metrics["macro_f1"]  # type: ignore[index]
    assert table.loc[1, "macro-F1 (validasi silang)"] == f"{macro:.4f}".replace(".", ","), \
        "written as the F1 cells beside it, whatever the browser's locale"
    assert any("tidak ikut dirata-ratakan" in c.value for c in app.caption)
    kept = app.dataframe[1].value.iloc[0]  # inside the expander, before the audit log
    assert (kept["v"], kept["Label"], kept["Komponen dari"], kept["Diukur di"]) == (
        second.version, "provokasi", "v1", "v1")
    assert kept["Dinilai pada"] == "semua sampel"
    assert kept["F1"] == f"{f1:.4f}".replace(".", ",")
    assert kept["Data pelatihan"] == (  # one row per text
        "starter:ibrohim_hs 10.400, starter:sejuk_samples 800, starter:sejuk_written 881")
    app.radio(key="lang").set_value("en").run()
    assert app.dataframe[0].value.set_index("v").loc[second.version, "F1 provokasi"] == \
        f"{f1:.4f} (from v1)"
    assert not app.exception


@pytest.mark.slow
def test_retraining_from_the_models_page_uses_the_analysts_labels(app: AppTest,
                                                                   home: Path) -> None:
    ws = open_workspace(home)
    with ws.session() as session:
        ids = session.scalars(select(Item.id).order_by(Item.id).limit(30)).all()
        for i, item_id in enumerate(ids):
            session.add(Label(item_id=item_id, label="hoaks", value=i % 2,
                              created_by="analis1"))
    ws.close()
    goto(app, "models")
    assert not app.exception
    assert any("hoaks 15+ / 15−" in c.value and "mulai 15 label lokal" in c.value
               for c in app.caption)
    app.button(key="models_train").click().run(timeout=300)
    assert not app.exception and not app.error, app.error
    toasts = [t.value for t in app.toast]
    assert any("dilatih (kandidat)" in t and "tetap dari model aktif: provokasi" in t
               for t in toasts), toasts
    assert any("belajar mandiri dari" in t and "hoaks " in t for t in toasts), \
        "fifteen labels of each class: the unlabelled items were learnt from"
    assert scalar(home, select(func.count()).select_from(ModelVersion)) == 2
    ws = open_workspace(home)
    with ws.session() as session:
        audited = session.scalars(select(AuditEntry.action)
                                  .where(AuditEntry.action == "model.train")).all()
    ws.close()
    assert audited, "training from the dashboard is audited"


def set_zone(home: Path, zone: str) -> None:
    """The workspace's clock in its sejuk.toml, whatever the file holds."""
    toml = home / "sejuk.toml"
    lines = [line for line in toml.read_text(encoding="utf-8").splitlines()
             if not line.startswith("timezone")]  # a top-level key: before any table
    toml.write_text("\n".join([f'timezone = "{zone}"', *lines]) + "\n", encoding="utf-8")
    ws = open_workspace(home)
    assert ws.settings.timezone == zone
    ws.close()


def test_operation_days_are_on_the_workspace_clock(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit in Makassar (WITA, UTC+8) types 1-3 December: its operation starts at
    16:00 UTC on 30 November and ends just before 16:00 UTC on 3 December."""
    set_zone(home, "Asia/Makassar")
    app = make_app(home, monkeypatch)
    goto(app, "map")
    app.text_input(key="op_name").set_value("Operasi Zona WITA")
    app.date_input(key="op_start").set_value(date(2026, 12, 1))
    app.date_input(key="op_end").set_value(date(2026, 12, 3))
    app.button[-1].click().run()
    assert not app.exception
    starts = as_utc(scalar(home, select(Operation.starts_at)), UTC)
    ends = as_utc(scalar(home, select(Operation.ends_at)), UTC)
    assert starts == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert datetime(2026, 12, 3, 15, 59, tzinfo=UTC) < ends < datetime(2026, 12, 3, 16, 0,
                                                                        tzinfo=UTC)


def test_times_are_shown_on_the_workspace_clock(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a Jayapura workspace (WIT, UTC+9) an item's time reads in WIT, not WIB."""
    set_zone(home, "Asia/Jayapura")
    app = make_app(home, monkeypatch)
    goto(app, "items")
    first = app.dataframe[0].value.iloc[0]
    published = as_utc(scalar(home, select(Item.published_at)
                              .where(Item.id == int(first["ID"]))), UTC)
    local = published.astimezone(ZoneInfo("Asia/Jayapura"))
    assert first["Waktu"] == local.strftime("%d/%m/%Y %H:%M WIT")
    goto(app, "models")
    assert all(str(when).endswith(" WIT") for when in app.dataframe[0].value["Dilatih"])


def test_narrative_per_day_chart_is_on_a_date_axis(demo_app: AppTest) -> None:
    """ISO strings on a category axis read '2026-11-26' and sorted '01/12' before '26/11'
    across a month's end; the chart is now a date axis labelled dd/mm, a bar a day."""
    import json

    goto(demo_app, "narratives")
    chart = json.loads(demo_app.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["xaxis"]["type"] == "date"
    assert chart["layout"]["xaxis"]["tickformat"] == "%d/%m"
    (bars,) = chart["data"]
    assert bars["type"] == "bar" and bars["x"] == sorted(bars["x"]) and sum(bars["y"]) >= 2
    assert chart["layout"]["yaxis"]["title"]["text"] == "Semua item"
