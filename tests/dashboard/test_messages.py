"""Messages on the dashboard as an analyst reads them: the commands they quote shown as
code, every value from a file, a feed or a person escaped, in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, update

from dashboard.format import md_code, md_escape
from sejuk.db.models import ModelVersion, Source
from sejuk.workspace import open_workspace
from tests.dashboard.conftest import goto, make_app


def test_a_missing_workspace_quotes_its_command_as_code(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "ruang *kerja* [x](http://evil.example) `1`"
    at = make_app(home, monkeypatch)
    [error] = at.error
    assert error.value == (md_escape(f"{home}: folder ruang kerja tidak ada; jalankan ")
                           + md_code(f"sejuk init --home {home}"))


def test_a_refused_promotion_reads_in_the_page_language_with_its_command_as_code(
        demo_home: Path, copy_workspace: Callable[[Path], Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate's refusal on the Model page: Indonesian figures, the way to force it (the
    command as code, the page's own checkbox by name), nothing escaped that is a command."""
    home = copy_workspace(demo_home)
    ws = open_workspace(home)
    with ws.session() as session:  # a candidate scored below the active model
        active = session.scalars(select(ModelVersion).where(ModelVersion.status == "active")
                                 ).one()
        weaker = ModelVersion(path=active.path, sha256=active.sha256, labels=active.labels,
                              metrics={"macro_f1": 0.5}, card={}, status="candidate")
        session.add(weaker)
        session.flush()
        weaker_id, active_id, figure = weaker.id, active.id, active.metrics["macro_f1"]
    ws.close()
    at = goto(make_app(home, monkeypatch), "models")
    at.selectbox(key="models_promote_version").set_value(weaker_id).run()
    at.button(key="models_promote").click().run()
    [error] = at.error
    command = md_code(f"sejuk models promote {weaker_id} --force")
    assert error.value == (
        md_escape(f"model v{weaker_id} punya macro-F1 0,500, di bawah v{active_id} yang aktif "
                  f"({figure:.3f}); untuk tetap mengaktifkannya: ".replace(".", ","))
        + command + md_escape(", atau centang «Paksa» di halaman Model dasbor"))
    at.radio(key="lang").set_value("en").run()
    at.button(key="models_promote").click().run()
    [error] = at.error
    assert error.value.startswith(md_escape(
        f"model v{weaker_id} has macro-F1 0.500, below the active v{active_id} ({figure:.3f})"))
    assert command in error.value and "«Force» on the dashboard" in error.value


def test_the_sources_page_shows_a_feeds_recorded_problem_in_the_page_language(
        demo_home: Path, copy_workspace: Callable[[Path], Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from feeds.problems import problem

    home = copy_workspace(demo_home)
    stored = problem("items_skipped", n=2)
    ws = open_workspace(home)
    with ws.session() as session:
        name = session.scalars(select(Source.name).order_by(Source.id)).first()
        session.execute(update(Source).where(Source.name == name).values(last_error=stored))
    ws.close()
    at = goto(make_app(home, monkeypatch), "sources")
    shown = at.dataframe[0].value.set_index("Sumber")["Galat terakhir"]
    assert shown[name] == "2 item JSON Feed tanpa id atau isi dilewati"
    at.radio(key="lang").set_value("en").run()
    assert at.dataframe[0].value.set_index("Source")["Last error"][name] == stored
