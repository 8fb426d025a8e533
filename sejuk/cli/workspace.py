"""Workspace commands: init, demo, serve, status."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    app,
    language,
    open_home,
    parse_date,
    phrasebook,
    reports_errors,
    track,
)
from sejuk.cli.helptext import bilingual
from sejuk.phrases import Phrases
from sejuk.workspace import Workspace, init_workspace, open_workspace, resolve_home

_WORDS: Phrases = {
    "ready": {"id": "Ruang kerja siap: {home} (basis data: {url})",
              "en": "Workspace ready: {home} (database: {url})"},
    "starter": {"id": "Model awal v{version} aktif: dilatih dari korpus nyata berbahasa "
                      "Indonesia dan sampel Sejuk (lisensi data: lihat README, bagian "
                      "Classifier).",
                "en": "Starter model v{version} active: trained on real Indonesian-language "
                      "corpora and Sejuk's samples (data licences: see README, section "
                      "Classifier)."},
    "demo_ready": {"id": "Demo siap di {home}: {new} item baru, model v{version}, {tps} TPS, "
                         "{leaders} tokoh.",
                   "en": "Demo ready in {home}: {new:|new item|new items}, model v{version}, "
                         "{tps} TPS, {leaders:|leader|leaders}."},
    "no_users": {"id": "Belum ada akun: buat administrator dengan `sejuk users add NAMA "
                       "--role admin --home {home}` sebelum membuka dasbor.",
                 "en": "No account yet: create an administrator with `sejuk users add NAME "
                       "--role admin --home {home}` before opening the dashboard."},
    "serving": {"id": "Dasbor Sejuk: http://{address}:{port}/  (Ctrl+C untuk berhenti)",
                "en": "Sejuk dashboard: http://{address}:{port}/  (Ctrl+C to stop)"},
    # status: one label per line, padded to one column
    "s_workspace": {"id": "Ruang kerja", "en": "Workspace"},
    "s_items": {"id": "Item", "en": "Items"},
    "s_debunks": {"id": "bantahan/debunk", "en": "debunks"},
    "s_flagged": {"id": "Ditandai", "en": "Flagged"},
    "s_sources": {"id": "Sumber", "en": "Sources"},
    "s_failing": {"id": "bermasalah", "en": "failing"},
    "s_distinct": {"id": "{flagged}; {n} item berbeda", "en": "{flagged}; {n} distinct items"},
    "s_regions": {"id": "Wilayah", "en": "Regions"},
    "s_tps": {"id": "TPS", "en": "TPS"},
    "s_model": {"id": "Model", "en": "Model"},
    "s_trained": {"id": "v{version} (dilatih {at}, macro-F1 {f1:.3f})",
                  "en": "v{version} (trained {at}, macro-F1 {f1:.3f})"},
    "s_kept": {"id": "; {label}: komponen dari v{version}, macro-F1 {f1:.3f} diukur di "
                     "v{measured} (tidak termasuk di atas)",
               "en": "; {label}: component from v{version}, macro-F1 {f1:.3f} measured in "
                     "v{measured} (not included above)"},
    "s_live": {"id": "Di aliran", "en": "On stream"},
    "s_live_label": {"id": "{label}: macro-F1 {f1:.2f}{range} pada {n} label acak{early}",
                     "en": "{label}: macro-F1 {f1:.2f}{range} on "
                           "{n:|random label|random labels}{early}"},
    "s_live_early": {"id": ", belum cukup", "en": ", too few yet"},
    "s_live_none": {"id": "belum ada label acak sejak model ini dilatih (antrean Pelabelan)",
                    "en": "no random labels since this model was trained (Labelling queue)"},
    "s_no_model": {"id": "belum ada (jalankan `sejuk train`)",
                   "en": "none yet (run `sejuk train`)"},
}
_ = phrasebook(_WORDS)


@app.command(help=bilingual(
    "Buat ruang kerja (pengaturan, basis data, folder, model awal); aman dijalankan ulang (juga "
    "memperbarui skema dan tidak pernah mengganti model).",
    "Create a workspace (settings, database, folders, the starter model); safe to run again (it "
    "also upgrades the schema and never replaces a model)."))
@reports_errors
def init(home: HomeOption = None) -> None:
    from classifiers.starter import install_starter

    workspace = track(init_workspace(resolve_home(home)))
    typer.echo(_("ready", home=workspace.home, url=repr(workspace.engine.url)))
    settings = workspace.settings
    with workspace.session() as session:
        version = install_starter(session, settings.classifier.labels, settings.models_dir)
    if version is not None:
        typer.echo(_("starter", version=version.id))
    _tell_first_account(workspace)


def _tell_first_account(workspace: Workspace) -> None:
    """Name the command that creates the first account when nobody could sign in (on
    stderr: a next step, and stdout stays what scripts read)."""
    from sejuk.access.auth import has_users

    if not workspace.settings.dashboard.login_required or workspace.kind() == "demo":
        return
    with workspace.session() as session:
        nobody = not has_users(session)
    if nobody:
        typer.echo(_("no_users", home=workspace.home), err=True)


@app.command(help=bilingual(
    "Bangun ruang kerja demo luring dan (kecuali dengan --no-serve) buka dashboard di atasnya.",
    "Build the offline demo workspace and (unless --no-serve) open the dashboard on it."))
@reports_errors
def demo(
    home: HomeOption = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help=bilingual(
        "Hanya bangun, jangan jalankan dashboard.",
        "Build only, do not serve."))] = False,
    port: Annotated[int, typer.Option(min=1, max=65535, help=bilingual(
        "Port dashboard.", "Dashboard port."))] = 8501,
    day: Annotated[str | None, typer.Option("--date", help=bilingual(
        "Bangun seolah hari ini tanggal ini (YYYY-MM-DD).",
        "Build as if today were this date (YYYY-MM-DD)."))] = None,
) -> None:
    from sejuk.demo.build import build_demo

    target = resolve_home(home)
    today = parse_date(day) if day else None
    workspace, summary = build_demo(target, today=today, progress=typer.echo,
                                    lang=language())
    track(workspace)
    typer.echo(_("demo_ready", home=workspace.home, new=summary.collect.new,
                 version=summary.model_version, tps=summary.tps, leaders=summary.leaders))
    workspace.close()
    if not no_serve:
        _serve(target, port, None)


@app.command(help=bilingual(
    "Jalankan dashboard (Streamlit, tanpa layar) pada ruang kerja.",
    "Start the dashboard (Streamlit, headless) on the workspace."))
@reports_errors
def serve(
    home: HomeOption = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help=bilingual(
        "Port (bawaan dari pengaturan, 8501).",
        "Port (default from settings, 8501)."))] = None,
    address: Annotated[str | None, typer.Option(help=bilingual(
        "Alamat bind (bawaan 127.0.0.1).",
        "Bind address (default 127.0.0.1)."))] = None,
) -> None:
    _serve(resolve_home(home), port, address)


def streamlit_command(home: Path, port: int, address: str) -> list[str]:
    """The Streamlit invocation: headless, no telemetry, no developer menu, the app
    behind its guard (``dashboard/server.py``: downloads for the browser that asked
    only, no open metrics)."""
    import dashboard

    app_path = Path(dashboard.__file__).resolve().parent / "server.py"
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.headless", "true",
        "--server.address", address,
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--browser.gatherUsageStats", "false",
        # Sejuk prints its own address; Streamlit's banner would, on a wildcard address
        # (0.0.0.0), ask checkip.amazonaws.com for the machine's external IP.
        "--logger.hideWelcomeMessage", "true",
        "--client.toolbarMode", "viewer",
        "--client.showErrorDetails", "false",
        # dashboard/static: the map's stand-in for plotly's world topojson (mapfigure.py)
        "--server.enableStaticServing", "true",
        "--theme.base", "light",
        "--", "--home", str(home),
    ]


def _serve(home: Path, port: int | None, address: str | None) -> None:
    workspace = open_workspace(home)  # fail here, with a clear line, not in the browser
    settings = workspace.settings
    _tell_first_account(workspace)
    workspace.close()
    port = port or settings.dashboard.port
    address = address or settings.dashboard.address
    typer.echo(_("serving", address=address, port=port))
    env = {**os.environ, "SEJUK_HOME": str(home)}
    process = subprocess.Popen(streamlit_command(home, port, address), env=env)  # noqa: S603

    def forward(signum: int, _frame: object) -> None:
        # systemd and process managers stop `sejuk serve` with SIGTERM: pass it on, or
        # the Streamlit child would be left running without its parent.
        process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        code = process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code not in (0, -2, -15):
        raise typer.Exit(code)


@app.command(help=bilingual(
    "Jumlah item, tanda, sumber, wilayah, tingkat kerawanan TPS dan model aktif.",
    "Counts of items, flags, sources, regions, TPS levels and the active model."))
@reports_errors
def status(home: HomeOption = None, as_json: JsonOption = False) -> None:
    from sejuk.reads.status import workspace_status

    workspace = open_home(home)
    with workspace.session() as session:
        data = workspace_status(session, workspace.settings)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sejuk.timeutil import format_local

    model = data["model"]
    flagged = ", ".join(f"{k} {v}" for k, v in data["flagged"].items())
    tps = ", ".join(f"{k} {v}" for k, v in data["tps"].items())
    trained = (format_local(datetime.fromisoformat(model["trained_at"]),
                            ZoneInfo(workspace.settings.timezone))
               if model["version"] else "")
    lines = [
        ("s_workspace", data["home"]),
        ("s_items", f"{data['items']} ({_('s_debunks')} {data['debunks']})"),
        ("s_flagged", _("s_distinct", flagged=flagged, n=data["signalled"])),
        ("s_sources", f"{data['sources']} ({data['sources_failing']} {_('s_failing')})"),
        ("s_regions", data["regions"]),
        ("s_tps", tps),
        ("s_model", _("s_trained", version=model["version"], at=trained,
                      f1=model["metrics"].get("macro_f1", 0)) + "".join(
            _("s_kept", label=label, version=kept["kept_from"], f1=kept["macro_f1"],
              measured=kept["measured_in"])
            for label, kept in (model["metrics"].get("kept") or {}).items()
            if kept.get("macro_f1") is not None)
         if model["version"] else _("s_no_model")),
    ]
    if model["version"]:
        lines.append(("s_live", "; ".join(
            _("s_live_label", label=label, f1=live["macro_f1"], n=live["labels"],
              range=(" ({:.2f}-{:.2f})".format(*live["macro_f1_interval"])
                     if live["macro_f1_interval"] else ""),
              early="" if live["enough"] else _("s_live_early"))
            for label, live in model["live"].items()) or _("s_live_none")))
    for label, value in lines:
        typer.echo(f"{_(label):<11} {value}")
