"""Interface strings of the Laporan page, where an officer sends what they saw in a
WhatsApp group and gets the answer to forward back ("laporan_" keys). Kept apart so the
main table stays one readable module; :mod:`dashboard.i18n` merges them."""

from __future__ import annotations

LAPORAN_STRINGS: dict[str, dict[str, str]] = {
    "laporan_intro": {"id": "Kirim pesan hoaks/provokasi yang Anda lihat di grup WhatsApp: "
                             "tempel teksnya atau unggah tangkapan layar. Nama dan nomor "
                             "anggota grup dihapus sebelum disimpan.",
                      "en": "Send a hoax or provocation you saw in a WhatsApp group: paste "
                            "the text or upload screenshots. Group members' names and numbers "
                            "are removed before storage."},
    "laporan_how": {"id": "Bentuk laporan", "en": "Report as"},
    "laporan_text": {"id": "Teks pesan", "en": "Message text"},
    "laporan_image": {"id": "Tangkapan layar", "en": "Screenshots"},
    "laporan_text_hint": {"id": "Tempel pesan yang diteruskan, atau obrolan grup yang disalin "
                                 "atau diekspor (tiap pesan menjadi satu laporan)",
                          "en": "Paste the forwarded message, or a copied or exported group "
                                "chat (each message becomes a report)"},
    "laporan_images": {"id": "Tangkapan layar (PNG/JPEG, boleh lebih dari satu)",
                       "en": "Screenshots (PNG/JPEG, one or more)"},
    "laporan_where": {"id": "Di mana pesan ini beredar?", "en": "Where was it circulating?"},
    "laporan_place": {"id": "Atau tulis tempatnya (mis. Desa Kaliwadas, Kec. Bungbulang, "
                             "Kab. Garut)",
                      "en": "Or write the place (e.g. Desa Kaliwadas, Kec. Bungbulang, "
                            "Kab. Garut)"},
    "laporan_day": {"id": "Tanggal terlihat", "en": "Day seen"},
    "laporan_time": {"id": "Jam terlihat", "en": "Time seen"},
    "laporan_group": {"id": "Jenis grup", "en": "Kind of group"},
    "laporan_send": {"id": "Kirim laporan", "en": "Send report"},
    "laporan_reading": {"id": "Membaca dan mencocokkan ...", "en": "Reading and matching ..."},
    "laporan_received": {"id": "Laporan diterima.", "en": "Report received."},
    "laporan_debunked": {"id": "Laporan diterima: info ini SUDAH DIBANTAH.",
                         "en": "Report received: this claim was already DEBUNKED."},
    "laporan_copy": {"id": "Jawaban untuk diteruskan ke grup (salin dengan tombol di kanan):",
                     "en": "Answer to forward to the group (copy with the button):"},
    "laporan_mine": {"id": "Laporan saya", "en": "My reports"},
    "laporan_none": {"id": "Belum ada laporan.", "en": "No reports yet."},
    "laporan_status_debunked": {"id": "sudah dibantah", "en": "debunked"},
    "laporan_status_similar": {"id": "{n} pesan serupa", "en": "{n} similar"},
    "laporan_text_label": {"id": "Teks", "en": "Text"},
    "laporan_split": {"id": "Obrolan yang ditempel: {n} pesan, masing-masing menjadi satu "
                             "laporan. {debunked} sudah dibantah.",
                      "en": "Pasted chat: {n} messages, one report each. {debunked} already "
                            "debunked."},
    "laporan_split_help": {"id": "Balasan tanpa isi (mis. \"Aamiin\", \"siap pak\", 👍) "
                                  "tidak dijadikan laporan.",
                           "en": "Replies that say nothing (e.g. \"Aamiin\", \"siap pak\", "
                                 "👍) are not made into reports."},
    "laporan_message": {"id": "Pesan {i}: {excerpt}", "en": "Message {i}: {excerpt}"},
}
