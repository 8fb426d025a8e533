"""Operations commands: the ``retention`` group."""

from __future__ import annotations

from typing import Annotated

import typer

from sejuk.cli.common import HomeOption, actor, open_home, phrasebook, reports_errors, sub_app
from sejuk.cli.helptext import bilingual
from sejuk.phrases import Phrases

retention_app = sub_app("retention", "Retensi teks mentah.", "Raw-text retention.")

# The items stay (scores, narratives, aggregates): only their raw text and author hashes
# go, which "N item dihapus" did not say.
_WORDS: Phrases = {
    "purged": {"id": "Teks mentah sebelum {cutoff:%Y-%m-%d %H:%M} UTC: teks dan hash penulis "
                     "{n} item {verb} (item, skor, narasi dan agregat tetap); {kept} teks "
                     "berlabel disimpan untuk pelatihan.",
               "en": "Raw text before {cutoff:%Y-%m-%d %H:%M} UTC: text and author hashes of "
                     "{n:|item|items} {verb} (items, scores, narratives and aggregates stay); "
                     "{kept:|labelled text|labelled texts} kept for training."},
    "would_purge": {"id": "akan dihapus", "en": "would be deleted"},
    "purged_now": {"id": "dihapus", "en": "deleted"},
}
_ = phrasebook(_WORDS)


@retention_app.command("run", help=bilingual(
    "Hapus teks mentah yang lebih tua dari privacy.retention_days; agregat dan log audit tetap "
    "disimpan.",
    "Delete raw text older than privacy.retention_days, keeping aggregates and audit."))
@reports_errors
def retention_run(
    home: HomeOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=bilingual(
        "Hanya hitung apa yang akan dihapus.",
        "Only count what would be purged."))] = False,
) -> None:
    from sejuk.retention import purge_expired

    workspace = open_home(home)
    with workspace.session() as session:
        report = purge_expired(session, workspace.settings.privacy, actor=actor(),
                               dry_run=dry_run)
    verb = _("would_purge" if report.dry_run else "purged_now")
    typer.echo(_("purged", cutoff=report.cutoff, n=report.purged, verb=verb,
                 kept=report.labels_kept))
