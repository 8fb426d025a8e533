"""Dashboard users, roles and passwords; the one place that decides who may do what.

Roles are ordered: a *reporter* (a Bhabinkamtibmas or Polsek officer) only submits field
reports and sees their own, a *viewer* reads, an *analyst* also labels, triages,
overrides TPS levels and exports, an *admin* also manages models, sources, operations
and users.
Every function that changes data on behalf of a person is declared with :func:`guarded`:
it takes ``(session, principal, ...)``, the role is checked before its body runs, and it
writes its audit entry in the caller's transaction (see :mod:`sejuk.actions`). Hiding a
button is a courtesy, never the protection.

Passwords are hashed with Argon2id (argon2-cffi, the algorithm OWASP recommends first).
A failed login says only that the name or password is wrong, verifies a dummy hash when
the user is unknown (so timing does not reveal which part was wrong either) and is
written to the audit log like a successful one.

Lockout is counted per source of attempts (the client address, :func:`client_source`),
not per account alone: whoever guesses at ``admin`` from one address locks only that
address out of ``admin`` (after :data:`MAX_FAILURES` failures), and an address guessing
at many names is locked out of all of them (after :data:`MAX_SOURCE_FAILURES`). Attempts
refused because of a lock are not counted, so nobody can keep a lock alive; a lock ends
when its failures leave the :data:`FAILURE_WINDOW`, after a successful login from that
address, or when an administrator lifts it (:func:`unlock`, ``sejuk users unlock``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ParamSpec, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sejuk.access import audit
from sejuk.db.models import LoginAttempt, User
from sejuk.errors import InputError, NotFound, SejukError
from sejuk.phrases import Phrases
from sejuk.timeutil import utc_now

ROLES: tuple[str, ...] = ("reporter", "viewer", "analyst", "admin")
_RANK = {role: rank for rank, role in enumerate(ROLES)}
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10
#: Failed logins for one name from one source within the window after which that source
#: is refused for that name until the failures age out of the window.
MAX_FAILURES = 5
#: Failed logins from one source, whatever the names, after which the source is refused.
MAX_SOURCE_FAILURES = 20
FAILURE_WINDOW = timedelta(minutes=15)
#: Login attempts are kept this long (the audit log keeps every one for good).
ATTEMPTS_KEPT = timedelta(days=7)
UNKNOWN_SOURCE = "unknown"
#: In an ``unlocked`` row: every source (as the source) or every name (as the name).
EVERY = "*"

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


P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class GuardedAction:
    """One change a person may make: the lowest role allowed and the audit action(s) it
    writes (the first is its own; more are named when it may also write them, as a
    training that promotes its first model)."""

    name: str
    role: str
    audits: tuple[str, ...]
    function: Callable[..., Any]


#: Every guarded action by qualified function name, filled as their modules are imported;
#: ``tests/test_actions_convention.py`` checks each one refuses and audits.
GUARDED: dict[str, GuardedAction] = {}


def guarded(role: str, *audits: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a change made on behalf of a person: ``role`` is required before the body
    runs, and the body writes an audit entry naming one of ``audits`` in the caller's
    transaction (one per thing changed: a pasted chat's reports each get theirs). The
    function takes ``(session, principal, ...)`` (a workspace instead of
    the session when the change opens its own transactions, as a field report does).
    """
    if role not in _RANK:
        raise ValueError(f"unknown role {role!r}")
    if not audits:
        raise ValueError("a guarded action names the audit action it writes")

    def declare(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            principal = args[1] if len(args) > 1 else kwargs.get("principal")
            require(principal, role)  # type: ignore[arg-type]
            return function(*args, **kwargs)

        name = f"{function.__module__}.{function.__qualname__}"
        GUARDED[name] = GuardedAction(name, role, audits, checked)
        return checked

    return declare


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _check_new_user(username: str, password: str, role: str) -> None:
    if not USERNAME.match(username):
        raise InputError.said(_USERS, "username", name=username)
    if role not in _RANK:
        raise InputError.said(_USERS, "role", role=role, roles=", ".join(ROLES))
    if len(password) < MIN_PASSWORD:
        raise InputError.said(_USERS, "password", name=username, minimum=MIN_PASSWORD)


@guarded("admin", "user.add")
def add_user(session: Session, principal: Principal, username: str, password: str, role: str
             ) -> User:
    """Create a user (audited); the password is stored only as an Argon2id hash."""
    username = username.strip().lower()
    _check_new_user(username, password, role)
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise InputError.said(_USERS, "exists", name=username)
    user = User(username=username, password_hash=hash_password(password), role=role,
                disabled=False, created_at=utc_now())
    session.add(user)
    session.flush()
    audit.record(session, principal.username, "user.add", username, role=role)
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound.said(_USERS, "no_user", name=username)
    return user


def has_users(session: Session) -> bool:
    """Whether anyone can sign in: ``sejuk init`` creates no account."""
    return session.scalar(select(User.id).where(User.disabled.is_(False)).limit(1)) is not None


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


@guarded("admin", "user.disable", "user.enable")
def set_disabled(session: Session, principal: Principal, username: str, disabled: bool
                 ) -> User:
    """Disable (or re-enable) a user; a disabled user's open sessions end at their next
    click because :func:`current_principal` reads the flag on every page run."""
    user = get_user(session, username)
    user.disabled = disabled
    audit.record(session, principal.username, "user.disable" if disabled else "user.enable",
                 user.username)
    return user


def client_source(peer: str | None, forwarded_for: str | None = None,
                  trusted_proxies: tuple[str, ...] | list[str] = ()) -> str:
    """Where a login attempt comes from: the connection's address or, when that is a
    trusted reverse proxy, the nearest address in ``X-Forwarded-For`` that is not one
    (a client can write anything into the header, but not past the proxies it crossed).
    """
    source = (peer or "").strip() or UNKNOWN_SOURCE
    if source in trusted_proxies and forwarded_for:
        for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
            if hop not in trusted_proxies:
                return hop[:100]
    return source[:100]


def _since_reset(session: Session, now: datetime, *conditions: object) -> datetime:
    """The start of the counting window, moved up to the latest reset matching."""
    reset = session.scalar(select(func.max(LoginAttempt.at)).where(*conditions))  # type: ignore[arg-type]
    start = now - FAILURE_WINDOW
    return max(start, reset) if reset is not None else start


def lock_state(session: Session, username: str, source: str,
               now: datetime | None = None) -> str | None:
    """``"account"`` when ``source`` may not try ``username`` now, ``"source"`` when it
    may not try any name, else ``None``."""
    now = now or utc_now()
    name = username.strip().lower()[:100]
    pair_start = _since_reset(
        session, now,
        ((LoginAttempt.outcome == "ok") & (LoginAttempt.username == name)
         & (LoginAttempt.source == source))
        | ((LoginAttempt.outcome == "unlocked") & LoginAttempt.username.in_([name, EVERY])
           & LoginAttempt.source.in_([source, EVERY])))
    failures = session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.username == name, LoginAttempt.source == source,
        LoginAttempt.outcome == "failed", LoginAttempt.at >= pair_start))
    if (failures or 0) >= MAX_FAILURES:
        return "account"
    source_start = _since_reset(session, now, LoginAttempt.username == EVERY,
                                LoginAttempt.source == source,
                                LoginAttempt.outcome == "unlocked")
    failures = session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.source == source, LoginAttempt.outcome == "failed",
        LoginAttempt.at >= source_start))
    return "source" if (failures or 0) >= MAX_SOURCE_FAILURES else None


