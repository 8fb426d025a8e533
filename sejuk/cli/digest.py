"""The daily digest: ``sejuk digest`` (build, print, write, send) and
``sejuk digest schedule`` (send at the cut-off until stopped)."""

from __future__ import annotations

import signal
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from sejuk.cli.common import (
    HomeOption,
    actor,
    app,
    check_format,
    chosen_language,
    open_home,
    parse_date,
    phrasebook,
    reports_errors,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import InputError
from sejuk.phrases import Phrases

_WORDS: Phrases = {
    "needs_send": {"id": "--to dan --force hanya berlaku dengan --send: tambahkan --send untuk "
                         "mengirimnya lewat e-mail",
                   "en": "--to and --force take effect with --send: add --send to e-mail it"},
    "future": {"id": "--date {day} ada di masa depan: jendelanya belum dimulai (ringkasan "
                     "lengkap terakhir: {latest})",
               "en": "--date {day} is in the future: its window has not begun (the latest "
                     "complete digest is {latest})"},
    "sent": {"id": "Ringkasan {day} terkirim ke {to} ({attempts} percobaan); salinan: {path}",
             "en": "Digest {day} sent to {to} ({attempts:|attempt|attempts}); copy: {path}"},
    "already_sent": {"id": "Ringkasan {day} sudah pernah terkirim; tidak dikirim ulang (pakai "
                           "--force untuk mengirim lagi).",
                     "en": "Digest {day} was sent before; not sent again (use --force to send "
                           "it again)."},
    "in_progress": {"id": "Ringkasan {day} sedang dikirim oleh proses lain (atau proses itu "
                          "terhenti); periksa kotak masuk, lalu --force bila perlu.",
                    "en": "Digest {day} is being sent by another process (or that process "
                          "stopped); check the inbox, then --force if needed."},
    "written": {"id": "Ringkasan {day} ({n} item) ditulis ke {out}",
                "en": "Digest {day} ({n:|item|items}) written to {out}"},
    # scheduler statuses as the operator reads them (the codes stay in the ledger)
    "st_sent": {"id": "terkirim", "en": "sent"},
    "st_already_sent": {"id": "sudah terkirim sebelumnya", "en": "already sent before"},
    "st_in_progress": {"id": "sedang dikirim atau terputus saat dikirim (periksa kotak masuk, "
                             "lalu `sejuk digest --send --force`)",
                       "en": "being sent, or cut off while sending (check the inbox, then "
                             "`sejuk digest --send --force`)"},
    "st_failed": {"id": "gagal: {error}", "en": "failed: {error}"},
    "st_gave_up": {"id": "dihentikan setelah {attempts} percobaan (kirim ulang dengan `sejuk "
                         "digest --send --force`)",
                   "en": "given up after {attempts:|attempt|attempts} (send again with "
                         "`sejuk digest --send --force`)"},
    "no_jurisdictions": {"id": "tidak ada wilayah hukum untuk dikirimi: tambahkan "
                               "[digest.recipients] ke sejuk.toml atau berikan --jurisdiction",
                         "en": "no jurisdictions to send for: add [digest.recipients] to "
                               "sejuk.toml or give --jurisdiction"},
    "stopping": {"id": "Berhenti ({signal}).", "en": "Stopping ({signal})."},
    "scheduling": {"id": "Menjadwalkan ringkasan pukul {cutoff} untuk {names}. Hentikan dengan "
                         "Ctrl+C atau SIGTERM.",
                   "en": "Scheduling digests at {cutoff} for {names}. Stop with Ctrl+C or "
                         "SIGTERM."},
}
_ = phrasebook(_WORDS)

digest_app = typer.Typer(help="Ringkasan harian (daily digest) per wilayah hukum.",
                         invoke_without_command=True, no_args_is_help=False)
app.add_typer(digest_app, name="digest")

JurisdictionOption = Annotated[
    str | None,
    typer.Option("--jurisdiction", "-j", help=bilingual(
        "Nama Polres/Polda/Polsek atau kode wilayah (bawaan: semua wilayah).",
        "Polres/Polda/Polsek name or region code (default: every area)."), show_default=False),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help=bilingual(
        "Bahasa ringkasan: id (Bahasa Indonesia) atau en (bawaan: `sejuk --lang`, selain itu "
        "dashboard.language).",
        "Language of the digest: id (Bahasa Indonesia) or en (default: `sejuk --lang`, else "
        "dashboard.language)."), show_default=False),
]


@digest_app.callback(invoke_without_command=True, help=bilingual(
    "Susun ringkasan harian item yang ditandai; cetak, tulis ke berkas atau kirim lewat e-mail.",
    "Build the daily digest of flagged items; print it, write it or e-mail it."))
