"""Collection commands: collect, watch, import, the ``sources``, ``items`` and
``narratives`` groups. Each one opens the workspace and calls one library function."""

from __future__ import annotations

import os
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer

from sejuk.cli.common import (
    ExcelOption,
    HomeOption,
    JsonOption,
    actor,
    app,
    check_format,
    cli_principal,
    csv_stdout,
    echo_json,
    language,
    open_home,
    parse_date,
    phrasebook,
    reports_errors,
    state_word,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import InputError
from sejuk.fsutil import read_user_text
from sejuk.phrases import Phrases
from sejuk.timeutil import local_day_bounds

if TYPE_CHECKING:
    from sejuk.workspace import Workspace

_WORDS: Phrases = {
    "new_with_problem": {"id": "{new} baru ({problem})", "en": "{new} new ({problem})"},
    "fetching": {"id": "Mengambil feed", "en": "Fetching feeds"},
    "step_narasi": {"id": "Narasi", "en": "Narratives"},
    "step_klaim": {"id": "Pencocokan klaim", "en": "Claim matching"},
    "step_skor": {"id": "Menilai item", "en": "Scoring items"},
    "step_periksa": {"id": "Memeriksa baris", "en": "Checking rows"},
    "step_simpan": {"id": "Menyimpan baris", "en": "Storing rows"},
    "backlog": {"id": "{problem} ({n} item menunggu putaran berikutnya)",
                "en": "{problem} ({n:|item waits|items wait} for the next run)"},
    "scored": {"id": "{summary}; {n} item dinilai model.",
               "en": "{summary}; {n:|item|items} scored by the model."},
    "signal": {"id": "sinyal {signal}: berhenti setelah batch ini ...",
               "en": "signal {signal}: stopping after this batch ..."},
    "watching": {"id": "Memantau sumber (Ctrl-C untuk berhenti) ...",
                 "en": "Watching sources (Ctrl-C to stop) ..."},
    "stopped": {"id": "Berhenti: {runs} putaran, {new} item baru.",
                "en": "Stopped: {runs:|run|runs}, {new:|new item|new items}."},
    "sources_created": {"id": "; sumber baru: {names}", "en": "; new sources: {names}"},
    "catalog_no_url": {"id": "--catalog menambahkan entri katalog; jangan berikan URL atau "
                             "--name",
                       "en": "--catalog adds catalogue entries; give no URL or --name"},
    "url_and_name": {"id": "berikan URL feed dan --name (atau --catalog)",
                     "en": "give a feed URL and --name (or --catalog)"},
    "source_added": {"id": "Sumber ditambahkan: {source}", "en": "Source added: {source}"},
    "scope_province": {"id": "nasional + provinsi {province}",
                       "en": "national + province {province}"},
    "scope_all": {"id": "semua provinsi", "en": "every province"},
    "scope_national": {"id": "nasional", "en": "national"},
    "catalog_added": {"id": "Katalog {version} ({scope}): {added} sumber ditambahkan, "
                            "{skipped} sudah ada.",
                      "en": "Catalogue {version} ({scope}): {added:|source|sources} added, "
                            "{skipped} already there."},
    "catalog_entries": {"id": "Katalog sumber {version}: {n} entri",
                        "en": "Source catalogue {version}: {n:|entry|entries}"},
    "catalog_present": {"id": "(* sudah ada di ruang kerja ini)",
                        "en": "(* already in this workspace)"},
    "imported": {"id": "{n} sumber ditambahkan dari {file}.",
                 "en": "{n:|source|sources} added from {file}."},
    "failing": {"id": "gagal {n}x: {error}", "en": "failed {n}x: {error}"},
    "not_fetched": {"id": "belum diambil", "en": "not fetched yet"},
    "items": {"id": "{n:>6} item", "en": "{n:>6|item|items}"},
    "source_enabled": {"id": "Sumber {name} diaktifkan.", "en": "Source {name} enabled."},
    "source_disabled": {"id": "Sumber {name} dinonaktifkan.", "en": "Source {name} disabled."},
    "source_removed": {"id": "Sumber {name} dihapus.", "en": "Source {name} removed."},
    "exported": {"id": "{n} item diekspor ke {out}.", "en": "{n:|item|items} exported to {out}."},
    "excel_csv_only": {"id": "--excel hanya untuk --format csv (BOM UTF-8 untuk Excel)",
                       "en": "--excel is for --format csv (a UTF-8 byte-order mark for "
                             "Excel)"},
    "xlsx_needs_out": {"id": "--format xlsx menulis berkas buku kerja: beri --out "
                             "BERKAS.xlsx",
                       "en": "--format xlsx writes a workbook file: give --out FILE.xlsx"},
    "xlsx_too_many": {"id": "{n:,} item melebihi satu lembar Excel ({max:,} baris): "
                            "persempit dengan --since atau pakai --format csv",
                      "en": "{n:,|item is|items are} more than one Excel sheet holds "
                            "({max:,|row|rows}): "
                            "narrow it with --since or use --format csv"},
    "debunk": {"id": "bantahan: item {item}", "en": "debunk: item {item}"},
    "spread": {"id": "{sources} sumber, {regions} wilayah",
               "en": "{sources:|source|sources}, {regions:|region|regions}"},
}
_ = phrasebook(_WORDS)

sources_app = sub_app("sources", "Kelola sumber feed.", "Manage feed sources.")
items_app = sub_app("items", "Item yang tersimpan: ekspor.", "Stored items: export.")
narratives_app = sub_app("narratives", "Narasi: kelompok salinan yang hampir sama.",
                         "Narratives: clusters of near-duplicate copies.")
SourceName = Annotated[str, typer.Argument(help=bilingual(
    "Nama sumber (`sejuk sources list`).", "Source name (`sejuk sources list`)."))]


def _since(text: str | None, zone: str) -> datetime | None:
    """A ``--since YYYY-MM-DD`` as the (UTC) start of that day in the workspace's zone:
    an analyst in Makassar asking for the 27th means the 27th on her clock."""
    return local_day_bounds(parse_date(text), ZoneInfo(zone))[0] if text else None


def _echo_outcome(outcome: Any) -> None:
    """A failing or troubled source's line on stderr (``watch``: no progress bar)."""
    line = _outcome_line(outcome)
    if line:
        typer.echo(line, err=True)


def _outcome_line(outcome: Any) -> str | None:
    if outcome.error:
        return f"  ! {outcome.name}: {_problem(outcome.error)}"
    if outcome.problem:
        return (f"  ~ {outcome.name}: "
                + _("new_with_problem", new=outcome.new, problem=_problem(outcome.problem)))
    return None


def _problem(text: str | None) -> str:
    """A feed's recorded problem (stored in English) in the run's language."""
    from feeds.problems import in_language

    return in_language(text, language())


class _Progress:
    """A progress bar on a terminal (stderr), nothing when output is piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None
        self._left = 0

    def start(self, total: int) -> None:
        self._left = total
        if self.enabled and total:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(transient=True, console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task(_("fetching"), total=total)

    def advance(self, outcome: Any) -> None:
        line = _outcome_line(outcome)
        if line:
            if self._bar is not None:
                self._bar.console.print(line, markup=False, highlight=False)
            else:
                typer.echo(line, err=True)
        if self._bar is not None:
            self._bar.advance(self._task)
        self._left -= 1
        if not self._left:  # every source is in: the stages' bar comes next
            self.stop()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


class _StageProgress:
    """Progress of the after-ingest work (and of an import) on a terminal (stderr);
    nothing when output is piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(transient=True, console=Console(stderr=True))
            self._bar.start()
        if step not in self._tasks:
            label = _(f"step_{step}") if f"step_{step}" in _WORDS else step
            self._tasks[step] = self._bar.add_task(label, total=total or None)
        self._bar.update(self._tasks[step], completed=done, total=total or None)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _ingest(workspace: Any, intake: Any) -> Any:
    """One run of the ingest path (:func:`sejuk.pipeline.ingest`) with progress on a
    terminal; a line on stderr when scoring had to be left for the next run."""
    from sejuk.pipeline import ingest

    progress = _StageProgress(sys.stderr.isatty())
    try:
        report = ingest(workspace, intake, progress=progress)
    finally:
        progress.stop()
    if report.backlog.problem:
        typer.echo(f"  ! {_('backlog', problem=report.backlog.problem, n=report.backlog.left)}",
                   err=True)
    return report


@app.command(help=bilingual(
    "Ambil sekali sumber yang sudah waktunya, simpan item baru dan nilai (kode keluar 0 walaupun "
    "ada yang gagal); juga menuntaskan sisa putaran yang terputus (narasi, klaim, skor).",
    "Poll due sources once, store new items and score them (exit 0 even if some fail); also "
    "finishes what an interrupted run left (narratives, claims, scores)."))
@reports_errors
def collect(
    home: HomeOption = None,
    source: Annotated[list[str] | None, typer.Option("--source", help=bilingual(
        "Hanya sumber ini (bisa diulang).",
        "Only this source (repeatable)."))] = None,
    force: Annotated[bool, typer.Option(help=bilingual(
        "Ambil juga sumber yang belum waktunya.",
        "Poll even sources not yet due."))] = False,
) -> None:
    from sejuk.pipeline import FeedSources

    progress = _Progress(sys.stderr.isatty())
    try:
        report = _ingest(open_home(home), FeedSources(
            names=source or None, force=force, on_start=progress.start,
            on_source=progress.advance))
    finally:
        progress.stop()
    typer.echo(_("scored", summary=report.intake.summary(language()), n=report.scored))


@app.command(help=bilingual(
    "Ambil sumber terus-menerus menurut interval masing-masing; SIGTERM/Ctrl-C berhenti setelah "
    "batch berjalan.",
    "Poll sources forever on their own intervals; SIGTERM/Ctrl-C stops after the batch."))
@reports_errors
def watch(
    home: HomeOption = None,
    max_runs: Annotated[int | None, typer.Option(min=1, help=bilingual(
        "Berhenti setelah sekian putaran (bawaan: berjalan sampai dihentikan).",
        "Stop after this many runs (default: run until stopped)."))] = None,
) -> None:
    from feeds.watch import watch as run_watch
    from sejuk.pipeline import FeedSources
    from sejuk.timeutil import format_local, utc_now

    workspace = open_home(home)
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        typer.echo(_("signal", signal=signal.Signals(signum).name), err=True)
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM,
                                                                   signal.SIGINT)}

    def once() -> int:
        report = _ingest(workspace, FeedSources(on_source=_echo_outcome))
        stamp = format_local(utc_now(), ZoneInfo(workspace.settings.timezone))
        typer.echo(f"[{stamp}] "
                   + _("scored", summary=report.intake.summary(language()), n=report.scored))
        return int(report.intake.new)

    typer.echo(_("watching"))
    try:
        stats = run_watch(workspace, stop, once, max_runs=max_runs)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    typer.echo(_("stopped", runs=stats.runs, new=stats.new))


