"""Interface strings: Bahasa Indonesia first, English available."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"id": "Sejuk — Pantauan Hoaks & Kerawanan Pemilu",
                  "en": "Sejuk — Election Hoax & Unrest Watch"},
    "language": {"id": "Bahasa", "en": "Language"},
    "page_overview": {"id": "Ringkasan", "en": "Overview"},
    "demo_banner": {"id": "Ruang kerja demo: data fiktif untuk latihan.",
                    "en": "Demo workspace: fictional data for practice."},
    "items_total": {"id": "Item tersimpan", "en": "Stored items"},
    "flagged_24h": {"id": "Ditandai 24 jam: {label}", "en": "Flagged 24 h: {label}"},
    "vs_yesterday": {"id": "vs kemarin", "en": "vs yesterday"},
    "baseline": {"id": "rata-rata 7 hari: {value}", "en": "7-day mean: {value}"},
    "model_none": {"id": "Belum ada model aktif; jalankan `sejuk train`.",
                   "en": "No active model yet; run `sejuk train`."},
    "model_active": {"id": "Model aktif v{version} · macro-F1 holdout {f1:.3f}",
                     "en": "Active model v{version} · holdout macro-F1 {f1:.3f}"},
    "flagged_items": {"id": "Item yang ditandai", "en": "Flagged items"},
    "window": {"id": "Rentang waktu", "en": "Time window"},
    "window_24h": {"id": "24 jam terakhir", "en": "Last 24 hours"},
    "window_7d": {"id": "7 hari terakhir", "en": "Last 7 days"},
    "window_28d": {"id": "28 hari terakhir", "en": "Last 28 days"},
    "label_filter": {"id": "Label", "en": "Label"},
    "no_items": {"id": "Tidak ada item yang ditandai pada rentang ini.",
                 "en": "No flagged items in this window."},
    "col_time": {"id": "Waktu", "en": "Time"},
    "col_title": {"id": "Judul / isi", "en": "Title / text"},
    "col_source": {"id": "Sumber", "en": "Source"},
    "col_region": {"id": "Wilayah", "en": "Region"},
    "col_flags": {"id": "Tanda", "en": "Flags"},
    "col_reasons": {"id": "Alasan (kata kunci)", "en": "Reasons (top terms)"},
    "col_link": {"id": "Tautan", "en": "Link"},
    "areas": {"id": "Wilayah × kerawanan TPS", "en": "Areas × TPS vulnerability"},
    "col_area": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "col_flagged": {"id": "Item ditandai", "en": "Flagged items"},
    "col_items": {"id": "Semua item", "en": "All items"},
    "col_worst": {"id": "TPS terburuk", "en": "Worst TPS level"},
    "sources": {"id": "Kesegaran sumber", "en": "Source freshness"},
    "col_last_ok": {"id": "Terakhir berhasil", "en": "Last success"},
    "col_failures": {"id": "Gagal berturut", "en": "Consecutive failures"},
    "debunk": {"id": "bantahan", "en": "debunk"},
    "page_size": {"id": "Baris per halaman", "en": "Rows per page"},
    "page": {"id": "Halaman", "en": "Page"},
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (Indonesian when missing)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
