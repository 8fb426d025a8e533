"""The ``sejuk`` command line: thin wrappers over the library functions.

Each command opens the workspace, calls one library function and prints its result; a
:class:`~sejuk.errors.SejukError` becomes one line on stderr and exit code 1.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from sejuk import __version__
from sejuk.errors import SejukError
from sejuk.workspace import Workspace, init_workspace, open_workspace, resolve_home

app = typer.Typer(
    name="sejuk",
    help="Sejuk: pemantau hoaks dan kerawanan pemilu (election hoax and unrest watch).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
sources_app = typer.Typer(help="Kelola sumber feed (manage feed sources).", no_args_is_help=True)
tps_app = typer.Typer(help="Roster TPS dan kerawanan (polling stations).", no_args_is_help=True)
models_app = typer.Typer(help="Versi model klasifikasi (classifier versions).",
                         no_args_is_help=True)
regions_app = typer.Typer(help="Gazetir wilayah dan penandaan (regions).", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
app.add_typer(tps_app, name="tps")
app.add_typer(models_app, name="models")
app.add_typer(regions_app, name="regions")

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Workspace folder (default: $SEJUK_HOME or ~/sejuk).",
                 show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a SejukError into ``error: ...`` on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except SejukError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper


def _open(home: Path | None) -> Workspace:
    return open_workspace(resolve_home(home))


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sejuk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback,
                                          is_eager=True, help="Show the version.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


# -- workspace ------------------------------------------------------------------------------
@app.command()
@reports_errors
def init(home: HomeOption = None) -> None:
    """Create an empty workspace (settings, database, folders); safe to run again."""
    workspace = init_workspace(resolve_home(home))
    typer.echo(f"Workspace siap: {workspace.home} (database: {workspace.engine.url!r})")


@app.command()
@reports_errors
def demo(
    home: HomeOption = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Build only, do not serve.")
                        ] = False,
    port: Annotated[int, typer.Option(help="Dashboard port.")] = 8501,
    day: Annotated[str | None, typer.Option("--date", help="Build as if today were this "
                                            "date (YYYY-MM-DD).")] = None,
) -> None:
    """Build the offline demo workspace and (unless --no-serve) open the dashboard on it."""
    from sejuk.demo.build import build_demo

    target = resolve_home(home)
    today = _parse_date(day) if day else None
    workspace, summary = build_demo(target, today=today, progress=typer.echo)
    typer.echo(f"Demo siap di {workspace.home}: {summary.collect.new} item baru, model "
               f"v{summary.model_version}, {summary.tps} TPS, {summary.leaders} tokoh.")
    workspace.close()
    if not no_serve:
        _serve(target, port, None)


@app.command()
@reports_errors
def serve(
    home: HomeOption = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings, 8501).")
                    ] = None,
    address: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")
                       ] = None,
) -> None:
    """Start the dashboard (Streamlit, headless) on the workspace."""
    _serve(resolve_home(home), port, address)


def streamlit_command(home: Path, port: int, address: str) -> list[str]:
    """The Streamlit invocation: headless, no telemetry, no developer menu."""
    app_path = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.headless", "true",
        "--server.address", address,
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
        "--client.showErrorDetails", "false",
        "--theme.base", "light",
        "--", "--home", str(home),
    ]


def _serve(home: Path, port: int | None, address: str | None) -> None:
    workspace = open_workspace(home)  # fail here, with a clear line, not in the browser
    settings = workspace.settings
    workspace.close()
    port = port or settings.dashboard.port
    address = address or settings.dashboard.address
    typer.echo(f"Dasbor Sejuk: http://{address}:{port}/  (Ctrl+C untuk berhenti)")
    env = {**os.environ, "SEJUK_HOME": str(home)}
    process = subprocess.Popen(streamlit_command(home, port, address), env=env)  # noqa: S603
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        code = process.wait()
    if code not in (0, -2, -15):
        raise typer.Exit(code)


@app.command()
@reports_errors
def status(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Counts of items, flags, sources, regions, TPS levels and the active model."""
    from sejuk.status import workspace_status

    workspace = _open(home)
    with workspace.session() as session:
        data = workspace_status(session, workspace.settings)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    model = data["model"]
    flagged = ", ".join(f"{k} {v}" for k, v in data["flagged"].items())
    tps = ", ".join(f"{k} {v}" for k, v in data["tps"].items())
    typer.echo(f"Workspace   {data['home']}")
    typer.echo(f"Item        {data['items']} (bantahan/debunk {data['debunks']})")
    typer.echo(f"Ditandai    {flagged}")
    typer.echo(f"Sumber      {data['sources']} ({data['sources_failing']} bermasalah)")
    typer.echo(f"Wilayah     {data['regions']}")
    typer.echo(f"TPS         {tps}")
    if model["version"]:
        typer.echo(f"Model       v{model['version']} (dilatih {model['trained_at']}, "
                   f"macro-F1 {model['metrics'].get('macro_f1', 0):.3f})")
    else:
        typer.echo("Model       belum ada (jalankan `sejuk train`)")