@app.command("import", help=bilingual(
    "Impor unggahan yang diekspor alat lain (satu baris rusak menolak seluruh berkas; aman "
    "diulang).",
    "Import posts exported by other tools (a bad row refuses the file; idempotent)."))
@reports_errors
def import_posts(
    file: Annotated[Path, typer.Argument(help=bilingual(
        "Berkas CSV atau JSONL berisi unggahan.",
        "CSV or JSONL file of posts."))],
    home: HomeOption = None,
    fmt: Annotated[str | None, typer.Option("--format", help=bilingual(
        "csv atau jsonl (bawaan: dari nama berkas).",
        "csv or jsonl (default: from the file name)."))] = None,
    source: Annotated[str | None, typer.Option(help=bilingual(
        "Nama sumber untuk baris yang tidak menyebutnya.",
        "Source name for rows without one."))] = None,
) -> None:
    from sejuk.pipeline import ImportFile

    report = _ingest(open_home(home), ImportFile(file, actor(), fmt=fmt,
                                                 default_source=source))
    result = report.intake
    created = (_("sources_created", names=", ".join(result.sources_created))
               if result.sources_created else "")
    typer.echo(_("scored", summary=result.summary(language()) + created, n=report.scored))


@sources_app.command("add", help=bilingual(
    "Daftarkan URL feed, atau entri katalog untuk satu provinsi (--catalog).",
    "Register a feed URL, or the catalogue's entries for a province (--catalog)."))
