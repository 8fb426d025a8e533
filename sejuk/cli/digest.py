"""The daily digest: ``sejuk digest`` (build, print, write, send) and
``sejuk digest schedule`` (send at the cut-off until stopped)."""

from __future__ import annotations

import signal
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from sejuk.cli.common import HomeOption, actor, app, open_home, parse_date, reports_errors
from sejuk.errors import InputError

digest_app = typer.Typer(help="Ringkasan harian (daily digest) per wilayah hukum.",
                         invoke_without_command=True, no_args_is_help=False)
app.add_typer(digest_app, name="digest")

JurisdictionOption = Annotated[
    str | None,
    typer.Option("--jurisdiction", "-j", help="Polres/Polda/Polsek name or region code "
                 "(default: every area).", show_default=False),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="id (Bahasa Indonesia) or en (default: dashboard.language).",
                 show_default=False),
]


@digest_app.callback(invoke_without_command=True)
@reports_errors
def digest(
    ctx: typer.Context,
    home: HomeOption = None,
    day: Annotated[str | None, typer.Option("--date", help="Digest date YYYY-MM-DD: the "
                                            "24 h before its cut-off (default: the latest "
                                            "passed cut-off).", show_default=False)] = None,
    jurisdiction: JurisdictionOption = None,
    fmt: Annotated[str, typer.Option("--format", help="html, md, txt or json.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", help="Write to FILE instead of "
                                             "stdout.", show_default=False)] = None,
    send: Annotated[bool, typer.Option("--send", help="E-mail it (once per date and "
                                       "jurisdiction).")] = False,
    to: Annotated[list[str] | None, typer.Option("--to", help="Recipient (repeatable; "
                                                 "default: digest.recipients in sejuk.toml).",
                                                 show_default=False)] = None,
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help="Send even if the ledger says it "
                                        "was sent or is being sent.")] = False,
) -> None:
    """Build the daily digest of flagged items; print it, write it or e-mail it."""
    if ctx.invoked_subcommand is not None:
        return
    from sejuk.digest import FORMATS, render
    from sejuk.digest.deliver import record_export
    from sejuk.digest.service import default_day, make_digest, send_digest

    if fmt not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if (to or force) and not send:  # else the digest is only printed, and nobody told
        raise InputError("--to and --force take effect with --send: add --send to e-mail it")
    workspace = open_home(home)
    latest = default_day(workspace, jurisdiction)
    the_day = parse_date(day) if day else latest
    if the_day > latest + timedelta(days=1):  # its whole window is still to come
        raise InputError(f"--date {the_day} is in the future: its window has not begun "
                         f"(the latest complete digest is {latest})")
    if send:
        result = send_digest(workspace, the_day, jurisdiction, to=to or (), language=lang,
                             actor=actor(), force=force)
        messages = {
            "sent": f"Ringkasan {the_day} terkirim ke {', '.join(result.recipients)} "
                    f"({result.attempts} percobaan); salinan: {result.path}",
            "already_sent": f"Ringkasan {the_day} sudah pernah terkirim; tidak dikirim ulang "
                            "(pakai --force untuk mengirim lagi).",
            "in_progress": f"Ringkasan {the_day} sedang dikirim oleh proses lain (atau proses "
                           "itu terhenti); periksa kotak masuk, lalu --force bila perlu.",
        }
        typer.echo(messages[result.status], err=out is None and fmt == "json")
        if out is None:
            return
    built = make_digest(workspace, the_day, jurisdiction, language=lang)
    text = render(built, fmt)
    if out is not None:
        from sejuk.fsutil import atomic_write

        atomic_write(out, text)
        typer.echo(f"Ringkasan {the_day} ({built.items_total} item) ditulis ke {out}",
                   err=fmt == "json")
    else:
        typer.echo(text, nl=False)
    record_export(workspace, built, fmt, out, actor())


_STATUS_TEXT = {
    "sent": "terkirim",
    "already_sent": "sudah terkirim sebelumnya",
    "in_progress": "sedang dikirim atau terputus saat dikirim (periksa kotak masuk, lalu "
                   "`sejuk digest --send --force`)",
}


def _status_text(status: str) -> str:
    """A scheduler status as the operator reads it (the codes stay in the ledger)."""
    if status.startswith("error: "):
        return f"gagal: {status.removeprefix('error: ')}"
    if status.startswith("gave_up after "):
        attempts = status.split()[2]
        return (f"dihentikan setelah {attempts} percobaan (kirim ulang dengan `sejuk digest "
                "--send --force`)")
    return _STATUS_TEXT.get(status, status)


@digest_app.command("schedule")
@reports_errors
def schedule(
    home: HomeOption = None,
    jurisdiction: Annotated[list[str] | None, typer.Option(
        "--jurisdiction", "-j", help="Send for this jurisdiction (repeatable; default: "
        "every jurisdiction in digest.recipients).", show_default=False)] = None,
    once: Annotated[bool, typer.Option("--once", help="Send what is due now and exit "
                                       "(for cron or a systemd timer).")] = False,
    poll: Annotated[float, typer.Option("--poll", help="Seconds between checks for "
                                        "failed sends to retry.")] = 300.0,
) -> None:
    """Send each digest at its cut-off (default 06:00 local) until SIGTERM/SIGINT."""
    from sejuk.digest.build import parse_cutoff
    from sejuk.digest.query import jurisdiction_zone, resolve_jurisdiction
    from sejuk.digest.schedule import Scheduler, Target
    from sejuk.digest.service import scheduled_send

    workspace = open_home(home)
    settings = workspace.settings
    names = list(jurisdiction or settings.digest.recipients)
    if not names:
        raise InputError("no jurisdictions to send for: add [digest.recipients] to "
                         "sejuk.toml or give --jurisdiction")
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
                          poll=poll, report=report, describe=_status_text)
    if once:
        failed = [r for r in scheduler.run_due() if r[2].startswith("error")]
        if failed:
            raise typer.Exit(1)
        return

    def _stop(signum: int, _frame: object) -> None:
        typer.echo(f"Berhenti ({signal.Signals(signum).name}).", err=True)
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        typer.echo(f"Menjadwalkan ringkasan pukul {settings.digest.cutoff} untuk "
                   f"{', '.join(names)}. Hentikan dengan Ctrl+C atau SIGTERM.")
        scheduler.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
