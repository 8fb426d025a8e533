"""Classifier commands: train, evaluate, classify, label-queue, and the ``models`` group
(the ``claims`` group: :mod:`sejuk.cli.claims`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    actor,
    app,
    cli_principal,
    language,
    open_home,
    phrasebook,
    reports_errors,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import InputError, ModelError
from sejuk.phrases import Phrases, number

_WORDS: Phrases = {
    "trained": {"id": "Model v{version} dilatih dari {n:,} sampel: macro-F1 (validasi silang) "
                      "{f1:.3f}",
                "en": "Model v{version} trained on {n:,|sample|samples}: macro-F1 "
                      "(cross-validated) {f1:.3f}"},
    "active": {"id": " (aktif)", "en": " (active)"},
    "candidate": {"id": " (kandidat; `sejuk models promote`)",
                  "en": " (candidate; `sejuk models promote`)"},
    "kept": {"id": "  {label}: tidak dinilai oleh data ini; komponen tetap dari v{version}",
             "en": "  {label}: not judged by this data; component kept from v{version}"},
    "kept_figures": {"id": " (F1 {f1:.3f}, macro-F1 {macro:.3f}, diukur di v{measured} pada "
                           "{on}; tidak masuk macro-F1 versi ini)",
                     "en": " (F1 {f1:.3f}, macro-F1 {macro:.3f}, measured in v{measured} on "
                           "{on}; not part of this version's macro-F1)"},
    "label_kept": {"id": "{label} F1 {f1} (komponen dari v{version}, diukur di v{measured})",
                   "en": "{label} F1 {f1} (component from v{version}, measured in "
                         "v{measured})"},
    "label_unmeasured": {"id": "{label} F1 tidak diukur (komponen dari v{version})",
                         "en": "{label} F1 not measured (component from v{version})"},
    "not_measured": {"id": "tidak diukur", "en": "not measured"},
    "local_weight": {"id": "; label lokal berbobot {weight:g}x sampel korpus awal",
                     "en": "; local labels weigh {weight:g}x a starter corpus sample"},
    "trained_from": {"id": "  {label}: dilatih dari {sources}{local}",
                     "en": "  {label}: trained on {sources}{local}"},
    "background_replaced": {
        "id": "    teks latar korpus awal ({corpora}, {rows:,} baris) tidak dipakai: {own:,} label "
              "lokal Anda ({negatives:,} negatif; cukup mulai {minimum} dengan {least} "
              "negatif) kini menunjukkan seperti apa teks wilayah Anda",
        "en": "    the starter's background text ({corpora}, {rows:,|row|rows}) left out: your "
              "{own:,|local label|local labels} ({negatives:,} negative; {minimum} with "
              "{least} negative are enough) now show what the text of your area looks "
              "like"},
    "self_trained": {"id": "    belajar mandiri: {positives:,} item tanpa label diberi label "
                           "positif dan {negatives:,} negatif oleh model sendiri (dari {pool:,} "
                           "item terbaru)",
                     "en": "    self-training: {positives:,|unlabelled item|unlabelled items} "
                           "taken as positives and {negatives:,} as negatives by the model "
                           "itself (of the {pool:,} most recent)"},
    "self_trained_cues": {
        "id": "    belajar mandiri: {positives:,} item tanpa label diberi label positif dan "
              "{negatives:,} negatif (dari {pool:,} item terbaru), {cue_positives:,} dan "
              "{cue_negatives:,} di antaranya menurut kata isyarat ({categories})",
        "en": "    self-training: {positives:,|unlabelled item|unlabelled items} taken as "
              "positives and {negatives:,} as negatives (of the {pool:,} most recent), "
              "{cue_positives:,} and {cue_negatives:,} of them by cue words ({categories})"},
    "self_trained_rest": {"id": "; sisanya oleh model sendiri",
                          "en": "; the rest by the model itself"},
    "self_trained_model_later": {
        "id": "; model sendiri ikut memberi label mulai {minimum} label lokal positif dan "
              "{minimum} negatif",
        "en": "; the model itself joins from {minimum} local positive and {minimum} "
              "negative labels"},
    "self_training_no_cues": {
        "id": "    belajar mandiri dilewati: tidak ada item yang cocok dengan kata isyarat "
              "label ini, dan model sendiri memberi label mulai {minimum} label lokal "
              "positif dan {minimum} negatif",
        "en": "    self-training skipped: no item matches this label's cue words, and the "
              "model itself labels items from {minimum} local positive and {minimum} "
              "negative labels"},
    "self_training_skipped": {
        "id": "    belajar mandiri dilewati: perlu minimal {minimum} label lokal positif dan "
              "{minimum} negatif",
        "en": "    self-training skipped: it needs at least {minimum} local positive and "
              "{minimum} negative labels"},
    "self_training_few_items": {
        "id": "    belajar mandiri dilewati: baru {pool:,} item tanpa label, perlu minimal "
              "{minimum:,}",
        "en": "    self-training skipped: {pool:,|unlabelled item|unlabelled items} so far, "
              "it needs at least {minimum:,}"},
    "on_local": {"id": "sampel lokal", "en": "local samples"},
    "on_all": {"id": "semua sampel", "en": "all samples"},
    "scored_on": {"id": "dinilai pada: {what}", "en": "scored on: {what}"},
    "folds": {"id": "    validasi silang {folds} lipatan ({on}): {scores}",
              "en": "    {folds}-fold cross-validation ({on}): {scores}"},
    "skipped": {"id": "  {n} baris dilewati karena bahasanya (model membaca bahasa Indonesia): "
                      "{where}",
                "en": "  {n:|row|rows} left out for their language (the model reads Indonesian): "
                      "{where}"},
    "skipped_rows": {"id": "{file} baris {rows}", "en": "{file} {n:~|row|rows} {rows}"},
    "licences": {"id": "  lisensi data: {licences}", "en": "  data licences: {licences}"},
    "report": {"id": "Laporan: {path}", "en": "Report: {path}"},
    "baseline": {"id": "  model aktif v{version} pada sampel lokal yang sama: macro-F1 {f1:.3f} "
                       "({per})",
                 "en": "  active model v{version} on the same local samples: macro-F1 {f1:.3f} "
                       "({per})"},
    "seen": {"id": "{count:,} baris yang menilai {label!r} mengulang teks yang dipakai melatih "
                   "model (korpus awal {corpora}); skor pada baris itu melebih-lebihkan "
                   "kinerjanya pada teks yang belum pernah dilihat",
             "en": "{count:,} of the rows judging {label!r} repeat texts the model was trained "
                   "on (starter corpus {corpora}); its scores on them overstate how it does "
                   "on text it never saw"},
    "left_out": {"id": "{n} baris tidak dinilai karena tidak berisi teks yang bisa dinilai "
                       "(kosong, tanpa kata atau terlalu panjang): baris {rows}",
                 "en": "{n:|row|rows} not scored: no text to score (empty, no words or over-"
                       "long): rows {rows}"},
    "one_class": {"id": "berkas menilai {label!r} dengan satu kelas saja; macro-F1-nya "
                        "merata-ratakan F1 0 untuk kelas lainnya",
                  "en": "the file judges {label!r} with one class only; its macro-F1 "
                        "averages in an F1 of 0 for the other class"},
    "evaluated": {"id": "{n} sampel, macro-F1 {f1:.3f}",
                  "en": "{n:|sample|samples}, macro-F1 {f1:.3f}"},
    "no_model": {"id": "tidak ada model aktif untuk mengurutkan item; latih dulu dengan "
                       "`sejuk train`",
                 "en": "no active model to rank items with; train one with `sejuk train`"},
    "queue_empty": {"id": "Antrean kosong: tidak ada item tanpa label dalam {days} hari "
                          "terakhir.",
                    "en": "Queue empty: no unlabelled items in the last {days:|day|days}."},
    "narrative": {"id": "narasi", "en": "narrative"},
    "region": {"id": "wilayah", "en": "region"},
    "all_or_reflag": {"id": "berikan --all atau --reflag, bukan keduanya: --all menilai ulang "
                            "setiap item (semua tanda ditetapkan ulang), --reflag hanya "
                            "menerapkan ulang ambang",
                      "en": "give --all or --reflag, not both: --all rescores every item "
                            "(which sets every flag anew), --reflag only re-applies "
                            "thresholds"},
    "reflagged": {"id": "{n} tanda berubah pada skor model v{version}.",
                  "en": "{n:|flag|flags} changed on the scores of model v{version}."},
    "scored": {"id": "{n} item dinilai dengan model v{version}.",
               "en": "{n:|item|items} scored with model v{version}."},
    "promoted": {"id": "Model v{version} aktif; {n} item dinilai olehnya.",
                 "en": "Model v{version} active; {n:|item|items} scored by it."},
    "rolled_back": {"id": "Model v{version} aktif kembali; {n} item baru dinilai olehnya.",
                    "en": "Model v{version} active again; {n:|new item|new items} scored by it."},
    # files of model versions a killed training left (models prune, and train's summary)
    "orphans_removed": {"id": "{n} berkas model yatim dari versi tak terdaftar {versions} "
                              "dihapus: {names}",
                        "en": "Orphan model files of unregistered versions {versions} "
                              "removed ({n}): {names}"},
    "orphans_listed": {"id": "{n} berkas model yatim dari versi tak terdaftar {versions} akan "
                             "dihapus: {names}",
                       "en": "Orphan model files of unregistered versions {versions} "
                             "would be removed ({n}): {names}"},
    "no_orphans": {"id": "Tidak ada berkas model yatim yang lebih tua dari {hours:g} jam.",
                   "en": "No orphan model files older than {hours:g} hours."},
}
_ = phrasebook(_WORDS)

models_app = sub_app("models", "Versi model klasifikasi.", "Classifier versions.")


@app.command(help=bilingual(
    "Latih versi model baru: label yang dinilai data Anda dilatih ulang (label lain memakai "
    "komponen model aktif); skor validasi silang, laporan dan kartu model.",
    "Train a new model version: the labels your data judge are retrained (the others keep the "
    "active model's component); cross-validated scores, report and card."))
@reports_errors
def train(
    home: HomeOption = None,
    labels: Annotated[list[Path] | None, typer.Option("--labels", help=bilingual(
        "CSV sampel berlabel: text,label atau text,<label1>,<label2>... (bisa diulang)",
        "CSV of labelled samples: text,label or text,<label1>,<label2>... (repeatable)"))] = None,
    bundled: Annotated[bool, typer.Option("--bundled/--no-bundled", help=bilingual(
        "Tambahkan korpus awal bawaan Sejuk (twit asli berbahasa Indonesia dan sampel Sejuk), "
        "berbobot di bawah label Anda sendiri.",
        "Add the starter corpus shipped with Sejuk (real Indonesian tweets and Sejuk's samples), "
        "weighted below your own labels."))] = True,
    bootstrap_factchecks: Annotated[bool, typer.Option(
        "--bootstrap-factchecks", help=bilingual(
            "Tambahkan klaim yang diuraikan cek fakta terkumpul sebagai sampel hoaks (kata "
            "vonisnya dibuang).",
            "Add the claims that collected fact-checks describe as hoaks samples (verdict words "
            "removed)."))] = False,
    stored: Annotated[bool, typer.Option("--stored/--no-stored", help=bilingual(
        "Sertakan label yang diberikan di dashboard.",
        "Include labels given in the dashboard."))] = True,
    self_training: Annotated[bool, typer.Option(
        "--self-training/--no-self-training", help=bilingual(
            "Belajar juga dari item terbaru yang belum berlabel (berbobot rendah): dilabeli "
            "kata isyarat hoaks dan provokasi sejak ada label lokal, dan model sendiri bila "
            "label lokal cukup: `[classifier] self_training_pool`. Matikan bila label "
            "menilai jenis teks yang berbeda dari yang dikumpulkan workspace.",
            "Also learn from recent unlabelled items (weighted low): labelled by the cue "
            "words of hoaks and provokasi once there are local labels, and by the model "
            "itself when there are enough: `[classifier] self_training_pool`. Turn it off "
            "when the labels judge another kind of text than the workspace collects."))] = True,
) -> None:
    from classifiers.workflow import training_data
    from sejuk.actions import train_model

    workspace = open_home(home)
    data = training_data(workspace, files=labels or [], include_stored=stored,
                         bootstrap_factchecks=bootstrap_factchecks, bundled=bundled)
    with workspace.session() as session:
        outcome = train_model(session, cli_principal(), workspace, data,
                              self_training=self_training)
    for line in training_summary(outcome):
        typer.echo(line)


def _kept_figures(card: dict[str, Any], label: str) -> str:
    """A kept component's figures carried over from the version that measured them."""
    figures = (card.get("kept") or {}).get(label) or {}
    if figures.get("f1") is None:
        return ""
    on = _("on_local" if figures.get("scored_on") == "local" else "on_all")
    return _("kept_figures", f1=figures["f1"], macro=figures["macro_f1"],
             measured=figures["measured_in"], on=on)


