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
    # casefold, not upper(): "ı".upper() is "I", whose casefold is "i", a different letter.
    assert content_hash(title, text) == content_hash(f"  {title.casefold()} ",
                                                     f"{text.casefold()}  ")


@given(st.text())
def test_canonical_url_never_raises_and_is_idempotent_on_any_text(text: str) -> None:
    once = canonical_url(text)
    assert canonical_url(once) == once


@given(st.text())
def test_date_parsing_and_platform_detection_never_raise(text: str) -> None:
    from feeds.parse import parse_datetime
    from feeds.platforms import detect_platform

    parse_datetime(text)
    assert detect_platform(text) in {None, "mastodon", "bluesky", "youtube", "reddit",
                                     "telegram"}


@given(st.datetimes(timezones=st.none()),
       st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]))
def test_zone_less_times_become_utc_in_the_source_zone(value, zone: str) -> None:
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from sejuk.timeutil import as_utc

    out = as_utc(value, zone)
    assert out.tzinfo == UTC
    assert out.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == value


@given(st.text(min_size=1))
def test_hashtags_are_lower_case_unique_and_from_the_text(text: str) -> None:
    from feeds.normalize import extract_hashtags

    tags = extract_hashtags(text)
    assert len(tags) == len(set(tags))
    assert all(t == t.lower() and "#" in text for t in tags)


_simple_markup = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_characters="<>&"), max_size=20),
        st.sampled_from(["<p>", "</p>", "<br/>", "<br>", "<a href=\"https://x.example/?a=1&amp;b=2\">",
                         "</a>", "<b>", "</b>", "<em class='x'>", "</em>", "&amp;", "&lt;",
                         "&quot;", "<li>", "</li>", "<span title=\"a>b\">", "</span>",
                         "<img src='x.png' alt=\"\"/>", "&#8217;", "\n", "  "]),
    ),
    max_size=30,
).map("".join)


@given(_simple_markup)
def test_fast_html_path_matches_the_parser(markup: str) -> None:
    from feeds.normalize import _simple_html_to_text, _TextExtractor

    fast = _simple_html_to_text(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    assert fast is None or fast == clean_text("".join(parser.parts))


def test_fast_path_declines_scripts_and_comments() -> None:
    from feeds.normalize import _simple_html_to_text

    assert _simple_html_to_text("<p>a</p><script>x()</script>") is None
    assert _simple_html_to_text("<p>a<!-- b --></p>") is None
    assert _simple_html_to_text("<p>a < b</p>") is None


BROKEN = ["<svg/onload=alert(4)>", "<svg onload=alert(4)>", "<iframe src=x>", "<script>",
          "<style>", "<noscript>", "<object data=x>", "<template>"]
words_after = st.lists(st.from_regex(r"[a-z]{3,9}", fullmatch=True), min_size=1, max_size=8)


@given(st.sampled_from(BROKEN), words_after)
def test_a_broken_tag_keeps_the_words_after_it(tag: str, words: list[str]) -> None:
    """A tag that opens a dropped element (script, svg ...) and is never closed is not an
    element: the words after it are the post's text and must survive."""
    out = html_to_text(f"Awal :red[merah] {tag} {' '.join(words)}")
    assert out.startswith("Awal :red[merah]")
    assert out.split()[-len(words):] == words
    assert "onload" not in out


def test_the_red_team_post_keeps_its_claim() -> None:
    post = "Cek :red[merah] <svg/onload=alert(4)> Beredar hoaks surat suara tercoblos"
    assert html_to_text(post) == "Cek :red[merah] Beredar hoaks surat suara tercoblos"
    # closed elements are still dropped, with their content
    assert html_to_text("a <svg><text>x</text></svg> b <script>evil()</script> c") == "a b c"