#: What the audit log names instead of a login name no account has.
UNKNOWN_NAME = "(unknown name)"


def _attempt(session: Session, name: str, source: str, outcome: str, now: datetime) -> None:
    session.add(LoginAttempt(at=now, username=name, source=source, outcome=outcome))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - ATTEMPTS_KEPT))


def authenticate(session: Session, username: str, password: str, *,
                 source: str = UNKNOWN_SOURCE, now: datetime | None = None) -> Principal:
    """Check a login from ``source``; raise :class:`LoginFailed` with one message
    whatever was wrong (a lock included).

    The caller must commit the session even on failure: the failed attempt is recorded.
    """
    now = now or utc_now()
    name = username.strip().lower()[:100]
    source = source[:100] or UNKNOWN_SOURCE
    locked = lock_state(session, name, source, now) if name else None
    user = session.scalar(select(User).where(User.username == name)) if name else None
    # The audit log is kept for good; a name no account has may be a password typed into
    # the wrong field, so it is not written there (the short-lived attempts table keeps
    # it, for the lock on that name).
    shown = name if user is not None else UNKNOWN_NAME
    if locked:
        verify_password(_DUMMY_HASH, password)  # the same work as a real check
        _attempt(session, name, source, "locked", now)  # not counted: no lock is extended
        audit.record(session, shown, "auth.failed", shown, reason=f"locked ({locked})",
                     source=source)
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    if user is None:
        verify_password(_DUMMY_HASH, password)  # same work as a real check
        _attempt(session, name or "-", source, "failed", now)
        audit.record(session, shown, "auth.failed", shown, reason="unknown user",
                     source=source)
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    ok = verify_password(user.password_hash, password)
    if not ok or user.disabled:
        _attempt(session, name, source, "failed", now)
        audit.record(session, name, "auth.failed", name,
                     reason="disabled" if ok else "password", source=source)
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    _attempt(session, name, source, "ok", now)
    audit.record(session, name, "auth.login", name, source=source)
    return Principal(user.username, user.role)


