"""Messages on the dashboard as an analyst reads them: the commands they quote shown as
code, every value from a file, a feed or a person escaped, in the page's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.format import md_code, md_escape
from tests.dashboard.conftest import make_app


def test_a_missing_workspace_quotes_its_command_as_code(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "ruang *kerja* [x](http://evil.example) `1`"
    at = make_app(home, monkeypatch)
    [error] = at.error
    assert error.value == (md_escape(f"{home}: folder ruang kerja tidak ada; jalankan ")
                           + md_code(f"sejuk init --home {home}"))
