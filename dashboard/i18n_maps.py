"""Interface strings of the map figure (dashboard/mapfigure.py): legend, hover and marker
words, read many at once through :func:`dashboard.i18n.words` ("mapfig_" keys). Kept apart
so the main table stays one readable module; :mod:`dashboard.i18n` merges them."""

from __future__ import annotations

MAP_STRINGS: dict[str, dict[str, str]] = {
    "mapfig_score": {"id": "Skor prioritas", "en": "Priority score"},
    "mapfig_intensity": {"id": "intensitas", "en": "intensity"},
    "mapfig_spike": {"id": "lonjakan", "en": "spike"},
    "mapfig_no_signal": {"id": "tidak ada sinyal dalam periode", "en": "no signal in the period"},
    "mapfig_tps": {"id": "TPS", "en": "TPS"},
    "mapfig_none": {"id": "tidak ada TPS", "en": "no TPS"},
    "mapfig_marker_counts": {"id": "{flagged} item ditandai / {items} item",
                             "en": "{flagged:|flagged item|flagged items} / "
                                   "{items:|item|items}"},
    "mapfig_urgent": {"id": "mendesak", "en": "urgent"},
    "mapfig_markers": {"id": "Item per desa", "en": "Items per desa"},
    "mapfig_outline_provinsi": {"id": "Batas provinsi", "en": "Province boundary"},
    "mapfig_outline_kabkota": {"id": "Batas kab/kota", "en": "Regency/city boundary"},
    "mapfig_rank": {"id": "peringkat", "en": "rank"},
    "mapfig_placed_desa": {"id": "posisi: titik tengah desa (roster tanpa koordinat)",
                           "en": "position: desa centroid (roster has no coordinates)"},
    "mapfig_placed_tps": {"id": "posisi: rata-rata TPS desa",
                          "en": "position: mean of the desa's TPS"},
    "mapfig_placed_area": {"id": "posisi: titik wilayah", "en": "position: area point"},
}
