"""The public-services panel: how the wards' dossiers kept their time (QĐ 766/QĐ-TTg)."""

from __future__ import annotations

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.dashboard.app.panels import number_or_dash, pct_cell
from hue_s.modules.dashboard.wire import Punctuality, PunctualityPanel

SHOWN_ROWS = 12
"""Rows of the table: the most overdue wards and fields first."""


def overdue_first(rows: list[Punctuality]) -> list[Punctuality]:
    """Return the rows with any dossier, most overdue, then most late, first."""
    busy = [row for row in rows if row.received or row.pending_not_due or row.pending_overdue]
    return sorted(busy, key=lambda row: (-row.pending_overdue, -row.late, row.ward_code or ""))


def dossier_panel(ctx: AppContext, panel: PunctualityPanel, wards: dict[str, str]) -> ft.Control:
    """Return the dossiers' figures: the total in words, then the table of wards and fields."""
    _ = ctx._
    number = ctx.i18n.number
    total = panel.total
    summary = _(
        "{received} dossiers received; decided early {early}, on time {on_time}, late "
        "{late}; in process, not yet due {not_due}, overdue {overdue}; returned {returned}. "
        "On time: {pct}."
    ).format(
        received=number(total.received), early=number(total.early),
        on_time=number(total.on_time), late=number(total.late),
        not_due=number(total.pending_not_due), overdue=number(total.pending_overdue),
        returned=number(total.returned), pct=number_or_dash(ctx, total.on_time_pct, "%"),
    )  # fmt: skip
    headers = [_("Ward"), _("Field"), _("Received"), _("Early"), _("On time"), _("Late"),
               _("Overdue"), _("On time %")]  # fmt: skip
    table = ft.DataTable(
        key="dashboard-dossiers",
        column_spacing=16,
        columns=[ft.DataColumn(label=ft.Text(header)) for header in headers],
        rows=[
            ft.DataRow(
                cells=[
                    ft.DataCell(ft.Text(wards.get(row.ward_code or "", row.ward_code or "—"))),
                    ft.DataCell(ft.Text(row.field_name or row.field or _("All fields"))),
                    *[
                        ft.DataCell(ft.Text(number(value)))
                        for value in (
                            row.received,
                            row.early,
                            row.on_time,
                            row.late,
                            row.pending_overdue,
                        )  # fmt: skip
                    ],
                    pct_cell(ctx, row.on_time_pct),
                ]
            )
            for row in overdue_first(panel.rows)[:SHOWN_ROWS]
        ],
    )
    return ft.Column(
        key="dashboard-services",
        spacing=4,
        controls=[
            ft.Text(_("Public services (QĐ 766)"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(summary, key="dashboard-services-summary"),
            *([ft.Row([table], scroll=ft.ScrollMode.AUTO)] if table.rows else []),
        ],
    )
