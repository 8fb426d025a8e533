"""Interface strings of the Model page's kept components and its measurement on the
district's stream (:mod:`classifiers.live`, "live_" keys). Kept apart so the main table
stays one readable module; :mod:`dashboard.i18n` merges them."""

from __future__ import annotations

MODEL_STRINGS: dict[str, dict[str, str]] = {
    "models_kept_note": {
        "id": "macro-F1 dan gerbang promosi hanya menghitung label yang dilatih ulang di "
              "versi itu. Angka bertanda \"(dari vN)\" milik komponen yang dipertahankan dari "
              "versi N, diukur saat pelatihan yang tertera di bawah; tidak ikut dirata-ratakan.",
        "en": "macro-F1 and the promotion gate count only the labels a version retrained. "
              "Figures marked \"(from vN)\" belong to a component kept from version N, "
              "measured in the training named below; they are never averaged in."},
    "models_kept_title": {"id": "Komponen yang dipertahankan dan data pengukurannya",
                          "en": "Kept components and the data they were measured on"},
    "live_title": {"id": "Model aktif (v{version}) pada aliran Anda",
                   "en": "The active model (v{version}) on your stream"},
    "live_col_labels": {"id": "Label acak", "en": "Random labels"},
    "live_col_positives": {"id": "Ya menurut analis", "en": "Yes by analysts"},
    "live_col_flagged": {"id": "Ditandai model", "en": "Flagged by the model"},
    "live_col_precision": {"id": "Presisi (rentang 90%)", "en": "Precision (90% range)"},
    "live_col_recall": {"id": "Recall (rentang 90%)", "en": "Recall (90% range)"},
    "live_col_reading": {"id": "Bacaan", "en": "Reading"},
    "live_enough": {"id": "terukur", "en": "measured"},
    "live_early": {"id": "petunjuk awal", "en": "early hint"},
    "live_note": {
        "id": "Tanda model dibandingkan dengan label Anda untuk item yang diambil antrean "
              "Pelabelan tanpa melihat model (contoh acak dan kecocokan kata isyarat), sejak "
              "model ini dilatih: sampel yang mewakili aliran Anda, berbeda dengan validasi "
              "silang di atas yang diukur pada data latihnya. Label tiap kelompok kata isyarat "
              "dibobot sesuai bagiannya di aliran. Dalam kurung: rentang 90%. Sampai label "
              "setara {n} sampel acak (3 dari tiap kelas, kelompok yang berlabel mencakup 90% "
              "aliran) angkanya baru petunjuk awal; \"–\": tidak ada yang bisa diukur "
              "(misalnya model tidak menandai satu pun item berlabel).",
        "en": "The model's flags against your labels of items the Labelling queue drew "
              "without looking at the model (random samples and cue-word matches) since this "
              "model was trained: a sample that represents your stream, unlike the "
              "cross-validation above, measured on its training data. Each cue-word group's "
              "labels weigh as much as its share of the stream. In brackets: the 90% range. "
              "Until the labels are worth {n} random ones (3 of each class, labelled groups "
              "covering 90% of the stream) the figures are an early hint; \"–\": nothing to "
              "measure it on (say, the model flagged none of the labelled items)."},
    "live_progress": {"id": "Model aktif menurut label acak Anda sejak dilatih: {figures}.",
                      "en": "The active model by your random labels since it was trained: "
                            "{figures}."},
    "live_progress_label": {"id": "{label} macro-F1 {f1:.2f} ({low:.2f}–{high:.2f}) dari "
                                  "{n} label{early}",
                            "en": "{label} macro-F1 {f1:.2f} ({low:.2f}–{high:.2f}) from "
                                  "{n:|label|labels}{early}"},
    "live_progress_early": {"id": ", petunjuk awal", "en": ", an early hint"},
    "live_none": {
        "id": "Belum ada label untuk item yang diambil acak sejak model ini dilatih. Angka "
              "validasi silang di atas diukur pada data latih model, bukan pada aliran Anda: "
              "beri label sekitar {n} item dari antrean Pelabelan (yang diusulkan sebagai "
              "\"contoh acak\" atau \"cocok dengan kata isyarat\") untuk melihat kinerja "
              "model di wilayah Anda.",
        "en": "No labels of randomly drawn items since this model was trained. The "
              "cross-validated figures above were measured on the model's training data, not "
              "on your stream: label about {n} items from the Labelling queue (those "
              "proposed as \"random sample\" or \"matches the cue words\") to see how the "
              "model does in your district."},
}
