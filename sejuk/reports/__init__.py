"""Field reports (Laporan): what officers see in WhatsApp groups, as text or screenshots.

Public surface: :func:`submit_report` and :func:`import_screenshots` (the way in),
:func:`reports_of` (a reporter's own reports with today's answer); the work is in
``chat`` (parsing and redaction), ``ocr`` (engines), ``images`` (checks), ``intake``
(storage through the collection path) and ``reply`` (the answer).
"""

from __future__ import annotations

from sejuk.reports.intake import (
    GROUP_KINDS,
    GROUP_KINDS_EN,
    REPORT_SOURCE,
    ImportOutcome,
    ReportInput,
    import_screenshots,
    submit_report,
)
from sejuk.reports.reply import ReportOutcome, reports_of

__all__ = ["GROUP_KINDS", "GROUP_KINDS_EN", "REPORT_SOURCE", "ImportOutcome", "ReportInput",
           "ReportOutcome", "import_screenshots", "reports_of", "submit_report"]
