"""The ``sejuk leaders`` and ``sejuk outreach`` commands, in process."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sejuk.access import audit
from sejuk.cli import app
from tests.outreach.conftest import HOT, HOT_DESA, World

runner = CliRunner()


def _run(world: World, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--home", str(world.workspace.home)],
                           env={"SEJUK_USER": "petugas1"})
    return result.exit_code, result.stdout, result.stderr


def test_leaders_commands(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind,region_code\nA,ulama,32.09.18.2012\nB,tokoh_agama,1\n",
                   encoding="utf-8")
    code, out, err = _run(world, "leaders", "import", str(bad))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "2 baris tidak valid" in err
    assert "baris 3: region_code '1' bukan kode kecamatan atau desa" in err
    code, out, _ = _run(world, "leaders", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 6 and "phone" not in rows[0]
    code, out, _ = _run(world, "leaders", "list", "--contacts", "--jurisdiction", HOT_DESA)
    assert code == 0 and "0812-1111-0001" in out
    code, out, _ = _run(world, "leaders", "add", "--name", "Ibu Uji", "--kind", "tokoh_adat",
                        "--region", HOT)
    assert code == 0 and "ditambahkan" in out
    code, _, err = _run(world, "leaders", "edit", "1")
    assert code == 1 and "tidak ada yang diubah" in err
    assert _run(world, "leaders", "edit", "1", "--notes", "baru")[0] == 0
    assert _run(world, "leaders", "deactivate", "1", "--reason", "pindah")[0] == 0
    template = tmp_path / "t.csv"
    assert runner.invoke(app, ["leaders", "template", "--out", str(template)]).exit_code == 0
    assert template.read_text(encoding="utf-8").startswith("name,kind,")
    with world.workspace.session() as session:
        entry = audit.recent(session, action="leaders.contact_view")[0]
    assert entry.actor == "petugas1" and entry.target == "cli"


def test_outreach_plan_schedule_record_follow_up_print(world: World, tmp_path: Path) -> None:
    day = world.day.isoformat()
    code, out, _ = _run(world, "outreach", "plan", "--date", day, "--json")
    plan = json.loads(out)
    assert code == 0 and plan["areas"][0]["area"]["code"] == HOT
    assert plan["areas"][0]["talking_points"][0]["debunk"]["item_id"] == world.debunk_id
    code, out, _ = _run(world, "outreach", "plan", "--date", day)
    assert code == 0 and "Kec. Plumbon" in out and "bantahan" in out

    code, out, _ = _run(world, "outreach", "schedule", "--region", HOT, "--at",
                        f"{day} 09:00", "--place", "Balai Desa", "--participant", "Kapolsek",
                        "--leader", str(world.leaders["agama_desa"]), "--topic", "Surat suara")
    assert code == 0 and "Dialog 1 dijadwalkan" in out
    code, _, err = _run(world, "outreach", "schedule", "--region", HOT, "--at", "besok",
                        "--place", "x")
    assert code == 1 and "bukan tanggal dan jam" in err
    assert _run(world, "outreach", "record", "1", "--outcome", "Tertib", "--attended",
                str(world.leaders["agama_desa"]))[0] == 0
    code, _, err = _run(world, "outreach", "cancel", "1", "--reason", "x")
    assert code == 1 and ("dialog 1 sudah terlaksana; hanya dialog yang direncanakan yang "
                          "bisa dibatalkan") in err
    code, _, err = _run(world, "--lang", "en", "outreach", "cancel", "1", "--reason", "x")
    assert code == 1 and "dialogue 1 is held; only a planned dialogue can be cancelled" in err
    assert _run(world, "outreach", "follow-up", "1", "--description", "Imbauan", "--owner",
                "Bhabin", "--due", day)[0] == 0  # not before its dialogue
    later = (world.day + timedelta(days=19)).isoformat()
    code, out, _ = _run(world, "outreach", "overdue", "--date", later, "--json")
    [late] = json.loads(out)
    assert late["owner"] == "Bhabin" and late["days_overdue"] == 19
    code, out, _ = _run(world, "outreach", "list")
    assert code == 0 and "Terlaksana" in out and "Imbauan" in out  # Indonesian, not "Held"
    assert _run(world, "outreach", "done", "1")[0] == 0
    code, out, _ = _run(world, "outreach", "overdue", "--date", day)
    assert "0 tindak lanjut terlambat" in out
    code, out, _ = _run(world, "outreach", "effect", "--date", day, "--json")
    assert code == 0 and json.loads(out)[0]["outreach_id"] == 1

    html, pdf = tmp_path / "plan.html", tmp_path / "plan.pdf"
    assert _run(world, "outreach", "print", "--kecamatan", HOT, "--out", str(html),
                "--date", day)[0] == 0
    assert _run(world, "outreach", "print", "--kecamatan", HOT, "--out", str(pdf))[0] == 0
    assert "<script" not in html.read_text(encoding="utf-8")
    assert pdf.read_bytes().startswith(b"%PDF-")
    code, _, err = _run(world, "outreach", "print", "--kecamatan", HOT, "--out",
                        str(tmp_path / "plan.docx"))
    assert code == 1 and ".html atau .pdf" in err
    # a code that is no kecamatan, in the reader's language (it was English only)
    code, _, err = _run(world, "outreach", "print", "--kecamatan", "32.09", "--out", str(html))
    assert code == 1 and err == "error: '32.09' bukan kode kecamatan (mis. 32.09.15)\n"
    code, _, err = _run(world, "--lang", "en", "outreach", "print", "--kecamatan", "32.09",
                        "--out", str(html))
    assert code == 1 and err == "error: '32.09' is not a kecamatan code (e.g. 32.09.15)\n"


@pytest.mark.parametrize("args", [
    ("outreach", "plan", "--jurisdiction", "Polres Atlantis"),
    ("outreach", "record", "42", "--outcome", "x"),
    ("outreach", "done", "42"),
])
def test_errors_are_one_line(world: World, args: tuple[str, ...]) -> None:
    code, _out, err = _run(world, *args)
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


def test_record_refuses_a_dialogue_planned_for_tomorrow(world: World) -> None:
    from sejuk.timeutil import WIB, local_today

    tomorrow = local_today(WIB) + timedelta(days=1)
    code, out, _ = _run(world, "outreach", "schedule", "--region", HOT, "--at",
                        f"{tomorrow} 09:00", "--place", "Balai Desa")
    assert code == 0, out
    code, _, err = _run(world, "outreach", "record", "1", "--outcome", "Tertib")
    assert code == 1 and f"direncanakan pada {tomorrow:%d/%m/%Y}; catat pada hari itu" in err
    code, _, err = _run(world, "--lang", "en", "outreach", "record", "1", "--outcome", "Tertib")
    assert code == 1 and f"planned for {tomorrow:%d/%m/%Y}; record it on or after" in err
    code, _, err = _run(world, "outreach", "cancel", "1", "--reason", " ")
    assert code == 1 and "alasan: tidak boleh kosong" in err
    code, out, _ = _run(world, "outreach", "list", "--status", "planned", "--json")
    assert [d["id"] for d in json.loads(out)] == [1]