@dataclass(frozen=True)
class Lock:
    """A lock in force: ``username`` is :data:`EVERY` for a source locked out of all."""

    username: str
    source: str
    failures: int


def locks(session: Session, now: datetime | None = None) -> list[Lock]:
    """Every lock in force now (failures still in the window, no reset since)."""
    now = now or utc_now()
    pairs = session.execute(
        select(LoginAttempt.username, LoginAttempt.source, func.count())
        .where(LoginAttempt.outcome == "failed", LoginAttempt.at >= now - FAILURE_WINDOW)
        .group_by(LoginAttempt.username, LoginAttempt.source)).all()
    found: list[Lock] = []
    sources: set[str] = set()
    for username, source, count in pairs:
        if count >= MAX_FAILURES and lock_state(session, username, source, now) == "account":
            found.append(Lock(username, source, int(count)))
        sources.add(source)
    for source in sorted(sources):
        if lock_state(session, EVERY, source, now) == "source":
            found.append(Lock(EVERY, source, MAX_SOURCE_FAILURES))
    return sorted(found, key=lambda lock: (lock.username, lock.source))


@guarded("admin", "auth.unlock")
def unlock(session: Session, principal: Principal, *, username: str | None = None,
           source: str | None = None) -> list[Lock]:
    """Lift the locks on ``username`` (from every source, or only ``source``), or on a
    whole ``source``; audited. Returns the locks that were in force."""
    if not username and not source:
        raise InputError.said(_USERS, "unlock_what")
    now = utc_now()
    name = username.strip().lower()[:100] if username else None
    if name is not None:
        get_user(session, name)  # an unknown name is an error, not a silent no-op
    lifted = [lock for lock in locks(session, now)
              if (name is None or lock.username == name)
              and (source is None or lock.source == source)]
    session.add(LoginAttempt(at=now, username=name or EVERY, source=source or EVERY,
                             outcome="unlocked"))
    audit.record(session, principal.username, "auth.unlock", name or EVERY, source=source or EVERY,
                 locks=len(lifted))
    session.flush()
    return lifted


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


__all__ = ["DEMO_PRINCIPAL", "GUARDED", "LOGIN_FAILED_MESSAGE", "ROLES", "AccessDenied",
           "GuardedAction", "Lock", "LoginFailed", "Principal", "add_user", "authenticate",
           "client_source", "current_principal", "get_user", "guarded", "hash_password",
           "list_users", "lock_state", "locks", "require", "session_expired", "set_disabled",
           "unlock", "verify_password"]


_USERS: Phrases = {
    "username": {"id": "nama pengguna {name!r}: pakai 2-64 huruf kecil, angka, '.', '_' atau "
                       "'-', diawali huruf atau angka",
                 "en": "username {name!r}: use 2-64 lowercase letters, digits, '.', '_' or '-', "
                       "starting with a letter or digit"},
    "role": {"id": "peran {role!r}: harus salah satu dari {roles}",
             "en": "role {role!r}: must be one of {roles}"},
    "password": {"id": "kata sandi untuk {name!r}: minimal {minimum} karakter",
                 "en": "password for {name!r}: at least {minimum} characters"},
    "exists": {"id": "pengguna {name!r} sudah ada", "en": "user {name!r} already exists"},
    "no_user": {"id": "tidak ada pengguna {name!r}", "en": "no user {name!r}"},
    "unlock_what": {"id": "beri nama pengguna, sumber (`--source`) atau keduanya",
                    "en": "give a user name, a source (`--source`) or both"},
}