def _self_training(component: dict[str, Any]) -> list[str]:
    """What self-training added to a trained component, when items were offered."""
    from classifiers.cues import named
    from classifiers.selftrain import (
        MIN_LOCAL,
        MIN_POOL,
        cue_labelled,
        skipped_because,
        worth_telling,
    )

    done = worth_telling(component)
    if done is None:
        return []
    why = skipped_because(done)
    if why == "items":
        return [_("self_training_few_items", pool=done["pool"], minimum=MIN_POOL)]
    if why == "labels":
        return [_("self_training_skipped", minimum=MIN_LOCAL)]
    if why == "cues":
        return [_("self_training_no_cues", minimum=MIN_LOCAL)]
    by_cues = cue_labelled(done)
    if by_cues is None:
        return [_("self_trained", positives=done["positives"], negatives=done["negatives"],
                  pool=done["pool"])]
    return [_("self_trained_cues", positives=done["positives"], negatives=done["negatives"],
              pool=done["pool"], cue_positives=by_cues["positives"],
              cue_negatives=by_cues["negatives"],
              categories=named(by_cues["categories"], language()))
            + (_("self_trained_rest") if done.get("model")
               else _("self_trained_model_later", minimum=MIN_LOCAL))]


def training_summary(outcome: Any) -> list[str]:
    """What a training run did, in the words the CLI prints (the run's language)."""
    card = outcome.result.card
    lines = [_("trained", version=outcome.version, n=card["n_trained_on"],
               f1=outcome.result.metrics.macro_f1)
             + _("active" if outcome.promoted else "candidate")]
    for label, version in outcome.kept.items():
        lines.append(_("kept", label=label, version=version) + _kept_figures(card, label))
    for label in outcome.trained:
        component = card["components"][label]
        sources = ", ".join(f"{origin} {number(count, language(), ',')}" for origin, count
                            in sorted(component.get("sources", {}).items()))
        weight = component.get("local_weight", 1)
        local = (_("local_weight", weight=weight)
                 if component.get("local") and weight > 1 else "")
        lines.append(_("trained_from", label=label, sources=sources, local=local))
        replaced = (component.get("background") or {}).get("replaced")
        if replaced:
            from classifiers.training import BACKGROUND_NEGATIVES, BACKGROUND_REPLACED_AT

            record = component["background"]
            lines.append(_("background_replaced", corpora=", ".join(replaced),
                           rows=record["rows"], own=record["own"],
                           negatives=record["own_negatives"], minimum=BACKGROUND_REPLACED_AT,
                           least=BACKGROUND_NEGATIVES))
        lines += _self_training(component)
        m = outcome.result.metrics.labels[label]
        evaluation = card["evaluation"][label]
        on = _("on_local" if evaluation["scored_on"] == "local" else "on_all")
        lines.append(_("folds", folds=evaluation["folds"], on=on, scores=(
            f"{_scores(m)}, ECE {_figure(outcome.result.metrics.ece.get(label, 0))}")))
    baseline = card.get("baseline")
    if baseline:  # what promotion weighs: both models on the same local labels
        per = ", ".join(f"{lab} {_figure(m['macro_f1'])}" for lab, m in baseline["labels"].items())
        lines.append(_("baseline", version=baseline["version"],
                       f1=baseline["macro_f1"], per=per))
    skipped = card.get("skipped_rows", [])
    if skipped:
        by_file: dict[str, list[str]] = {}
        for name, row, why in skipped:
            by_file.setdefault(f"{name} ({why})", []).append(str(row))
        lines.append(_("skipped", n=len(skipped), where="; ".join(
            _("skipped_rows", file=k, n=len(v), rows=_rows(v)) for k, v in by_file.items())))
    licences = [d for d in card.get("data_licences", []) if d["licence"] != "same as Sejuk"]
    if licences:
        lines.append(_("licences", licences="; ".join(f"{d['corpus']} {d['licence']}"
                                                      for d in licences)))
    if outcome.pruned:
        lines.append(orphans_line(outcome.pruned, dry_run=False))
    if outcome.report is not None:
        lines.append(_("report", path=outcome.report))
    return lines


