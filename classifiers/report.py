"""The training report: one self-contained HTML file (no scripts, no network) per run.

Which data trained each label's component (or which version it was kept from), the data
licences, the rows left out for their language; per trained label the cross-validated
precision, recall, F1, macro-F1, calibration error, the confusion matrix at the threshold in
force and the precision-recall curve drawn as inline SVG; then the model card (data size and
hash, label distribution, date, library versions). Written to the workspace's ``reports``
folder beside the JSON card that the models folder already keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from jinja2 import Environment, StrictUndefined, select_autoescape
from numpy.typing import NDArray
from sklearn.metrics import confusion_matrix, precision_recall_curve

from classifiers.cues import named
from classifiers.training import TrainingResult

_TEMPLATE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<title>Laporan pelatihan model v{{ version }}</title>
<style>
body{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.25rem .6rem;
text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}
.label{display:inline-block;vertical-align:top;margin-right:2rem}
code{background:#f4f4f4;padding:0 .2rem}
</style></head><body>
<h1>Laporan pelatihan model v{{ version }} (training report)</h1>
<p>Dilatih {{ card.trained_at }} dari {{ card.get('n_trained_on', card.n_samples) }} sampel.
Skor di bawah ini dari
validasi silang (cross-validation) dengan salinan teks dikelompokkan di satu lipatan; bila
cukup sampel lokal, skor dihitung pada sampel lokal saja (yang penting bagi wilayah Anda).
Macro-F1: <b>{{ "%.3f"|format(metrics.macro_f1) }}</b>{% if card.get('kept') %} (label yang
dilatih ulang: {{ card.trained_labels|join(", ") }}; komponen yang dipertahankan tidak ikut
dirata-ratakan; retrained labels only){% endif %}.</p>
{% if metrics.macro_f1 >= 0.97 %}<p><b>Perhatian:</b> skor hampir sempurna biasanya berarti
sampel latih dan uji saling mirip (templat, salinan); akurasi pada teks nyata jauh lebih
rendah. (A near-perfect score usually means near-duplicate samples; real accuracy is lower.)
</p>{% endif %}
<h2>Komponen per label (components)</h2>
<table><tr><th>label</th><th>asal (origin)</th><th>data</th><th>bobot label lokal</th>
<th>belajar mandiri (self-training)</th></tr>
{% for label, c in card.components.items() %}<tr><td>{{ label }}</td>
<td>{% if c.get('kept_from') %}tetap dari v{{ c.kept_from }} (kept){%
elif label in card.trained_labels %}dilatih di versi ini (trained){%
else %}model awal (starter){% endif %}</td>
<td>{% for origin, n in (c.get('sources') or {})|dictsort %}{{ origin }}: {{ n }}<br>{%
endfor %}</td>
<td>{{ c.get('local_weight') or 1 }}</td>
<td>{% set st = c.get('self_training') %}{% if st and st.applied %}{{ st.positives }} positif,
{{ st.negatives }} negatif dari {{ st.pool }} item tanpa label (positives, negatives of
unlabelled items){% set cued = cue_labelled(st) %}{% if cued
%}; menurut kata isyarat (by cue words) {{ cued.positives }}/{{ cued.negatives
}}: {{ cue_names(cued.categories) }}{% endif
%}{% elif st and skipped(st) == "items" %}dilewati: baru {{ st.pool }} item tanpa
label, perlu {{ min_pool }} (skipped: too few unlabelled items){% elif st and skipped(st) ==
"cues" %}dilewati: tidak ada item yang cocok dengan kata isyarat, dan kurang dari {{ min_local
}} label lokal per kelas (skipped: no item matches the cue words, too few local labels){%
elif st %}dilewati: kurang dari {{ min_local }} label lokal per kelas (skipped: too few local
labels){% else %}-{% endif %}</td></tr>{% endfor %}</table>
{% if card.get('data_licences') %}<p>Lisensi data (data licences): {% for d in card.data_licences %}
{{ d.corpus }}: {{ d.licence }} ({{ d.source }}){% if not loop.last %}; {% endif %}{% endfor
%}. Model yang dilatih dengan data CC BY-NC-SA 4.0 membawa lisensi yang sama: hanya untuk
penggunaan non-komersial, dengan atribusi.</p>{% endif %}
{% if card.get('skipped_rows') %}<p>{{ card.skipped_rows|length }} baris dilewati karena bahasanya
(rows left out for their language): {% for name, row, why in card.skipped_rows[:50] %}{{ name
}} baris {{ row }} ({{ why }}){% if not loop.last %}, {% endif %}{% endfor %}{% if
card.skipped_rows|length > 50 %} ...{% endif %}</p>{% endif %}
<h2>Per label (validasi silang)</h2>
<table><tr><th>label</th><th>dinilai pada</th><th>threshold</th><th>served threshold</th>
<th>precision</th><th>recall</th><th>F1</th><th>macro-F1</th><th>ECE</th><th>support (+)</th>
<th>macro-F1 semua sampel</th></tr>
{% for row in rows %}<tr><td>{{ row.label }}</td><td>{{ row.on }}</td>
<td>{{ "%.3f"|format(row.threshold) }}</td><td>{{ "%.3f"|format(row.served) }}</td>
<td>{{ "%.3f"|format(row.m.precision) }}</td><td>{{ "%.3f"|format(row.m.recall) }}</td>
<td>{{ "%.3f"|format(row.m.f1) }}</td><td>{{ "%.3f"|format(row.m.macro_f1) }}</td>
<td>{{ "%.3f"|format(row.ece) }}</td><td>{{ row.m.support }}</td><td>{{ row.all }}</td></tr>
{% endfor %}</table>
{% if card.get('kept') %}<h2>Komponen yang dipertahankan (kept components)</h2>
<p>Angka yang diukur saat pelatihan versi yang tertera, pada datanya; tidak masuk macro-F1
versi ini (figures measured in the training named, on its data; not part of this
version's macro-F1).</p>
<table><tr><th>label</th><th>komponen dari</th><th>diukur di</th><th>dinilai pada</th>
<th>precision</th><th>recall</th><th>F1</th><th>macro-F1</th><th>ECE</th><th>support (+)</th>
</tr>{% for label, k in card.kept.items() %}<tr><td>{{ label }}</td><td>v{{ k.kept_from }}</td>
<td>{% if k.measured_in %}v{{ k.measured_in }}{% else %}-{% endif %}</td>
<td>{{ {"local": "sampel lokal", "all": "semua sampel"}.get(k.get("scored_on"), "-") }}</td>
{% for key in ("precision", "recall", "f1", "macro_f1", "ece") %}<td>{% if k.get(key) is not
none %}{{ "%.3f"|format(k[key]) }}{% else %}-{% endif %}</td>{% endfor %}
<td>{{ k.get("support", "-") }}</td></tr>{% endfor %}</table>{% endif %}
<p>ECE = expected calibration error (10 bins): how far the stated probability is from
the observed frequency; 0 is perfect.</p>
{% for row in rows %}<div class="label"><h3>{{ row.label }}</h3>
<table><tr><th></th><th>predicted 0</th><th>predicted 1</th></tr>
<tr><th>actual 0</th><td>{{ row.cm[0][0] }}</td><td>{{ row.cm[0][1] }}</td></tr>
<tr><th>actual 1</th><td>{{ row.cm[1][0] }}</td><td>{{ row.cm[1][1] }}</td></tr></table>
{{ row.svg|safe }}</div>
{% endfor %}
<h2>Model card</h2>
<table>
<tr><td>data SHA-256</td><td><code>{{ card.data_sha256 }}</code></td></tr>
<tr><td>label distribution (positives / rows judging the label)</td><td>{% for k, v in
card.label_distribution.items() %}{{ k }}: {{ v }} / {{ card.get("label_known", {}).get(k, "?")
}} {% endfor %}</td></tr>
<tr><td>parameters</td><td>{% for k, v in card.params.items() %}{{ k }}={{ v }} {% endfor
%}</td></tr>
<tr><td>library versions</td><td>{% for k, v in card.versions.items() %}{{ k }} {{ v }}
{% endfor %}</td></tr>
</table>
<p>Model awal adalah titik mulai: latih ulang dengan label lokal (<code>sejuk train</code>).
</p>
</body></html>
"""


