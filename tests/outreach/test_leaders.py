"""The leader registry: all-or-nothing import, editing, and who may see contact details."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from sejuk.access import audit
from sejuk.access.auth import AccessDenied
from sejuk.db.models import Leader
from sejuk.errors import InputError, NotFound
from sejuk.outreach.leaders import (
    add_leader,
    import_leaders,
    list_leaders,
    set_active,
    template_csv,
    update_leader,
)
from sejuk.workspace import Workspace
from tests.outreach.conftest import ADMIN, ANALYST, HOT, HOT_DESA, VIEWER, World

HEADER = "name,kind,organisation,region_code,phone,affiliation,notes\n"


def _write(tmp_path: Path, body: str, name: str = "tokoh.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _count(workspace: Workspace) -> int:
    with workspace.session() as session:
        return int(session.scalar(select(func.count()).select_from(Leader)) or 0)


def test_import_then_reimport_updates_instead_of_doubling(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    path = _write(tmp_path, f"Kyai Uji,tokoh_agama,Pesantren,{HOT_DESA},0812-0000-0001,NU,\n"
                            f"Pemuda Uji,tokoh_pemuda,Karang Taruna,{HOT},,netral,catatan\n")
    with workspace.session() as session:
        result = import_leaders(session, ANALYST, path)
    assert (result.added, result.updated) == (2, 0)
    path = _write(tmp_path, f"kyai  uji,tokoh_agama,Pesantren Baru,{HOT_DESA},0812-0000-0009,"
                            "NU,\n")
    with workspace.session() as session:
        result = import_leaders(session, ANALYST, path)
        leader = session.scalar(select(Leader).where(Leader.region_code == HOT_DESA))
        assert leader is not None and leader.organisation == "Pesantren Baru"
        entries = audit.recent(session, action="leaders.import")
    assert (result.added, result.updated) == (0, 1)
    assert _count(workspace) == 2
    assert entries[0].actor == "analis1" and entries[0].details == {"added": 0, "updated": 1}


def test_a_second_import_waits_for_the_first_then_updates(workspace: Workspace,
                                                           tmp_path: Path) -> None:
    """Four imports of one file started at once stored 3,000 rows for 300 leaders: each
    read "no such leader" before any had written. Now an import holds the table from
    before it reads: a second one waits (here: gives up at once, to be deterministic),
    and run after the first, it updates."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    path = _write(tmp_path, f"Kyai Uji,tokoh_agama,Pesantren,{HOT_DESA},0812-0000-0001,NU,\n"
                            f"Pemuda Uji,tokoh_pemuda,Karang Taruna,{HOT},,netral,\n")
    with workspace.session() as first:
        assert import_leaders(first, ANALYST, path).added == 2  # not yet committed
        second = workspace.sessions()
        try:
            impatient = ("SET lock_timeout = '100ms'" if workspace.engine.dialect.name ==
                         "postgresql" else "PRAGMA busy_timeout = 100")
            second.execute(text(impatient))
            assert second.scalar(select(func.count()).select_from(Leader)) == 0, \
                "readers do not wait (and do not see the first import before its commit)"
            with pytest.raises(OperationalError):
                import_leaders(second, ANALYST, path)
        finally:
            second.rollback()
            second.close()
    with workspace.session() as session:
        result = import_leaders(session, ANALYST, path)
    assert (result.added, result.updated) == (0, 2)
    assert _count(workspace) == 2


