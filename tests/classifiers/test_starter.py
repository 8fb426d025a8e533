"""The starter corpus and model shipped with Sejuk, and the training contract around it:
a file judging only some labels, rows in another language, evaluation as the product
scores."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from classifiers import starter
from classifiers.model import TextModel
from classifiers.training import data_hash
from sejuk.cli import app
from sejuk.db.models import ModelVersion
from sejuk.errors import ModelError
from sejuk.workspace import open_workspace
from tests.conftest import PostgresDatabases, clone_home
from tests.places import version_file

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
HOAKS_FILE = [
    ["text", "hoaks"],
    ["Beredar pesan berantai: surat suara sudah dicoblos untuk paslon 2 di gudang KPU, "
     "sebarkan sebelum dihapus!", "1"],
    ["Katanya pemilih yang tidak bawa undangan tidak boleh mencoblos, info dari grup RT", "1"],
    ["Viral! Kotak suara di kecamatan sebelah sudah diisi sebelum hari H, waspada", "1"],
    ["Pesan berantai: hari pencoblosan diundur ke minggu depan karena logistik belum datang",
     "1"],
    ["Info A1: petugas KPPS dibayar untuk mencoblos sisa surat suara, tolong sebarkan", "1"],
    ["KPU kabupaten menggelar rapat pleno rekapitulasi suara di aula kantor bupati", "0"],
    ["Petugas PPS mengantar logistik pemilu ke TPS di desa pesisir dengan perahu", "0"],
    ["Bawaslu mengingatkan larangan kampanye di masa tenang melalui spanduk", "0"],
    ["Warga bergotong royong mendirikan tenda TPS di halaman balai desa", "0"],
    ["Polres menggelar apel pengamanan pemilu bersama TNI dan Linmas", "0"],
    ["The election commission said the ballots were printed and delivered on time", "0"],
    ["Police officers said that the rumour about rigged ballots was false", "1"],
]


@pytest.fixture(scope="module")
def starter_home(tmp_path_factory: pytest.TempPathFactory, template_home: Path,
                 postgres: PostgresDatabases | None) -> Path:
    """A workspace with the starter model installed, as `sejuk init` leaves it."""
    home = clone_home(template_home, tmp_path_factory.mktemp("starter") / "ws", postgres)
    ws = open_workspace(home)
    with ws.session() as session:
        version = starter.install_starter(session, ws.settings.classifier.labels,
                                          ws.settings.models_dir)
        assert version is not None
    ws.close()
    return home


@pytest.fixture
def hoaks_file(tmp_path: Path) -> Path:
    path = tmp_path / "hoaks-polres.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(HOAKS_FILE)
    return path


def test_shipped_files_match_the_manifest_and_the_model_was_built_from_them() -> None:
    manifest = starter.manifest()
    folder = starter.data_dir()
    for corpus in manifest["corpora"]:
        raw = folder.joinpath(corpus["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == corpus["sha256"], corpus["file"]
        assert corpus["licence"] and corpus["source"]
        if corpus.get("notice"):
            assert folder.joinpath(corpus["notice"]).read_text("utf-8").strip()
    card = json.loads(folder.joinpath(starter.CARD_FILE).read_text("utf-8"))
    corpus = starter.starter_corpus(card["labels"])
    assert card["data_sha256"] == data_hash(corpus.texts, corpus.y), \
        "the shipped model was trained on exactly the shipped corpus"


def test_the_manifest_counts_each_corpus_and_the_benchmarks_read_the_projects_from_it(
        ) -> None:
    """Rows, not lines (a written text may hold line breaks); and the benchmarks' starter
    holds exactly the corpora the product's manifest marks as the project's."""
    from benchmarks.corpora import project_corpora, project_starter

    for corpus in starter.manifest()["corpora"]:
        content = starter.data_dir().joinpath(corpus["file"]).read_text("utf-8")
        assert len(list(csv.DictReader(io.StringIO(content)))) == corpus["rows"], corpus["name"]
    names = [c["name"] for c in project_starter()]
    assert names == ["sejuk_samples", "sejuk_written", "sejuk_articles", "sejuk_posts"]
    background = {c["name"]: c.get("background") for c in starter.manifest()["corpora"]}
    assert background == {"umpo_tweets": None, "ibrohim_hs": None, "ibrohim_ordinary": ["hoaks"],
                          "sejuk_samples": None, "sejuk_written": ["hoaks"],
                          "sejuk_articles": None, "sejuk_posts": ["hoaks"]}
    project = project_corpora()
    assert [c.name for c in project] == [*names, "sejuk_demo"]
    # the articles judge both labels in their file; the starter learns hoaks from them
    # only, and so do the benchmarks' starter and leave-one-corpus-out
    assert set(project[2].test) == set(project[3].test) == {"hoaks"}
    assert not {"starter:sejuk_articles", "starter:sejuk_posts"} & set(
        starter.starter_corpus(["provokasi"]).origins)


def test_the_starter_card_names_its_sources_and_licences() -> None:
    card = json.loads(starter.data_dir().joinpath(starter.CARD_FILE).read_text("utf-8"))
    licences = {d["corpus"]: d["licence"] for d in card["data_licences"]}
    assert licences["umpo_tweets"] == "MIT"
    assert licences["ibrohim_hs"] == licences["ibrohim_ordinary"] == "CC BY-NC-SA 4.0"
    assert licences["sejuk_samples"] == licences["sejuk_written"] == \
        licences["sejuk_articles"] == licences["sejuk_posts"] == "same as Sejuk"
    assert card["components"]["hoaks"]["sources"].keys() == {
        "starter:umpo_tweets", "starter:ibrohim_ordinary", "starter:sejuk_samples",
        "starter:sejuk_written", "starter:sejuk_articles", "starter:sejuk_posts"}
    # an ordinary tweet without placeholders is also a row of ibrohim_hs: one row, judged
    # for both labels, each counted under the corpus that judged it (ibrohim_ordinary.csv
    # says nothing of provokasi)
    assert card["components"]["provokasi"]["sources"] == {
        "starter:ibrohim_hs": 10400, "starter:sejuk_samples": 800,
        "starter:sejuk_written": 881}
    notice = starter.data_dir().joinpath("ibrohim_hs.LICENSE").read_text("utf-8")
    assert "CC BY-NC-SA 4.0" in notice and "model trained on it" in notice
    assert "ibrohim_ordinary.csv is derived from the same file" in notice
    ordinary = starter.data_dir().joinpath("ibrohim_ordinary.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(ordinary)))
    assert len(rows) == 1000 and {r["hoaks"] for r in rows} == {"0"}
    assert not any(re.search(r"\b(?:USER|URL|RT)\b", r["text"]) for r in rows), \
        "Twitter's placeholders would teach 'a mention is no hoax'"


def test_init_leaves_the_starter_model_active(tmp_path: Path) -> None:
    home = tmp_path / "polres"
    result = runner.invoke(app, ["init", "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert "Model awal v1 aktif" in result.output
    status = json.loads(runner.invoke(app, ["status", "--home", str(home), "--json"]).stdout)
    assert status["model"]["version"] == 1
    assert set(status["model"]["metrics"]["labels"]) == {"hoaks", "provokasi"}
    again = runner.invoke(app, ["init", "--home", str(home)])
    assert again.exit_code == 0 and "Model awal" not in again.output, "never replaced"
    listed = json.loads(runner.invoke(app, ["models", "list", "--home", str(home),
                                            "--json"]).stdout)
    assert [r["version"] for r in listed] == [1]


def test_evaluate_scores_every_row_as_the_product_would(starter_home: Path,
                                                        hoaks_file: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--home", str(starter_home), "--labels",
                                 str(hoaks_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == len(HOAKS_FILE) - 1, "English rows are scored, not refused"
    assert set(data["labels"]) == {"hoaks"}
    assert data["labels"]["hoaks"]["support"] == 6


def test_evaluate_warns_when_a_file_repeats_the_texts_the_model_was_trained_on(
        starter_home: Path, hoaks_file: Path, tmp_path: Path) -> None:
    """A public set's train split (or the whole set it was split from) scores the starter
    on its own training data: the figures are printed, with a warning that says so."""
    shipped = starter.data_dir().joinpath("umpo_tweets.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(shipped)))[:30]
    seen = tmp_path / "umpo-original.csv"
    with seen.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(
            [["Text", "Hoax"]] + [[r["text"].upper(), r["hoaks"]] for r in rows]
            + HOAKS_FILE[1:6])
    result = runner.invoke(app, ["--lang", "en", "evaluate", "--home", str(starter_home),
                                 "--labels", str(seen), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 35, "the figures are still printed"
    assert ("warning: 30 of the rows judging 'hoaks' repeat texts the model was trained on "
            "(starter corpus umpo_tweets)") in result.stderr
    indonesian = runner.invoke(app, ["evaluate", "--home", str(starter_home), "--labels",
                                     str(seen), "--json"])
    assert ("warning: 30 baris yang menilai 'hoaks' mengulang teks yang dipakai melatih model "
            "(korpus awal umpo_tweets)") in indonesian.stderr
    fresh = runner.invoke(app, ["--lang", "en", "evaluate", "--home", str(starter_home),
                                "--labels", str(hoaks_file)])
    assert fresh.exit_code == 0 and "trained on" not in fresh.stderr


def _active_model(home: Path) -> TextModel:
    from classifiers.registry import load_version
    from sejuk.signals import active_version

    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return load_version(active_version(session), ws.settings.models_dir)
    finally:
        ws.close()


def test_the_starter_flags_real_looking_text_sensibly(starter_home: Path) -> None:
    model = _active_model(starter_home)
    texts = ["Vaksin mengandung chip untuk melacak warga, sebarkan ke semua grup!",
             "Dasar cina kafir, usir saja mereka dari kampung kita",
             "KPU menetapkan jadwal rekapitulasi suara tingkat kabupaten pekan depan"]
    proba = model.predict_proba(texts)
    cut = model.thresholds
    assert proba[0, 0] >= cut["hoaks"] and proba[2, 0] < cut["hoaks"]
    assert proba[1, 1] >= cut["provokasi"] and proba[2, 1] < cut["provokasi"]


#: Ordinary local chatter, written for this test (neither in the starter corpus nor in
#: classifiers.augment's surroundings).
ORDINARY = [
    "Nanti malam ada pengajian rutin di musala, bapak-bapak diharap hadir.",
    "Siapa yang mau ikut jalan sehat hari Minggu? Kumpul di lapangan jam enam.",
    "Alhamdulillah panen padi tahun ini lumayan bagus.",
    "Tolong yang parkir motor di depan gang dirapikan ya.",
    "Besok sekolah libur karena ada rapat guru.",
    "Ibu-ibu PKK rapat di rumah Bu Lurah jam sepuluh.",
    "Air PDAM mati dari pagi, ada yang tahu kapan nyala?",
    "Selamat atas pernikahan putri Pak Haji, semoga sakinah.",
    "Jangan lupa bawa payung, sore ini mendung.",
    "Toko bangunan di ujung jalan buka sampai jam sembilan.",
    "Hasil rapat RT: iuran keamanan tetap dua puluh ribu.",
    "Kucing saya hilang sejak kemarin, warnanya oranye.",
    "Terima kasih atas bantuan warga saat pindahan kemarin.",
    "Pak Ustaz berhalangan, kajian diundur minggu depan.",
    "Ada lowongan kerja di pabrik roti, syarat lulusan SMA.",
]


#: Unrest signals of the kinds the domain names beyond hate speech at groups (calls to
#: mobilise against election bodies, threats against poll workers, intimidation of voters,
#: vote buying, clashes, results refused in advance), written for this test and in no
#: training file. The starter before its written election texts flagged 10 of them.
UNREST = [
    'Besok pagi semua warga kumpul di depan kantor KPU Kabupaten, kita kepung sampai mereka '
    'batalkan hasilnya!',
    'Kalau hasil rekap tetap begini, jangan salahkan kami kalau kantor PPK dibakar.',
    'Anggota KPPS TPS 07 itu curang, malam ini kita datangi rumahnya rame-rame.',
    'Seluruh relawan paslon 2 siap turun ke jalan, kami tolak hasil pemilu yang penuh '
    'kecurangan ini.',
    'Ayo bawa massa sebanyak-banyaknya ke Bawaslu hari Jumat, tuntut pemungutan suara ulang!',
    'Siapa yang berani coblos nomor 1 di kampung ini, siap-siap saja tidak dapat bantuan lagi.',
    'Warga dusun diancam kepala desa tidak akan dilayani kalau tidak memilih calon petahana.',
    'Serangan fajar sudah disiapkan, amplop 100 ribu per kepala, bagikan sebelum subuh.',
    'Pendukung kedua calon saling lempar batu di simpang tiga usai kampanye terbuka.',
    'Panitia pengawas dikeroyok oknum tim sukses saat menertibkan baliho.',
    'Kami tidak akan terima kalau calon kami kalah, pokoknya perang!',
    'Seruan aksi: 22 Mei kita duduki gedung KPU, jangan pulang sebelum menang.',
    'Saksi paslon diusir dan diancam pakai parang di TPS 12 desa sebelah.',
    'Orang pendatang jangan ikut-ikut milih, ini tanah kami, usir saja mereka.',
    'Sweeping pemilih dari luar daerah malam ini, siapkan pentungan.',
    'Awas kalau ketua PPS masih berani tanda tangan berita acara itu, keluarganya kami cari.',
    'Massa pendukung membakar ban di depan kantor kecamatan menolak hasil penghitungan.',
    'Calon bupati itu kafir, haram dipilih, yang memilih dia ikut masuk neraka.',
    'Kotak suara dibawa kabur sekelompok orang bertopeng dari TPS 3.',
    'Ribuan buruh dikerahkan untuk mengawal rekapitulasi, siap bentrok bila perlu.',
]

#: Election news and chatter sharing their words (rekapitulasi, KPPS, TPS, Bawaslu).
ELECTION_ORDINARY = [
    'KPU kabupaten menggelar rapat pleno rekapitulasi suara di gedung serbaguna hari ini.',
    'Bawaslu mengimbau masyarakat melaporkan dugaan pelanggaran kampanye melalui posko pengaduan.',
    'Distribusi logistik pemilu ke desa-desa terpencil dimulai pagi ini dengan perahu.',
    'Petugas KPPS mengikuti bimbingan teknis tata cara penghitungan suara.',
    'Jangan lupa bawa KTP dan surat undangan saat datang ke TPS besok ya.',
    'Debat kandidat kedua akan disiarkan langsung oleh televisi lokal malam ini.',
    'Polres bersama TNI menggelar apel pengamanan tahapan pemilu di alun-alun.',
    'Tingkat partisipasi pemilih di kecamatan ini mencapai 78 persen.',
    'Warga antusias datang ke TPS sejak pukul tujuh pagi.',
    'Tokoh agama mengajak masyarakat menjaga persatuan menjelang hari pencoblosan.',
    'Calon wakil bupati berkunjung ke pasar tradisional dan berdialog dengan pedagang.',
    'Hasil hitung cepat sementara menunjukkan selisih tipis antara kedua pasangan.',
    'Relawan menggelar jalan sehat bersama warga sambil membagikan bibit pohon.',
    'Gudang logistik KPU dijaga ketat aparat selama 24 jam.',
    'Panwascam menertibkan alat peraga kampanye yang dipasang di pohon.',
    'Surat suara yang rusak akan diganti sesuai jumlah yang dilaporkan.',
    'Mahasiswa menggelar diskusi publik tentang pentingnya memilih dengan cerdas.',
    'Pelantikan anggota PPS digelar serentak di seluruh kecamatan.',
    'Pemungutan suara ulang di dua TPS berjalan lancar dan kondusif.',
    'Cuaca cerah, antrean pemilih di TPS 5 tertib.',
]


def test_the_starter_flags_unrest_signals_beyond_hate_speech(starter_home: Path) -> None:
    """The real hate-speech corpus judges SARA hate aimed at groups; the analysts also
    watch for mobilisation, threats, intimidation, clashes and vote buying, which only the
    project's written election texts teach (``sejuk_written``; measured on texts written
    apart from them, ``benchmarks/classifier/election_heldout.csv``)."""
    from classifiers.dataset import text_key
    from classifiers.scoring import flag_texts

    trained = {text_key(t) for t in starter.starter_corpus(["provokasi"]).texts}
    assert not {text_key(t) for t in UNREST + ELECTION_ORDINARY} & trained
    model = _active_model(starter_home)
    texts = UNREST + ELECTION_ORDINARY
    flags = flag_texts(model, texts, model.predict_proba(texts))[:, 1]
    missed = [t for t, f in zip(UNREST, flags[:len(UNREST)], strict=True) if not f]
    assert len(missed) <= 5, missed
    assert not flags[len(UNREST):].any()


ARTICLES = Path(__file__).resolve().parents[2] / "benchmarks" / "classifier" / \
    "articles_heldout.csv"


def test_the_starter_flags_hoax_articles_and_leaves_the_other_articles(
        starter_home: Path) -> None:
    """The real hoax corpus is tweets of one or two sentences; a district also reads news
    pages, hoax pages and long forwards, in which a tweet-trained model finds few hoax
    words per character: the starter before ``sejuk_articles`` and ``sejuk_posts``
    flagged 10 of the 39 hoax articles of ``benchmarks/classifier/articles_heldout.csv``
    (written by sessions that wrote none of the starter's texts, never trained on); it
    flags 27 (28 while it read links as words), and none of its 81 news reports,
    fact-checks, opinion pieces and long ordinary posts."""
    import numpy as np

    from benchmarks.corpora import read_rows
    from classifiers.dataset import text_key
    from classifiers.scoring import flag_texts

    rows = read_rows(ARTICLES)
    texts = [r["text"] for r in rows]
    trained = {text_key(t) for t in starter.starter_corpus(["hoaks"]).texts}
    assert not {text_key(t) for t in texts} & trained
    model = _active_model(starter_home)
    flags = flag_texts(model, texts, model.predict_proba(texts))[:, 0]
    hoax = np.array([r["hoaks"] == "1" for r in rows])
    assert hoax.sum() == 39 and flags[hoax].mean() >= 0.65, "most hoax articles flagged"
    assert flags[~hoax].sum() <= 4, "news, fact-checks and ordinary posts mostly not"


def test_the_starter_leaves_most_ordinary_chatter_unflagged(starter_home: Path) -> None:
    """The hoax corpus's non-hoaxes are clarifications, so a model trained on it alone
    learns that whatever is no debunk is a hoax: the starter before ordinary tweets joined
    its corpus flagged 12 of these 15 lines ``hoaks`` (and 89 % of the real ordinary
    tweets of the hate-speech test split); it now flags 3."""
    from classifiers.scoring import flag_texts

    model = _active_model(starter_home)
    flags = flag_texts(model, ORDINARY, model.predict_proba(ORDINARY))
    assert flags[:, 0].sum() <= len(ORDINARY) // 2, "most ordinary lines are no hoax"
    assert not flags[:, 1].any()


@pytest.mark.slow
def test_a_hoaks_only_file_trains_hoaks_and_keeps_provokasi(
        starter_home: Path, hoaks_file: Path,
        copy_workspace: object) -> None:
    home = copy_workspace(starter_home)  # type: ignore[operator]
    result = runner.invoke(app, ["train", "--home", str(home), "--labels", str(hoaks_file)])
    assert result.exit_code == 0, result.output
    out = result.output
    starter_card = json.loads(starter.data_dir().joinpath(starter.CARD_FILE).read_text("utf-8"))
    provokasi = starter_card["metrics"]["labels"]["provokasi"]
    f1, macro = (f"{provokasi[k]:.3f}".replace(".", ",") for k in ("f1", "macro_f1"))
    assert (f"provokasi: tidak dinilai oleh data ini; komponen tetap dari v1 (F1 {f1}, "
            f"macro-F1 {macro}, diukur di v1 pada semua sampel; tidak masuk macro-F1 versi "
            "ini)") in out  # Indonesian numbers: 0,659
    assert ("hoaks: dilatih dari file:hoaks-polres.csv 10, starter:ibrohim_ordinary 1.000, "
            "starter:sejuk_articles 405, starter:sejuk_posts 90, starter:sejuk_samples 800, "
            "starter:sejuk_written 881"
            ) in out
    assert "berbobot" in out, "the district's labels weigh more than the starter corpus"
    assert "2 baris dilewati karena bahasanya" in out and "baris 12, 13" in out
    assert "ibrohim_hs CC BY-NC-SA 4.0" in out, "the kept component's licence still holds"
    card = json.loads(version_file(home, 2, ".json").read_text("utf-8"))
    assert card["trained_labels"] == ["hoaks"]
    assert card["components"]["provokasi"]["kept_from"] == 1
    kept = card["kept"]["provokasi"]  # the starter's own figures, measured on its corpora
    assert {k: kept[k] for k in provokasi} == provokasi
    assert (kept["kept_from"], kept["measured_in"], kept["scored_on"]) == (1, 1, "all")
    assert kept["data"]["sources"] == starter_card["components"]["provokasi"]["sources"]
    assert list(card["metrics"]["labels"]) == ["hoaks"] and "kept" not in card["metrics"]
    assert card["components"]["hoaks"]["local"] == 10
    assert [row[1] for row in card["skipped_rows"]] == [12, 13]
    report = version_file(home, 2, ".html").read_text("utf-8")
    assert "tetap dari v1" in report and "baris 12" in report
    judged = card["label_known"]["provokasi"]  # the file judges no provokasi: not "0 positives"
    assert f"provokasi: {card['label_distribution']['provokasi']} / {judged} " in report
    kept_part = report.split("Komponen yang dipertahankan (kept components)")[1]
    assert "<td>provokasi</td><td>v1</td>\n<td>v1</td>\n<td>semua sampel</td>" in kept_part
    assert f"<td>{provokasi['f1']:.3f}</td><td>{provokasi['macro_f1']:.3f}</td>" in kept_part
    listed = json.loads(runner.invoke(app, ["models", "list", "--home", str(home),
                                            "--json"]).stdout)
    assert {r["version"]: r["status"] for r in listed} == {1: "active", 2: "candidate"}
    n = card["n_trained_on"]
    assert n < card["n_samples"], "the starter's provokasi rows were loaded, not learnt from"
    assert {r["version"]: r["n"] for r in listed}[2] == n
    assert f"Dilatih {card['trained_at']} dari {n} sampel." in report
    assert f"dilatih dari {n:,} sampel".replace(",", ".") in out


@pytest.mark.slow
def test_promotion_weighs_a_district_model_and_the_starter_on_the_district_labels(
        starter_home: Path, hoaks_file: Path, copy_workspace: object) -> None:
    """The starter's card scores it on the starter corpus, a district's version is scored
    on the district's own labels: training scores the starter on those same rows (new to
    it), and promotion weighs the two figures on them, not 0.80 on tweets against the
    district's figure."""
    home = copy_workspace(starter_home)  # type: ignore[operator]
    result = runner.invoke(app, ["train", "--home", str(home), "--labels", str(hoaks_file)])
    assert result.exit_code == 0, result.output
    card = json.loads(version_file(home, 2, ".json").read_text("utf-8"))
    baseline = card["baseline"]
    assert baseline["version"] == 1 and list(baseline["labels"]) == ["hoaks"]
    assert baseline["labels"]["hoaks"]["support"] == 5, "the district's 5 hoaxes"
    # figures as Indonesian writes them, the summary and its per-label part alike
    figure = f"{baseline['macro_f1']:.3f}".replace(".", ",")
    hoaks = f"{baseline['labels']['hoaks']['macro_f1']:.3f}".replace(".", ",")
    assert (f"model aktif v1 pada sampel lokal yang sama: macro-F1 {figure} (hoaks {hoaks})"
            ) in result.output
    assert re.search(r"precision [01],\d{3} recall [01],\d{3} F1 [01],\d{3}", result.output)

    ws = open_workspace(home)
    try:
        with ws.session() as session:  # the gate's inputs, set apart from the model's luck
            v1, v2 = session.get(ModelVersion, 1), session.get(ModelVersion, 2)
            assert v1 is not None and v2 is not None and v1.metrics["macro_f1"] > 0.75
            v2.metrics = {**v2.metrics, "macro_f1": 0.7}
            v2.card = {**v2.card, "baseline": {**baseline, "macro_f1": 0.9}}
    finally:
        ws.close()
    refused = runner.invoke(app, ["models", "promote", "2", "--home", str(home)])
    assert refused.exit_code == 1
    assert "di bawah v1 yang aktif (0,900 pada label lokal yang sama)" in refused.stderr
    english = runner.invoke(app, ["--lang", "en", "models", "promote", "2", "--home", str(home)])
    assert "below the active v1 (0.900 on the same local labels)" in english.stderr
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            v2 = session.get(ModelVersion, 2)
            assert v2 is not None
            v2.card = {**v2.card, "baseline": {**baseline, "macro_f1": 0.5}}
    finally:
        ws.close()
    promoted = runner.invoke(app, ["models", "promote", "2", "--home", str(home)])
    assert promoted.exit_code == 0, "0.7 on the district's labels beats the starter's 0.5 there"


