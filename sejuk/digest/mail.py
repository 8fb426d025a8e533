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
from sejuk.phrases import Phrases, Said
from sejuk.settings import SmtpSettings

DEFAULT_TIMEOUT = 30.0


class SendError(SejukError):
    """The mail server did not accept the digest."""

    def __init__(self, key: str, /, *, transient: bool, **values: object) -> None:
        phrase = Said(_MAIL, key, values)
        super().__init__(str(phrase))
        self.phrase = phrase
        self.transient = transient


def check_address(address: str) -> str:
    """A single plain address; header injection (newlines) and display names refused."""
    text = address.strip()
    if not text or any(ch in text for ch in "\r\n<>,;\"' ") or text.count("@") != 1:
        raise InputError.said(_MAIL, "not_address", address=address)
    local, domain = text.split("@")
    if not local or not domain.strip("."):
        raise InputError.said(_MAIL, "not_address", address=address)
    try:
        Address(addr_spec=text)
    except (ValueError, IndexError):
        raise InputError.said(_MAIL, "not_address", address=address) from None
    return text


def build_message(*, subject: str, sender: str, recipients: Sequence[str], text: str,
                  html: str) -> EmailMessage:
    """multipart/alternative: the plain text first, the HTML preferred by mail clients."""
    if not recipients:
        raise InputError.said(_MAIL, "no_recipients")
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())
    try:
        message["From"] = check_address(sender)
    except InputError as exc:
        raise InputError.said(_MAIL, "sender", problem=exc) from None
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
        raise SendError("no_server", transient=False)
    context = context or ssl.create_default_context()
    recipients = [a.strip() for a in str(message["To"]).split(",") if a.strip()]
    server = f"{smtp.host}:{smtp.port}"
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
        raise SendError("refused", transient=all(400 <= c < 500 for c in codes),
                        codes=_codes(exc.recipients)) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError("login", transient=False, user=smtp.user, code=exc.smtp_code) from None
    except smtplib.SMTPResponseException as exc:
        detail = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        raise SendError("replied", transient=400 <= exc.smtp_code < 500, server=server,
                        code=exc.smtp_code, detail=detail) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError("unsupported", transient=False, server=server, detail=exc) from None
    except ssl.SSLCertVerificationError as exc:
        raise SendError("untrusted", transient=False, server=server,
                        detail=exc.verify_message) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError("unreachable", transient=True, server=server,
                        detail=f"{exc.__class__.__name__}: {exc}") from None
    return [r for r in recipients if r not in refused]


def _codes(refused: dict[str, tuple[int, bytes]]) -> str:
    return ", ".join(f"{addr} {code}" for addr, (code, _) in refused.items())


_MAIL: Phrases = {
    "not_address": {"id": "bukan alamat e-mail: {address!r}",
                    "en": "not an e-mail address: {address!r}"},
    "no_recipients": {"id": "tidak ada penerima: atur [digest.recipients] atau beri `--to`",
                      "en": "no recipients: configure [digest.recipients] or give `--to`"},
    "sender": {"id": "smtp.sender: {problem}", "en": "smtp.sender: {problem}"},
    "no_server": {"id": "tidak ada server SMTP: atur host di [smtp] sejuk.toml atau "
                        "SEJUK_SMTP_HOST",
                  "en": "no SMTP server: set [smtp] host in sejuk.toml or SEJUK_SMTP_HOST"},
    "refused": {"id": "semua penerima ditolak: {codes}", "en": "every recipient refused: {codes}"},
    "login": {"id": "login SMTP ditolak untuk {user!r} ({code})",
              "en": "SMTP login refused for {user!r} ({code})"},
    "replied": {"id": "server SMTP {server} menjawab {code} {detail}",
                "en": "SMTP server {server} replied {code} {detail}"},
    "unsupported": {"id": "server SMTP {server} tidak mendukung yang diminta smtp.tls/smtp.user: "
                          "{detail}",
                    "en": "SMTP server {server} does not support what smtp.tls/smtp.user ask "
                          "for: {detail}"},
    "untrusted": {"id": "sertifikat server SMTP {server} tidak dipercaya: {detail}",
                  "en": "SMTP server {server} certificate not trusted: {detail}"},
    "unreachable": {"id": "server SMTP {server} tidak terjangkau: {detail}",
                    "en": "cannot reach SMTP server {server}: {detail}"},
}