@reports_errors
def sources_add(
    url: Annotated[str | None, typer.Argument(help=bilingual(
        "URL feed (tidak bersama --catalog).",
        "Feed URL (not with --catalog)."))] = None,
    name: Annotated[str | None, typer.Option(help=bilingual(
        "Nama tampilan (unik).",
        "Display name (unique)."))] = None,
    kind: Annotated[str | None, typer.Option(help=bilingual(
        "news, factcheck, social atau official (dengan --catalog: hanya jenis ini)",
        "news, factcheck, social or official (with --catalog: only this kind)"))] = None,
    region: Annotated[str | None, typer.Option(help=bilingual(
        "Kode wilayah bawaan (Kemendagri).",
        "Default region code (Kemendagri)."))] = None,
    interval: Annotated[int | None, typer.Option(help=bilingual(
        "Interval pengambilan dalam menit.",
        "Polling interval in minutes."))] = None,
    timezone: Annotated[str | None, typer.Option(help=bilingual(
        "Zona waktu untuk waktu tanpa zona (bawaan: dari wilayahnya, selain itu WIB).",
        "Zone of zone-less times (default: from the region, else WIB)."))] = None,
    platform: Annotated[str | None, typer.Option(help=bilingual(
        "mastodon, bluesky, youtube, reddit atau telegram (bawaan: dikenali otomatis).",
        "mastodon, bluesky, youtube, reddit or telegram (default: detected)."))] = None,
    full_text: Annotated[bool, typer.Option("--full-text", help=bilingual(
        "Ambil halaman setiap entri baru bila feed hanya memuat ringkasan.",
        "Fetch each new entry's page when the feed has only summaries."))] = False,
    terms: Annotated[str, typer.Option(help=bilingual(
        "Apa yang boleh disimpan: full, lead (judul, paragraf pembuka, tautan) atau title (judul "
        "dan tautan).",
        "What may be stored: full, lead (title, lead paragraph, link) or title (title and "
        "link)."))] = "full",
    catalog: Annotated[bool, typer.Option("--catalog", help=bilingual(
        "Tambahkan entri katalog bawaan, bukan satu URL.",
        "Add entries of the shipped catalogue instead of one URL."))] = False,
    province: Annotated[str | None, typer.Option(help=bilingual(
        "Dengan --catalog: entri nasional ditambah entri provinsi ini (kode, mis. 32; 'all' untuk "
        "semua provinsi).",
        "With --catalog: national entries plus this province's (code, e.g. 32; 'all' for every "
        "province)."))] = None,
    min_confidence: Annotated[str, typer.Option(help=bilingual(
        "Dengan --catalog: high, medium atau low.",
        "With --catalog: high, medium or low."))] = "low",
    home: HomeOption = None,
) -> None:
    if catalog:
        if url or name:
            raise InputError.said(_WORDS, "catalog_no_url")
        _add_from_catalog(home, province, kind, min_confidence)
        return
    from sejuk.actions import add_source

    if not url or not name:
        raise InputError.said(_WORDS, "url_and_name")
    workspace = open_home(home)
    with workspace.session() as session:
        source = add_source(session, cli_principal(), url, name, kind or "news",
                            region_code=region, interval_minutes=(
                                workspace.settings.collector.default_interval_minutes
                                if interval is None else interval),
                            timezone=timezone, platform=platform, full_text=full_text,
                            terms=terms)
        extra = f" [{source.platform}]" if source.platform else ""
        typer.echo(_("source_added", source=f"{source.name} ({source.kind}){extra} {source.url}"))