def orphans_line(orphans: Any, *, dry_run: bool) -> str:
    """Files of versions the registry does not know (a killed training's), in one line."""
    versions = ", ".join(f"v{v}" for v in sorted({o.version for o in orphans}))
    names = ", ".join(o.path.name for o in orphans)
    return _("orphans_listed" if dry_run else "orphans_removed", n=len(orphans),
             versions=versions, names=names)


def _scores(m: Any) -> str:
    """One label's scores (the metric names are the field's, the same in both languages;
    the figures as the run's language writes them)."""
    return (f"precision {_figure(m.precision)} recall {_figure(m.recall)} F1 {_figure(m.f1)} "
            f"macro-F1 {_figure(m.macro_f1)} (n+={m.support})")


def _figure(score: float) -> str:
    """A score to three decimals, as the run's language writes it (0,812 in Indonesian)."""
    return number(score, language(), ".3f")


def _rows(numbers: Sequence[object], shown: int = 20) -> str:
    """Row numbers for a person: the first ``shown``, then an ellipsis."""
    return ", ".join(str(n) for n in numbers[:shown]) + (" ..." if len(numbers) > shown else "")


@app.command(help=bilingual(
    "Nilai satu versi model pada CSV berlabel (precision, recall, F1, macro-F1 per label).",
    "Score a model version on a labelled CSV (precision, recall, F1, macro-F1 per label)."))
