"""Cooling-system commands: the ``leaders`` registry and ``outreach`` dialogues.

The command line is used by the people who run the workspace (they hold the database
itself), so it acts with the administrator role under the name ``SEJUK_USER``/``USER``;
every change and every display of contact details is still audited under that name.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from sejuk.cli.common import (
    ExcelOption,
    HomeOption,
    JsonOption,
    check_year,
    cli_principal,
    day_or_today,
    echo_json,
    home_session,
    language,
    parse_date,
    phrasebook,
    print_template,
    reports_errors,
    sub_app,
)
from sejuk.cli.helptext import bilingual
from sejuk.errors import InputError
from sejuk.phrases import Phrases, say
from sejuk.timeutil import as_utc, format_local, zone_for_region

leaders_app = sub_app("leaders", "Registri tokoh masyarakat/agama/adat/pemuda.",
                      "Registry of community, religious, customary and youth leaders.")
outreach_app = sub_app("outreach",
                       "Dialog cooling system: rekomendasi, jadwal, log, tindak lanjut.",
                       "Cooling-system dialogues: recommendations, schedule, log, follow-ups.")
LeaderId = Annotated[int, typer.Argument(help=bilingual(
    "Id tokoh (`sejuk leaders list`).", "Leader id (`sejuk leaders list`)."))]
DialogueId = Annotated[int, typer.Argument(help=bilingual(
    "Id dialog (`sejuk outreach list`).", "Dialogue id (`sejuk outreach list`)."))]
JurisdictionOption = Annotated[str | None, typer.Option(
    "--jurisdiction", help=bilingual(
        "Nama Polda/Polres/Polsek atau kode wilayah, mis. 'Polresta Cirebon'.",
        "Polda/Polres/Polsek name or region code, e.g. 'Polresta Cirebon'."))]
DateOption = Annotated[str | None, typer.Option("--date", help=bilingual(
    "Hari (YYYY-MM-DD); bawaan hari ini.",
    "Day (YYYY-MM-DD); default today."))]

_WORDS: Phrases = {
    "leaders_imported": {"id": "Tokoh diimpor: {added} baru, {updated} diperbarui.",
                         "en": "Leaders imported: {added} new, {updated} updated."},
    "inactive": {"id": "[nonaktif]", "en": "[inactive]"},
    "leaders": {"id": "{n} tokoh.", "en": "{n:|leader|leaders}."},
    "leader_added": {"id": "Tokoh {id} ditambahkan.", "en": "Leader {id} added."},
    "nothing_to_change": {"id": "tidak ada yang diubah: berikan setidaknya satu opsi isian",
                          "en": "nothing to change: give at least one field option"},
    "leader_changed": {"id": "Tokoh {id}: {fields} diubah.",
                       "en": "Leader {id}: {fields} changed."},
    "leader_unchanged": {"id": "Tokoh {id}: tidak ada perubahan.",
                         "en": "Leader {id}: no change."},
    "leader_deactivated": {"id": "Tokoh {id} dinonaktifkan.", "en": "Leader {id} deactivated."},
    "plan": {"id": "Rekomendasi dialog {day:%d/%m/%Y}",
             "en": "Recommended dialogues {day:%d/%m/%Y}"},
    "plan_empty": {"id": "Tidak ada wilayah dengan TPS rawan atau sinyal.",
                   "en": "No area with vulnerable TPS or signals."},
    "plan_area": {"id": "#{rank} Kec. {name} ({code}) skor {score:.2f}",
                  "en": "#{rank} Kec. {name} ({code}) score {score:.2f}"},
    "plan_leaders": {"id": "Tokoh:", "en": "Leaders:"},
    "plan_points": {"id": "Bahan pembicaraan:", "en": "Talking points:"},
    "plan_why": {"id": "mengapa: {why}", "en": "why: {why}"},
    "plan_debunk": {"id": "bantahan: {title} ({where})", "en": "debunk: {title} ({where})"},
    "plan_fact": {"id": "fakta: {fact}", "en": "fact: {fact}"},
    "not_a_datetime": {"id": "bukan tanggal dan jam (YYYY-MM-DD HH:MM): {text!r}",
                       "en": "not a date and time (YYYY-MM-DD HH:MM): {text!r}"},
    "scheduled": {"id": "Dialog {id} dijadwalkan.", "en": "Dialogue {id} scheduled."},
    "held": {"id": "Dialog {id} dicatat terlaksana.", "en": "Dialogue {id} recorded as held."},
    "cancelled": {"id": "Dialog {id} dibatalkan.", "en": "Dialogue {id} cancelled."},
    "follow_up_done": {"id": "selesai", "en": "done"},
    "follow_up_due": {"id": "batas {due:%d/%m/%Y}", "en": "due {due:%d/%m/%Y}"},
    "follow_up": {"id": "tindak lanjut {id}: {description} — {owner} ({state})",
                  "en": "follow-up {id}: {description} — {owner} ({state})"},
    "dialogues": {"id": "{n} dialog.", "en": "{n:|dialogue|dialogues}."},
    "follow_up_added": {"id": "Tindak lanjut {id} ditambahkan.", "en": "Follow-up {id} added."},
    "follow_up_closed": {"id": "Tindak lanjut {id} selesai.", "en": "Follow-up {id} done."},
    "overdue": {"id": "terlambat {days} hari  {description} — {owner}  ({area}, dialog {id})",
                "en": "{days:|day|days} overdue  {description} — {owner}  ({area}, dialogue {id})"},
    "overdue_total": {"id": "{n} tindak lanjut terlambat.",
                      "en": "{n:|follow-up|follow-ups} overdue."},
    "effect": {"id": "{area}: sebelum {before} ({before_rate:.1f}/hari, {before_days} hari), "
                     "sesudah {after} ({after_rate:.1f}/hari, {after_days} hari) → {verdict}",
               "en": "{area}: before {before} ({before_rate:.1f}/day, {before_days:|day|days}), "
                     "after {after} ({after_rate:.1f}/day, {after_days:|day|days}) → {verdict}"},
    "held_total": {"id": "{n} dialog terlaksana.", "en": "{n:|dialogue|dialogues} held."},
    "html_or_pdf": {"id": "{out}: berikan nama berkas .html atau .pdf",
                    "en": "{out}: give a .html or .pdf file name"},
    "printed": {"id": "Rencana Kec. {name} ditulis ke {out}",
                "en": "Plan for Kec. {name} written to {out}"},
}
_ = phrasebook(_WORDS)




# -- leaders --------------------------------------------------------------------------------
@leaders_app.command("import", help=bilingual(
    "Impor CSV tokoh (semua baris atau tidak sama sekali; nama dan wilayah yang sama memperbarui "
    "barisnya).",
    "Import a leader CSV (all rows or none; same name and area updates the row)."))
@reports_errors
def leaders_import(
    file: Annotated[Path, typer.Argument(help=bilingual("CSV tokoh.", "Leader CSV."))],
    home: HomeOption = None,
) -> None:
    from sejuk.outreach.leaders import import_leaders

    with home_session(home) as (_workspace, session):
        result = import_leaders(session, cli_principal(), file)
    typer.echo(_("leaders_imported", added=result.added, updated=result.updated))


@leaders_app.command("template", help=bilingual(
    "Tulis kepala CSV tokoh dan satu baris contoh fiktif.",
    "Write the leader CSV header and one fictional example row."))
@reports_errors
def leaders_template(
    out: Annotated[Path | None, typer.Option("--out", help=bilingual(
        "Tulis ke berkas ini.",
        "Write to this file."))] = None,
    excel: ExcelOption = False,
) -> None:
    from sejuk.outreach.leaders import template_csv

    print_template(template_csv(), out, excel=excel)


@leaders_app.command("list", help=bilingual(
    "Tokoh terdaftar; nomor telepon hanya dengan --contacts (dicatat di log audit).",
    "Registered leaders; phone numbers only with --contacts (written to the audit log)."))
@reports_errors
def leaders_list(
    jurisdiction: JurisdictionOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help=bilingual(
        "tokoh_masyarakat, tokoh_agama, tokoh_adat atau tokoh_pemuda.",
        "tokoh_masyarakat, tokoh_agama, tokoh_adat or tokoh_pemuda."))] = None,
    contacts: Annotated[bool, typer.Option("--contacts", help=bilingual(
        "Sertakan nomor telepon (dicatat di log audit).",
        "Include phone numbers (audited)."))] = False,
    inactive: Annotated[bool, typer.Option("--all", help=bilingual(
        "Sertakan tokoh yang dinonaktifkan.",
        "Include deactivated leaders."))] = False,
    json_out: JsonOption = False, home: HomeOption = None,
) -> None:
    from sejuk.outreach.leaders import list_leaders
    from sejuk.regions.jurisdictions import optional_areas

    with home_session(home) as (_workspace, session):
        views = list_leaders(session, principal=cli_principal(), with_contact=contacts,
                             region_prefixes=optional_areas(session, jurisdiction), kind=kind,
                             include_inactive=inactive, purpose="cli")
    if json_out:
        echo_json([{k: v for k, v in asdict(view).items() if contacts or k != "phone"}
                   for view in views])
        return
    from sejuk.outreach.leaders import LEADER_KINDS_EN

    english = language() == "en"
    for view in views:
        phone = f"  {view.phone or '-'}" if contacts else ""
        state = "" if view.active else f"  {_('inactive')}"
        kind = LEADER_KINDS_EN.get(view.kind, view.kind) if english else view.kind_label
        typer.echo(f"{view.id:>4}  {kind:<17} {view.name}  ·  {view.organisation}"
                   f"  ·  {view.region_name} ({view.region_code}){phone}{state}")
    typer.echo(_("leaders", n=len(views)))


def _leader_values(name: str | None, kind: str | None, region: str | None,
                   organisation: str | None, phone: str | None, affiliation: str | None,
                   notes: str | None) -> dict[str, Any]:
    values = {"name": name, "kind": kind, "region_code": region, "organisation": organisation,
              "phone": phone, "affiliation": affiliation, "notes": notes}
    return {k: v for k, v in values.items() if v is not None}


NameOpt = Annotated[str | None, typer.Option("--name", help=bilingual(
    "Nama lengkap dengan gelar.",
    "Full name with title."))]
KindOpt = Annotated[str | None, typer.Option("--kind", help=bilingual(
    "tokoh_masyarakat, tokoh_agama, tokoh_adat atau tokoh_pemuda.",
    "tokoh_masyarakat, tokoh_agama, tokoh_adat or tokoh_pemuda."))]
RegionOpt = Annotated[str | None, typer.Option("--region", help=bilingual(
    "Kode kecamatan atau desa.",
    "Kecamatan or desa code."))]
OrgOpt = Annotated[str | None, typer.Option("--organisation", help=bilingual(
    "Organisasi.",
    "Organisation."))]
PhoneOpt = Annotated[str | None, typer.Option("--phone", help=bilingual(
    "Nomor telepon.",
    "Phone number."))]
AffOpt = Annotated[str | None, typer.Option("--affiliation", help=bilingual(
    "Afiliasi.",
    "Affiliation."))]
NotesOpt = Annotated[str | None, typer.Option("--notes", help=bilingual("Catatan.", "Notes."))]


@leaders_app.command("add", help=bilingual(
    "Daftarkan satu tokoh (dicatat di log audit).",
    "Register one leader (audited)."))
@reports_errors
def leaders_add(name: NameOpt = None, kind: KindOpt = None, region: RegionOpt = None,
                organisation: OrgOpt = None, phone: PhoneOpt = None,
                affiliation: AffOpt = None, notes: NotesOpt = None,
                home: HomeOption = None) -> None:
    from sejuk.outreach.leaders import add_leader

    with home_session(home) as (_workspace, session):
        leader_id = add_leader(session, cli_principal(),
                               _leader_values(name, kind, region, organisation, phone,
                                              affiliation, notes))
    typer.echo(_("leader_added", id=leader_id))


@leaders_app.command("edit", help=bilingual(
    "Ubah isian seorang tokoh (hanya opsi yang diberikan; dicatat di log audit).",
    "Change fields of a leader (only the options given; audited)."))
@reports_errors
def leaders_edit(leader_id: LeaderId, name: NameOpt = None, kind: KindOpt = None,
                 region: RegionOpt = None, organisation: OrgOpt = None,
                 phone: PhoneOpt = None, affiliation: AffOpt = None, notes: NotesOpt = None,
                 home: HomeOption = None) -> None:
    from sejuk.outreach.leaders import update_leader

    values = _leader_values(name, kind, region, organisation, phone, affiliation, notes)
    if not values:
        raise InputError.said(_WORDS, "nothing_to_change")
    with home_session(home) as (_workspace, session):
        changed = update_leader(session, cli_principal(), leader_id, values)
    typer.echo(_("leader_changed", id=leader_id, fields=", ".join(changed)) if changed
               else _("leader_unchanged", id=leader_id))


@leaders_app.command("deactivate", help=bilingual(
    "Nonaktifkan tokoh: tetap disimpan sebagai riwayat, tidak lagi disarankan (dicatat di log "
    "audit).",
    "Deactivate a leader: kept for history, no longer suggested (audited)."))
@reports_errors
def leaders_deactivate(
    leader_id: LeaderId,
    reason: Annotated[str, typer.Option("--reason", help=bilingual(
        "Alasannya (disimpan di log audit).",
        "Why (kept in the audit log)."))] = "",
    home: HomeOption = None,
) -> None:
    from sejuk.outreach.leaders import set_active

    with home_session(home) as (_workspace, session):
        set_active(session, cli_principal(), leader_id, False, reason=reason)
    typer.echo(_("leader_deactivated", id=leader_id))


# -- outreach -------------------------------------------------------------------------------
def _plan_json(plan: Any) -> dict[str, Any]:
    return {"day": plan.day.isoformat(), "jurisdiction": plan.jurisdiction,
            "areas": [asdict(r) for r in plan.recommendations]}


@outreach_app.command("plan", help=bilingual(
    "Rekomendasi dialog: wilayah menurut prioritas, tokoh yang diundang, bahan pembicaraan.",
    "Recommended dialogues: areas by priority, leaders to invite, talking points."))
@reports_errors
def outreach_plan(
    day: DateOption = None, jurisdiction: JurisdictionOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help=bilingual(
        "Jumlah wilayah yang ditampilkan.",
        "Areas to show."))] = 10,
    json_out: JsonOption = False, home: HomeOption = None,
) -> None:
    from sejuk.outreach import plan_recommendations

    with home_session(home) as (workspace, session):
        plan = plan_recommendations(session, workspace.settings, day=day_or_today(workspace, day),
                                    jurisdiction=jurisdiction, limit=limit, lang=language())
    if json_out:
        echo_json(_plan_json(plan))
        return
    typer.echo(_("plan", day=plan.day) + (f" · {jurisdiction}" if jurisdiction else ""))
    if not plan.recommendations:
        typer.echo(_("plan_empty"))
    for rec in plan.recommendations:
        typer.echo("\n" + _("plan_area", rank=rec.rank, name=rec.area.name, code=rec.area.code,
                            score=rec.area.score))
        for reason in rec.area.reasons:
            typer.echo(f"   - {reason}")
        typer.echo(f"   {_('plan_leaders')}")
        for s in rec.leaders:
            typer.echo(f"     [{s.leader.id}] {s.leader.name} ({s.leader.kind}, "
                       f"{s.leader.region_name}): {'; '.join(s.reasons)}")
        typer.echo(f"   {_('plan_points')}")
        for point in rec.talking_points:
            typer.echo(f"     * {point.claim}")
            typer.echo(f"       {_('plan_why', why='; '.join(point.why))}")
            if point.debunk:
                typer.echo("       " + _("plan_debunk", title=point.debunk.title,
                                         where=point.debunk.link or point.debunk.source))
            else:
                for fact in point.counter_facts:
                    typer.echo(f"       {_('plan_fact', fact=fact)}")
        for note in rec.notes:
            typer.echo(f"   ! {note}")


def _local_datetime(text: str, region_code: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InputError.said(_WORDS, "not_a_datetime", text=text) from None
    return as_utc(check_year(value, text), zone_for_region(region_code))


@outreach_app.command("schedule", help=bilingual(
    "Jadwalkan dialog (dicatat di log audit).",
    "Schedule a dialogue (audited)."))
@reports_errors
def outreach_schedule(
    region: Annotated[str, typer.Option("--region", help=bilingual(
        "Kode kecamatan atau desa.",
        "Kecamatan or desa code."))],
    at: Annotated[str, typer.Option("--at", help=bilingual(
        "Tanggal dan jam setempat, 'YYYY-MM-DD HH:MM' (WIB/WITA/WIT wilayahnya).",
        "Local date and time, 'YYYY-MM-DD HH:MM' (WIB/WITA/WIT of the region)."))],
    place: Annotated[str, typer.Option("--place", help=bilingual("Tempatnya.", "Where."))],
    participant: Annotated[list[str] | None, typer.Option(
        "--participant", help=bilingual(
            "Peserta Polsek/Muspika (bisa diulang).",
            "Polsek/Muspika participant (repeatable)."))] = None,
    leader: Annotated[list[int] | None, typer.Option("--leader", help=bilingual(
        "Id tokoh yang diundang (bisa diulang).",
        "Leader id to invite (repeatable)."))] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help=bilingual(
        "Topik (bisa diulang).",
        "Topic (repeatable)."))] = None,
    home: HomeOption = None,
) -> None:
    from sejuk.outreach import schedule_dialogue

    with home_session(home) as (_workspace, session):
        outreach_id = schedule_dialogue(
            session, cli_principal(), region_code=region,
            scheduled_at=_local_datetime(at, region), place=place,
            participants=participant or [], leader_ids=leader or [], topics=topic or [])
    typer.echo(_("scheduled", id=outreach_id))


@outreach_app.command("record", help=bilingual(
    "Catat dialog terjadwal sebagai terlaksana: hasil, komitmen, kehadiran (dicatat di log audit).",
    "Record a planned dialogue as held: outcome, commitments, attendance (audited)."))
@reports_errors
def outreach_record(
    outreach_id: DialogueId,
    outcome: Annotated[str, typer.Option("--outcome", help=bilingual(
        "Apa yang terjadi.",
        "What happened."))],
    commitments: Annotated[str, typer.Option("--commitments", help=bilingual(
        "Apa yang disepakati.",
        "What was agreed."))] = "",
    attended: Annotated[list[int] | None, typer.Option(
        "--attended", help=bilingual(
            "Id tokoh undangan yang hadir (bisa diulang).",
            "Invited leader id who came (repeatable)."))] = None,
    home: HomeOption = None,
) -> None:
    from sejuk.outreach import record_outcome

    with home_session(home) as (_workspace, session):
        record_outcome(session, cli_principal(), outreach_id, outcome=outcome,
                       commitments=commitments, attended=attended)
    typer.echo(_("held", id=outreach_id))


@outreach_app.command("cancel", help=bilingual(
    "Batalkan dialog terjadwal (dicatat di log audit).",
    "Cancel a planned dialogue (audited)."))
@reports_errors
def outreach_cancel(
    outreach_id: DialogueId,
    reason: Annotated[str, typer.Option("--reason", help=bilingual(
        "Alasan pembatalan.",
        "Why it was cancelled."))],
    home: HomeOption = None,
) -> None:
    from sejuk.outreach import cancel_dialogue

    with home_session(home) as (_workspace, session):
        cancel_dialogue(session, cli_principal(), outreach_id, reason=reason)
    typer.echo(_("cancelled", id=outreach_id))


@outreach_app.command("list", help=bilingual(
    "Log dialog, terbaru lebih dulu, beserta tindak lanjutnya.",
    "The dialogue log, newest first, with follow-ups."))
@reports_errors
def outreach_list(
    jurisdiction: JurisdictionOption = None,
    status: Annotated[str | None, typer.Option("--status", help=bilingual(
        "planned, held atau cancelled.",
        "planned, held or cancelled."))] = None,
    json_out: JsonOption = False, home: HomeOption = None,
) -> None:
    from sejuk.outreach import list_dialogues
    from sejuk.outreach.plan import STATUS_LABELS

    with home_session(home) as (_workspace, session):
        views = list_dialogues(session, jurisdiction=jurisdiction, status=status)
    if json_out:
        echo_json([asdict(v) for v in views])
        return
    for v in views:
        typer.echo(f"{v.id:>4}  {format_local(v.scheduled_at, zone_for_region(v.region_code))}"
                   f"  {say(STATUS_LABELS, v.status, language()):<12}  {v.region_name} "
                   f"({v.region_code})  ·  {v.place}")
        for f in v.follow_ups:
            state = _("follow_up_done") if f.done_at else _("follow_up_due", due=f.due_date)
            typer.echo("        " + _("follow_up", id=f.id, description=f.description,
                                      owner=f.owner, state=state))
    typer.echo(_("dialogues", n=len(views)))


@outreach_app.command("follow-up", help=bilingual(
    "Tambahkan tindak lanjut beserta penanggung jawab dan batas waktunya ke sebuah dialog "
    "(dicatat di log audit).",
    "Add a follow-up with owner and due date to a dialogue (audited)."))
@reports_errors
def outreach_follow_up(
    outreach_id: DialogueId,
    description: Annotated[str, typer.Option("--description", help=bilingual(
        "Apa yang harus dikerjakan.",
        "What must be done."))],
    owner: Annotated[str, typer.Option("--owner", help=bilingual(
        "Siapa penanggung jawabnya.",
        "Who is responsible."))],
    due: Annotated[str, typer.Option("--due", help=bilingual(
        "Batas waktu (YYYY-MM-DD).",
        "Due date (YYYY-MM-DD)."))],
    home: HomeOption = None,
) -> None:
    from sejuk.outreach import add_follow_up

    with home_session(home) as (_workspace, session):
        fid = add_follow_up(session, cli_principal(), outreach_id, description=description,
                            owner=owner, due_date=parse_date(due))
    typer.echo(_("follow_up_added", id=fid))


@outreach_app.command("done", help=bilingual(
    "Tandai tindak lanjut selesai (dicatat di log audit).",
    "Mark a follow-up done (audited)."))
@reports_errors
def outreach_done(
    follow_up_id: Annotated[int, typer.Argument(help=bilingual(
        "Id tindak lanjut (`sejuk outreach list`).", "Follow-up id (`sejuk outreach list`)."))],
    note: Annotated[str, typer.Option("--note", help=bilingual(
        "Bagaimana tindak lanjut itu dikerjakan.",
        "How it was done."))] = "",
    home: HomeOption = None,
) -> None:
    from sejuk.outreach import complete_follow_up

    with home_session(home) as (_workspace, session):
        complete_follow_up(session, cli_principal(), follow_up_id, note=note)
    typer.echo(_("follow_up_closed", id=follow_up_id))


@outreach_app.command("overdue", help=bilingual(
    "Tindak lanjut terbuka yang melewati batas waktunya.",
    "Open follow-ups past their due date."))
@reports_errors
def outreach_overdue(day: DateOption = None, jurisdiction: JurisdictionOption = None,
                     json_out: JsonOption = False, home: HomeOption = None) -> None:
    from sejuk.outreach import overdue_follow_ups

    with home_session(home) as (workspace, session):
        today = day_or_today(workspace, day)
        views = overdue_follow_ups(session, today, jurisdiction)
    if json_out:
        echo_json([{**asdict(v), "days_overdue": v.days_overdue(today)} for v in views])
        return
    for v in views:
        typer.echo(f"{v.id:>4}  " + _("overdue", days=v.days_overdue(today),
                                        description=v.description, owner=v.owner,
                                        area=v.region_name, id=v.outreach_id))
    typer.echo(_("overdue_total", n=len(views)))


@outreach_app.command("effect", help=bilingual(
    "Item ditandai per hari sebelum dan sesudah setiap dialog yang terlaksana.",
    "Flagged items per day before and after each held dialogue."))
@reports_errors
def outreach_effect(
    day: DateOption = None, jurisdiction: JurisdictionOption = None,
    days: Annotated[int, typer.Option("--days", min=1, max=60, help=bilingual(
        "Jumlah hari di tiap sisi.",
        "Days on each side."))] = 7,
    json_out: JsonOption = False, home: HomeOption = None,
) -> None:
    from sejuk.outreach import dialogue_effects
    from sejuk.signals import claims_count

    with home_session(home) as (workspace, session):
        effects = dialogue_effects(session, day_or_today(workspace, day), jurisdiction=jurisdiction,
                                   days=days,
                                   claims=claims_count(workspace.settings.classifier.labels))
    if json_out:
        echo_json([{**asdict(e), "before_total": e.before_total, "after_total": e.after_total,
                    "before_rate": e.before_rate, "after_rate": e.after_rate} for e in effects])
        return
    for e in effects:
        typer.echo(f"{e.outreach_id:>4}  {e.day:%d/%m/%Y}  " + _(
            "effect", area=e.region_name, before=e.before_total, before_rate=e.before_rate,
            before_days=len(e.before), after=e.after_total, after_rate=e.after_rate,
            after_days=len(e.after), verdict=e.verdict_text(language())))
    typer.echo(_("held_total", n=len(effects)))


@outreach_app.command("print", help=bilingual(
    "Tulis rencana dialog satu kecamatan sebagai HTML atau PDF siap cetak (kontak dicatat di log "
    "audit).",
    "Write one kecamatan's dialogue plan as printable HTML or PDF (contacts audited)."))
@reports_errors
def outreach_print(
    kecamatan: Annotated[str, typer.Option("--kecamatan", help=bilingual(
        "Kode kecamatan, mis. 32.09.18.",
        "Kecamatan code, e.g. 32.09.18."))],
    out: Annotated[Path, typer.Option("--out", help=bilingual(
        "FILE.html atau FILE.pdf.",
        "FILE.html or FILE.pdf."))],
    day: DateOption = None, home: HomeOption = None,
) -> None:
    from sejuk.outreach.printable import build_printable, render_html, render_pdf

    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise InputError.said(_WORDS, "html_or_pdf", out=out)
    with home_session(home) as (workspace, session):
        printable = build_printable(session, workspace.settings, kecamatan=kecamatan,
                                    day=day_or_today(workspace, day), principal=cli_principal())
    from sejuk.fsutil import atomic_write

    atomic_write(out, render_pdf(printable) if suffix == ".pdf" else render_html(printable))
    typer.echo(_("printed", name=printable.kecamatan_name, out=out))
