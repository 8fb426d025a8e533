"""Dashboard users, roles and passwords; the one place that decides who may do what.

Roles are ordered: a *reporter* (a Bhabinkamtibmas or Polsek officer) only submits field
reports and sees their own, a *viewer* reads, an *analyst* also labels, triages,
overrides TPS levels and exports, an *admin* also manages models, sources, operations
and users.
Every function that changes data calls :func:`require` itself (see :mod:`sejuk.actions`),
so hiding a button is a courtesy, never the protection.

Passwords are hashed with Argon2id (argon2-cffi, the algorithm OWASP recommends first).
A failed login says only that the name or password is wrong, verifies a dummy hash when
the user is unknown (so timing does not reveal which part was wrong either) and is
written to the audit log like a successful one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk import audit
from sejuk.db.models import AuditEntry, User
from sejuk.errors import InputError, NotFound, SejukError
from sejuk.timeutil import utc_now

ROLES: tuple[str, ...] = ("reporter", "viewer", "analyst", "admin")
_RANK = {role: rank for rank, role in enumerate(ROLES)}
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10
#: Failed logins for one name within the window after which it is refused for a while.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("sejuk-dummy-password-for-timing")


class AccessDenied(SejukError):
    """The signed-in user's role does not allow this action."""


class LoginFailed(SejukError):
    """Wrong name or password (deliberately not saying which)."""


LOGIN_FAILED_MESSAGE = "nama pengguna atau kata sandi salah (wrong username or password)"


@dataclass(frozen=True)
class Principal:
    """Who is acting: the name the audit log records and the role that is checked."""

    username: str
    role: str

    def can(self, role: str) -> bool:
        return _RANK[self.role] >= _RANK[role]


#: Who acts in a demo workspace (no login there): an admin, so every page can be tried.
DEMO_PRINCIPAL = Principal("demo", "admin")


def require(principal: Principal | None, role: str) -> Principal:
    """Raise :class:`AccessDenied` unless ``principal`` holds ``role`` or a higher one."""
    if role not in _RANK:
        raise ValueError(f"unknown role {role!r}")
    if principal is None or principal.role not in _RANK or not principal.can(role):
        who = principal.username if principal else "anonymous"
        raise AccessDenied(f"{who} may not do this: requires role {role}")
    return principal


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _check_new_user(username: str, password: str, role: str) -> None:
    if not USERNAME.match(username):
        raise InputError(f"username {username!r}: use 2-64 lowercase letters, digits, '.', "
                         "'_' or '-', starting with a letter or digit")
    if role not in _RANK:
        raise InputError(f"role {role!r}: must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"password for {username!r}: at least {MIN_PASSWORD} characters")


def add_user(session: Session, username: str, password: str, role: str, *, actor: str
             ) -> User:
    """Create a user (audited); the password is stored only as an Argon2id hash."""
    username = username.strip().lower()
    _check_new_user(username, password, role)
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise InputError(f"user {username!r} already exists")
    user = User(username=username, password_hash=hash_password(password), role=role,
                disabled=False, created_at=utc_now())
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.add", username, role=role)
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def set_disabled(session: Session, username: str, disabled: bool, *, actor: str) -> User:
    """Disable (or re-enable) a user; a disabled user's open sessions end at their next
    click because :func:`current_principal` reads the flag on every page run."""
    user = get_user(session, username)
    user.disabled = disabled
    audit.record(session, actor, "user.disable" if disabled else "user.enable", user.username)
    return user


def _recent_failures(session: Session, username: str, now: datetime) -> int:
    return int(session.scalar(
        select(func.count()).select_from(AuditEntry)
        .where(AuditEntry.action == "auth.failed", AuditEntry.target == username,
               AuditEntry.at >= now - FAILURE_WINDOW)) or 0)


def authenticate(session: Session, username: str, password: str, *,
                 now: datetime | None = None) -> Principal:
    """Check a login; raise :class:`LoginFailed` with one message whatever was wrong.

    The caller must commit the session even on failure: the failed attempt is audited.
    """
    now = now or utc_now()
    name = username.strip().lower()[:100]
    user = session.scalar(select(User).where(User.username == name)) if name else None
    if user is None:
        verify_password(_DUMMY_HASH, password)  # same work as a real check
        audit.record(session, name or "-", "auth.failed", name)
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    too_many = _recent_failures(session, name, now) >= MAX_FAILURES
    ok = verify_password(user.password_hash, password)
    if not ok or user.disabled or too_many:
        audit.record(session, name, "auth.failed", name,
                     reason="locked" if too_many else "disabled" if user.disabled else "password")
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    audit.record(session, name, "auth.login", name)
    return Principal(user.username, user.role)


def current_principal(session: Session, username: str) -> Principal | None:
    """The user as the database says now (role changes and disabling apply at once)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or user.disabled:
        return None
    return Principal(user.username, user.role)


def session_expired(last_seen: datetime | None, now: datetime, timeout_minutes: int) -> bool:
    """True when the browser session was idle longer than the configured timeout."""
    if last_seen is None:
        return True
    return now - last_seen > timedelta(minutes=max(1, timeout_minutes))


__all__ = ["DEMO_PRINCIPAL", "LOGIN_FAILED_MESSAGE", "ROLES", "AccessDenied", "LoginFailed",
           "Principal", "add_user", "authenticate", "current_principal", "get_user",
           "hash_password", "list_users", "require", "session_expired", "set_disabled",
           "verify_password"]