def pr_curve_svg(y_true: NDArray[np.int_], proba: NDArray[np.float64], label: str,
                 size: int = 220) -> str:
    """A precision-recall curve as a small inline SVG (recall on x, precision on y)."""
    pad = 30
    inner = size - 2 * pad
    if len(set(np.asarray(y_true).tolist())) < 2:
        return (f'<svg width="{size}" height="40"><text x="0" y="20">no PR curve: one class'
                "</text></svg>")
    precision, recall, _ = precision_recall_curve(y_true, proba)
    points = " ".join(f"{pad + r * inner:.1f},{pad + (1 - p) * inner:.1f}"
                      for p, r in zip(precision, recall, strict=True))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'role="img" aria-label="precision-recall curve {label}">'
        f'<rect x="{pad}" y="{pad}" width="{inner}" height="{inner}" fill="none" '
        f'stroke="#999"/>'
        f'<polyline points="{points}" fill="none" stroke="#c0392b" stroke-width="2"/>'
        f'<text x="{size / 2}" y="{size - 6}" text-anchor="middle" font-size="11">recall</text>'
        f'<text x="10" y="{size / 2}" font-size="11" transform="rotate(-90 10 {size / 2})" '
        f'text-anchor="middle">precision</text>'
        f'<text x="{pad}" y="{pad - 8}" font-size="11">PR {label}</text></svg>'
    )