@pytest.mark.skipif(not (SHARED / "umpo_tweets").exists(), reason="no shared data here")
def test_evaluate_on_a_real_hoax_file(starter_home: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--home", str(starter_home), "--labels",
                                 str(SHARED / "umpo_tweets" / "test.csv"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == 740 and set(data["labels"]) == {"hoaks"}
    assert data["labels"]["hoaks"]["macro_f1"] > 0.6


def test_a_changed_starter_model_or_corpus_is_refused_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'sejuk init' said the shipped model did not match its manifest in English only."""
    shipped = tmp_path / "data"
    shipped.mkdir()
    for name in (starter.MODEL_FILE, starter.CARD_FILE, starter.MANIFEST):
        (shipped / name).write_bytes(starter.data_dir().joinpath(name).read_bytes())
    with (shipped / starter.MODEL_FILE).open("ab") as model:
        model.write(b"\0")  # one byte more than the manifest's checksum covers
    monkeypatch.setattr(starter, "data_dir", lambda: shipped)
    home = str(tmp_path / "polres")
    indonesian = runner.invoke(app, ["init", "--home", home])
    assert indonesian.exit_code == 1, indonesian.output
    assert indonesian.stderr == ("error: model awal bawaan starter-model.skops tidak cocok "
                                 "dengan manifesnya; pasang ulang Sejuk atau bangun ulang "
                                 "model itu\n")
    english = runner.invoke(app, ["--lang", "en", "init", "--home", home])
    assert english.exit_code == 1, english.output
    assert english.stderr == ("error: the shipped starter model starter-model.skops does not "
                              "match its manifest; reinstall Sejuk or rebuild it\n")
    corpus = starter.manifest()["corpora"][0]["file"]
    (shipped / corpus).write_text("text,hoaks\nberubah,1\n", encoding="utf-8")
    with pytest.raises(ModelError) as changed:
        starter.starter_corpus(["hoaks", "provokasi"])
    assert changed.value.in_language("en").startswith(
        f"starter corpus file {corpus} does not match its manifest; reinstall Sejuk")
    assert changed.value.in_language("id").startswith(
        f"berkas korpus awal {corpus} tidak cocok dengan manifesnya; pasang ulang Sejuk")
    with pytest.raises(ModelError) as none:
        starter.starter_corpus(["cuaca"])
    assert none.value.in_language("en") == "the starter corpus judges none of the labels cuaca"
    assert none.value.in_language("id") == "korpus awal tidak menilai satu pun label cuaca"
