"""Every change a person makes follows one convention (see :func:`sejuk.access.auth.guarded`).

Each guarded action is called twice on a real workspace: by a principal one rank below
its role (refused with :class:`~sejuk.access.auth.AccessDenied`, and not one row written in any
table), then by a principal holding exactly its role (one audit row naming the action,
written by that principal). The table below must name every guarded action, and a scan
of the code finds any function that writes the audit log without being one, unless it is
listed as a step or a system path with the reason.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import sejuk.actions
import sejuk.outreach.leaders
import sejuk.outreach.plan
from classifiers import claims
from classifiers.dataset import LabelledSet, read_labelled_csv
from classifiers.workflow import train_from_set
from sejuk import actions
from sejuk.access import auth
from sejuk.access.auth import GUARDED, ROLES, AccessDenied, Principal
from sejuk.db.models import AuditEntry, Base, Item, Tps
from sejuk.outreach import leaders, plan
from sejuk.regions import jurisdiction_files
from sejuk.reports import ReportInput
from sejuk.timeutil import utc_now
from sejuk.tps import roster
from sejuk.workspace import Workspace
from tests.outreach.conftest import HOT, HOT_DESA, at_local, build_world

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
# imported, so their actions are registered
DECLARING = (sejuk.actions, sejuk.outreach.leaders, sejuk.outreach.plan, auth)
SECRET = "kata-sandi-uji-panjang"

Ids = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """How to call one action: ``call(workspace, session, principal, ids)`` with the ids
    ``setup(workspace)`` prepared (the world of tests/outreach unless a case needs more)."""

    call: Callable[[Workspace, Any, Principal | None, Ids], object]
    setup: Callable[[Workspace], Ids] = field(default=lambda ws: _world(ws))


def _world(ws: Workspace) -> Ids:
    world = build_world(ws)
    with ws.session() as session:
        item_id = session.scalar(select(func.min(Item.id)).where(Item.is_debunk.is_(False)))
        tps_id = session.scalar(select(func.min(Tps.id)))
        dialogue = plan.schedule_dialogue(
            session, auth.DEMO_PRINCIPAL, region_code=HOT, scheduled_at=at_local(world.day),
            place="Balai Desa Uji", participants=["Kapolsek Uji"],
            leader_ids=[world.leaders["agama_desa"]], topics=["Surat suara"])
        follow_up = plan.add_follow_up(session, auth.DEMO_PRINCIPAL, dialogue,
                                       description="Imbauan", owner="Bhabin Uji",
                                       due_date=world.day)
        label = actions.add_label(session, auth.DEMO_PRINCIPAL, item_id, "hoaks", 1,
                                  labels=("hoaks",))
        auth.add_user(session, auth.DEMO_PRINCIPAL, "ana", SECRET, "analyst")
    return {"item": item_id, "tps": tps_id, "leader": world.leaders["calm"],
            "dialogue": dialogue, "follow_up": follow_up, "label": label}


def _small() -> LabelledSet:
    return read_labelled_csv(DATA / "labelled_small.csv", ("hoaks", "provokasi"))


def _models(ws: Workspace) -> Ids:
    """Two trained versions: the first active, the second a candidate (then promoted,
    so that a rollback has somewhere to go back to)."""
    first = train_from_set(ws, _small()).version
    second = train_from_set(ws, _small()).version
    return {"first": first, "second": second}


def _train(ws: Workspace, session: Any, principal: Principal | None, ids: Ids) -> object:
    """``train_model`` on the small labelled file (as ``sejuk train --labels`` passes it):
    the dashboard's default, the bundled corpus, takes minutes."""
    return actions.train_model(session, principal, ws, _small())  # type: ignore[arg-type]


def _promoted(ws: Workspace) -> Ids:
    ids = _models(ws)
    with ws.session() as session:
        actions.promote_model(session, auth.DEMO_PRINCIPAL, ids["second"], ws.settings,
                              force=True)
    return ids


def _leader_file(ws: Workspace) -> Ids:
    path = ws.home / "tokoh.csv"
    path.write_text(f"name,kind,region_code\nKyai Impor,tokoh_agama,{HOT_DESA}\n",
                    encoding="utf-8")
    return {"path": path}


def _roster_file(ws: Workspace) -> Ids:
    path = ws.home / "roster.csv"
    path.write_text("provinsi,kabkota,kecamatan,desa,tps_number,voters,level\n"
                    "Jawa Barat,Kabupaten Cirebon,Plumbon,Plumbon,41,250,Rawan\n",
                    encoding="utf-8")
    return {"path": path}


def _jurisdiction_file(ws: Workspace) -> Ids:
    path = ws.home / "wilayah.toml"
    path.write_text('[[jurisdiction]]\nname = "Polres Uji"\nkind = "polres"\n'
                    'areas = ["32.09"]\n', encoding="utf-8")
    return {"path": path}


def _marked(ws: Workspace) -> Ids:
    ids = _world(ws)
    with ws.session() as session:
        claims.mark_debunked(session, auth.DEMO_PRINCIPAL, ids["item"])
    return ids


