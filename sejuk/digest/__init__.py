"""The daily digest: what was flagged in a jurisdiction over the last 24 hours.

``gather_inputs`` (database) -> ``build_digest`` (pure) -> ``render`` (HTML, Markdown, text,
JSON) -> ``deliver`` (SMTP once per date and jurisdiction, with retries and a kept copy).
"""

from __future__ import annotations

from sejuk.digest.build import Digest, Window, build_digest, digest_to_dict, digest_window
from sejuk.digest.render import FORMATS, render, subject

__all__ = ["FORMATS", "Digest", "Window", "build_digest", "digest_to_dict", "digest_window",
           "render", "subject"]
