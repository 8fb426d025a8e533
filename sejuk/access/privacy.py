"""Authors of public posts as salted hashes: enough to see that one account repeats a
claim, not enough to look the person up. The salt lives in the database (``meta``) so
every collector of a multi-process deployment hashes the same handle the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

from sqlalchemy.orm import Session

from sejuk.db.models import Meta

SALT_KEY = "author_salt"


def normalise_handle(handle: str) -> str:
    """``@Warga_Sumber@mastodon.example`` and ``warga_sumber@Mastodon.example`` are one."""
    text = unicodedata.normalize("NFKC", handle).strip().lower()
    return text.lstrip("@")


def hash_author(salt: str, handle: str) -> str:
    """HMAC-SHA256 of the normalised handle (hex, 32 chars): stable per workspace."""
    digest = hmac.new(salt.encode(), normalise_handle(handle).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def ensure_salt(session: Session) -> str:
    """The workspace's author salt, created once."""
    row = session.get(Meta, SALT_KEY)
    if row is None:
        row = Meta(key=SALT_KEY, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row.value
