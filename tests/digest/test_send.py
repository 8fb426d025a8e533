"""Sending through a real SMTP server (aiosmtpd on 127.0.0.1): MIME structure, subject,
recipients, once per date and jurisdiction, retry with backoff, STARTTLS/SSL with AUTH."""

from __future__ import annotations

import dataclasses
import ssl
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.access.audit import recent
from sejuk.cli import app
from sejuk.db.models import DigestRecord
from sejuk.digest.deliver import DeliveryError, deliver
from sejuk.digest.service import make_digest
from sejuk.settings import SmtpSettings
from sejuk.workspace import Workspace
from tests.digest.smtpserver import (
    Authenticator,
    RecordingHandler,
    free_port,
    make_certificate,
    start_server,
)

pytestmark = pytest.mark.slow
runner = CliRunner()
TO = ["kasat.intelkam@polres.example", "analis@polres.example"]


def smtp_for(controller, **kw) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=controller.port, tls="none",
                        sender="sejuk@polres.example", **kw)


@pytest.fixture
def smtp_server():
    handler = RecordingHandler()
    controller = start_server(handler)
    yield handler, controller
    controller.stop()


def ledger(ws: Workspace, day: date) -> list[DigestRecord]:
    with ws.session() as s:
        rows = list(s.scalars(select(DigestRecord).where(DigestRecord.day == day)))
        s.expunge_all()
        return rows


def test_sends_one_multipart_message_once(demo_copy, demo_day, smtp_server) -> None:
    handler, controller = smtp_server
    digest = make_digest(demo_copy, demo_day, "Polres Cirebon")
    result = deliver(demo_copy, digest, recipients=TO, smtp=smtp_for(controller),
                     actor="tester")
    assert result.status == "sent" and result.attempts == 1
    assert handler.wait_for(1)
    (got,) = handler.received
    assert sorted(got.rcpt_tos) == sorted(TO)
    assert got.mail_from == "sejuk@polres.example"
    message = got.message
    assert message["Subject"].startswith(
        f"[Sejuk] Ringkasan harian Polres Kabupaten Cirebon {demo_day:%d/%m/%Y}: hoaks ")
    assert message["To"] == ", ".join(TO)
    assert message.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert html.lstrip().startswith("<!DOCTYPE html>") and "<svg" in html
    assert "Polres Kabupaten Cirebon" in text and "<" not in text.splitlines()[0]
    assert result.path.exists() and result.path.read_text() == html.replace("\r\n", "\n")

    again = deliver(demo_copy, digest, recipients=TO, smtp=smtp_for(controller),
                    actor="tester")
    assert again.status == "already_sent"
    assert len(handler.received) == 1 and handler.attempts == 1
    (row,) = ledger(demo_copy, demo_day)
    assert (row.status, row.attempts, row.jurisdiction) == ("sent", 1,
                                                           "Polres Kabupaten Cirebon")
    assert row.sent_at is not None and row.recipients == TO
    with demo_copy.session() as s:
        (entry,) = recent(s, action="digest.send")
        assert entry.actor == "tester" and entry.details["recipients"] == TO


def test_retries_after_a_refusal_with_backoff(demo_copy, demo_day) -> None:
    handler = RecordingHandler(refuse_first=1)
    controller = start_server(handler)
    waits: list[float] = []
    try:
        digest = make_digest(demo_copy, demo_day, None)
        result = deliver(demo_copy, digest, recipients=TO[:1], smtp=smtp_for(controller),
                         actor="t", backoff=7.0, sleep=waits.append)
    finally:
        controller.stop()
    assert result.status == "sent" and result.attempts == 2
    assert waits == [7.0]
    assert handler.attempts == 2 and len(handler.received) == 1
    (row,) = ledger(demo_copy, demo_day)
    assert (row.status, row.attempts, row.error) == ("sent", 2, None)


def test_failure_is_recorded_reported_and_the_file_kept(demo_copy, demo_day) -> None:
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), tls="none")  # nobody listens
    waits: list[float] = []
    digest = make_digest(demo_copy, demo_day, None)
    with pytest.raises(DeliveryError, match="not sent after 3 attempt") as caught:
        deliver(demo_copy, digest, recipients=TO, smtp=smtp, actor="t", backoff=1.0,
                sleep=waits.append)
    assert waits == [1.0, 2.0]
    kept = Path(str(caught.value).rsplit("kept at ", 1)[1])
    assert kept.exists() and kept.parent == demo_copy.settings.reports_dir / "digests"
    assert kept.with_suffix(".txt").exists() and kept.with_suffix(".md").exists()
    (row,) = ledger(demo_copy, demo_day)
    assert (row.status, row.attempts) == ("failed", 3) and "cannot reach" in row.error
    with demo_copy.session() as s:
        assert recent(s, action="digest.send_failed")