@reports_errors
def evaluate(
    labels: Annotated[Path, typer.Option("--labels", help=bilingual(
        "CSV sampel berlabel.",
        "CSV of labelled samples."))],
    home: HomeOption = None,
    model: Annotated[int | None, typer.Option("--model", help=bilingual(
        "Versi model (bawaan: yang aktif).",
        "Model version (default: the active one)."))] = None,
    as_json: JsonOption = False,
) -> None:
    from classifiers.workflow import evaluate_file

    workspace = open_home(home)
    metrics = evaluate_file(workspace, labels, model)
    data = {"n": metrics.n, "labels": {
        label: {"precision": m.precision, "recall": m.recall, "f1": m.f1,
                "macro_f1": m.macro_f1, "support": m.support}
        for label, m in metrics.labels.items()}}
    for label in metrics.one_class:  # stderr: the JSON on stdout stays one object
        typer.echo(f"warning: {_('one_class', label=label)}", err=True)
    if metrics.left_out:
        said = _("left_out", n=len(metrics.left_out), rows=_rows(metrics.left_out))
        typer.echo(f"warning: {said}", err=True)
    for label, (count, corpora) in metrics.seen.items():
        typer.echo(f"warning: {_('seen', count=count, label=label, corpora=', '.join(corpora))}",
                   err=True)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(_("evaluated", n=metrics.n, f1=metrics.macro_f1))
    for label, m in metrics.labels.items():
        typer.echo(f"  {label}: {_scores(m)}")


