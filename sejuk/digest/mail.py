"""SMTP: one multipart message (plain text + HTML), sent over STARTTLS, SSL or plain.

The only module that talks to a mail server. :func:`send` raises :class:`SendError` with
``transient`` telling the caller whether another attempt may succeed (4xx replies, a
refused or dropped connection) or not (5xx: wrong password, unknown recipient).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sejuk.errors import InputError, SejukError
from sejuk.settings import SmtpSettings

DEFAULT_TIMEOUT = 30.0


class SendError(SejukError):
    """The mail server did not accept the digest."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


def check_address(address: str) -> str:
    """A single plain address; header injection (newlines) and display names refused."""
    text = address.strip()
    if not text or any(ch in text for ch in "\r\n<>,;\"' ") or text.count("@") != 1:
        raise InputError(f"not an e-mail address: {address!r}")
    local, domain = text.split("@")
    if not local or not domain.strip("."):
        raise InputError(f"not an e-mail address: {address!r}")
    try:
        Address(addr_spec=text)
    except (ValueError, IndexError):
        raise InputError(f"not an e-mail address: {address!r}") from None
    return text


def build_message(*, subject: str, sender: str, recipients: Sequence[str], text: str,
                  html: str) -> EmailMessage:
    """multipart/alternative: the plain text first, the HTML preferred by mail clients."""
    if not recipients:
        raise InputError("no recipients: configure [digest.recipients] or give --to")
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())
    try:
        message["From"] = check_address(sender)
    except InputError as exc:
        raise InputError(f"smtp.sender: {exc}") from None
    message["To"] = ", ".join(check_address(r) for r in recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.split("@")[-1])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def send(message: EmailMessage, smtp: SmtpSettings, *, timeout: float = DEFAULT_TIMEOUT,
         context: ssl.SSLContext | None = None) -> list[str]:
    """Deliver ``message``; returns the recipients the server accepted.

    ``context`` defaults to the system trust store (``SSL_CERT_FILE`` adds a private CA).
    """
    if not smtp.host:
        raise SendError("no SMTP server: set [smtp] host in sejuk.toml or SEJUK_SMTP_HOST",
                        transient=False)
    context = context or ssl.create_default_context()
    recipients = [a.strip() for a in str(message["To"]).split(",") if a.strip()]
    try:
        client: smtplib.SMTP
        if smtp.tls == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
        with client:
            client.ehlo()
            if smtp.tls == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if smtp.user:
                client.login(smtp.user, smtp.password)
            refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise SendError(f"every recipient refused: {_codes(exc.recipients)}",
                        transient=all(400 <= c < 500 for c in codes)) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"SMTP login refused for {smtp.user!r} ({exc.smtp_code})",
                        transient=False) from None
    except smtplib.SMTPResponseException as exc:
        detail = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        raise SendError(f"SMTP server {smtp.host}:{smtp.port} replied {exc.smtp_code} "
                        f"{detail}", transient=400 <= exc.smtp_code < 500) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(f"SMTP server {smtp.host}:{smtp.port} does not support what "
                        f"smtp.tls/smtp.user ask for: {exc}", transient=False) from None
    except ssl.SSLCertVerificationError as exc:
        raise SendError(f"SMTP server {smtp.host}:{smtp.port} certificate not trusted: "
                        f"{exc.verify_message}", transient=False) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"cannot reach SMTP server {smtp.host}:{smtp.port}: "
                        f"{exc.__class__.__name__}: {exc}", transient=True) from None
    return [r for r in recipients if r not in refused]


def _codes(refused: dict[str, tuple[int, bytes]]) -> str:
    return ", ".join(f"{addr} {code}" for addr, (code, _) in refused.items())
