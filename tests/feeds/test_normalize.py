"""Properties of text normalisation and URL canonicalisation (Hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from feeds.normalize import canonical_url, clean_text, content_hash, html_to_text

hosts = st.from_regex(r"[a-z]{1,10}\.(co\.id|com|id|example)", fullmatch=True)
paths = st.lists(st.from_regex(r"[a-z0-9-]{1,8}", fullmatch=True), max_size=4)
params = st.dictionaries(st.from_regex(r"[a-z]{1,5}", fullmatch=True),
                         st.from_regex(r"[a-z0-9]{0,5}", fullmatch=True), max_size=3)


@given(st.text())
def test_clean_text_is_idempotent_nfc_and_trimmed(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once


@given(st.text())
def test_html_to_text_never_returns_markup_tags(text: str) -> None:
    out = html_to_text(f"<p>{text}</p><script>alert('x')</script>")
    assert "<script" not in out.lower()
    assert "alert('x')" not in out


@given(st.sampled_from(["http", "https"]), hosts, paths, params)
def test_canonical_url_is_idempotent(scheme: str, host: str, parts: list[str],
                                     query: dict[str, str]) -> None:
    from urllib.parse import urlencode

    url = f"{scheme}://{host}/{'/'.join(parts)}"
    if query:
        url += "?" + urlencode(query)
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(hosts, paths, params)
def test_tracking_variants_compare_equal(host: str, parts: list[str],
                                         query: dict[str, str]) -> None:
    from urllib.parse import urlencode

    base = f"https://{host}/{'/'.join(parts)}"
    plain = base + ("?" + urlencode(query) if query else "")
    noisy = base + "?" + urlencode({**query, "utm_source": "wa", "fbclid": "x"}) + "#top"
    upper = plain.replace(host, host.upper(), 1)
    assert canonical_url(plain) == canonical_url(noisy) == canonical_url(upper)


def test_www_and_default_port_are_dropped() -> None:
    assert canonical_url("HTTPS://WWW.Kabar.example:443/a/b/?b=2&a=1") == \
        "https://kabar.example/a/b?a=1&b=2"


@given(st.text(), st.text())
def test_content_hash_ignores_case_and_spacing(title: str, text: str) -> None:
    assert content_hash(title, text) == content_hash(f"  {title.upper()} ", text.upper())