@app.command("label-queue", help=bilingual(
    "Item yang labelnya paling membantu model (belum pasti, beragam, belum berlabel).",
    "Items whose labels would help the model most (uncertain, diverse, unlabelled)."))
@reports_errors
def label_queue(
    home: HomeOption = None,
    n: Annotated[int, typer.Option("--n", min=1, help=bilingual(
        "Berapa item.",
        "How many items."))] = 20,
    days: Annotated[int, typer.Option(min=1, max=3650, help=bilingual(
        "Hanya item DAYS hari terakhir.",
        "Only items of the last DAYS days."))] = 30,
    as_json: JsonOption = False,
) -> None:
    from dataclasses import asdict

    from classifiers.active import label_queue as queue
    from classifiers.active import queue_reason
    from sejuk.regions.gazetteer import describe
    from sejuk.signals import active_version

    workspace = open_home(home)
    with workspace.session() as session:
        if active_version(session) is None:
            raise ModelError.said(_WORDS, "no_model")
        rows = queue(session, None, None, n, settings=workspace.settings, days=days)
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False))
        return
    if not rows:
        typer.echo(_("queue_empty", days=days))
    for r in rows:
        reason = queue_reason(r.why, r.label, r.probability, r.threshold, language())
        typer.echo(f"item {r.item_id:<6} {reason}"
                   + (f"  {_('narrative')} {r.narrative_id}" if r.narrative_id else "")
                   + (f"  {_('region')} {describe(r.place_code)}" if r.place_code else ""))


