"""Region and TPS commands: the ``regions`` and ``tps`` groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    actor,
    open_home,
    reports_errors,
    sub_app,
)
from sejuk.errors import SejukError

regions_app = sub_app("regions", "Gazetir wilayah dan penandaan (regions).")
tps_app = sub_app("tps", "Roster TPS dan kerawanan (polling stations).")


# -- TPS ------------------------------------------------------------------------------------
@tps_app.command("import")
@reports_errors
def tps_import(file: Path, home: HomeOption = None) -> None:
    """Import a TPS roster CSV (all rows or none; see `sejuk tps template`)."""
    from sejuk.tps import import_roster

    workspace = open_home(home)
    with workspace.session() as session:
        result = import_roster(session, file, workspace.settings.tps, actor=actor())
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

    workspace = open_home(home)
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
