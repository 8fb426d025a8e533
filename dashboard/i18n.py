"""Interface strings: Bahasa Indonesia first, English available."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from dashboard.i18n_debunk import DEBUNK_STRINGS
from dashboard.i18n_laporan import LAPORAN_STRINGS
from dashboard.i18n_maps import MAP_STRINGS
from dashboard.i18n_models import MODEL_STRINGS
from sejuk.phrases import say

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"id": "Sejuk — Pantauan Hoaks & Kerawanan Pemilu",
                  "en": "Sejuk — Election Hoax & Unrest Watch"},
    # both languages: whoever cannot read the one shown still finds the switch
    "language": {"id": "Bahasa / Language", "en": "Language / Bahasa"},
    "page_overview": {"id": "Ringkasan", "en": "Overview"},
    "demo_banner": {"id": "Ruang kerja demo: data fiktif untuk latihan.",
                    "en": "Demo workspace: fictional data for practice."},
    "items_total": {"id": "Item tersimpan", "en": "Stored items"},
    "flagged_24h": {"id": "Ditandai 24 jam: {label}", "en": "Flagged 24 h: {label}"},
    "vs_yesterday": {"id": "vs kemarin", "en": "vs yesterday"},
    "baseline": {"id": "rata-rata 7 hari: {value}", "en": "7-day mean: {value}"},
    "model_none": {"id": "Belum ada model aktif; jalankan `sejuk train`.",
                   "en": "No active model yet; run `sejuk train`."},
    "model_serving": {"id": "Model aktif v{version} · macro-F1 validasi silang {f1:.3f}",
                     "en": "Active model v{version} · cross-validated macro-F1 {f1:.3f}"},
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
    "open_link": {"id": "buka", "en": "open"},
    "areas": {"id": "Wilayah × kerawanan TPS", "en": "Areas × TPS vulnerability"},
    "col_area": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "col_flagged": {"id": "Item ditandai", "en": "Flagged items"},
    "col_items": {"id": "Semua item", "en": "All items"},
    "col_worst": {"id": "TPS terburuk", "en": "Worst TPS level"},
    "sources": {"id": "Kesegaran sumber", "en": "Source freshness"},
    "col_last_ok": {"id": "Terakhir berhasil", "en": "Last success"},
    "col_failures": {"id": "Gagal berturut", "en": "Consecutive failures"},
    "debunk": {"id": "bantahan", "en": "debunk"},
    "claim_flag": {"id": "mirip klaim terbantah", "en": "matches debunked claim"},
    "page_size": {"id": "Baris per halaman", "en": "Rows per page"},
    "page": {"id": "Halaman", "en": "Page"},
}

STRINGS.update({
    "page_map": {"id": "Peta", "en": "Map"},
    "page_items": {"id": "Item", "en": "Items"},
    "page_narratives": {"id": "Narasi", "en": "Narratives"},
    "page_tps": {"id": "TPS", "en": "Polling stations"},
    "page_labelling": {"id": "Pelabelan", "en": "Labelling"},
    "page_models": {"id": "Model", "en": "Models"},
    "page_sources": {"id": "Sumber", "en": "Sources"},
    "section_watch": {"id": "Pantauan", "en": "Watch"},
    "section_work": {"id": "Kerja analis", "en": "Analyst work"},
    "section_outreach": {"id": "Dialog & ringkasan", "en": "Outreach & digest"},
    "section_admin": {"id": "Admin", "en": "Admin"},
    "login_title": {"id": "Masuk ke Sejuk", "en": "Sign in to Sejuk"},
    "username": {"id": "Nama pengguna", "en": "Username"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "login": {"id": "Masuk", "en": "Sign in"},
    "logout": {"id": "Keluar", "en": "Sign out"},
    "no_users": {"id": "Ruang kerja ini belum punya akun. Buat administrator di server: "
                       "`sejuk users add NAMA --role admin --home {home}`, lalu masuk.",
                 "en": "This workspace has no account yet. Create an administrator on the "
                       "server: `sejuk users add NAME --role admin --home {home}`, then sign "
                       "in."},
    "login_failed": {"id": "Nama pengguna atau kata sandi salah.",
                     "en": "Wrong username or password."},
    "session_expired": {"id": "Sesi berakhir karena tidak aktif; silakan masuk lagi.",
                        "en": "Session expired after inactivity; please sign in again."},
    "signed_in_as": {"id": "Masuk sebagai {user} ({role})", "en": "Signed in as {user} ({role})"},
    "demo_user": {"id": "Mode demo: tanpa login, semua peran",
                  "en": "Demo mode: no login, all roles"},
    "role_viewer": {"id": "pengamat", "en": "viewer"},
    "role_analyst": {"id": "analis", "en": "analyst"},
    "role_admin": {"id": "admin", "en": "admin"},
    "denied": {"id": "Peran Anda tidak mengizinkan tindakan ini.",
               "en": "Your role does not allow this action."},
    "urgent_badge": {"id": "🚨 {n} item MENDESAK", "en": "🚨 {n:|URGENT item|URGENT items}"},
    "urgent_items": {"id": "Item mendesak", "en": "Urgent items"},
    "triage_urgent": {"id": "MENDESAK", "en": "URGENT"},
    "triage_verified": {"id": "Terverifikasi", "en": "Verified"},
    "triage_false_alarm": {"id": "Alarm palsu", "en": "False alarm"},
    "triage_clear": {"id": "Hapus tanda", "en": "Clear mark"},
    "col_triage": {"id": "Status", "en": "Status"},
    "col_conf": {"id": "Keyakinan", "en": "Confidence"},
    "col_narrative": {"id": "Narasi", "en": "Narrative"},
    "col_debunk": {"id": "Bantahan", "en": "Debunk"},
    "col_kind": {"id": "Jenis", "en": "Kind"},
    "col_id": {"id": "ID", "en": "ID"},
    "items_24h": {"id": "Item masuk 24 jam", "en": "Items in 24 h"},
    "spikes": {"id": "Lonjakan {when} (vs perkiraan dari 28 hari)",
               "en": "Spikes {when} (vs the 28-day expectation)"},
    "day_today": {"id": "hari ini", "en": "today"},
    "day_yesterday": {"id": "kemarin ({day})", "en": "yesterday ({day})"},
    "day_fallback": {"id": "Hari ini belum ada item ditandai yang memberi wilayah skor "
                           "prioritas: lonjakan dan wilayah prioritas kemarin ({day}) "
                           "ditampilkan sampai ada.",
                     "en": "No flagged item has given an area a priority score yet today: "
                           "yesterday's ({day}) spikes and priority areas are shown until "
                           "one does."},
    "no_spikes": {"id": "Tidak ada lonjakan.", "en": "No spikes."},
    "col_today": {"id": "Hari ini", "en": "Today"},
    "col_yesterday": {"id": "Kemarin", "en": "Yesterday"},
    "col_baseline": {"id": "Perkiraan/hari", "en": "Expected/day"},
    "top_narratives": {"id": "Narasi teratas (7 hari)", "en": "Top narratives (7 days)"},
    "no_narratives": {"id": "Belum ada narasi.", "en": "No narratives yet."},
    "no_signalled_narratives": {"id": "Belum ada narasi dengan item bertanda (7 hari).",
                                "en": "No narratives with signalled items (7 days)."},
    "top_areas": {"id": "Wilayah prioritas {when}", "en": "Priority areas {when}"},
    "no_top_areas": {"id": "Belum ada wilayah prioritas hari ini: skor naik dengan item "
                            "yang ditandai dan TPS Rawan/Sangat Rawan.",
                     "en": "No priority areas today: the score rises with flagged items "
                           "and Rawan/Sangat Rawan TPS."},
    "no_sources_admin": {"id": "Belum ada sumber feed. Tambahkan di halaman Sumber (satu "
                                "alamat, atau dari katalog), lalu jalankan `sejuk collect`.",
                         "en": "No feed sources yet. Add them on the Sources page (one "
                               "address, or from the catalogue), then run `sejuk collect`."},
    "no_sources_other": {"id": "Belum ada sumber feed; admin menambahkannya di halaman "
                                "Sumber.",
                         "en": "No feed sources yet; an administrator adds them on the "
                               "Sources page."},
    "overdue": {"id": "Tindak lanjut terlambat", "en": "Overdue follow-ups"},
    "col_due": {"id": "Jatuh tempo", "en": "Due"},
    "col_owner": {"id": "Penanggung jawab", "en": "Owner"},
    "col_description": {"id": "Uraian", "en": "Description"},
    "window_1h": {"id": "1 jam terakhir", "en": "Last hour"},
    "window_6h": {"id": "6 jam terakhir", "en": "Last 6 hours"},
    "window_all": {"id": "Semua waktu", "en": "All time"},
    "operation": {"id": "Operasi: {name}", "en": "Operation: {name}"},
    "jurisdiction": {"id": "Satuan wilayah (Polres/Polda)", "en": "Jurisdiction"},
    "all": {"id": "(semua)", "en": "(all)"},
    "region": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},  # the domain's word, in both
    "min_conf": {"id": "Keyakinan minimal", "en": "Minimum confidence"},
    "source_kind": {"id": "Jenis sumber", "en": "Source kind"},
    "narrative": {"id": "Narasi", "en": "Narrative"},
    "triage_filter": {"id": "Status analis", "en": "Analyst status"},
    "triage_none": {"id": "Belum ditinjau", "en": "Not reviewed"},
    "search": {"id": "Cari teks", "en": "Search text"},
    "only_flagged": {"id": "Hanya ditandai", "en": "Flagged only"},
    "item_detail": {"id": "Detail item", "en": "Item detail"},
    "source_link": {"id": "Tautan sumber", "en": "Source link"},
    "no_link": {"id": "(tautan tidak aman atau tidak ada)", "en": "(no safe link)"},
    "scores": {"id": "Skor", "en": "Scores"},
    "matched_debunk": {"id": "Bantahan yang cocok", "en": "Matched debunk"},
    "mark": {"id": "Tandai", "en": "Mark"},
    "saved": {"id": "Tersimpan.", "en": "Saved."},
    "export_csv": {"id": "Ekspor CSV", "en": "Export CSV"},
    "export_xlsx": {"id": "Ekspor XLSX", "en": "Export XLSX"},
    "more_rows": {"id": "Masih ada baris berikutnya: buka halaman {page}.",
                  "en": "More rows: go to page {page}."},
    "map_level": {"id": "Tingkat wilayah", "en": "Area level"},
    "map_tps": {"id": "TPS menurut tingkat kerawanan", "en": "TPS by vulnerability level"},
    "map_signals": {"id": "Intensitas sinyal", "en": "Signal intensity"},
    "map_no_coords": {"id": "Tidak ada koordinat untuk ditampilkan.",
                      "en": "No coordinates to show."},
    "drill": {"id": "Telusuri wilayah", "en": "Drill down into area"},
    "drill_items": {"id": "Item di {area}", "en": "Items in {area}"},
    "drill_tps": {"id": "TPS di {area}", "en": "TPS in {area}"},
    "new_operation": {"id": "Tetapkan periode operasi (admin)",
                      "en": "Define an operation period (admin)"},
    "op_name": {"id": "Nama operasi", "en": "Operation name"},
    "op_start": {"id": "Mulai", "en": "Start"},
    "op_end": {"id": "Selesai", "en": "End"},
    "save": {"id": "Simpan", "en": "Save"},
    "narr_items": {"id": "Item dalam narasi", "en": "Items in the narrative"},
    "narr_per_day": {"id": "Item per hari", "en": "Items per day"},
    "narr_regions": {"id": "Wilayah", "en": "Regions"},
    "col_size": {"id": "Jumlah item", "en": "Items"},
    "col_first": {"id": "Pertama", "en": "First seen"},
    "col_last": {"id": "Terakhir", "en": "Last seen"},
    "col_recent": {"id": "Item bertanda", "en": "Signalled items"},
    "tps_level": {"id": "Tingkat", "en": "Level"},
    "tps_roster": {"id": "Daftar TPS", "en": "TPS roster"},
    "no_tps": {"id": "Belum ada data TPS. Impor daftar TPS (CSV) dengan "
                      "`sejuk tps import FILE`; format kolomnya ada di README, bagian "
                      "*TPS roster*.",
               "en": "No TPS data yet. Import a TPS roster (CSV) with "
                     "`sejuk tps import FILE`; README, section *TPS roster*, lists its "
                     "columns."},
    "no_tps_match": {"id": "Tidak ada TPS yang cocok dengan saringan ini.",
                     "en": "No TPS match these filters."},
    "personnel": {"id": "Kebutuhan personel (pola bawaan: KR 2 per 5 TPS, R 1 per TPS, "
                        "SR 2 per TPS)",
                  "en": "Personnel needs (default pattern: Kurang Rawan (low) 2 per 5 TPS, "
                         "Rawan (vulnerable) 1 per TPS, Sangat Rawan (very vulnerable) 2 per "
                         "TPS)"},
    "col_officers": {"id": "Personel", "en": "Officers"},
    "officers_rounding": {"id": "dibulatkan ke atas per desa dan tingkat (petugas menjaga TPS "
                                "yang berdekatan bersama), lalu dijumlahkan",
                          "en": "rounded up per desa and level (officers guard nearby TPS "
                                "together), then summed"},
    "override": {"id": "Ubah tingkat TPS (dengan alasan)",
                 "en": "Override a TPS level (with reason)"},
    "override_tps": {"id": "TPS", "en": "TPS"},
    "override_level": {"id": "Tingkat baru", "en": "New level"},
    "override_reason": {"id": "Alasan", "en": "Reason"},
    "override_clear": {"id": "(hapus perubahan manual)", "en": "(clear the override)"},
    "why_level": {"id": "Mengapa tingkat ini", "en": "Why this level"},
    "overridden_only": {"id": "Hanya yang diubah manual", "en": "Only overridden"},
    "queue": {"id": "Antrean pelabelan: bergantian item yang paling diragukan model dan contoh "
                    "acak dari item terbaru",
              "en": "Labelling queue: the items the model is least sure about, in turn with a "
                    "random sample of recent items"},
    "queue_cold": {"id": "Antrean pelabelan: contoh acak dari item terbaru, bergiliran dari yang "
                         "cocok dengan kata isyarat, yang ditolaknya dan sisanya, sampai model "
                         "belajar dari {n} label wilayah ini (keraguan model awal belum "
                         "berarti di sini)",
                   "en": "Labelling queue: a random sample of recent items, in turn from those "
                         "matching cue words, those they rule out and the rest, until the "
                         "model has learnt from {n} of this district's labels (the starter's "
                         "doubts mean little here)"},
    "queue_why": {"id": "Diusulkan karena: {why}", "en": "Proposed because: {why}"},
    "queue_empty": {"id": "Antrean kosong.", "en": "The queue is empty."},
    "label_yes": {"id": "{label}: ya", "en": "{label}: yes"},
    "label_no": {"id": "{label}: bukan", "en": "{label}: no"},
    "skip": {"id": "Lewati", "en": "Skip"},
    "undo": {"id": "Batalkan label terakhir", "en": "Undo last label"},
    "keys_hint": {"id": "Pintasan: {keys}", "en": "Shortcuts: {keys}"},
    "labelled": {"id": "Label tersimpan: {label} = {value}",
                 "en": "Label stored: {label} = {value}"},
    "undone": {"id": "Label dibatalkan.", "en": "Label undone."},
    "existing_labels": {"id": "Label yang sudah ada", "en": "Existing labels"},
    "models": {"id": "Versi model", "en": "Model versions"},
    "promote": {"id": "Aktifkan versi", "en": "Promote version"},
    "force": {"id": "Paksa meski F1 lebih rendah", "en": "Force even with lower F1"},
    "rollback": {"id": "Kembalikan versi sebelumnya", "en": "Roll back"},
    "rollback_none": {"id": "Belum ada versi yang pernah aktif sebelum versi ini.",
                      "en": "No version was active before this one."},
    "promote_none": {"id": "Tidak ada versi lain untuk diaktifkan: latih model baru dulu.",
                     "en": "No other version to promote: train a new model first."},
    "train_title": {"id": "Latih ulang dari label analis", "en": "Retrain from analysts' labels"},
    "train_help": {"id": "Label dari halaman Pelabelan: {counts}. Model baru dilatih dari label "
                             "ini di atas korpus awal (label Anda berbobot lebih); label yang "
                             "belum Anda nilai tetap memakai komponen model aktif. Model "
                             "juga belajar dari item terbaru yang belum berlabel (berbobot "
                             "rendah): yang cocok dengan kata isyarat hoaks dan provokasi "
                             "sejak label pertama Anda, dan yang paling diyakini model "
                             "sendiri mulai {minimum} label lokal per kelas. "
                             "Hasilnya menjadi kandidat: periksa skornya, lalu aktifkan.",
                   "en": "Labels from the Labelling page: {counts}. A new model is trained "
                         "from them on top of the starter corpus (your labels weigh more); "
                         "labels you have not judged keep the active model's component. "
                         "It also learns from recent unlabelled items (weighted low): those "
                         "matching the cue words of hoaks and provokasi from your first "
                         "label on, and those the model itself is surest about from "
                         "{minimum} local labels of each class. "
                         "The result is a candidate: check its scores, then promote it."},
    "train_none": {"id": "Belum ada label analis; beri label di halaman Pelabelan dulu.",
                   "en": "No analyst labels yet; label items on the Labelling page first."},
    "train_button": {"id": "Latih model baru", "en": "Train a new model"},
    "training": {"id": "Melatih model (sekitar satu menit) ...",
                 "en": "Training the model (about a minute) ..."},
    "trained": {"id": "Model v{version} dilatih (kandidat): macro-F1 {f1:.3f}; {detail}",
                "en": "Model v{version} trained (candidate): macro-F1 {f1:.3f}; {detail}"},
    "trained_detail": {"id": "dilatih: {trained}; tetap dari model aktif: {kept}",
                       "en": "trained: {trained}; kept from the active model: {kept}"},
    "self_trained_detail": {
        "id": "; belajar mandiri dari {pool:,} item terbaru tanpa label (positif/negatif): "
              "{per}",
        "en": "; self-trained on the {pool:,} most recent unlabelled items (positives/"
              "negatives): {per}"},
    "self_trained_by_cues": {"id": " (kata isyarat {positives:,}/{negatives:,}: {categories})",
                             "en": " (cue words {positives:,}/{negatives:,}: {categories})"},
    "self_training_few_items": {
        "id": "; belajar mandiri dilewati ({labels}): baru {pool:,} item tanpa label, "
              "perlu minimal {minimum:,}",
        "en": "; self-training skipped ({labels}): only {pool:,|unlabelled item|unlabelled "
              "items}, at least {minimum:,} needed"},
    "background_replaced": {
        "id": "; teks latar korpus awal tidak dipakai ({labels}): label lokal Anda kini "
              "menunjukkan seperti apa teks wilayah Anda",
        "en": "; the starter's background text left out ({labels}): your local labels now "
              "show what the text of your area looks like"},
    "self_training_no_cues": {
        "id": "; belajar mandiri dilewati ({labels}): tak ada item cocok dengan kata isyaratnya; "
              "model sendiri memberi label mulai {minimum} positif dan {minimum} negatif",
        "en": "; self-training skipped ({labels}): no item matches their cue words, and the "
              "model itself starts at {minimum} local positive and {minimum} negative labels"},
    "self_training_few_labels": {
        "id": "; belajar mandiri dilewati ({labels}): masing-masing perlu minimal {minimum} "
              "label lokal positif dan {minimum} negatif",
        "en": "; self-training skipped ({labels}): each needs at least {minimum} local "
              "positive and {minimum} negative labels"},
    "activating": {"id": "Mengaktifkan dan menilai item ...",
                   "en": "Activating and scoring items ..."},
    "activated": {"id": "Model v{version} aktif; {scored} item dinilai olehnya.",
                  "en": "Model v{version} is active; it scored {scored:|item|items}."},
    "col_status": {"id": "Status", "en": "Status"},
    "model_active": {"id": "aktif", "en": "active"},
    "model_candidate": {"id": "kandidat", "en": "candidate"},
    "model_retired": {"id": "diganti", "en": "retired"},
    "model_withdrawn": {"id": "ditarik", "en": "withdrawn"},
    "col_f1": {"id": "macro-F1 (validasi silang)", "en": "Cross-validated macro-F1"},
    "kept_cell": {"id": "{f1:.4f} (dari v{version})", "en": "{f1:.4f} (from v{version})"},
    "col_label": {"id": "Label", "en": "Label"},
    "col_kept_from": {"id": "Komponen dari", "en": "Component from"},
    "col_measured_in": {"id": "Diukur di", "en": "Measured in"},
    "col_scored_on": {"id": "Dinilai pada", "en": "Scored on"},
    "col_data": {"id": "Data pelatihan", "en": "Training data"},
    "scored_on_local": {"id": "sampel lokal", "en": "local samples"},
    "scored_on_all": {"id": "semua sampel", "en": "all samples"},
    "scored_on_none": {"id": "tidak diukur", "en": "not measured"},
    "col_trained": {"id": "Dilatih", "en": "Trained"},
    "col_promoted": {"id": "Diaktifkan", "en": "Promoted"},
    "col_by": {"id": "Oleh", "en": "By"},
    "sources_health": {"id": "Kesehatan sumber", "en": "Source health"},
    "no_sources_here": {"id": "Belum ada sumber feed. Tambahkan satu alamat di formulir "
                               "di bawah atau sumber dari katalog, lalu jalankan "
                               "`sejuk collect`.",
                        "en": "No feed sources yet. Add one address with the form below or "
                              "sources from the catalogue, then run `sejuk collect`."},
    "add_source": {"id": "Tambah sumber", "en": "Add a source"},
    "src_name": {"id": "Nama", "en": "Name"},
    "src_url": {"id": "URL umpan", "en": "Feed URL"},
    "src_region": {"id": "Kode wilayah (opsional)", "en": "Region code (optional)"},
    "src_interval": {"id": "Interval (menit)", "en": "Interval (minutes)"},
    "toggle_source": {"id": "Aktifkan / nonaktifkan", "en": "Enable / disable"},
    "enable": {"id": "Aktifkan", "en": "Enable"},
    "disable": {"id": "Nonaktifkan", "en": "Disable"},
    "col_enabled": {"id": "Aktif", "en": "Enabled"},
    "col_last_error": {"id": "Galat terakhir", "en": "Last error"},
    "col_http": {"id": "HTTP", "en": "HTTP"},
    "audit": {"id": "Log audit terbaru", "en": "Recent audit log"},
    "col_action": {"id": "Tindakan", "en": "Action"},
    "col_target": {"id": "Sasaran", "en": "Target"},
    "col_number": {"id": "No.", "en": "No."},
    "col_voters": {"id": "DPT", "en": "Voters"},
    "col_special": {"id": "Khusus", "en": "Special"},
    "col_indicators": {"id": "Indikator", "en": "Indicators"},
    "col_override": {"id": "Perubahan manual", "en": "Override"},
    "col_desa": {"id": "Desa/Kel.", "en": "Village"},
    "col_score": {"id": "Skor prioritas", "en": "Priority score"},
    "col_spike": {"id": "Lonjakan", "en": "Spike"},
    "count_unknown": {"id": "-", "en": "-"},
    "catalog_title": {"id": "Katalog sumber", "en": "Source catalogue"},
    "catalog_intro": {"id": "Katalog {version}: {n} alamat feed nyata (belum diverifikasi). "
                            "Pilih provinsi: sumber nasional ikut ditambahkan.",
                      "en": "Catalogue {version}: {n} real feed addresses (unverified). Pick "
                            "a province: national sources are added with it."},
    "catalog_national": {"id": "(hanya nasional)", "en": "(national only)"},
    "catalog_scope_national": {"id": "nasional", "en": "national"},
    "catalog_confidence": {"id": "Keyakinan minimal", "en": "Minimum confidence"},
    "catalog_grade": {"id": "Keyakinan", "en": "Confidence"},
    "catalog_terms": {"id": "Ketentuan simpan", "en": "Terms"},
    "catalog_present": {"id": "Sudah ada sebagai", "en": "Already present as"},
    "catalog_add": {"id": "Tambahkan {n} sumber dari katalog",
                    "en": "Add {n:|catalogue source|catalogue sources}"},
    "role_reporter": {"id": "pelapor", "en": "reporter"},
    "page_laporan": {"id": "Laporan", "en": "Field report"},
    "provinsi": {"id": "Provinsi", "en": "Province"},
    "desa": {"id": "Desa/Kelurahan", "en": "Village"},
    "choose": {"id": "(pilih)", "en": "(choose)"},
    # an empty multiselect's placeholder (Streamlit's own is English: "Choose options")
    "choose_many": {"id": "Pilih satu atau lebih", "en": "Choose one or more"},
    "col_wilayah": {"id": "Wilayah", "en": "Area"},
    "map_scope": {"id": "Wilayah (Polda/Polres)", "en": "Area (Polda/Polres)"},
    "map_scope_all": {"id": "Semua wilayah berdata", "en": "Every area with data"},
    "map_metric": {"id": "Warna menurut", "en": "Colour by"},
    "map_period": {"id": "Periode", "en": "Period"},
    "map_day1": {"id": "Hari ini", "en": "Today"},
    "map_day3": {"id": "3 hari (seperti rencana dialog)", "en": "3 days (as the dialogue plan)"},
    "map_day7": {"id": "7 hari", "en": "7 days"},
    "map_unit_kabkota": {"id": "Warnai kab/kota", "en": "Colour kab/kota"},
    "map_unit_kecamatan": {"id": "Warnai kecamatan", "en": "Colour kecamatan"},
    "map_show_tps": {"id": "TPS", "en": "TPS"},
    "map_show_items": {"id": "Item per desa", "en": "Items per desa"},
    "map_caption": {"id": "{n} wilayah · {tps} TPS · {markers} titik item desa · periode "
                           "{days} hari s.d. {day} · klik wilayah untuk menelusuri",
                    "en": "{n:|area|areas} · {tps} TPS · {markers:|desa item marker|desa item "
                          "markers} · {days:|day|days} to {day} · click an area to drill down"},
    "map_unplaced": {"id": "Wilayah dengan item tetapi tanpa posisi di peta: {areas}",
                     "en": "Areas with items but no position on the map: {areas}"},
    "map_tps_capped": {"id": "Digambar {shown} dari {total} TPS, yang paling rawan dahulu; "
                              "pilih kab/kota untuk melihat semuanya (daftar lengkap di "
                              "halaman TPS).",
                       "en": "{shown} of {total} TPS drawn, most vulnerable first; pick a "
                             "kab/kota to see them all (full list on the TPS page)."},
    "map_areas": {"id": "Wilayah menurut prioritas", "en": "Areas by priority"},
    "map_open": {"id": "Buka peta {area}", "en": "Open the map of {area}"},
    "map_back": {"id": "Kembali ke {area}", "en": "Back to {area}"},
    "map_reasons": {"id": "Alasan skor {area}", "en": "Why {area} scores so"},
    "col_rank": {"id": "Peringkat", "en": "Rank"},
    "col_intensity": {"id": "Intensitas", "en": "Intensity"},
    "col_surprise": {"id": "Lonjakan (−log10 p)", "en": "Spike (−log10 p)"},
    "col_share": {"id": "TPS rawan (%)", "en": "Vulnerable TPS (%)"},
    "col_code": {"id": "Kode", "en": "Code"},
    "trend_title": {"id": "Tren 28 hari: item dan item ditandai per hari",
                    "en": "28-day trend: items and flagged items per day"},
    "trend_items": {"id": "Semua item", "en": "All items"},
    "trend_axis_items": {"id": "item", "en": "items"},
    "trend_axis_flagged": {"id": "ditandai", "en": "flagged"},
    "trend_empty": {"id": "Belum ada item dalam 28 hari terakhir.",
                    "en": "No items in the last 28 days."},
    "trend_spike": {"id": "Hari lonjakan: {label}", "en": "Spike day: {label}"},
    "overview_map": {"id": "Peta prioritas {when}", "en": "Priority map, {when}"},
})

# Rencana dialog (dashboard/screens/dialog.py)
STRINGS.update({
    "plan_title": {"id": "Rencana dialog cooling system", "en": "Cooling-system dialogue plan"},
    "plan_intro": {"id": "Wilayah diurutkan menurut prioritas (kerawanan TPS dan sinyal yang "
                         "naik), dengan tokoh yang disarankan dan bahan pembicaraan beserta "
                         "bantahannya.",
                   "en": "Areas ranked by priority (TPS vulnerability and rising signals), with "
                         "suggested leaders and talking points with their debunks."},
    "plan_day": {"id": "Tanggal", "en": "Date"},
    "plan_jurisdiction": {"id": "Wilayah hukum (opsional)", "en": "Jurisdiction (optional)"},
    "plan_jurisdiction_help": {"id": "Mis. 'Polresta Cirebon', 'Polsek Plumbon' atau kode "
                                     "wilayah.",
                               "en": "E.g. 'Polresta Cirebon', 'Polsek Plumbon' or a region "
                                     "code."},
    "plan_limit": {"id": "Jumlah wilayah", "en": "Areas"},
    "plan_none": {"id": "Tidak ada wilayah dengan TPS rawan atau sinyal pada tanggal ini.",
                  "en": "No area with vulnerable TPS or signals on this day."},
    "plan_area": {"id": "#{rank} Kec. {name} ({code}) · skor {score:.2f}",
                  "en": "#{rank} Kec. {name} ({code}) · score {score:.2f}"},
    "plan_why_area": {"id": "Mengapa wilayah ini", "en": "Why this area"},
    "plan_leaders": {"id": "Tokoh yang disarankan", "en": "Suggested leaders"},
    "plan_col_name": {"id": "Nama", "en": "Name"},
    "plan_col_kind": {"id": "Jenis", "en": "Kind"},
    "plan_col_org": {"id": "Organisasi", "en": "Organisation"},
    "plan_col_area": {"id": "Wilayah", "en": "Area"},
    "plan_col_why": {"id": "Alasan", "en": "Why"},
    "plan_col_last": {"id": "Dialog terakhir", "en": "Last dialogue"},
    "plan_never": {"id": "belum pernah", "en": "never"},
    "plan_points": {"id": "Bahan pembicaraan", "en": "Talking points"},
    "plan_debunk": {"id": "Bantahan", "en": "Debunk"},
    "plan_facts": {"id": "Fakta pembanding", "en": "Facts to counter it"},
    "plan_open_link": {"id": "buka bantahan", "en": "open debunk"},
    "plan_schedule": {"id": "Jadwalkan dialog di wilayah ini", "en": "Schedule a dialogue here"},
    "plan_when_day": {"id": "Tanggal dialog", "en": "Dialogue date"},
    "plan_when_time": {"id": "Jam ({zone})", "en": "Time ({zone})"},
    "plan_place": {"id": "Tempat", "en": "Place"},
    "plan_participants": {"id": "Peserta Polsek/Muspika (satu per baris)",
                          "en": "Polsek/Muspika participants (one per line)"},
    "plan_invite": {"id": "Tokoh yang diundang", "en": "Leaders invited"},
    "plan_topics": {"id": "Topik", "en": "Topics"},
    "plan_extra_topic": {"id": "Topik lain (opsional)", "en": "Other topic (optional)"},
    "plan_submit": {"id": "Simpan jadwal", "en": "Save schedule"},
    "plan_scheduled": {"id": "Dialog {id} dijadwalkan; lihat halaman log dialog.",
                       "en": "Dialogue {id} scheduled; see the dialogue log page."},
    "plan_viewer": {"id": "Hanya analis/admin yang dapat menjadwalkan dialog.",
                    "en": "Only analysts/admins can schedule dialogues."},
    "plan_print": {"id": "Cetak rencana kecamatan", "en": "Print the kecamatan plan"},
    "plan_prepare": {"id": "Siapkan HTML dan PDF", "en": "Prepare HTML and PDF"},
    "plan_contacts_note": {"id": "Rencana cetak memuat nomor kontak; pembuatannya dicatat di log "
                                 "audit.",
                           "en": "The printed plan includes phone numbers; preparing it is "
                                 "audited."},
    "plan_download_html": {"id": "Unduh HTML", "en": "Download HTML"},
    "plan_download_pdf": {"id": "Unduh PDF", "en": "Download PDF"},
})

# Registri tokoh (dashboard/screens/dialog_tokoh.py)
STRINGS.update({
    "tokoh_title": {"id": "Registri tokoh", "en": "Leader registry"},
    "tokoh_intro": {"id": "Tokoh masyarakat, agama, adat dan pemuda untuk dialog cooling system.",
                    "en": "Community, religious, customary and youth leaders for cooling-system "
                          "dialogues."},
    "tokoh_region": {"id": "Kode wilayah (awalan, opsional)",
                     "en": "Region code (prefix, optional)"},
    "tokoh_kind": {"id": "Jenis", "en": "Kind"},
    "tokoh_all": {"id": "Semua", "en": "All"},
    "tokoh_inactive": {"id": "Tampilkan yang nonaktif", "en": "Show inactive"},
    "tokoh_contacts": {"id": "Tampilkan kontak (dicatat di log audit)",
                       "en": "Show contacts (audited)"},
    "tokoh_contacts_hidden": {"id": "Kontak hanya untuk analis/admin.",
                              "en": "Contacts are for analysts/admins."},
    "tokoh_none": {"id": "Tidak ada tokoh.", "en": "No leaders."},
    "tokoh_col_name": {"id": "Nama", "en": "Name"},
    "tokoh_col_org": {"id": "Organisasi", "en": "Organisation"},
    "tokoh_col_area": {"id": "Wilayah", "en": "Area"},
    "tokoh_col_aff": {"id": "Afiliasi", "en": "Affiliation"},
    "tokoh_col_notes": {"id": "Catatan", "en": "Notes"},
    "tokoh_col_phone": {"id": "Kontak", "en": "Contact"},
    "tokoh_col_active": {"id": "Aktif", "en": "Active"},
    "tokoh_add": {"id": "Tambah tokoh", "en": "Add a leader"},
    "tokoh_edit": {"id": "Ubah tokoh", "en": "Edit a leader"},
    "tokoh_pick": {"id": "Tokoh", "en": "Leader"},
    "tokoh_name": {"id": "Nama", "en": "Name"},
    "tokoh_organisation": {"id": "Organisasi", "en": "Organisation"},
    "tokoh_region_code": {"id": "Kode desa/kecamatan", "en": "Desa/kecamatan code"},
    "tokoh_phone": {"id": "Telepon", "en": "Phone"},
    "tokoh_affiliation": {"id": "Afiliasi", "en": "Affiliation"},
    "tokoh_notes": {"id": "Catatan", "en": "Notes"},
    "tokoh_save": {"id": "Simpan", "en": "Save"},
    "tokoh_deactivate": {"id": "Nonaktifkan", "en": "Deactivate"},
    "tokoh_activate": {"id": "Aktifkan lagi", "en": "Reactivate"},
    "tokoh_reason": {"id": "Alasan", "en": "Reason"},
    "tokoh_unchanged": {"id": "Tidak ada perubahan.", "en": "Nothing changed."},
})

# Log dialog (dashboard/screens/dialog_log.py)
STRINGS.update({
    "dlog_title": {"id": "Log dialog dan tindak lanjut", "en": "Dialogue log and follow-ups"},
    "dlog_jurisdiction": {"id": "Wilayah hukum (opsional)", "en": "Jurisdiction (optional)"},
    "dlog_overdue": {"id": "Tindak lanjut terlambat", "en": "Overdue follow-ups"},
    "dlog_no_overdue": {"id": "Tidak ada tindak lanjut yang terlambat.",
                        "en": "No overdue follow-ups."},
    "dlog_overdue_line": {"id": "{n} tindak lanjut melewati batas waktu.",
                          "en": "Follow-ups past their due date: {n}."},
    "dlog_log": {"id": "Log dialog", "en": "Dialogue log"},
    "dlog_status": {"id": "Status", "en": "Status"},
    "dlog_all": {"id": "Semua", "en": "All"},
    "dlog_no_dialogues": {"id": "Belum ada dialog: jadwalkan dari halaman Rencana dialog.",
                          "en": "No dialogues yet: schedule one from the Dialogue plan "
                                "page."},
    "dlog_none_with_status": {"id": "Tidak ada dialog dengan status ini.",
                              "en": "No dialogues with this status."},
    "dlog_col_id": {"id": "No.", "en": "No."},
    "dlog_col_when": {"id": "Waktu", "en": "When"},
    "dlog_col_area": {"id": "Wilayah", "en": "Area"},
    "dlog_col_place": {"id": "Tempat", "en": "Place"},
    "dlog_col_leaders": {"id": "Tokoh", "en": "Leaders"},
    "dlog_col_topics": {"id": "Topik", "en": "Topics"},
    "dlog_col_fu": {"id": "Tindak lanjut terbuka", "en": "Open follow-ups"},
    "dlog_col_desc": {"id": "Tindak lanjut", "en": "Follow-up"},
    "dlog_col_owner": {"id": "Penanggung jawab", "en": "Owner"},
    "dlog_col_due": {"id": "Batas", "en": "Due"},
    "dlog_col_late": {"id": "Terlambat (hari)", "en": "Days overdue"},
    "dlog_col_done": {"id": "Selesai", "en": "Done"},
    "dlog_col_dialog": {"id": "Dialog", "en": "Dialogue"},
    "dlog_detail": {"id": "Rincian dialog", "en": "Dialogue details"},
    "dlog_pick": {"id": "Pilih dialog", "en": "Choose a dialogue"},
    "dlog_participants": {"id": "Peserta", "en": "Participants"},
    "dlog_outcome": {"id": "Hasil", "en": "Outcome"},
    "dlog_commitments": {"id": "Komitmen", "en": "Commitments"},
    "dlog_attended": {"id": "Hadir", "en": "Attended"},
    "dlog_absent": {"id": "tidak hadir", "en": "absent"},
    "dlog_record": {"id": "Catat hasil dialog", "en": "Record the outcome"},
    "dlog_attended_pick": {"id": "Tokoh yang hadir", "en": "Leaders who attended"},
    "dlog_save_held": {"id": "Simpan sebagai terlaksana", "en": "Save as held"},
    "dlog_not_yet": {"id": "Dialog ini dijadwalkan {day}: hasilnya dapat dicatat mulai hari "
                            "itu (atau batalkan dan jadwalkan ulang).",
                     "en": "This dialogue is scheduled for {day}: its outcome can be recorded "
                           "from that day on (or cancel it and schedule it again)."},
    "dlog_cancel": {"id": "Batalkan dialog", "en": "Cancel the dialogue"},
    "dlog_reason": {"id": "Alasan", "en": "Reason"},
    "dlog_save_cancel": {"id": "Batalkan", "en": "Cancel it"},
    "dlog_add_fu": {"id": "Tambah tindak lanjut", "en": "Add a follow-up"},
    "dlog_due": {"id": "Batas waktu", "en": "Due date"},
    "dlog_save_fu": {"id": "Tambah", "en": "Add"},
    "dlog_follow_ups": {"id": "Semua tindak lanjut", "en": "All follow-ups"},
    "dlog_open_only": {"id": "Hanya yang terbuka", "en": "Open only"},
    "dlog_no_open_fu": {"id": "Tidak ada tindak lanjut yang terbuka.",
                        "en": "No open follow-ups."},
    "dlog_no_fu": {"id": "Belum ada tindak lanjut.", "en": "No follow-ups yet."},
    "dlog_mark_done": {"id": "Tandai selesai", "en": "Mark done"},
    "dlog_note": {"id": "Catatan", "en": "Note"},
    "dlog_pick_fu": {"id": "Tindak lanjut", "en": "Follow-up"},
    "dlog_effect": {"id": "Efek dialog: sinyal sebelum dan sesudah",
                    "en": "Effect: signals before and after"},
    "dlog_effect_help": {"id": "Item ditandai per hari di wilayah dialog, {n} hari sebelum dan "
                               "sesudah (hari dialog tidak dihitung). Tren, bukan bukti "
                               "sebab-akibat.",
                         "en": "Flagged items per day in the dialogue's area, {n:|day|days} before "
                               "and after (the dialogue day excluded). A trend, not proof of "
                               "cause."},
    "dlog_days": {"id": "Hari di tiap sisi", "en": "Days on each side"},
    "dlog_col_before": {"id": "Sebelum", "en": "Before"},
    "dlog_total_days": {"id": "{total} ({days} hari)", "en": "{total} ({days:|day|days})"},
    "dlog_chart_day": {"id": "hari", "en": "day"},
    "dlog_chart_items": {"id": "item ditandai", "en": "flagged items"},
    "dlog_chart_side": {"id": "sisi", "en": "side"},
    "dlog_col_after": {"id": "Sesudah", "en": "After"},
    "dlog_col_rate_b": {"id": "Rata-rata/hari sebelum", "en": "Per day before"},
    "dlog_col_rate_a": {"id": "Rata-rata/hari sesudah", "en": "Per day after"},
    "dlog_col_verdict": {"id": "Penilaian", "en": "Verdict"},
    "dlog_no_effect": {"id": "Belum ada dialog terlaksana.", "en": "No dialogue held yet."},
    "dlog_chart_for": {"id": "Grafik harian untuk dialog", "en": "Daily chart for dialogue"},
    "dlog_viewer": {"id": "Hanya analis/admin yang dapat mengubah log.",
                    "en": "Only analysts/admins can change the log."},
})

# Map figure (dashboard/mapfigure.py): legend, hover and marker words
STRINGS.update(MAP_STRINGS)
# The Item page's debunk filter and panel
STRINGS.update(DEBUNK_STRINGS)
# The Laporan page (field reports), the Model page's measurement on the stream
STRINGS.update(LAPORAN_STRINGS)
STRINGS.update(MODEL_STRINGS)


def t(key: str, lang: str = "id", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (Indonesian when missing)."""
    return say(STRINGS, key, lang, **values) if key in STRINGS else key


@lru_cache(maxsize=32)
def words(prefix: str, lang: str = "id") -> Mapping[str, str]:
    """Every string under ``prefix``, keyed without it, in ``lang``: for code that writes
    many short words at once (a map's hover text, once per area), so it need not look
    each one up. Cached: the table is complete once this module is imported."""
    return MappingProxyType({key.removeprefix(prefix): entry.get(lang) or entry["id"]
                             for key, entry in STRINGS.items() if key.startswith(prefix)})
