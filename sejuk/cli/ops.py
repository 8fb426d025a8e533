"""Operations commands: the ``retention`` group."""

from __future__ import annotations

from typing import Annotated

import typer

from sejuk.cli.common import HomeOption, actor, open_home, reports_errors, sub_app

retention_app = sub_app("retention", "Retensi data mentah (raw-text retention).")


@retention_app.command("run")
@reports_errors
def retention_run(
    home: HomeOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would be "
                                          "purged.")] = False,
) -> None:
    """Delete raw text older than privacy.retention_days, keeping aggregates and audit."""
    from sejuk.retention import purge_expired

    workspace = open_home(home)
    with workspace.session() as session:
        report = purge_expired(session, workspace.settings.privacy, actor=actor(),
                               dry_run=dry_run)
    verb = "akan dihapus" if report.dry_run else "dihapus"
    # The items stay (scores, narratives, aggregates): only their raw text and author
    # hashes go, which "N item dihapus" did not say.
    typer.echo(f"Teks mentah sebelum {report.cutoff:%Y-%m-%d %H:%M} UTC: teks dan hash penulis "
               f"{report.purged} item {verb} (item, skor, narasi dan agregat tetap); "
               f"{report.labels_kept} teks berlabel disimpan untuk pelatihan.")