REPORT = ReportInput(text="Warga resah: kabar surat suara sudah dicoblos di balai desa",
                     region=HOT_DESA)


CASES: dict[str, Case] = {
    "sejuk.actions.set_triage": Case(
        lambda ws, s, p, ids: actions.set_triage(s, p, ids["item"], "urgent")),
    "sejuk.actions.add_label": Case(
        lambda ws, s, p, ids: actions.add_label(s, p, ids["item"], "provokasi", 0,
                                                labels=("hoaks", "provokasi"))),
    "sejuk.actions.undo_label": Case(
        lambda ws, s, p, ids: actions.undo_label(s, p, ids["label"])),
    "sejuk.actions.override_tps": Case(
        lambda ws, s, p, ids: actions.override_tps(s, p, ids["tps"], 1, "sudah aman ditinjau")),
    "sejuk.actions.promote_model": Case(
        lambda ws, s, p, ids: actions.promote_model(s, p, ids["second"], ws.settings,
                                                    force=True), _models),
    "sejuk.actions.rollback_model": Case(
        lambda ws, s, p, ids: actions.rollback_model(s, p, ws.settings), _promoted),
    "sejuk.actions.train_model": Case(  # a model is active, so it is not promoted
        _train, _models),
    "sejuk.actions.add_source": Case(
        lambda ws, s, p, ids: actions.add_source(s, p, "https://test.sejuk.example/baru",
                                                 "Baru", "news")),
    "sejuk.actions.set_source_enabled": Case(
        lambda ws, s, p, ids: actions.set_source_enabled(s, p, "Warta Uji", False)),
    "sejuk.actions.add_catalog_sources": Case(
        lambda ws, s, p, ids: actions.add_catalog_sources(
            s, p, province=None, kind=None, min_confidence="high", default_interval=15)),
    "sejuk.actions.submit_report": Case(
        lambda ws, s, p, ids: actions.submit_report(ws, p, REPORT)),
    "sejuk.actions.define_operation": Case(
        lambda ws, s, p, ids: actions.define_operation(
            s, p, "Operasi Mantap Brata", utc_now(), utc_now() + timedelta(days=30))),
    "sejuk.actions.export_table": Case(
        lambda ws, s, p, ids: actions.export_table(s, p, "items", [{"id": 1}], "csv")),
    "sejuk.outreach.leaders.import_leaders": Case(
        lambda ws, s, p, ids: leaders.import_leaders(s, p, ids["path"]), _leader_file),
    "sejuk.outreach.leaders.add_leader": Case(
        lambda ws, s, p, ids: leaders.add_leader(
            s, p, {"name": "Ibu Uji Tujuh", "kind": "tokoh_masyarakat",
                   "region_code": HOT_DESA})),
    "sejuk.outreach.leaders.update_leader": Case(
        lambda ws, s, p, ids: leaders.update_leader(s, p, ids["leader"], {"notes": "aktif"})),
    "sejuk.outreach.leaders.set_active": Case(
        lambda ws, s, p, ids: leaders.set_active(s, p, ids["leader"], False, reason="pindah")),
    "sejuk.outreach.plan.schedule_dialogue": Case(
        lambda ws, s, p, ids: plan.schedule_dialogue(
            s, p, region_code=HOT, scheduled_at=at_local(date(2026, 11, 21)),
            place="Masjid Uji", participants=[], leader_ids=[], topics=[])),
    "sejuk.outreach.plan.record_outcome": Case(
        lambda ws, s, p, ids: plan.record_outcome(s, p, ids["dialogue"], outcome="sepakat")),
    "sejuk.outreach.plan.cancel_dialogue": Case(
        lambda ws, s, p, ids: plan.cancel_dialogue(s, p, ids["dialogue"], reason="hujan")),
    "sejuk.outreach.plan.add_follow_up": Case(
        lambda ws, s, p, ids: plan.add_follow_up(s, p, ids["dialogue"], description="Rapat RT",
                                                 owner="Kanit Binmas",
                                                 due_date=date(2100, 11, 25))),
    "sejuk.outreach.plan.complete_follow_up": Case(
        lambda ws, s, p, ids: plan.complete_follow_up(s, p, ids["follow_up"], note="selesai")),
    "sejuk.tps.roster.import_roster": Case(
        lambda ws, s, p, ids: roster.import_roster(s, p, ids["path"], ws.settings.tps),
        _roster_file),
    "sejuk.regions.jurisdiction_files.import_jurisdictions": Case(
        lambda ws, s, p, ids: jurisdiction_files.import_jurisdictions(s, p, ids["path"]),
        _jurisdiction_file),
    "sejuk.actions.set_debunk": Case(
        # confirms what the rules say: nothing follows (the world's model version has no file)
        lambda ws, s, p, ids: actions.set_debunk(s, p, ids["item"], False, "berita biasa",
                                                 ws.settings)),
    "classifiers.claims.mark_debunked": Case(
        lambda ws, s, p, ids: claims.mark_debunked(s, p, ids["item"], "KPU membantah")),
    "classifiers.claims.unmark_debunked": Case(
        lambda ws, s, p, ids: claims.unmark_debunked(s, p, ids["item"]), _marked),
    "sejuk.access.auth.add_user": Case(
        lambda ws, s, p, ids: auth.add_user(s, p, "budi", SECRET, "viewer")),
    "sejuk.access.auth.set_disabled": Case(
        lambda ws, s, p, ids: auth.set_disabled(s, p, "ana", True)),
    "sejuk.access.auth.unlock": Case(
        lambda ws, s, p, ids: auth.unlock(s, p, username="ana")),
}