def render_training_report(result: TrainingResult, version: int,
                           overrides: dict[str, float] | None = None) -> str:
    """The report page. "threshold" is where the cross-validated figures were taken;
    "served threshold" is what the registered model flags at (``overrides`` from
    settings, else its own, refitted on all the data)."""
    env = Environment(autoescape=select_autoescape(default=True), undefined=StrictUndefined)
    card: dict[str, Any] = result.card
    rows = []
    for label, fit in result.evidence.items():
        m = result.metrics.labels.get(label)
        if m is None:
            continue
        evaluation = card.get("evaluation", {}).get(label, {})
        local = evaluation.get("scored_on") == "local"
        keep = fit.local if local else np.ones(len(fit.y), dtype=bool)
        threshold = float(card.get("scored_thresholds", {}).get(label, 0.5))
        truth, p = fit.y[keep], fit.proba[keep]
        cm = confusion_matrix(truth, (p >= threshold).astype(int), labels=[0, 1]).tolist()
        everything = evaluation.get("all_rows", {})
        rows.append({"label": label, "on": "sampel lokal" if local else "semua sampel",
                     "threshold": threshold, "served": result.model.threshold(label, overrides),
                     "m": m, "ece": result.metrics.ece.get(label, 0.0), "cm": cm,
                     "svg": pr_curve_svg(truth, p, label),
                     "all": f"{everything['macro_f1']:.3f}" if everything else "-"})
    from classifiers.selftrain import MIN_LOCAL, MIN_POOL, cue_labelled, skipped_because

    return env.from_string(_TEMPLATE).render(version=version, card=card, rows=rows,
                                             metrics=result.metrics, min_pool=MIN_POOL,
                                             min_local=MIN_LOCAL, skipped=skipped_because,
                                             cue_labelled=cue_labelled,
                                             cue_names=lambda counts: named(counts, "id"))


def write_training_report(result: TrainingResult, version: int, reports_dir: Path,
                          overrides: dict[str, float] | None = None, *, stem: str) -> Path:
    """Write the report as ``reports/STEM.html``, ``stem`` being the version's stored file
    name without its suffix (``model-vN-TOKEN``: no other run writes that name)."""
    from sejuk.fsutil import atomic_write

    path = reports_dir / f"{stem}.html"
    atomic_write(path, render_training_report(result, version, overrides))
    return path