@app.command(help=bilingual(
    "Nilai item yang belum dinilai model aktif (atau semuanya, dengan --all).",
    "Score items the active model has not scored yet (or all, with --all)."))
@reports_errors
def classify(
    home: HomeOption = None,
    all_items: Annotated[bool, typer.Option("--all", help=bilingual(
        "Nilai ulang setiap item.",
        "Rescore every item."))] = False,
    reflag: Annotated[bool, typer.Option(
        "--reflag", help=bilingual(
            "Hanya terapkan ulang [classifier.thresholds] dan aturan jangan-pernah-ditandai pada "
            "skor tersimpan (setelah mengubah ambang; model tidak dijalankan).",
            "Only re-apply [classifier.thresholds] and the never-flag rules to the stored scores "
            "(after changing a threshold; no model run)."))] = False,
) -> None:
    from classifiers.workflow import classify_pending, reflag_active

    if reflag and all_items:
        raise InputError.said(_WORDS, "all_or_reflag")
    workspace = open_home(home)
    if reflag:
        version, changed = reflag_active(workspace)
        typer.echo(_("reflagged", n=changed, version=version.id))
        return
    version, count = classify_pending(workspace, rescore=all_items)
    typer.echo(_("scored", n=count, version=version.id))


# -- models -----------------------------------------------------------------------------------
@models_app.command("list", help=bilingual(
    "Versi model dengan skor validasi silang dan statusnya.",
    "Model versions with their cross-validated scores and status."))
@reports_errors
def models_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    from zoneinfo import ZoneInfo

    from classifiers.figures import label_figures, reported
    from classifiers.registry import list_versions
    from sejuk.reads.admin import scored_on, trained_on
    from sejuk.timeutil import format_local

    workspace = open_home(home)
    zone = ZoneInfo(workspace.settings.timezone)
    with workspace.session() as session:
        versions = list_versions(session)
        trained = {v.id: format_local(v.trained_at, zone) for v in versions}
        metrics = {v.id: reported(session, v) for v in versions}
        figures = {v.id: label_figures(v.labels, metrics[v.id]) for v in versions}
        rows = [{"version": v.id, "status": v.status, "trained_at": v.trained_at.isoformat(),
                 "macro_f1": v.metrics.get("macro_f1"), "n": trained_on(v.card or {}),
                 "thresholds": v.card.get("thresholds", {}), "metrics": metrics[v.id],
                 "scored_on": scored_on(v.card),
                 "promoted_by": v.promoted_by} for v in versions]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        cuts = " ".join(f"{k}>={v:.2f}" for k, v in r["thresholds"].items())
        # a starter's figure is on its corpus, a district's on its own labels: say which
        basis = {k: _("on_local" if on == "local" else "on_all")
                 for k, on in r["scored_on"].items()}
        what = (next(iter(basis.values())) if len(set(basis.values())) == 1
                else ", ".join(f"{k} {w}" for k, w in basis.items()))
        typer.echo(f"v{r['version']:<4} {r['status']:<9} {trained[r['version']]}  "
                   f"macro-F1 {r['macro_f1'] or 0:.3f}  n={r['n']}  {cuts}"
                   + (f"  {_('scored_on', what=what)}" if basis else ""))
        typer.echo("      " + "; ".join(_label_line(f) for f in figures[r["version"]]))


