"""Interface strings of the Item page's debunk filter and panel, where an analyst finds
and settles items the rules took for a debunk or missed ("debunk_" keys). Kept apart so the
main table stays one readable module; :mod:`dashboard.i18n` merges them."""

from __future__ import annotations

DEBUNK_STRINGS: dict[str, dict[str, str]] = {
    "debunk_status": {"id": "Bantahan (klarifikasi, cek fakta)?",
                      "en": "Debunk (clarification, fact-check)?"},
    "debunk_filter": {"id": "Bantahan", "en": "Debunks"},
    "debunk_filter_yes": {"id": "Hanya bantahan", "en": "Debunks only"},
    "debunk_filter_no": {"id": "Tanpa bantahan", "en": "No debunks"},
    "debunk_filter_help": {
        "id": "Bantahan tidak pernah ditandai model, jadi filter Bantahan menampilkannya "
              "semua, ditandai atau tidak.",
        "en": "Debunks are never flagged by the model, so the Debunks filter shows them all, "
              "flagged or not."},
    "debunk_is": {"id": "ya", "en": "yes"},
    "debunk_not": {"id": "bukan", "en": "no"},
    "debunk_by_rules": {"id": "dikenali aturan", "en": "recognised by the rules"},
    "debunk_by_analyst": {"id": "keputusan {who}", "en": "decided by {who}"},
    "debunk_help": {
        "id": "Aturan mengenali bantahan dari kata-katanya. Hoaks yang dibuka dengan \"tidak "
              "benar\" bisa dikira bantahan (lalu tidak pernah ditandai hoaks); klarifikasi tanpa "
              "kata-kata itu bisa terlewat. Keputusan Anda menggantikan aturan untuk item ini, "
              "memperbarui tanda model dan tautan klaimnya, dan dicatat di log audit.",
        "en": "The rules recognise debunks from their words. A hoax that opens with \"tidak "
              "benar\" can pass for a debunk (and is then never flagged as a hoax); a "
              "clarification without those words can be missed. Your decision replaces the "
              "rules for this item, updates its model flags and claim links, and is audited."},
    "debunk_reason": {"id": "Alasan (wajib)", "en": "Reason (required)"},
    "debunk_set_yes": {"id": "Ini bantahan", "en": "It is a debunk"},
    "debunk_set_no": {"id": "Bukan bantahan", "en": "Not a debunk"},
    "debunk_set_auto": {"id": "Kembalikan ke aturan", "en": "Back to the rules"},
    "debunk_saved_yes": {
        "id": "Tersimpan: item #{id} kini bantahan; {n} tanda model berubah, {copies} item "
              "tertaut kepadanya.",
        "en": "Saved: item #{id} is now a debunk; {n:|model flag|model flags} changed, "
              "{copies:|item links|items link} to it."},
    "debunk_saved_no": {
        "id": "Tersimpan: item #{id} kini bukan bantahan; {n} tanda model berubah; "
              "{relinked} dari {answered} item yang tertaut kepadanya kini tertaut ke "
              "bantahan lain.",
        "en": "Saved: item #{id} is now not a debunk; {n:|model flag|model flags} changed; of "
              "the {answered:|item|items} linked to it, {relinked} now "
              "{relinked:~|links|link} to another debunk."},
    "debunk_saved_same": {"id": "Tersimpan: status bantahan item #{id} tidak berubah.",
                          "en": "Saved: item #{id}'s debunk status is unchanged."},
    "debunk_now_no": {"id": "kini bukan bantahan", "en": "is now not a debunk"},
}