@reports_errors
def digest(
    ctx: typer.Context,
    home: HomeOption = None,
    day: Annotated[str | None, typer.Option("--date", help=bilingual(
        "Tanggal ringkasan YYYY-MM-DD: 24 jam sebelum batas waktunya (bawaan: batas waktu "
        "terakhir yang sudah lewat).",
        "Digest date YYYY-MM-DD: the 24 h before its cut-off (default: the latest passed "
        "cut-off)."), show_default=False)] = None,
    jurisdiction: JurisdictionOption = None,
    fmt: Annotated[str, typer.Option("--format", help=bilingual(
        "html, md, txt atau json.",
        "html, md, txt or json."))] = "html",
    out: Annotated[Path | None, typer.Option("--out", help=bilingual(
        "Tulis ke FILE, bukan ke stdout.",
        "Write to FILE instead of stdout."), show_default=False)] = None,
    send: Annotated[bool, typer.Option("--send", help=bilingual(
        "Kirim lewat e-mail (sekali per tanggal dan wilayah hukum).",
        "E-mail it (once per date and jurisdiction)."))] = False,
    to: Annotated[list[str] | None, typer.Option("--to", help=bilingual(
        "Penerima (bisa diulang; bawaan: digest.recipients di sejuk.toml).",
        "Recipient (repeatable; default: digest.recipients in sejuk.toml)."),
        show_default=False)] = None,
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help=bilingual(
        "Kirim walaupun catatan pengiriman menyatakan sudah atau sedang dikirim.",
        "Send even if the ledger says it was sent or is being sent."))] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from sejuk.digest import FORMATS, render
    from sejuk.digest.deliver import record_export
    from sejuk.digest.service import default_day, make_digest, send_digest

    check_format(fmt, FORMATS)
    if (to or force) and not send:  # else the digest is only printed, and nobody told
        raise InputError.said(_WORDS, "needs_send")
    lang = lang or chosen_language()
    workspace = open_home(home)
    latest = default_day(workspace, jurisdiction)
    the_day = parse_date(day) if day else latest
    if the_day > latest + timedelta(days=1):  # its whole window is still to come
        raise InputError.said(_WORDS, "future", day=the_day, latest=latest)
    if send:
        result = send_digest(workspace, the_day, jurisdiction, to=to or (), language=lang,
                             actor=actor(), force=force)
        typer.echo(_(result.status, day=the_day, to=", ".join(result.recipients),
                     attempts=result.attempts, path=result.path),
                   err=out is None and fmt == "json")
        if out is None:
            return
    built = make_digest(workspace, the_day, jurisdiction, language=lang)
    text = render(built, fmt)
    if out is not None:
        from sejuk.fsutil import atomic_write

        atomic_write(out, text)
        typer.echo(_("written", day=the_day, n=built.items_total, out=out),
                   err=fmt == "json")
    else:
        typer.echo(text, nl=False)
    record_export(workspace, built, fmt, out, actor())


def _status_text(status: str) -> str:
    """A scheduler status as the operator reads it (the codes stay in the ledger; a
    failure reads through the scheduler's ``describe_error``)."""
    if status.startswith("gave_up after "):
        return _("st_gave_up", attempts=status.split()[2])
    return _(f"st_{status}") if f"st_{status}" in _WORDS else status


@digest_app.command("schedule", help=bilingual(
    "Kirim setiap ringkasan pada batas waktunya (bawaan 06.00 waktu setempat) sampai "
    "SIGTERM/SIGINT.",
    "Send each digest at its cut-off (default 06:00 local) until SIGTERM/SIGINT."))
@reports_errors
def schedule(
    home: HomeOption = None,
    jurisdiction: Annotated[list[str] | None, typer.Option(
        "--jurisdiction", "-j", help=bilingual(
            "Kirim untuk wilayah hukum ini (bisa diulang; bawaan: setiap wilayah hukum di "
            "digest.recipients).",
            "Send for this jurisdiction (repeatable; default: every jurisdiction in "
            "digest.recipients)."), show_default=False)] = None,
    once: Annotated[bool, typer.Option("--once", help=bilingual(
        "Kirim yang jatuh tempo sekarang lalu keluar (untuk cron atau timer systemd).",
        "Send what is due now and exit (for cron or a systemd timer)."))] = False,
    poll: Annotated[float, typer.Option("--poll", help=bilingual(
        "Detik di antara pemeriksaan kiriman gagal yang dicoba ulang.",
        "Seconds between checks for failed sends to retry."))] = 300.0,
) -> None:
    from sejuk.digest.build import parse_cutoff
    from sejuk.digest.query import jurisdiction_zone, resolve_jurisdiction
    from sejuk.digest.schedule import Scheduler, Target
    from sejuk.digest.service import scheduled_send

    workspace = open_home(home)
    settings = workspace.settings
    names = list(jurisdiction or settings.digest.recipients)
    if not names:
        raise InputError.said(_WORDS, "no_jurisdictions")
    targets = []
    with workspace.session() as session:
        for name in names:
            _canonical, prefixes = resolve_jurisdiction(session, name)
            targets.append(Target(name, jurisdiction_zone(prefixes, settings)))
    stop = threading.Event()
    who = actor()

    def send_one(name: str, day_: date) -> str:
        return scheduled_send(workspace, name, day_, actor=who, sleep=stop.wait)

    def report(line: str) -> None:
        # The loop re-checks every --poll seconds: say only what changed.
        if once or not line.endswith(f": {_status_text('already_sent')}"):
            typer.echo(line)

    scheduler = Scheduler(targets, parse_cutoff(settings.digest.cutoff), send_one, stop=stop,
                          poll=poll, report=report, describe=_status_text,
                          describe_error=lambda exc: _("st_failed", error=exc))
    if once:
        failed = [r for r in scheduler.run_due() if r[2].startswith("error")]
        if failed:
            raise typer.Exit(1)
        return

    def _stop(signum: int, _frame: object) -> None:
        typer.echo(_("stopping", signal=signal.Signals(signum).name), err=True)
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        typer.echo(_("scheduling", cutoff=settings.digest.cutoff, names=", ".join(names)))
        scheduler.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
