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
    "live_col_precision": {"id": "Presisi (90%)", "en": "Precision (90%)"},
    "live_col_recall": {"id": "Recall (90%)", "en": "Recall (90%)"},
    "live_col_reading": {"id": "Bacaan", "en": "Reading"},
    "live_enough": {"id": "terukur", "en": "measured"},
    "live_early": {"id": "petunjuk awal", "en": "early hint"},
    "live_note": {
        "id": "Tanda model dibandingkan dengan label Anda untuk item yang diambil acak oleh "
              "antrean Pelabelan setelah model ini dilatih: contoh jujur dari aliran Anda, "
              "berbeda dengan validasi silang di atas yang diukur pada data latihnya. Dalam "
              "kurung: rentang 90%. Di bawah {n} label acak (dan 3 dari tiap kelas) angkanya "
              "baru petunjuk awal.",
        "en": "The model's flags against your labels of items the Labelling queue drew at "
              "random after this model was trained: a fair sample of your stream, unlike the "
              "cross-validation above, measured on its training data. In brackets: the 90% "
              "range. Below {n} random labels (and 3 of each class) the figures are an early "
              "hint."},
    "live_progress": {"id": "Model aktif menurut label acak Anda sejak dilatih: {figures}.",
                      "en": "The active model by your random labels since it was trained: "
                            "{figures}."},
    "live_progress_label": {"id": "{label} macro-F1 {f1:.2f} ({low:.2f}–{high:.2f}) dari {n} label",
                            "en": "{label} macro-F1 {f1:.2f} ({low:.2f}–{high:.2f}) from "
                                  "{n:|label|labels}"},
    "live_none": {
        "id": "Belum ada label untuk item acak sejak model ini dilatih. Angka validasi silang "
              "di atas diukur pada data latih model, bukan pada aliran Anda: beri label "
              "sekitar {n} item dari antrean Pelabelan (item acak ditandai \"contoh acak\") "
              "untuk melihat kinerja model di wilayah Anda.",
        "en": "No labels of randomly drawn items since this model was trained. The "
              "cross-validated figures above were measured on the model's training data, not "
              "on your stream: label about {n} items from the Labelling queue (random ones "
              "say \"random sample\") to see how the model does in your district."},
}
