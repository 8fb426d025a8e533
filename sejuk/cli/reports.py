"""Field reports from the command line: ``sejuk reports add``, ``import`` and ``list``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    actor,
    echo_json,
    language,
    open_home,
    phrasebook,
    refuse_year,
    reports_errors,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import InputError, NotFound
from sejuk.fsutil import FILE_PHRASES
from sejuk.phrases import Phrases, Said
from sejuk.workspace import Workspace

_WORDS: Phrases = {
    "no_user": {"id": "tidak ada pengguna {name!r}: buat dulu akun petugasnya (`sejuk users "
                      "add {name} --role reporter`)",
                "en": "no user {name!r}: create the officer's account first (`sejuk users add "
                      "{name} --role reporter`)"},
    "bad_seen_at": {"id": "--seen-at {text!r} bukan tanggal dan jam (ISO 8601)",
                    "en": "--seen-at {text!r} is not a date and time (ISO 8601)"},
    "received": {"id": "Laporan diterima (item {item}; wilayah: {places}).",
                 "en": "Report received (item {item}; regions: {places})."},
    "split": {"id": "Obrolan yang ditempel: {n} pesan, masing-masing satu laporan.",
              "en": "Pasted chat: {n} messages, one report each."},
    "message": {"id": "--- Pesan {i} dari {n} ---", "en": "--- Message {i} of {n} ---"},
    "text_or_image": {"id": "berikan --text atau satu/lebih berkas --image",
                      "en": "give either --text or one or more --image files"},
    "not_folder": {"id": "{folder}: bukan folder", "en": "{folder}: not a folder"},
    "no_files": {"id": "{folder}: tidak ada berkas untuk diimpor",
                 "en": "{folder}: no files to import"},
    "not_picture": {"id": "{name}: bukan berkas PNG, JPEG atau WebP; dilewati",
                    "en": "{name}: not a PNG, JPEG or WebP file; skipped"},
    "imported": {"id": "{files} berkas: {new} laporan baru, {skipped} sudah pernah diimpor, "
                       "{refused} ditolak.",
                 "en": "{files:|file|files}: {new:|new report|new reports}, {skipped} imported "
                       "before, {refused} refused."},
    "debunked": {"id": "dibantah", "en": "debunked"},
    "similar": {"id": "{n} serupa", "en": "{n} similar"},
}
_ = phrasebook(_WORDS)

reports_app = sub_app("reports", "Laporan lapangan: teks atau tangkapan layar.",
                      "Field reports: text or screenshots.")

RegionOption = Annotated[str | None, typer.Option("--region", help=bilingual(
    "Kode Kemendagri tempat pesan itu terlihat (desa, kecamatan ...).",
    "Kemendagri code where it was seen (desa, kecamatan ...)."))]
PlaceOption = Annotated[str, typer.Option("--place", help=bilingual(
    "Tempat pesan itu terlihat, sebagai teks bebas (dipakai bila --region tidak diberikan).",
    "Where it was seen, as free text (used when --region is not given)."))]
SeenOption = Annotated[str | None, typer.Option("--seen-at", help=bilingual(
    "Kapan pesan itu terlihat (ISO 8601, mis. 2024-11-25T19:20+07:00; bawaan: sekarang).",
    "When it was seen (ISO 8601, e.g. 2024-11-25T19:20+07:00; default: now)."))]
GroupOption = Annotated[str, typer.Option("--group", help=bilingual(
    "Jenis grup: warga, keluarga, pemuda, keagamaan, relawan_paslon, alumni, profesi, lainnya.",
    "Kind of group: warga, keluarga, pemuda, keagamaan, relawan_paslon, alumni, profesi, "
    "lainnya."))]
ReporterOption = Annotated[str | None, typer.Option("--reporter", help=bilingual(
    "Petugas yang melihatnya (bawaan: $SEJUK_USER/$USER).",
    "The officer who saw it (default: $SEJUK_USER/$USER)."))]


def _reporter(workspace: Workspace, name: str | None) -> str:
    """The officer's account name as stored (a typo must not file reports under a name
    whose page nobody sees); without --reporter, the person at the command line."""
    if name is None:
        return actor()
    from sejuk.access.auth import get_user

    with workspace.session() as session:
        try:
            return get_user(session, name).username
        except NotFound:
            raise NotFound.said(_WORDS, "no_user", name=name) from None


def _seen_at(text: str | None) -> datetime | None:
    if not text:
        return None
    from feeds.parse import parse_datetime
    from sejuk.timeutil import WIB

    value = parse_datetime(text)
    if value is None:
        from feeds.parse import outside_years

        if outside_years(text):
            refuse_year(text)
        raise InputError.said(_WORDS, "bad_seen_at", text=text)
    return value if value.tzinfo else value.replace(tzinfo=WIB)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError.said(FILE_PHRASES, "no_file", path=path) from None
    except OSError as exc:
        raise InputError.said(FILE_PHRASES, "unreadable", path=path, why=exc.strerror) from None


def _print(outcome: Any) -> None:
    places = "; ".join(r["name"] for r in outcome.regions) or "-"  # names hold commas
    typer.echo(_("received", item=outcome.item_id, places=places))
    typer.echo("")
    typer.echo(outcome.reply)


@reports_app.command("add", help=bilingual(
    "Kirim satu laporan (teks atau tangkapan layar) dan cetak jawaban untuk diteruskan.\n\n"
    "Obrolan grup yang disalin atau diekspor menjadi satu laporan per pesan (balasan tanpa "
    "isi seperti \"Aamiin\" dilewati), masing-masing dengan jawabannya.",
    "Submit one report (text or screenshots) and print the answer to forward.\n\n"
    "A copied or exported group chat becomes one report per message (replies that say "
    "nothing, like \"Aamiin\", are skipped), each with its answer."))
@reports_errors
def add(
    text: Annotated[str | None, typer.Option("--text", help=bilingual(
        "Teks pesan yang diteruskan.",
        "The forwarded message text."))] = None,
    image: Annotated[list[Path] | None, typer.Option("--image", help=bilingual(
        "Tangkapan layar (PNG, JPEG, WebP); bisa diulang.",
        "A screenshot (PNG, JPEG, WebP); repeatable."))] = None,
    region: RegionOption = None,
    place: PlaceOption = "",
    seen_at: SeenOption = None,
    group: GroupOption = "lainnya",
    reporter: ReporterOption = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from sejuk.reports import ReportInput, submit_report

    if bool(text) == bool(image):
        raise InputError.said(_WORDS, "text_or_image")
    images = tuple((path.name, _read(path)) for path in image or [])
    workspace = open_home(home)
    outcomes = submit_report(workspace, ReportInput(
        text=text or "", images=images, region=region, place=place, seen_at=_seen_at(seen_at),
        group=group), reporter=_reporter(workspace, reporter))
    if as_json:
        echo_json([o.as_json() for o in outcomes])
        return
    if len(outcomes) > 1:
        typer.echo(_("split", n=len(outcomes)))
    for index, outcome in enumerate(outcomes, 1):
        if len(outcomes) > 1:
            typer.echo(f"\n{_('message', i=index, n=len(outcomes))}")
        _print(outcome)


@reports_app.command("import", help=bilingual(
    "Impor sekumpulan tangkapan layar yang diterima analis; masing-masing menjadi satu "
    "laporan.\n\n"
    "Berkas yang ditolak disebut namanya dan yang lain tetap diproses (kode keluar 1 bila ada "
    "yang ditolak); tangkapan layar yang pernah diimpor dilewati.",
    "Import a batch of screenshots an analyst received; each becomes a report.\n\n"
    "A refused file is named and the others go on (exit code 1 if any was refused); a screenshot "
    "imported before is skipped."))
@reports_errors
def import_folder(
    folder: Annotated[Path, typer.Argument(help=bilingual(
        "Folder tangkapan layar (masing-masing satu laporan).",
        "Folder of screenshots (one report each)."))],
    region: RegionOption = None,
    place: PlaceOption = "",
    seen_at: SeenOption = None,
    group: GroupOption = "lainnya",
    reporter: ReporterOption = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from sejuk.reports import import_screenshots
    from sejuk.reports.images import EXTENSIONS

    if not folder.is_dir():
        raise InputError.said(_WORDS, "not_folder", folder=folder)
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError.said(_WORDS, "no_files", folder=folder)
    pictures = [(p.name, _read(p)) for p in files if p.suffix.lower() in EXTENSIONS]
    others = [p.name for p in files if p.suffix.lower() not in EXTENSIONS]
    workspace = open_home(home)
    result = import_screenshots(workspace, pictures, reporter=_reporter(workspace, reporter),
                                region=region, place=place, seen_at=_seen_at(seen_at),
                                group=group)
    refused = result.refused + [(name, Said(_WORDS, "not_picture", {"name": name}))
                                for name in others]
    if as_json:  # the JSON keeps its English sentences, whatever the language
        echo_json({"reports": [o.as_json() for o in result.reports],
                   "skipped": result.skipped,
                   "refused": [{"file": n, "error": str(e)} for n, e in refused]})
    else:
        for _name, error in refused:  # each error names its file
            typer.echo(f"  ! {error.in_language(language())}", err=True)
        typer.echo(_("imported", files=len(pictures) + len(others), new=len(result.reports),
                     skipped=len(result.skipped), refused=len(refused)))
    if refused:
        raise typer.Exit(1)


@reports_app.command("list", help=bilingual(
    "Laporan lapangan terbaru beserta apa yang kini diketahui Sejuk tentang masing-masing.",
    "Recent field reports with what Sejuk knows about each now."))
@reports_errors
def list_(
    reporter: Annotated[str | None, typer.Option("--reporter", help=bilingual(
        "Hanya laporan petugas ini.",
        "Only this officer's reports."))] = None,
    limit: Annotated[int, typer.Option(help=bilingual(
        "Paling banyak sekian.",
        "At most this many."))] = 50,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    from sqlalchemy import select

    from sejuk.db.models import Report
    from sejuk.phrases import one_line
    from sejuk.reports.reply import outcome_for

    workspace = open_home(home)
    with workspace.session() as session:
        query = select(Report.id, Report.reporter).order_by(Report.submitted_at.desc(),
                                                             Report.id.desc()).limit(limit)
        if reporter:
            query = query.where(Report.reporter == reporter)
        rows = [(who, outcome_for(session, rid, workspace.settings.classifier.labels))
                for rid, who in session.execute(query).all()]
    if as_json:
        echo_json([{**o.as_json(), "reporter": who,
                    "seen_at": o.seen_at.isoformat(), "group": o.group_kind} for who, o in rows])
        return
    for who, o in rows:
        status = (_("debunked") if o.claim_match
                  else _("similar", n=o.similar_reports + o.similar_items))
        typer.echo(f"#{o.report_id:<5} {who:<16} {o.group_kind:<14} {status:<12} "
                   f"{one_line(o.text, 70)}")
