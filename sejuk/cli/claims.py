"""The ``claims`` commands: debunked claims an analyst marks, debunks settled by hand, and
matching every item against the claims again."""

from __future__ import annotations

from typing import Annotated

import typer

from sejuk.cli.common import (
    HomeOption,
    actor,
    cli_principal,
    open_home,
    phrasebook,
    reports_errors,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import InputError
from sejuk.phrases import Phrases

_WORDS: Phrases = {
    "marked": {"id": "Item {item} ditandai sebagai klaim yang sudah dibantah; {n} item "
                     "tertaut ke bantahan.",
               "en": "Item {item} marked as a debunked claim; {n:|item|items} linked to the "
                     "debunk."},
    "unmarked": {"id": "Tanda klaim dibantah pada item {item} dihapus.",
                 "en": "Debunked-claim mark removed from item {item}."},
    "linked": {"id": "{n} item tertaut ke bantahan.", "en": "{n:|item|items} linked to debunks."},
    "debunk_yes": {"id": "Item {item} kini bantahan ({who}); {copies} item tertaut kepadanya.",
                   "en": "Item {item} is now a debunk ({who}); {copies:|item links|items link} "
                         "to it."},
    "debunk_no": {"id": "Item {item} kini bukan bantahan ({who}); {relinked} dari {answered} item "
                        "yang tertaut kepadanya kini tertaut ke bantahan lain.",
                  "en": "Item {item} is now not a debunk ({who}); of the {answered:|item|items} "
                        "linked to it, {relinked} now {relinked:~|links|link} to another "
                        "debunk."},
    "debunk_same": {"id": "Status bantahan item {item} tidak berubah ({who}).",
                    "en": "Item {item}'s debunk status is unchanged ({who})."},
    "by_analyst": {"id": "keputusan analis", "en": "an analyst's decision"},
    "by_rules": {"id": "dikenali aturan", "en": "recognised by the rules"},
    "bad_verdict": {"id": "putusan harus ya, bukan atau otomatis (yes, no, auto), bukan {value!r}",
                    "en": "the verdict must be yes, no or auto (ya, bukan, otomatis), not "
                          "{value!r}"},
    "reflagged_debunks": {"id": "{n} tanda model aktif diterapkan ulang untuk item tersebut.",
                          "en": "{n:|flag|flags} of the active model re-applied to those "
                                "items."},
    "recognised": {"id": "Bantahan dikenali ulang dengan aturan terkini: {stopped} item bukan "
                         "bantahan lagi, {started} item kini bantahan.",
                   "en": "Debunks recognised again with today's rules: {stopped:|item|items} "
                         "no longer debunks, {started:|item|items} now debunks."},
}
_ = phrasebook(_WORDS)

claims_app = sub_app("claims", "Pencocokan klaim yang sudah dibantah.",
                     "Debunked-claim matching.")
ItemArgument = Annotated[int, typer.Argument(help=bilingual(
    "Id item (`sejuk items export`).", "Item id (`sejuk items export`)."))]


@claims_app.command("mark", help=bilingual(
    "Tandai item sebagai klaim yang sudah dibantah; salinannya ditautkan ke item itu (dicatat di "
    "log audit).",
    "Mark an item as a debunked claim; its copies are linked to it (audited)."))
@reports_errors
def claims_mark(
    item: ItemArgument,
    home: HomeOption = None,
    note: Annotated[str, typer.Option(help=bilingual(
        "Di mana klaim itu dibantah (mis. sebuah pernyataan).",
        "Where it was refuted (e.g. a statement)."))] = "",
) -> None:
    from classifiers.claims import mark_debunked
    from classifiers.workflow import match_claims

    workspace = open_home(home)
    with workspace.session() as session:
        mark_debunked(session, cli_principal(), item, note)
    linked = match_claims(workspace)
    typer.echo(_("marked", item=item, n=linked))


@claims_app.command("unmark", help=bilingual(
    "Batalkan `sejuk claims mark` (dicatat di log audit).",
    "Undo `sejuk claims mark` (audited)."))
@reports_errors
def claims_unmark(item: ItemArgument, home: HomeOption = None) -> None:
    from classifiers.claims import unmark_debunked

    workspace = open_home(home)
    with workspace.session() as session:
        unmark_debunked(session, cli_principal(), item)
    typer.echo(_("unmarked", item=item))


_VERDICTS: dict[str, bool | None] = {"ya": True, "yes": True, "bukan": False, "no": False,
                                    "otomatis": None, "auto": None}


@claims_app.command("debunk", help=bilingual(
    "Tetapkan apakah item adalah bantahan (klarifikasi, cek fakta), menggantikan pengenalan "
    "otomatis; `otomatis` mengembalikannya ke aturan. Tanda model dan tautan klaim item itu "
    "ikut diperbarui (dicatat di log audit).",
    "Settle whether an item is a debunk (a clarification, a fact-check), overruling the "
    "automatic recognition; `auto` hands it back to the rules. The item's model flags and "
    "claim links follow (audited)."))
@reports_errors
def claims_debunk(
    item: ItemArgument,
    verdict: Annotated[str, typer.Argument(help=bilingual(
        "ya | bukan | otomatis (yes | no | auto).", "yes | no | auto (ya | bukan | otomatis)."))],
    home: HomeOption = None,
    reason: Annotated[str, typer.Option(help=bilingual(
        "Alasannya (wajib untuk ya/bukan).", "Why (required for yes/no)."))] = "",
) -> None:
    from sejuk.actions import set_debunk

    if verdict.strip().lower() not in _VERDICTS:
        raise InputError.said(_WORDS, "bad_verdict", value=verdict)
    decided = _VERDICTS[verdict.strip().lower()]
    workspace = open_home(home)
    with workspace.session() as session:
        done = set_debunk(session, cli_principal(), item, decided, reason, workspace.settings)
    who = _("by_rules" if decided is None else "by_analyst")
    key = "debunk_same" if not done.changed else "debunk_yes" if done.is_debunk else "debunk_no"
    typer.echo(_(key, item=item, who=who, copies=done.copies, answered=done.answered,
                 relinked=done.relinked))
    if done.reflagged:
        typer.echo(_("reflagged_debunks", n=done.reflagged))


@claims_app.command("match", help=bilingual(
    "Cocokkan ulang setiap item dengan klaim yang sudah dibantah.",
    "Match every item against the known debunked claims again."))
@reports_errors
def claims_match(home: HomeOption = None) -> None:
    from classifiers.workflow import rematch_claims

    workspace = open_home(home)
    done = rematch_claims(workspace, actor())
    typer.echo(_("recognised", stopped=done.stopped, started=done.started))
    if done.reflagged:
        typer.echo(_("reflagged_debunks", n=done.reflagged))
    typer.echo(_("linked", n=done.linked))