def _add_from_catalog(home: Path | None, province: str | None, kind: str | None,
                      min_confidence: str) -> None:
    from feeds.catalog import load_catalog
    from sejuk.actions import add_catalog_sources

    catalog = load_catalog()
    workspace = open_home(home)
    with workspace.session() as session:
        added, skipped = add_catalog_sources(
            session, cli_principal(), province=province, kind=kind,
            min_confidence=min_confidence,
            default_interval=workspace.settings.collector.default_interval_minutes)
    for name in added:
        typer.echo(f"  + {name}")
    scope = _("scope_province", province=_province_name(province)) if province not in (
        None, "all") else (_("scope_all") if province == "all" else _("scope_national"))
    typer.echo(_("catalog_added", version=catalog.version, scope=scope, added=len(added),
                 skipped=skipped))


def _province_name(code: str) -> str:
    """``Jawa Timur (35)`` for ``35`` or any code inside it (a Polres names its regency)."""
    from sejuk.regions.gazetteer import gazetteer_index

    province = code.strip().split(".")[0]
    found = gazetteer_index().get(province)
    return f"{found.name} ({province})" if found else code


@sources_app.command("catalog", help=bilingual(
    "Daftar katalog bawaan feed Indonesia yang nyata (dan mana yang sudah ditambahkan, bila ruang "
    "kerja diberikan).",
    "List the shipped catalogue of real Indonesian feeds (and which are already added when a "
    "workspace is given)."))
