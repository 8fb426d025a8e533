"""The confirmations experiment of the claim benchmark (``--confirm``) scores what it says:
wordings from a claim's first tweet, forwards of its other tweets, texts without a debunk."""

from __future__ import annotations

from benchmarks.claims import pairs
from benchmarks.claims.confirm import HeadlineIdf, _best, _setting
from benchmarks.claims.pairs import Headline, Query
from classifiers.claims import Claim, ClaimIndex

HEADLINES = [Headline("[HOAKS] Air garam jadi sumber listrik rumah", 0),
             Headline("[SALAH] Surat suara tercoblos dikirim dari luar negeri", 1),
             Headline("Cek Fakta: Vaksin berisi chip pelacak", 2)]


def _q(text: str, group: int, kind: str, tweet: int, split: str = "test") -> Query:
    return Query(text, group, kind, split, group >= 0, tweet)


def test_setting_confirms_first_tweets_and_scores_the_others() -> None:
    queries = [
        _q("air garam bisa nyalakan lampu", 0, "tweet", 0),
        _q("Diteruskan: air garam bisa nyalakan lampu", 0, "forward", 0),
        _q("Diteruskan: listrik gratis dari air garam", 0, "forward", 1),
        _q("listrik gratis dari air garam", 0, "tweet", 1),
        _q("Diteruskan: surat suara tercoblos", 1, "forward", 0),  # one tweet only
        _q("Diteruskan: vaksin chip", 2, "forward", 0, split="tune"),
        _q("Diteruskan: vaksin ada chipnya", 2, "forward", 1, split="tune"),
        _q("obrolan grup tanpa klaim", -1, "political", -1),
    ]
    ts = pairs.TestSet(HEADLINES, queries, {0: "test", 1: "test", 2: "tune"})
    wordings, scored, unrelated = _setting(ts, "test", "forward")
    assert wordings == [Claim(0, "Diteruskan: air garam bisa nyalakan lampu")]
    assert scored == [2]  # the other tweet's forward; not its raw tweet, not group 1
    assert unrelated == [7]


def test_a_text_scores_for_a_debunk_through_its_confirmed_wording() -> None:
    headlines = [Claim(i, h.text) for i, h in enumerate(HEADLINES)]
    wording = Claim(1, "kotak suara sudah dicoblos duluan di gudang kecamatan, sebarkan")
    text = ["Kotak suara SUDAH DICOBLOS duluan di gudang kecamatan!!"]
    for index in (ClaimIndex([*headlines, wording]),
                  HeadlineIdf([*headlines, wording], len(headlines))):
        best, score = _best(index, len(headlines), text)
        assert best.tolist() == [1]  # the wording's debunk, not a fourth claim
        alone = ClaimIndex(headlines).similarity(text)[0]
        assert score[0] > alone.max()
