"""Collection commands: collect and the ``sources`` group."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    app,
    open_home,
    reports_errors,
    sub_app,
)

sources_app = sub_app("sources", "Kelola sumber feed (manage feed sources).")


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

    workspace = open_home(home)

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

    workspace = open_home(home)
    with workspace.session() as session:
        source = add_source(session, url, name, kind, region_code=region,
                            interval_minutes=interval)
        typer.echo(f"Sumber ditambahkan: {source.name} ({source.kind}) {source.url}")


@sources_app.command("list")
@reports_errors
def sources_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Sources with their health: last status, last error, failures, stored items."""
    from feeds.sources import source_health

    workspace = open_home(home)
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
