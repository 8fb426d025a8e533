"""A feed's recorded problem as the operator reads it: stored in English (the database,
``sources list --json``), shown in the reader's language by ``sejuk collect``,
``sejuk sources list``, the dashboard and the digest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from feeds.problems import PROBLEMS, in_language
from feeds.sources import add_source
from sejuk.cli import app
from sejuk.phrases import Said, recognise, say
from sejuk.workspace import Workspace
from tests.httpserver import TestServer, running_server

FEEDS = Path(__file__).parent.parent / "data" / "feeds"
runner = CliRunner()

#: A value for every field the problems have.
SAMPLE: dict[str, object] = {
    "url": "http://a.example/feed?x=1", "reason": Said(PROBLEMS, "no_host"),
    "size": 3_000_000, "cap": 2_000_000, "seconds": 2.5, "n": 3, "kind": "ReadTimeout",
    "detail": "line 1: not well-formed (invalid token)", "status": "403 Forbidden",
    "hint": Said(PROBLEMS, "hint_403"), "scheme": "ftp"}


@pytest.mark.parametrize("key", list(PROBLEMS))
def test_every_stored_problem_is_read_back_as_itself(key: str) -> None:
    stored = say(PROBLEMS, key, "en", **SAMPLE)
    found = recognise(PROBLEMS, stored)
    assert found is not None and found.key == key, (stored, found)
    assert found.in_language("id") == say(PROBLEMS, key, "id", **SAMPLE)
    assert in_language(stored, "en") == stored


def test_a_line_no_sentence_made_is_shown_as_it_is() -> None:
    assert in_language("ConnectError: [Errno 111] Connection refused", "id") == (
        "ConnectError: [Errno 111] Connection refused")
    assert in_language(None, "id") == ""


@pytest.fixture
def server() -> Iterator[TestServer]:
    with running_server() as srv:
        yield srv


def test_sources_list_and_collect_say_a_feeds_problem_in_the_reader_language(
        workspace: Workspace, server: TestServer) -> None:
    with workspace.session() as session:
        add_source(session, server.static("/feed.json", (FEEDS / "jsonfeed_good.json")
                                          .read_bytes(), "application/feed+json"),
                   "Json", "news")
        add_source(session, server.static("/blocked", b"no", "text/plain", status=403),
                   "Blocked", "news")
    home = str(workspace.home)
    collected = runner.invoke(app, ["collect", "--home", home])
    assert collected.exit_code == 0, collected.output
    refused = ("HTTP 403 Forbidden: situs menolak klien ini (filter bot atau alamat pusat "
               "data)")
    skipped = "1 item JSON Feed tanpa id atau isi dilewati"
    assert f"  ! Blocked: {refused}" in collected.stderr
    assert f"  ~ Json: 2 baru ({skipped})" in collected.stderr

    listed = runner.invoke(app, ["sources", "list", "--home", home])
    assert f"gagal 1x: {refused}" in listed.stdout
    assert f"HTTP 200 ({skipped})" in listed.stdout
    english = runner.invoke(app, ["--lang", "en", "sources", "list", "--home", home])
    assert "failed 1x: HTTP 403 Forbidden: the site refuses this client" in english.stdout
    assert "HTTP 200 (1 JSON Feed item(s) without id or content skipped)" in english.stdout
    # what is stored, and what scripts read, does not change with the language
    stored = {r["name"]: r["last_error"] for r in json.loads(runner.invoke(
        app, ["--lang", "id", "sources", "list", "--home", home, "--json"]).stdout)}
    assert stored == {
        "Json": "1 JSON Feed item(s) without id or content skipped",
        "Blocked": "HTTP 403 Forbidden: the site refuses this client (bot filter or "
                   "data-centre address); try another [collector] user_agent, or the "
                   "catalogue's Google News entry for this site"}