# -- collection and classification ----------------------------------------------------------
@app.command()
@reports_errors
def collect(
    home: HomeOption = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only this source "
                                                     "(repeatable).")] = None,
    force: Annotated[bool, typer.Option(help="Poll even sources not yet due.")] = False,
) -> None:
    """Poll due sources once, store new items and score them (exit 0 even if some fail)."""
    from feeds.collect import collect as run_collect
    from sejuk.pipeline import after_collect

    workspace = _open(home)

    def report(outcome: Any) -> None:
        if outcome.error:
            typer.echo(f"  ! {outcome.name}: {outcome.error}", err=True)
        elif outcome.problem:
            typer.echo(f"  ~ {outcome.name}: {outcome.new} baru ({outcome.problem})")
        else:
            typer.echo(f"  - {outcome.name}: {outcome.new} baru"
                       + (" (tidak berubah)" if outcome.not_modified else ""))

    result = run_collect(workspace, names=source or None, force=force, on_source=report)
    scored = after_collect(workspace, result.new_item_ids)
    typer.echo(f"{result.summary()}; {scored} item dinilai model.")


@app.command()
@reports_errors
def train(
    home: HomeOption = None,
    labels: Annotated[Path | None, typer.Option("--labels", help="CSV of labelled samples: "
                                                "text,label or text,<label1>,<label2>...")] = None,
    bundled: Annotated[bool, typer.Option("--bundled", help="Train on the starter samples "
                                          "shipped with Sejuk.")] = False,
) -> None:
    """Train a new model version from labelled samples (the first one becomes active)."""
    from classifiers.dataset import parse_labelled_csv
    from classifiers.workflow import train_from_file, train_from_set

    workspace = _open(home)
    if labels is None and not bundled:
        raise SejukError("give --labels FILE.csv or --bundled")
    if labels is not None:
        outcome = train_from_file(workspace, labels, actor=_actor())
    else:
        from importlib import resources

        content = resources.files("sejuk.demo").joinpath("data/training.csv").read_text("utf-8")
        data = parse_labelled_csv(content, workspace.settings.classifier.labels,
                                  name="bundled samples")
        outcome = train_from_set(workspace, data, actor=_actor())
    metrics = outcome.result.metrics
    typer.echo(f"Model v{outcome.version} dilatih: macro-F1 holdout {metrics.macro_f1:.3f}"
               + (" (aktif)" if outcome.promoted else " (kandidat; `sejuk models promote`)"))
    for label, m in metrics.labels.items():
        typer.echo(f"  {label}: precision {m.precision:.3f} recall {m.recall:.3f} "
                   f"F1 {m.f1:.3f} macro-F1 {m.macro_f1:.3f} (n+={m.support})")


@app.command()
@reports_errors
def classify(
    home: HomeOption = None,
    all_items: Annotated[bool, typer.Option("--all", help="Rescore every item.")] = False,
) -> None:
    """Score items the active model has not scored yet (or all, with --all)."""
    from classifiers.workflow import classify_pending

    workspace = _open(home)
    version, count = classify_pending(workspace, rescore=all_items)
    typer.echo(f"{count} item dinilai dengan model v{version.id}.")


def _actor() -> str:
    return os.environ.get("SEJUK_USER") or os.environ.get("USER") or "cli"


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SejukError(f"not a date (YYYY-MM-DD): {text!r}") from None


# -- sources ----------------------------------------------------------------------------------
@sources_app.command("add")
@reports_errors
def sources_add(
    url: str,
    name: Annotated[str, typer.Option(help="Display name (unique).")],
    kind: Annotated[str, typer.Option(help="news | factcheck | social | official")] = "news",
    region: Annotated[str | None, typer.Option(help="Default region code (Kemendagri).")
                      ] = None,
    interval: Annotated[int, typer.Option(help="Polling interval in minutes.")] = 15,
    home: HomeOption = None,
) -> None:
    """Register a feed URL."""
    from feeds.sources import add_source

    workspace = _open(home)
    with workspace.session() as session:
        source = add_source(session, url, name, kind, region_code=region,
                            interval_minutes=interval)
        typer.echo(f"Sumber ditambahkan: {source.name} ({source.kind}) {source.url}")