def _label_line(figures: Any) -> str:
    """One label of ``models list``: its F1, a kept component's marked with its origin."""
    f1 = f"{figures.f1:.3f}" if figures.f1 is not None else _("not_measured")
    if figures.kept_from is None:
        return f"{figures.label} F1 {f1}"
    if figures.f1 is None or figures.measured_in is None:
        return _("label_unmeasured", label=figures.label, version=figures.kept_from)
    return _("label_kept", label=figures.label, f1=f1, version=figures.kept_from,
             measured=figures.measured_in)


@models_app.command("prune", help=bilingual(
    "Hapus berkas versi model yang tidak dikenal basis data (sisa pelatihan yang terhenti); "
    "dicatat di log audit.",
    "Remove files of model versions the database does not know (left by a killed training); "
    "audited."))
@reports_errors
def models_prune(
    home: HomeOption = None,
    older_than: Annotated[float, typer.Option(
        "--older-than", min=1, help=bilingual(
            "Hanya berkas yang lebih tua dari sekian jam (minimal 1, agar pelatihan yang sedang "
            "berjalan tidak tersentuh).",
            "Only files older than this many hours (at least 1, so a training running meanwhile "
            "is never touched)."))] = 24,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=bilingual(
        "Hanya tampilkan apa yang akan dihapus.",
        "Only list what would be removed."))] = False,
) -> None:
    from datetime import timedelta

    from classifiers.registry import prune_orphans

    workspace = open_home(home)
    with workspace.session() as session:
        orphans = prune_orphans(session, workspace.settings.models_dir,
                                workspace.settings.reports_dir,
                                older_than=timedelta(hours=older_than), dry_run=dry_run,
                                actor=actor())
    if not orphans:
        typer.echo(_("no_orphans", hours=older_than))
        return
    typer.echo(orphans_line(orphans, dry_run=dry_run))


@models_app.command("promote", help=bilingual(
    "Aktifkan satu versi model (ditolak jika skornya di bawah model aktif).",
    "Make a model version active (refused if it scores below the active one)."))
@reports_errors
def models_promote(
    version: Annotated[int, typer.Argument(help=bilingual("Versi model.", "Model version."))],
    home: HomeOption = None,
    force: Annotated[bool, typer.Option(help=bilingual(
        "Aktifkan walaupun macro-F1-nya lebih rendah.",
        "Promote even if its macro-F1 is lower."))] = False,
) -> None:
    from sejuk.actions import promote_model

    workspace = open_home(home)
    with workspace.session() as session:
        done = promote_model(session, cli_principal(), version, workspace.settings, force=force)
    typer.echo(_("promoted", version=version, n=done.scored))


@models_app.command("rollback", help=bilingual(
    "Aktifkan kembali versi model yang aktif sebelumnya.",
    "Reactivate the previously active model version."))
@reports_errors
def models_rollback(home: HomeOption = None) -> None:
    from sejuk.actions import rollback_model

    workspace = open_home(home)
    with workspace.session() as session:
        done = rollback_model(session, cli_principal(), workspace.settings)
        typer.echo(_("rolled_back", version=done.version.id, n=done.scored))