def _below(role: str) -> Principal | None:
    """A principal one rank below ``role`` (nobody signed in below a reporter)."""
    rank = ROLES.index(role)
    return Principal(f"bawah-{role}", ROLES[rank - 1]) if rank else None


def _row_counts(ws: Workspace) -> dict[str, int]:
    with ws.session() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


def test_every_guarded_action_has_a_case() -> None:
    assert sorted(GUARDED) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_guarded_action_refuses_below_its_role_and_audits_at_it(
        name: str, workspace: Workspace) -> None:
    action, case = GUARDED[name], CASES[name]
    ids = case.setup(workspace)
    before = _row_counts(workspace)
    with pytest.raises(AccessDenied), workspace.session() as session:
        case.call(workspace, session, _below(action.role), ids)
    assert _row_counts(workspace) == before, "a refused action wrote something"

    with workspace.session() as session:
        last = session.scalar(select(func.max(AuditEntry.id))) or 0
    allowed = Principal(f"peran-{action.role}", action.role)
    with workspace.session() as session:
        case.call(workspace, session, allowed, ids)
    with workspace.session() as session:
        written = [(e.actor, e.action) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.id > last).order_by(AuditEntry.id))]
    assert len(written) == 1, f"{name} wrote {written}, expected one of {action.audits}"
    assert written[0] == (allowed.username, written[0][1])
    assert written[0][1] in action.audits


#: Functions that write the audit log without being guarded actions, and why.
NOT_GUARDED = {
    "sejuk.access.auth.authenticate": "the login itself: nobody is signed in yet",
    "dashboard.gate.sign_out": "logout and session expiry of the signed-in user",
    "sejuk.outreach.leaders.store_leaders": "step of import_leaders, and the demo build",
    "sejuk.outreach.leaders.list_leaders": "a read: showing contacts is audited",
    "sejuk.tps.roster.set_override": "step of actions.override_tps",
    "sejuk.tps.roster.store_roster": "step of import_roster, and the demo build",
    "sejuk.digest.deliver.record_export": "the digest (command line, schedule)",
    "sejuk.digest.deliver._finish": "the digest (command line, schedule)",
    "sejuk.reports.intake.store_report": "step of actions.submit_report",
    "sejuk.retention.purge_expired": "retention purge (command line, schedule)",
    "classifiers.registry.register": "step of actions.train_model",
    "classifiers.registry.promote": "step of actions.promote_model",
    "classifiers.registry.rollback": "step of actions.rollback_model",
    "classifiers.registry.prune_orphans": "files of killed trainings: start of training, "
                                          "and `sejuk models prune` (command line)",
    "classifiers.starter.install_starter": "the starter model of a new workspace",
    "classifiers.claims.recognise_debunks": "`sejuk claims match` (command line, run by "
                                            "the operator after an upgrade)",
    "classifiers.claims.set_debunk": "step of actions.set_debunk",
    "classifiers.labels.add_label": "step of actions.add_label",
    "classifiers.labels.undo_label": "step of actions.undo_label",
}


def _audit_writers() -> set[str]:
    """Qualified names of product functions that call ``audit.record`` (a page module
    counts as one)."""
    found: set[str] = set()
    for package in ("sejuk", "classifiers", "feeds", "dashboard"):
        for path in (ROOT / package).rglob("*.py"):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                calls = [c for c in ast.walk(node) if isinstance(c, ast.Call)
                         and isinstance(c.func, ast.Attribute) and c.func.attr == "record"
                         and isinstance(c.func.value, ast.Name) and c.func.value.id == "audit"]
                if calls:
                    guarded = any(isinstance(d, ast.Call) and getattr(d.func, "id", "") ==
                                  "guarded" for d in node.decorator_list)
                    found.add(f"{module}.{node.name}" + ("@" if guarded else ""))
    return found


def test_every_audit_writer_is_a_guarded_action_or_a_named_exception() -> None:
    writers = _audit_writers()
    plain = {w for w in writers if not w.endswith("@")}
    unexplained = {w for w in plain if w not in NOT_GUARDED
                   and not any(w.startswith(f"{k}.") for k in NOT_GUARDED)}
    assert not unexplained, f"audited without @guarded (guard it or say why): {unexplained}"
    assert {w.rstrip("@") for w in writers if w.endswith("@")} <= set(GUARDED)
    stale = {k for k in NOT_GUARDED
             if not any(w == k or w.startswith(f"{k}.") for w in plain)}
    assert not stale, f"listed but no longer writing the audit log: {stale}"
