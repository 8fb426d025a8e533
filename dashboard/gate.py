"""The login gate: runs on every page run before any page, and decides who is acting.

A demo workspace (or ``dashboard.login_required = false``) acts as the demo admin.
Otherwise the browser session must hold a signed-in user whose account is still enabled
(read from the database on every run, so disabling a user or changing a role applies at
the next click) and who was active within ``dashboard.session_timeout_minutes``.

A link to a page (``/item``) opened without a session shows the login form on that
address, so the page opens once signed in, when the role allows it. Failed logins are
counted per client address (:func:`sejuk.access.auth.client_source`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import streamlit as st

from dashboard.i18n import t
from sejuk.access import audit
from sejuk.access.auth import (
    DEMO_PRINCIPAL,
    AccessDenied,
    LoginFailed,
    Principal,
    authenticate,
    client_source,
    current_principal,
    has_users,
    session_expired,
)
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

_USER = "auth_user"
_SEEN = "auth_last_seen"
#: Session-state keys of the browser rather than of the user who signed in: the
#: workspace folder and the language chosen. Everything else a page keeps (a prepared
#: printable plan with phone numbers, the last report reply, the labelling queue and its
#: undo list, filters, form inputs) belongs to the user and goes at sign-out.
BROWSER_KEYS = frozenset({"home", "lang"})


def login_required(ws: Workspace) -> bool:
    return ws.settings.dashboard.login_required and ws.kind() != "demo"


def sign_out(ws: Workspace, reason: str = "auth.logout") -> None:
    """End the signed-in session (logout, timeout, a disabled account): the browser's
    download grants and everything the user left in the session state go, so the next
    person at this browser finds nothing of theirs (nor can re-serve a prepared plan)."""
    from dashboard.guard import COOKIE, revoke

    cookie = st.context.cookies.get(COOKIE)
    revoke(cookie if isinstance(cookie, str) else None)  # its downloads end with it
    user = st.session_state.get(_USER)
    for key in [k for k in list(st.session_state) if k not in BROWSER_KEYS]:
        del st.session_state[key]
    if user:
        with ws.session() as session:
            audit.record(session, user, reason, user)


def gate(ws: Workspace, lang: str, pages: Sequence[Any] = ()) -> Principal:
    """The acting principal; shows the login form and stops the run when there is none.

    ``pages`` are every page of the app: registered (hidden) while the login form shows,
    so the address the browser asked for stays and opens after signing in.
    """
    if not login_required(ws):
        return DEMO_PRINCIPAL
    now = utc_now()
    user = st.session_state.get(_USER)
    if user is not None:
        if session_expired(st.session_state.get(_SEEN), now,
                           ws.settings.dashboard.session_timeout_minutes):
            sign_out(ws, "auth.timeout")
            st.session_state["auth_notice"] = "session_expired"
        else:
            with ws.session() as session:
                principal = current_principal(session, user)
            if principal is not None:
                st.session_state[_SEEN] = now
                return principal
            sign_out(ws, "auth.revoked")
    if pages:
        st.navigation(list(pages), position="hidden")  # keeps a deep link's page
    _login_form(ws, lang)
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def still_signed_in(ws: Workspace, principal: Principal, last_seen: datetime) -> Principal:
    """The gate's checks again, for work done outside a page run: a deferred download
    is built when its button is clicked, which runs no page (and so no :func:`gate`), so
    a page left open past the session timeout, or by a user disabled since, would
    still hand out its export. ``last_seen`` is the page run that drew the button."""
    if not login_required(ws):
        return principal
    if session_expired(last_seen, utc_now(), ws.settings.dashboard.session_timeout_minutes):
        raise AccessDenied("session expired: sign in again (sesi berakhir)")
    with ws.session() as session:
        current = current_principal(session, principal.username)
    if current is None:
        raise AccessDenied(f"user {principal.username!r} is disabled or removed")
    return current


def _source(ws: Workspace) -> str:
    """The client address of this browser session (Streamlit says None for loopback)."""
    peer = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For")
    return client_source(peer if isinstance(peer, str) else "127.0.0.1",
                         forwarded if isinstance(forwarded, str) else None,
                         ws.settings.dashboard.trusted_proxies)


def _login_form(ws: Workspace, lang: str) -> None:
    st.title(t("login_title", lang))
    notice = st.session_state.pop("auth_notice", None)
    if notice:
        st.warning(t(notice, lang))
    with ws.session() as session:
        nobody = not has_users(session)
    if nobody:  # the path in a code span: shown as written, nothing in it is Markdown
        st.info(t("no_users", lang, home=str(ws.home).replace("`", "")))
    with st.form("login", enter_to_submit=True):
        username = st.text_input(t("username", lang), key="login_username",
                                 autocomplete="username")
        password = st.text_input(t("password", lang), type="password", key="login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login", lang), type="primary")
    if not submitted:
        return
    with ws.session() as session:  # commits the record of a failed attempt too
        try:
            principal = authenticate(session, username, password, source=_source(ws))
        except LoginFailed:
            principal = None
    if principal is None:
        st.error(t("login_failed", lang))
        return
    st.session_state[_USER] = principal.username
    st.session_state[_SEEN] = utc_now()
    st.session_state.pop("login_password", None)  # keep no password in the session
    st.rerun()