@reports_errors
def sources_catalog(
    province: Annotated[str | None, typer.Option(help=bilingual(
        "Entri nasional ditambah entri provinsi ini (kode, mis. 32).",
        "National entries plus this province's (code, e.g. 32)."))] = None,
    kind: Annotated[str | None, typer.Option(help=bilingual(
        "news, factcheck, social atau official",
        "news, factcheck, social or official"))] = None,
    min_confidence: Annotated[str, typer.Option(help=bilingual(
        "high, medium atau low.",
        "high, medium or low."))] = "low",
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from feeds.catalog import check_province, load_catalog, present, select_entries

    check_province(province)
    catalog = load_catalog()
    entries = select_entries(catalog, province=province, kind=kind,
                             min_confidence=min_confidence)
    added: dict[str, str] = {}
    if home is not None or os.environ.get("SEJUK_HOME"):
        workspace = open_home(home)
        with workspace.session() as session:
            added = present(session, entries)
    if as_json:
        echo_json([{"id": e.id, "name": e.name, "kind": e.kind, "province": e.province,
                    "url": e.url, "confidence": e.confidence, "terms": e.terms,
                    "notes": e.notes, "catalog_version": catalog.version,
                    "added_as": added.get(e.id)} for e in entries])
        return
    typer.echo(_("catalog_entries", version=catalog.version, n=len(entries)))
    for e in entries:
        mark = "*" if e.id in added else " "
        typer.echo(f"{mark} {e.scope:<8} {e.kind:<9} {e.confidence:<7} {e.name[:48]:<48} "
                   f"{e.url}")
    if added:
        typer.echo(_("catalog_present"))


@sources_app.command("import", help=bilingual(
    "Tambahkan banyak sumber dari berkas TOML atau CSV (semua atau tidak sama sekali; galat "
    "menyebut barisnya).",
    "Add many sources from a TOML or CSV file (all or none; errors name the rows)."))
@reports_errors
def sources_import(
    file: Annotated[Path, typer.Argument(help=bilingual(
        "Berkas TOML (tabel [[source]]) atau CSV.",
        "TOML ([[source]] tables) or CSV file."))],
    home: HomeOption = None,
) -> None:
    from feeds.sources import add_sources, read_sources_file

    content = read_user_text(file)
    workspace = open_home(home)
    with workspace.session() as session:
        added = add_sources(session, read_sources_file(content, file.name), file.name,
                            workspace.settings.collector.default_interval_minutes)
        typer.echo(_("imported", n=len(added), file=file.name))


@sources_app.command("list", help=bilingual(
    "Sumber beserta kesehatannya: status terakhir, galat terakhir, kegagalan, item tersimpan.",
    "Sources with their health: last status, last error, failures, stored items."))
@reports_errors
def sources_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    from feeds.sources import source_health

    workspace = open_home(home)
    with workspace.session() as session:
        rows = source_health(session)
    if as_json:
        echo_json([
            {"name": r.name, "url": r.url, "kind": r.kind, "region": r.region,
             "platform": r.platform, "enabled": r.enabled, "terms": r.terms,
             "catalog_id": r.catalog_id,
             "interval_minutes": r.interval_minutes, "items": r.items,
             "last_status": r.last_status, "last_error": r.last_error,
             "last_fetch_at": r.last_fetch_at.isoformat() if r.last_fetch_at else None,
             "last_success_at": r.last_success_at.isoformat() if r.last_success_at else None,
             "consecutive_failures": r.consecutive_failures,
             "next_due_at": r.next_due_at.isoformat() if r.next_due_at else None}
            for r in rows
        ])
        return
    for r in rows:
        state = state_word(r.enabled)
        health = _("failing", n=r.consecutive_failures, error=_problem(r.last_error)) \
            if r.consecutive_failures \
            else f"HTTP {r.last_status}" if r.last_status else _("not_fetched")
        if r.last_error and not r.consecutive_failures:  # collected, with a remark
            health += f" ({_problem(r.last_error)})"
        typer.echo(f"{r.name:<32} {r.kind:<9} {state:<8} {_('items', n=r.items)}  {health}")


def _set_enabled(name: str, home: Path | None, enabled: bool) -> None:
    from sejuk.actions import set_source_enabled

    workspace = open_home(home)
    with workspace.session() as session:
        source = set_source_enabled(session, cli_principal(), name, enabled)
        typer.echo(_("source_enabled" if enabled else "source_disabled", name=source.name))


@sources_app.command("enable", help=bilingual(
    "Lanjutkan pengambilan sumber (langsung jatuh tempo).",
    "Resume polling a source (it is due at once)."))
@reports_errors
def sources_enable(name: SourceName, home: HomeOption = None) -> None:
    _set_enabled(name, home, True)


@sources_app.command("disable", help=bilingual(
    "Hentikan pengambilan sumber; itemnya tetap tersimpan.",
    "Stop polling a source; its items stay."))
@reports_errors
def sources_disable(name: SourceName, home: HomeOption = None) -> None:
    _set_enabled(name, home, False)


@sources_app.command("remove", help=bilingual(
    "Hapus sumber; item kirimannya tetap tersimpan (sumber lain mungkin juga memuatnya).",
    "Remove a source; items it delivered stay (other sources may share them)."))
@reports_errors
def sources_remove(name: SourceName, home: HomeOption = None) -> None:
    from feeds.sources import remove_source

    workspace = open_home(home)
    with workspace.session() as session:
        remove_source(session, name)
    typer.echo(_("source_removed", name=name))


@items_app.command("export", help=bilingual(
    "Tulis item tersimpan beserta wilayah dan skor model; ekspor dicatat di log audit.",
    "Write stored items with regions and model scores; the export is audited."))
@reports_errors
def items_export(
    fmt: Annotated[str, typer.Option("--format", help=bilingual(
        "jsonl, csv atau xlsx (buku kerja Excel; perlu --out)",
        "jsonl, csv or xlsx (an Excel workbook; needs --out)"))] = "jsonl",
    since: Annotated[str | None, typer.Option(help=bilingual(
        "Hanya item yang terbit pada atau setelah hari ini (YYYY-MM-DD, zona waktu ruang kerja).",
        "Only items published on or after this day (YYYY-MM-DD, workspace time zone)."))] = None,
    out: Annotated[Path | None, typer.Option(help=bilingual(
        "Tulis ke sini, bukan ke stdout.",
        "Write here instead of stdout."))] = None,
    home: HomeOption = None,
    excel: ExcelOption = False,
) -> None:
    from feeds.export import FORMATS, export_to_stream, record_export

    check_format(fmt, FORMATS)
    if excel and fmt != "csv":
        raise InputError.said(_WORDS, "excel_csv_only")
    if fmt == "xlsx" and out is None:
        raise InputError.said(_WORDS, "xlsx_needs_out")
    workspace = open_home(home)
    start = _since(since, workspace.settings.timezone)
    if out is None:
        with csv_stdout(excel) as stream:
            export_to_stream(workspace, stream, fmt, start, actor(), bom=excel)
        return
    count = _export_file(workspace, out, fmt, start, excel)
    with workspace.session() as session:
        record_export(session, actor(), fmt, count, str(out), start)
    typer.echo(_("exported", n=count, out=out))


def _export_file(workspace: Workspace, out: Path, fmt: str, start: datetime | None,
                 excel: bool) -> int:
    """Write the export to ``out`` whole (a reader never sees half of it); returns its
    item count. A workbook is refused before a byte is written when one sheet cannot
    hold it."""
    from feeds.export import XLSX_MAX_ROWS, export_count, write_export, write_workbook
    from sejuk.fsutil import atomic_write
    from sejuk.signals import claims_count

    claims = claims_count(workspace.settings.classifier.labels)
    written: list[int] = []
    with workspace.session() as session:
        if fmt == "xlsx":
            count, newest = export_count(session, start)
            if count > XLSX_MAX_ROWS:
                raise InputError.said(_WORDS, "xlsx_too_many", n=count, max=XLSX_MAX_ROWS)
            atomic_write(out, lambda handle: written.append(write_workbook(
                session, handle, start, newest, claims=claims)), text=False)
        else:
            atomic_write(out, lambda handle: written.append(write_export(
                session, handle, fmt, start, bom=excel, claims=claims)), text=True)
    return written[0]


@narratives_app.command("list", help=bilingual(
    "Narasi (salinan hampir sama dari satu klaim): ukuran, sumber, wilayah, bantahan.",
    "Narratives (near-duplicate copies of one claim): size, sources, regions, debunk."))
@reports_errors
def narratives_list(
    since: Annotated[str | None, typer.Option(help=bilingual(
        "Hanya narasi yang terlihat pada atau setelah hari ini (YYYY-MM-DD).",
        "Only narratives seen on or after this day (YYYY-MM-DD)."))] = None,
    limit: Annotated[int, typer.Option(min=1, help=bilingual(
        "Paling banyak sekian.",
        "At most this many."))] = 20,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from feeds.narratives import narrative_summaries
    from sejuk.timeutil import format_local

    workspace = open_home(home)
    with workspace.session() as session:
        rows = narrative_summaries(session, _since(since, workspace.settings.timezone), limit)
    if as_json:
        echo_json([{**r.__dict__, "first_seen": r.first_seen.isoformat(),
                    "last_seen": r.last_seen.isoformat(), "sources": list(r.sources),
                    "regions": list(r.regions)} for r in rows])
        return
    zone = ZoneInfo(workspace.settings.timezone)
    for r in rows:
        debunk = f"  {_('debunk', item=r.debunk_item_id)}" if r.debunk_item_id else ""
        typer.echo(f"#{r.id:<5} {r.size:>4}x  {format_local(r.last_seen, zone)}  {r.title}"
                   f"  [{_('spread', sources=len(r.sources), regions=len(r.regions))}]"
                   f"{debunk}")
