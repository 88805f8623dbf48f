"""The dashboard's figures as CSV for a spreadsheet: UTF-8 with a byte order mark (without it
Excel reads the file in the machine's code page and breaks Vietnamese), headers in the asked
language; a row for the period, one for the previous period, and for the city one per ward."""

from __future__ import annotations

import csv
import io
from datetime import date

from hue_s.backend.kernel.translations import N_, translator
from hue_s.modules.dashboard.wire import CaseFigures, Dashboard

BOM = "\ufeff"
PLACE_COLUMNS = (N_("Ward code"), N_("Ward"), N_("From"), N_("To"), N_("Rank"))
FIGURE_COLUMNS = {
    "received": N_("Received"),
    "processed": N_("Processed"),
    "processed_pct": N_("Processed (%)"),
    "on_time": N_("On time"),
    "late": N_("Late"),
    "on_time_pct": N_("On time (%)"),
    "open_not_due": N_("In process, not yet due"),
    "overdue": N_("Overdue"),
    "reopened": N_("Reopened"),
    "rated": N_("Rated"),
    "satisfied": N_("Satisfied"),
    "satisfaction_pct": N_("Satisfied (%)"),
    "avg_first_response_hours": N_("First response (hours, average)"),
    "avg_resolution_hours": N_("Time to resolve (hours, average)"),
    "calls_received": N_("Hotline calls"),
    "calls_to_cases": N_("Calls turned into cases"),
}
"""Every figure of CaseFigures (wire.py defines each), in its order."""


def figure_cells(figures: CaseFigures) -> list[object]:
    """Return a row's figure cells (an unknown figure is left empty)."""
    values = figures.model_dump()
    return ["" if values[name] is None else values[name] for name in FIGURE_COLUMNS]


def dashboard_csv(dashboard: Dashboard, language: str) -> bytes:
    """Return the dashboard's figures as CSV bytes (UTF-8 with a BOM)."""
    _ = translator(language)
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow([_(name) for name in (*PLACE_COLUMNS, *FIGURE_COLUMNS.values())])
    cases = dashboard.cases
    if cases is None:
        return (BOM + buffer.getvalue()).encode()
    code = dashboard.ward_code or ""
    place = dashboard.ward_name or _("Whole city")
    before_last = date.fromordinal(dashboard.first_day.toordinal() - 1)
    out.writerow([code, place, dashboard.first_day, dashboard.last_day, "",
                  *figure_cells(cases.figures)])  # fmt: skip
    out.writerow([code, place, dashboard.previous_first_day, before_last, "",
                  *figure_cells(cases.previous)])  # fmt: skip
    for ward in cases.wards:
        out.writerow([ward.ward_code, ward.ward_name, dashboard.first_day, dashboard.last_day,
                      ward.rank or "", *figure_cells(ward.figures)])  # fmt: skip
    return (BOM + buffer.getvalue()).encode()