@pytest.mark.parametrize(("body", "message"), [
    (f"Ok,tokoh_agama,,{HOT_DESA},,,\n,tokoh_agama,,{HOT_DESA},,,\n", "row 3: empty name"),
    (f"Ok,tokoh_agama,,{HOT_DESA},,,\nX,ulama,,{HOT_DESA},,,\n", "row 3: kind 'ulama'"),
    ("Ok,tokoh_agama,,32.09,,,\n", "row 2: region_code '32.09' is not a kecamatan"),
    (f"Ok,tokoh_agama,,{HOT_DESA},call me,,\n", "row 2: phone 'call me'"),
    (f"Ok,tokoh_agama,,{HOT_DESA},,,\nok,tokoh_adat,,{HOT_DESA},,,\n",
     "row 3: same name and region as row 2"),
    # An unquoted comma in a title shifts every cell after it one column to the right.
    (f"Ustaz Ahmad, S.Ag,tokoh_agama,,{HOT_DESA},0812-0000-0001,NU,catatan\n",
     "row 2: 8 fields for 7 columns (a comma in a cell that is not quoted?)"),
])
def test_bad_rows_refuse_the_whole_file(workspace: Workspace, tmp_path: Path, body: str,
                                        message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(InputError, match="nothing imported") as caught, \
            workspace.session() as session:
        import_leaders(session, ANALYST, path)
    assert message in str(caught.value)
    assert _count(workspace) == 0


def test_missing_columns_empty_file_and_bad_encoding(workspace: Workspace,
                                                     tmp_path: Path) -> None:
    missing = tmp_path / "m.csv"
    missing.write_text("name,kind\nA,tokoh_agama\n", encoding="utf-8")
    empty = _write(tmp_path, "", "e.csv")
    broken = tmp_path / "l.csv"  # valid UTF-8 beside a byte that is not
    broken.write_bytes((HEADER + f"Ibu Siti Aisyah\xe9,tokoh_agama,,{HOT_DESA},,,\n")
                       .encode() + b"Pak \xe9,tokoh_agama,,,,,\n")
    with workspace.session() as session:
        with pytest.raises(InputError, match="missing column"):
            import_leaders(session, ANALYST, missing)
        with pytest.raises(InputError, match="no leader rows"):
            import_leaders(session, ANALYST, empty)
        with pytest.raises(InputError, match="not UTF-8 text"):
            import_leaders(session, ANALYST, broken)
        misspelt = tmp_path / "t.csv"
        misspelt.write_text(f"name,kind,region_code,telepon\nA,tokoh_agama,{HOT_DESA},0812\n",
                            encoding="utf-8")
        with pytest.raises(InputError, match="unknown column\\(s\\) telepon; expected name"):
            import_leaders(session, ANALYST, misspelt)


def test_a_kind_written_as_words_is_read(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, f"Kyai Uji,Tokoh Agama,,{HOT_DESA},,,\n"
                            f"Pemuda Uji,tokoh-pemuda,,{HOT_DESA},,,\n")
    with workspace.session() as session:
        assert import_leaders(session, ANALYST, path).added == 2
        kinds = sorted(session.scalars(select(Leader.kind)))
    assert kinds == ["tokoh_agama", "tokoh_pemuda"]


def test_template_round_trips_and_its_example_is_not_imported(workspace: Workspace,
                                                               tmp_path: Path) -> None:
    """The example row ("hapus sebelum impor") imported as is added a fictional leader."""
    path = tmp_path / "t.csv"
    path.write_text(template_csv(), encoding="utf-8")
    with workspace.session() as session, pytest.raises(
            InputError, match="row 2: the example row of `sejuk leaders template`"):
        import_leaders(session, ANALYST, path)
    path.write_text(template_csv().replace("Ustaz Contoh", "Ustaz Hasan"), encoding="utf-8")
    with workspace.session() as session:
        assert import_leaders(session, ANALYST, path).added == 1  # filled in: a real row


# -- access to contact data --------------------------------------------------------------------
def test_viewer_sees_leaders_but_never_phone_numbers(world: World) -> None:
    with world.workspace.session() as session:
        views = list_leaders(session, principal=VIEWER)
        assert views and all(v.phone is None for v in views)
        with pytest.raises(AccessDenied):
            list_leaders(session, principal=VIEWER, with_contact=True)
        assert audit.recent(session, action="leaders.contact_view") == []


def test_every_contact_view_is_audited_with_the_leaders_shown(world: World) -> None:
    with world.workspace.session() as session:
        views = list_leaders(session, principal=ANALYST, with_contact=True,
                             region_prefixes=[HOT_DESA], purpose="dashboard")
    assert {v.phone for v in views} == {"0812-1111-0001", "0812-1111-0002", "0812-1111-0003"}
    with world.workspace.session() as session:
        list_leaders(session, principal=ADMIN, with_contact=True, ids=[views[0].id])
        entries = audit.recent(session, action="leaders.contact_view")
    assert [e.actor for e in entries] == ["admin1", "analis1"]
    assert sorted(entries[1].details["leader_ids"]) == sorted(v.id for v in views)
    assert entries[1].details["role"] == "analyst" and entries[1].target == "dashboard"
    assert entries[0].details["leader_ids"] == [views[0].id]


def test_filters_by_area_kind_and_activity(world: World) -> None:
    with world.workspace.session() as session:
        assert {v.region_code for v in list_leaders(session, principal=VIEWER,
                                                    region_prefixes=[HOT])} >= {HOT, HOT_DESA}
        assert [v.name for v in list_leaders(session, principal=VIEWER,
                                             kind="tokoh_adat")] == ["Sesepuh Uji Lima"]
        assert list_leaders(session, principal=VIEWER, region_prefixes=[]) == []
        with pytest.raises(InputError, match="kind"):
            list_leaders(session, principal=VIEWER, kind="ulama")


# -- editing ---------------------------------------------------------------------------------
def test_add_edit_deactivate_are_audited_and_need_an_analyst(world: World) -> None:
    values = {"name": "Ibu Uji Tujuh", "kind": "tokoh_masyarakat", "region_code": HOT_DESA,
              "phone": "+62 812 0000 0007"}
    with world.workspace.session() as session:
        with pytest.raises(AccessDenied):
            add_leader(session, VIEWER, values)
        new_id = add_leader(session, ANALYST, values)
        with pytest.raises(InputError, match="already registered"):
            add_leader(session, ANALYST, {**values, "name": "ibu uji  tujuh"})
    with world.workspace.session() as session:
        with pytest.raises(AccessDenied):
            update_leader(session, VIEWER, new_id, {"notes": "x"})
        changed = update_leader(session, ANALYST, new_id,
                                {"phone": "0812-9999-0000", "notes": "aktif"})
        assert changed == ["phone", "notes"]
        assert update_leader(session, ANALYST, new_id, {"notes": "aktif"}) == []
        with pytest.raises(InputError, match="region_code"):
            update_leader(session, ANALYST, new_id, {"region_code": "99.99"})
        with pytest.raises(InputError, match="unknown leader field"):
            update_leader(session, ANALYST, new_id, {"email": "x@y"})
        with pytest.raises(NotFound):
            update_leader(session, ANALYST, 99999, {"notes": "x"})
        set_active(session, ADMIN, new_id, False, reason="pindah domisili")
    with world.workspace.session() as session:
        assert new_id not in {v.id for v in list_leaders(session, principal=VIEWER)}
        assert new_id in {v.id for v in list_leaders(session, principal=VIEWER,
                                                     include_inactive=True)}
        actions = [e.action for e in audit.recent(session)]
        update = audit.recent(session, action="leaders.update")[0]
    assert {"leaders.add", "leaders.update", "leaders.deactivate"} <= set(actions)
    # The old and new phone numbers are not copied into the (more widely readable) log.
    assert update.details["changes"]["phone"] == "(diubah)"
    assert "0812-9999-0000" not in str(update.details)
    assert update.details["changes"]["notes"] == {"old": "", "new": "aktif"}