@sources_app.command("list")
@reports_errors
def sources_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Sources with their health: last status, last error, failures, stored items."""
    from feeds.sources import source_health

    workspace = _open(home)
    with workspace.session() as session:
        rows = source_health(session)
    if as_json:
        typer.echo(json.dumps([
            {"name": r.name, "url": r.url, "kind": r.kind, "region": r.region,
             "enabled": r.enabled, "interval_minutes": r.interval_minutes, "items": r.items,
             "last_status": r.last_status, "last_error": r.last_error,
             "last_fetch_at": r.last_fetch_at.isoformat() if r.last_fetch_at else None,
             "last_success_at": r.last_success_at.isoformat() if r.last_success_at else None,
             "consecutive_failures": r.consecutive_failures}
            for r in rows
        ], ensure_ascii=False))
        return
    for r in rows:
        state = "aktif" if r.enabled else "nonaktif"
        health = f"gagal {r.consecutive_failures}x: {r.last_error}" if r.consecutive_failures \
            else f"HTTP {r.last_status}" if r.last_status else "belum diambil"
        typer.echo(f"{r.name:<32} {r.kind:<9} {state:<8} {r.items:>6} item  {health}")


# -- TPS ------------------------------------------------------------------------------------
@tps_app.command("import")
@reports_errors
def tps_import(file: Path, home: HomeOption = None) -> None:
    """Import a TPS roster CSV (all rows or none; see `sejuk tps template`)."""
    from sejuk.tps import import_roster

    workspace = _open(home)
    with workspace.session() as session:
        result = import_roster(session, file, workspace.settings.tps, actor=_actor())
    typer.echo(f"TPS diimpor: {result.added} baru, {result.updated} diperbarui.")


@tps_app.command("template")
@reports_errors
def tps_template(
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Write the documented roster header and an example row."""
    from sejuk.tps import template_csv

    text = template_csv()
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"Template ditulis ke {out}")
    else:
        typer.echo(text, nl=False)


# -- models -----------------------------------------------------------------------------------
@models_app.command("list")
@reports_errors
def models_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Model versions with their holdout scores and status."""
    from classifiers.registry import list_versions

    workspace = _open(home)
    with workspace.session() as session:
        rows = [{"version": v.id, "status": v.status, "trained_at": v.trained_at.isoformat(),
                 "macro_f1": v.metrics.get("macro_f1"), "n": v.card.get("n_samples"),
                 "promoted_by": v.promoted_by} for v in list_versions(session)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"v{r['version']:<4} {r['status']:<9} {r['trained_at'][:16]}  "
                   f"macro-F1 {r['macro_f1'] or 0:.3f}  n={r['n']}")


@models_app.command("promote")
@reports_errors
def models_promote(
    version: int,
    home: HomeOption = None,
    force: Annotated[bool, typer.Option(help="Promote even if its macro-F1 is lower.")
                     ] = False,
) -> None:
    """Make a model version active (refused if it scores below the active one)."""
    from classifiers.registry import promote

    workspace = _open(home)
    with workspace.session() as session:
        promote(session, version, workspace.settings.models_dir, actor=_actor(), force=force)
    typer.echo(f"Model v{version} aktif. Jalankan `sejuk classify --all` untuk menilai ulang.")


@models_app.command("rollback")
@reports_errors
def models_rollback(home: HomeOption = None) -> None:
    """Reactivate the previously active model version."""
    from classifiers.registry import rollback

    workspace = _open(home)
    with workspace.session() as session:
        version = rollback(session, workspace.settings.models_dir, actor=_actor())
        typer.echo(f"Model v{version.id} aktif kembali.")


# -- regions ----------------------------------------------------------------------------------
@regions_app.command("list")
@reports_errors
def regions_list(
    home: HomeOption = None,
    level: Annotated[str | None, typer.Option(help="provinsi | kabkota | kecamatan | desa")
                     ] = None,
    parent: Annotated[str | None, typer.Option(help="Only children of this code.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Regions of the gazetteer with their Kemendagri codes."""
    from sejuk.regions import list_regions

    workspace = _open(home)
    with workspace.session() as session:
        rows = [{"code": r.code, "name": r.name, "level": r.level, "parent": r.parent_code}
                for r in list_regions(session, level, parent)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"{r['code']:<14} {r['level']:<10} {r['name']}")


@regions_app.command("tag")
@reports_errors
def regions_tag(
    text: Annotated[str | None, typer.Argument(help="Text to tag.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Tag each line of a file.")
                    ] = None,
    source_region: Annotated[str | None, typer.Option("--source-region",
                                                      help="The source's own region code.")
                             ] = None,
    as_json: JsonOption = False,
) -> None:
    """Which regions a text names (most specific level, with evidence)."""
    from sejuk.tagger import default_tagger

    if (text is None) == (file is None):
        raise SejukError("give a TEXT or --file, not both")
    lines = [text] if text is not None else _read_lines(file)  # type: ignore[arg-type]
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
    from sejuk.regions import LEVELS

    if not tags:
        return None
    return max((t.level for t in tags), key=LEVELS.index)


def _read_lines(path: Path) -> list[str]:
    try:
        return [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError) as exc:
        raise SejukError(f"{path}: cannot read ({exc})") from None


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