def test_permanent_refusal_is_not_retried(demo_copy, demo_day) -> None:
    handler = RecordingHandler(refuse_first=5, refusal="554 5.7.1 rejected")
    controller = start_server(handler)
    try:
        digest = make_digest(demo_copy, demo_day, None)
        with pytest.raises(DeliveryError, match="after 1 attempt"):
            deliver(demo_copy, digest, recipients=TO, smtp=smtp_for(controller), actor="t",
                    sleep=lambda _s: pytest.fail("must not wait"))
    finally:
        controller.stop()
    assert handler.attempts == 1


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_tls_and_login(demo_copy, demo_day, tmp_path, mode) -> None:
    cert = make_certificate(tmp_path)
    handler = RecordingHandler()
    auth = Authenticator("intel", "rahasia")
    controller = start_server(handler, cert=cert, mode=mode, auth=auth)
    context = ssl.create_default_context(cafile=str(cert[0]))
    try:
        digest = make_digest(demo_copy, demo_day, None)
        smtp = dataclasses.replace(smtp_for(controller, user="intel", password="salah"),
                                   tls=mode)
        with pytest.raises(DeliveryError, match="login refused"):
            deliver(demo_copy, digest, recipients=TO, smtp=smtp, actor="t", context=context,
                    sleep=lambda _s: pytest.fail("a wrong password is not retried"))
        smtp = dataclasses.replace(smtp, password="rahasia")
        result = deliver(demo_copy, digest, recipients=TO, smtp=smtp, actor="t",
                         context=context)
    finally:
        controller.stop()
    assert result.status == "sent" and auth.logins == ["intel"]
    assert handler.wait_for(1)


def test_untrusted_certificate_fails_without_retry(demo_copy, demo_day, tmp_path) -> None:
    cert = make_certificate(tmp_path)
    handler = RecordingHandler()
    controller = start_server(handler, cert=cert, mode="starttls")
    try:
        smtp = dataclasses.replace(smtp_for(controller), tls="starttls")
        with pytest.raises(DeliveryError, match="certificate not trusted"):
            deliver(demo_copy, make_digest(demo_copy, demo_day, None), recipients=TO,
                    smtp=smtp, actor="t", sleep=lambda _s: pytest.fail("not retried"))
    finally:
        controller.stop()
    assert handler.received == []


def test_cli_send_with_env_settings_and_configured_recipients(demo_copy, demo_day, tmp_path,
                                                              monkeypatch) -> None:
    cert = make_certificate(tmp_path)
    handler = RecordingHandler()
    auth = Authenticator("intel", "rahasia")
    controller = start_server(handler, cert=cert, mode="starttls", auth=auth)
    settings = demo_copy.home / "sejuk.toml"
    settings.write_text(settings.read_text() + '\n[digest.recipients]\n'
                        '"Polres Kabupaten Cirebon" = ["kasat@polres.example"]\n')
    monkeypatch.setenv("SEJUK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SEJUK_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("SEJUK_SMTP_USER", "intel")
    monkeypatch.setenv("SEJUK_SMTP_PASSWORD", "rahasia")
    monkeypatch.setenv("SEJUK_SMTP_TLS", "starttls")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))
    args = ["digest", "--home", str(demo_copy.home), "--date", demo_day.isoformat(),
            "-j", "polres cirebon", "--send"]
    try:
        first = runner.invoke(app, args)
        second = runner.invoke(app, args)
        extra = runner.invoke(app, [*args, "--to", "wakapolres@polres.example", "--force"])
    finally:
        controller.stop()
    assert first.exit_code == 0, first.output
    assert "terkirim ke kasat@polres.example" in first.stdout
    assert second.exit_code == 0 and "sudah pernah terkirim" in second.stdout
    assert extra.exit_code == 0, extra.output
    assert [r.rcpt_tos for r in handler.received] == [["kasat@polres.example"],
                                                     ["wakapolres@polres.example"]]


def test_to_or_force_without_send_is_refused_not_ignored(workspace: Workspace) -> None:
    """`sejuk digest --to kasat@...` printed the digest and sent nothing, silently."""
    for extra in (["--to", "kasat@polres.example"], ["--force"]):
        result = runner.invoke(app, ["digest", "--home", str(workspace.home), *extra])
        assert result.exit_code == 1
        assert result.stderr == ("error: --to dan --force hanya berlaku dengan --send: "
                                 "tambahkan --send untuk mengirimnya lewat e-mail\n")
        assert result.stdout == ""
