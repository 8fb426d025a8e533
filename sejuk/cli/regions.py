"""Region and TPS commands: the ``regions`` and ``tps`` groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sejuk.cli.common import (
    ExcelOption,
    HomeOption,
    JsonOption,
    app,
    cli_principal,
    day_or_today,
    echo_json,
    home_session,
    language,
    phrasebook,
    print_template,
    reports_errors,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import SejukError
from sejuk.fsutil import read_user_text
from sejuk.phrases import Phrases

_WORDS: Phrases = {
    "tps_imported": {"id": "TPS diimpor: {added} baru, {updated} diperbarui.",
                     "en": "TPS imported: {added} new, {updated} updated."},
    "level_or_clear": {"id": "berikan --level LEVEL atau --clear",
                       "en": "give --level LEVEL or --clear"},
    "summary_area": {"id": "Wilayah: {area}", "en": "Area: {area}"},
    "everywhere": {"id": "semua", "en": "all"},
    "summary_rule": {"id": "Aturan (personel : TPS{linmas}): {ratios}; TPS khusus minimal "
                           "{special_min} personel",
                     "en": "Rule (police : TPS{linmas}): {ratios}; a special TPS at least "
                           "{special_min} police"},
    "rule_linmas": {"id": " : linmas", "en": " : Linmas"},
    "summary_counts": {"id": "TPS: {total} ({levels})  khusus: {special}  personel: {police}  "
                             "linmas: {linmas}",
                       "en": "TPS: {total} ({levels})  special: {special}  police: {police}  "
                             "linmas: {linmas}"},
    "personnel": {"id": "personel", "en": "police"},
    "jurisdictions_imported": {"id": "Wilayah hukum diimpor: {names}",
                               "en": "Jurisdictions imported: {names}"},
    "bad_kind": {"id": "jenis harus salah satu dari {kinds}",
                 "en": "kind must be one of {kinds}"},
    "stored": {"id": ", tersimpan", "en": ", stored"},
    "priorities": {"id": "Prioritas {day} ({area}):", "en": "Priorities {day} ({area}):"},
    "all_areas": {"id": "semua wilayah", "en": "all areas"},
    # the priority table's header and spike mark (columns as wide as before)
    "h_score": {"id": "skor", "en": "score"},
    "h_code": {"id": "kode", "en": "code"},
    "h_area": {"id": "wilayah", "en": "area"},
    "h_narratives": {"id": "narasi", "en": "narr."},
    "h_spike": {"id": "lonjak", "en": "spike"},
    "yes": {"id": "YA", "en": "YES"},
    "text_or_file": {"id": "berikan TEKS atau --file, bukan keduanya",
                     "en": "give a TEXT or --file, not both"},
    "unknown_source_region": {"id": "kode wilayah {code!r} untuk --source-region tidak dikenal "
                                    "(`sejuk regions list`)",
                              "en": "unknown region code {code!r} for --source-region "
                                    "(`sejuk regions list`)"},
}
_ = phrasebook(_WORDS)

regions_app = sub_app("regions", "Gazetir wilayah dan penandaan wilayah pada teks.",
                      "Region gazetteer and tagging texts with regions.")
tps_app = sub_app("tps", "Roster TPS dan kerawanannya.",
                  "Polling-station (TPS) roster and vulnerability levels.")
jurisdictions_app = sub_app("jurisdictions", "Wilayah hukum Polda/Polres/Polsek.",
                            "Polda/Polres/Polsek jurisdictions.")
JurisdictionOption = Annotated[str | None, typer.Option(
    "--jurisdiction", help=bilingual(
        "Nama Polda/Polres/Polsek atau kode wilayah, mis. 'Polresta Cirebon'.",
        "Polda/Polres/Polsek name or region code, e.g. 'Polresta Cirebon'."))]


# -- TPS ------------------------------------------------------------------------------------
@tps_app.command("import", help=bilingual(
    "Impor CSV roster TPS (semua baris atau tidak sama sekali; lihat `sejuk tps template`).",
    "Import a TPS roster CSV (all rows or none; see `sejuk tps template`)."))
@reports_errors
def tps_import(
    file: Annotated[Path, typer.Argument(help=bilingual("CSV roster TPS.", "TPS roster CSV."))],
    home: HomeOption = None,
) -> None:
    from sejuk.tps.roster import import_roster

    with home_session(home) as (workspace, session):
        result = import_roster(session, cli_principal(), file, workspace.settings.tps)
    typer.echo(_("tps_imported", added=result.added, updated=result.updated))


@tps_app.command("template", help=bilingual(
    "Tulis kepala roster yang terdokumentasi dan satu baris contoh.",
    "Write the documented roster header and an example row."))
@reports_errors
def tps_template(
    out: Annotated[Path | None, typer.Option("--out", help=bilingual(
        "Tulis ke berkas ini.",
        "Write to this file."))] = None,
    excel: ExcelOption = False,
) -> None:
    from sejuk.tps.roster import template_csv

    print_template(template_csv(), out, excel=excel)


@tps_app.command("override", help=bilingual(
    "Tetapkan (atau hapus dengan --clear) tingkat kerawanan dari analis untuk satu TPS, beserta "
    "alasan dan pembuatnya; dicatat di log audit.",
    "Set (or --clear) an analyst's level for one TPS, with reason and author; audited."))
@reports_errors
def tps_override(
    desa_code: Annotated[str, typer.Argument(help=bilingual(
        "Kode desa Kemendagri, mis. 32.09.15.1005.",
        "Kemendagri desa code, e.g. 32.09.15.1005."))],
    number: Annotated[int, typer.Argument(help=bilingual("Nomor TPS.", "TPS number."))],
    level: Annotated[str | None, typer.Option(
        "--level", help=bilingual(
            "Kurang Rawan, Rawan atau Sangat Rawan.",
            "Kurang Rawan, Rawan or Sangat Rawan."))] = None,
    reason: Annotated[str, typer.Option("--reason", help=bilingual(
        "Alasan; wajib.",
        "Why (alasan); required."))] = "",
    clear: Annotated[bool, typer.Option("--clear", help=bilingual(
        "Hapus penetapan analis.",
        "Remove the override."))] = False,
    election: Annotated[str, typer.Option(help=bilingual(
        "Pemilihan dari baris roster itu.",
        "Election of the roster row."))] = "",
    home: HomeOption = None,
) -> None:
    from sejuk.actions import override_tps
    from sejuk.tps.roster import Level, explain, find_tps, level_names

    if (level is None) == (not clear):
        raise SejukError.said(_WORDS, "level_or_clear")
    with home_session(home) as (workspace, session):
        tps = override_tps(session, cli_principal(),
                           find_tps(session, desa_code, number, election).id,
                           None if clear else level, reason, settings=workspace.settings.tps)
        lang = language()
        lines = explain(tps, workspace.settings.tps, lang)
        label = level_names(lang)[Level(tps.level)]
    typer.echo(f"TPS {number} {desa_code}: {label}")
    for line in lines:
        typer.echo(f"  {line}")


@tps_app.command("summary", help=bilingual(
    "TPS per tingkat kerawanan dan personel yang dibutuhkan (aturan polisi : TPS wilayah "
    "hukumnya).",
    "TPS per level and personnel needed (police : TPS rule of the jurisdiction)."))
@reports_errors
def tps_summary(
    jurisdiction: JurisdictionOption = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from sejuk.regions.gazetteer import region_names
    from sejuk.tps.personnel import summarise
    from sejuk.tps.roster import level_names

    with home_session(home) as (_workspace, session):
        summary = summarise(session, jurisdiction)
        data = summary.as_dict(region_names(session, summary.by_kecamatan))
    if as_json:
        echo_json(data)
        return
    names = level_names(language())
    levels = sorted(summary.rule.ratios, reverse=True)  # Sangat Rawan first, as on the map
    ratios = summary.rule.ratios
    typer.echo(_("summary_area", area=jurisdiction or _("everywhere")))
    typer.echo(_("summary_rule", ratios=", ".join(f"{names[lv]} {ratios[lv]}" for lv in levels),
                 special_min=summary.rule.special_min,
                 linmas=_("rule_linmas") if any(r.linmas for r in ratios.values()) else ""))
    typer.echo(_("summary_counts", total=data["total_tps"], special=data["special_tps"],
                 levels=", ".join(f"{names[lv]} {summary.total.tps[lv.label]}" for lv in levels),
                 police=data["police"], linmas=data["linmas"]))
    for row in data["kecamatan"]:
        typer.echo(f"  {row['code']:<10} {row['name']:<24} TPS {row['total_tps']:>5}  "
                   f"SR {row['tps']['Sangat Rawan']:>4}  {_('personnel')} {row['police']:>5}")


# -- jurisdictions ----------------------------------------------------------------------------
@jurisdictions_app.command("import", help=bilingual(
    "Buat atau ganti wilayah hukum dari berkas TOML atau CSV (semua atau tidak sama sekali).",
    "Create or replace jurisdictions from a TOML or CSV file (all or nothing)."))
@reports_errors
def jurisdictions_import(
    file: Annotated[Path, typer.Argument(help=bilingual(
        "Berkas TOML atau CSV wilayah hukum.", "TOML or CSV file of jurisdictions."))],
    home: HomeOption = None,
) -> None:
    from sejuk.regions.jurisdiction_files import import_jurisdictions

    with home_session(home) as (_workspace, session):
        names = import_jurisdictions(session, cli_principal(), file)
    typer.echo(_("jurisdictions_imported", names=", ".join(names)))


@jurisdictions_app.command("list", help=bilingual(
    "Wilayah hukum tersimpan beserta kode wilayahnya (dan bawaan hasil bangkitan bila diminta).",
    "Stored jurisdictions with their region codes (and generated defaults on request)."))
@reports_errors
def jurisdictions_list(
    kind: Annotated[str | None, typer.Option(help=bilingual(
        "polda, polres atau polsek",
        "polda, polres or polsek"))] = None,
    defaults: Annotated[bool, typer.Option("--defaults", help=bilingual(
        "Sertakan satuan hasil bangkitan.",
        "Include generated units."))] = False,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from sejuk.regions.jurisdictions import KINDS, list_jurisdictions

    if kind and kind not in KINDS:
        raise SejukError.said(_WORDS, "bad_kind", kinds=", ".join(KINDS))
    with home_session(home) as (_workspace, session):
        units = list_jurisdictions(session, kind, defaults=defaults)
    rows = [{"name": u.name, "kind": u.kind, "codes": list(u.codes), "stored": u.stored,
             "parent": u.parent, "personnel": u.personnel} for u in units]
    if as_json:
        echo_json(rows)
        return
    for u in units:
        codes = ", ".join(u.codes[:6]) + (" ..." if len(u.codes) > 6 else "")
        typer.echo(f"{u.kind:<7} {u.name:<40} {codes}")


@jurisdictions_app.command("show", help=bilingual(
    "Satuan mana yang dimaksud sebuah nama dan kode wilayah yang dicakupnya.",
    "Which unit a name resolves to and the region codes it covers."))
@reports_errors
def jurisdictions_show(
    name: Annotated[str, typer.Argument(help=bilingual(
        "Nama satuan, mis. 'Polresta Cirebon'.", "Unit name, e.g. 'Polresta Cirebon'."))],
    home: HomeOption = None, as_json: JsonOption = False,
) -> None:
    from sejuk.regions.jurisdictions import resolve

    with home_session(home) as (_workspace, session):
        unit = resolve(session, name)
    data = {"name": unit.name, "kind": unit.kind, "codes": list(unit.codes),
            "stored": unit.stored, "parent": unit.parent}
    if as_json:
        echo_json(data)
    else:
        typer.echo(f"{unit.name} ({unit.kind}{_('stored') if unit.stored else ''}): "
                   + ", ".join(unit.codes))


# -- priorities -------------------------------------------------------------------------------
@app.command("priorities", help=bilingual(
    "Wilayah menurut prioritas: sinyal, lonjakan dibanding garis dasarnya sendiri, kerawanan TPS.",
    "Areas ranked by priority: signals, spike vs own baseline, TPS vulnerability."))
@reports_errors
def priorities(
    day: Annotated[str | None, typer.Option("--date", help=bilingual(
        "Hari (YYYY-MM-DD); bawaan hari ini (zona waktu ruang kerja).",
        "Day (YYYY-MM-DD); default today (workspace time zone)."))] = None,
    jurisdiction: JurisdictionOption = None,
    level: Annotated[str, typer.Option(help=bilingual(
        "kecamatan, desa atau kabkota",
        "kecamatan, desa or kabkota"))] = "kecamatan",
    window: Annotated[int, typer.Option(min=1, help=bilingual(
        "Jumlah hari dalam jendela sinyal.",
        "Days in the signal window."))] = 1,
    limit: Annotated[int, typer.Option(min=1, help=bilingual(
        "Berapa wilayah.",
        "How many areas."))] = 20,
    rebuild: Annotated[bool, typer.Option("--rebuild", help=bilingual(
        "Hitung ulang rekap harian lebih dulu.",
        "Recompute the daily rollup first.")
                                          )] = False,
    show_why: Annotated[bool, typer.Option("--explain", help=bilingual(
        "Tampilkan komponen setiap skor.",
        "Show each score's components.")
                                           )] = False,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:

    from sejuk.priorities import compute_priorities, explain
    from sejuk.signals import active_version_id
    from sejuk.signals.rollup import rebuild_rollup

    with home_session(home) as (workspace, session):
        target = day_or_today(workspace, day)
        version = active_version_id(session)
        if rebuild and version is not None:
            rebuild_rollup(session, version)
        rows = compute_priorities(session, workspace.settings, day=target,
                                  jurisdiction=jurisdiction, window_days=window, level=level,
                                  limit=limit)
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    typer.echo(_("priorities", day=target.isoformat(), area=jurisdiction or _("all_areas")))
    typer.echo(f"{_('h_score'):>7}  {_('h_code'):<13} {_('h_area'):<24} {'flag':>4} "
               f"{_('h_narratives'):>6} {_('h_spike'):>6} {'SR/R/KR':>10}")
    for r in rows:
        tps = f"{r.tps['Sangat Rawan']}/{r.tps['Rawan']}/{r.tps['Kurang Rawan']}"
        typer.echo(f"{r.score:>7.2f}  {r.code:<13} {r.name[:24]:<24} {r.flagged:>4} "
                   f"{r.narratives:>6} {_('yes') if r.spike else '-':>6} {tps:>10}")
        if show_why:
            for line in explain(r, language()):
                typer.echo(f"         {line}")


# -- regions ----------------------------------------------------------------------------------
@regions_app.command("positions", help=bilingual(
    "Posisi wilayah untuk peta luring (rata-rata TPS, selain itu centroid bawaan), sebagai JSON.",
    "Area positions for offline maps (mean of TPS, else the shipped centroid), as JSON."))
@reports_errors
def regions_positions(
    level: Annotated[str, typer.Option(help=bilingual(
        "kabkota, kecamatan atau desa",
        "kabkota, kecamatan or desa"))] = "kecamatan",
    jurisdiction: JurisdictionOption = None,
    home: HomeOption = None,
) -> None:
    from sejuk.regions.geo import area_positions
    from sejuk.regions.jurisdictions import optional_areas

    with home_session(home) as (_workspace, session):
        try:
            positions = area_positions(session, level, optional_areas(session, jurisdiction))
        except ValueError as exc:
            raise SejukError(str(exc)) from None
    echo_json([{"code": p.code, "name": p.name, "lat": p.lat, "lon": p.lon, "tps": p.tps,
                "source": p.source} for p in positions.values()])


# -- regions ----------------------------------------------------------------------------------
@regions_app.command("list", help=bilingual(
    "Wilayah dalam gazetir beserta kode Kemendagri-nya.",
    "Regions of the gazetteer with their Kemendagri codes."))
@reports_errors
def regions_list(
    home: HomeOption = None,
    level: Annotated[str | None, typer.Option(help=bilingual(
        "provinsi, kabkota, kecamatan atau desa",
        "provinsi, kabkota, kecamatan or desa"))] = None,
    parent: Annotated[str | None, typer.Option(help=bilingual(
        "Hanya anak dari kode ini.",
        "Only children of this code."))] = None,
    jurisdiction: JurisdictionOption = None,
    as_json: JsonOption = False,
) -> None:
    from sejuk.regions.gazetteer import list_regions
    from sejuk.regions.jurisdictions import optional_areas
    from sejuk.signals import in_prefixes

    with home_session(home) as (_workspace, session):
        prefixes = optional_areas(session, jurisdiction)
        rows = [{"code": r.code, "name": r.name, "level": r.level, "parent": r.parent_code}
                for r in list_regions(session, level, parent)
                if in_prefixes(r.code, prefixes)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"{r['code']:<14} {r['level']:<10} {r['name']}")


@regions_app.command("tag", help=bilingual(
    "Wilayah mana yang disebut sebuah teks (tingkat paling spesifik, dengan buktinya).",
    "Which regions a text names (most specific level, with evidence)."))
@reports_errors
def regions_tag(
    text: Annotated[str | None, typer.Argument(help=bilingual(
        "Teks yang ditandai.",
        "Text to tag."))] = None,
    file: Annotated[Path | None, typer.Option("--file", help=bilingual(
        "Tandai setiap baris sebuah berkas.",
        "Tag each line of a file."))] = None,
    source_region: Annotated[str | None, typer.Option("--source-region", help=bilingual(
        "Kode wilayah sumbernya sendiri.", "The source's own region code."))] = None,
    as_json: JsonOption = False,
) -> None:
    from sejuk.regions.gazetteer import gazetteer_index
    from sejuk.regions.tagger import default_tagger

    if (text is None) == (file is None):
        raise SejukError.said(_WORDS, "text_or_file")
    if source_region is not None and source_region.strip() not in gazetteer_index():
        raise SejukError.said(_WORDS, "unknown_source_region", code=source_region)
    lines = [text] if text is not None else read_user_text(file).splitlines()  # type: ignore[arg-type]
    tagger = default_tagger()
    for line in lines:
        tags = tagger.tag(line, source_region)
        record = {"codes": [t.code for t in tags], "names": [t.name for t in tags],
                  "level": _most_specific(tags), "evidence": [t.evidence for t in tags]}
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(", ".join(f"{t.code} {t.name} ({t.level})" for t in tags) or "-")


def _most_specific(tags: list[Any]) -> str | None:
    from sejuk.regions.gazetteer import LEVELS

    if not tags:
        return None
    levels: list[str] = [t.level for t in tags]
    return max(levels, key=LEVELS.index)


