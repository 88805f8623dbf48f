"""The dashboard's pieces: figure cards, the cumulative trend as bars, rankings and slices.

flet-charts is not a dependency of Hue-S, so the trend is drawn with plain containers.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.modules.dashboard.wire import (
    CaseFigures,
    Slice,
    TrendPoint,
    WardFigures,
    change_pct,
)

CHART_HEIGHT = 160
CARD_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 6, "md": 4}
CHANNEL_NAMES = {
    "open311": N_("App and other report clients"),
    "hotline": N_("Hotline 19001075"),
    "assisted": N_("Filed at the ward office"),
}


def number_or_dash(ctx: AppContext, value: float | int | None, suffix: str = "") -> str:
    """Return a number in the session's locale with its unit, or a dash when unknown."""
    return "—" if value is None else f"{ctx.i18n.number(value)}{suffix}"


def change_text(ctx: AppContext, now: float | None, before: float | None) -> str:
    """Say how a figure moved against the previous period."""
    moved = change_pct(now, before)
    if moved is None:
        return ctx._("No figure for the previous period")
    sign = "+" if moved > 0 else ""
    return ctx._("{change}% vs the previous period").format(
        change=f"{sign}{ctx.i18n.number(moved)}"
    )


def figure_card(ctx: AppContext, key: str, title: str, value: str, note: str) -> ft.Control:
    """Return one figure: its name, its value, and a line under it."""
    return ft.Container(
        key=f"dashboard-card-{key}",
        col=CARD_COLUMNS,
        padding=12,
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        border_radius=8,
        content=ft.Column(
            spacing=2,
            controls=[
                ft.Text(title, theme_style=ft.TextThemeStyle.LABEL_LARGE),
                ft.Text(value, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
                ft.Text(note, theme_style=ft.TextThemeStyle.BODY_SMALL),
            ],
        ),
    )


def figure_cards(ctx: AppContext, now: CaseFigures, before: CaseFigures) -> ft.Control:
    """Return the figure cards of a period, each compared with the previous period."""
    _ = ctx._
    pct = "%"
    cards = [
        ("received", _("Received"), number_or_dash(ctx, now.received),
         change_text(ctx, now.received, before.received)),
        ("processed", _("Processed"),
         number_or_dash(ctx, now.processed_pct, pct),
         _("{processed} of {received}").format(processed=now.processed, received=now.received)),
        ("on-time", _("On time"), number_or_dash(ctx, now.on_time_pct, pct),
         _("{late} late").format(late=now.late)),
        ("overdue", _("Overdue now"), number_or_dash(ctx, now.overdue),
         _("{count} in process, not yet due").format(count=now.open_not_due)),
        ("reopened", _("Reopened"), number_or_dash(ctx, now.reopened),
         change_text(ctx, now.reopened, before.reopened)),
        ("satisfaction", _("Satisfied"), number_or_dash(ctx, now.satisfaction_pct, pct),
         _("{count} ratings").format(count=now.rated)),
        ("first-response", _("First response"),
         number_or_dash(ctx, now.avg_first_response_hours, " h"), _("Average")),
        ("resolution", _("Time to resolve"),
         number_or_dash(ctx, now.avg_resolution_hours, " h"), _("Average")),
        ("calls", _("Hotline calls"), number_or_dash(ctx, now.calls_received),
         _("{count} turned into cases").format(count=now.calls_to_cases)),
    ]  # fmt: skip
    return ft.ResponsiveRow(
        key="dashboard-cards",
        spacing=8,
        run_spacing=8,
        controls=[figure_card(ctx, *card) for card in cards],
    )


def trend_bars(
    ctx: AppContext, points: list[TrendPoint], label: Callable[[TrendPoint], str]
) -> ft.Control:
    """Return cumulative received (light) and processed (dark) per step, as bars."""
    _ = ctx._
    top = max((point.received for point in points), default=0) or 1
    scale = CHART_HEIGHT / top
    bars: list[ft.Control] = []
    for point in points:
        said = _("{day}: {received} received, {processed} processed").format(
            day=label(point), received=point.received, processed=point.processed
        )
        processed = ft.Container(height=point.processed * scale, bgcolor=ft.Colors.PRIMARY)
        received = ft.Container(
            height=max(point.received * scale, 1),
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
            alignment=ft.Alignment.BOTTOM_CENTER,
            content=processed,
        )
        bars.append(
            ft.Container(
                expand=1,
                height=CHART_HEIGHT,
                alignment=ft.Alignment.BOTTOM_CENTER,
                tooltip=said,
                content=ft.Semantics(label=said, content=received),
            )
        )
    legend = _("Cumulative: received (light) and processed (dark)")
    first_last = (
        f"{label(points[0])} – {label(points[-1])}" if points else _("No day in this period")
    )
    return ft.Column(
        key="dashboard-trend",
        spacing=4,
        controls=[
            ft.Text(_("Trend"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(legend, theme_style=ft.TextThemeStyle.BODY_SMALL),
            ft.Row(bars, spacing=2, vertical_alignment=ft.CrossAxisAlignment.END),
            ft.Text(first_last, theme_style=ft.TextThemeStyle.BODY_SMALL),
        ],
    )


def pct_cell(ctx: AppContext, value: float | None) -> ft.DataCell:
    """Return a table cell with a percentage (or a dash)."""
    return ft.DataCell(ft.Text(number_or_dash(ctx, value, "%")))


def ward_table(ctx: AppContext, rows: list[WardFigures], min_ranked: int) -> ft.Control:
    """Return the wards' ranking: most overdue first; small wards listed unranked."""
    _ = ctx._
    headers = [_("Rank"), _("Ward"), _("Received"), _("Processed"), _("On time"),
               _("Overdue"), _("Satisfied")]  # fmt: skip
    table = ft.DataTable(
        key="dashboard-wards",
        column_spacing=16,
        columns=[ft.DataColumn(label=ft.Text(header)) for header in headers],
        rows=[
            ft.DataRow(
                cells=[
                    ft.DataCell(ft.Text(str(row.rank) if row.rank else "—")),
                    ft.DataCell(ft.Text(row.ward_name)),
                    ft.DataCell(ft.Text(ctx.i18n.number(row.figures.received))),
                    pct_cell(ctx, row.figures.processed_pct),
                    pct_cell(ctx, row.figures.on_time_pct),
                    ft.DataCell(ft.Text(ctx.i18n.number(row.figures.overdue))),
                    pct_cell(ctx, row.figures.satisfaction_pct),
                ]
            )
            for row in rows
        ],
    )
    note = _("Wards with fewer than {count} cases in the period are not ranked.").format(
        count=min_ranked
    )
    return ft.Column(
        spacing=4,
        controls=[
            ft.Text(_("Wards"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(note, theme_style=ft.TextThemeStyle.BODY_SMALL),
            ft.Row([table], scroll=ft.ScrollMode.AUTO),
        ],
    )


def slice_list(ctx: AppContext, key: str, title: str, slices: list[Slice]) -> ft.Control:
    """Return categories or channels: received, processed and overdue of each."""
    _ = ctx._
    lines: list[ft.Control] = [ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)]
    top = max((item.received for item in slices), default=0) or 1
    for item in slices:
        name = _(CHANNEL_NAMES[item.key]) if item.key in CHANNEL_NAMES else item.label
        said = _("{name}: {received} received, {processed} processed, {overdue} overdue").format(
            name=name, received=item.received, processed=item.processed, overdue=item.overdue
        )
        lines.append(
            ft.Column(
                spacing=2,
                controls=[
                    ft.Text(said, theme_style=ft.TextThemeStyle.BODY_MEDIUM),
                    ft.ProgressBar(value=item.received / top, semantics_label=said),
                ],
            )
        )
    if not slices:
        lines.append(ft.Text(_("No case in this period.")))
    return ft.Column(key=f"dashboard-{key}", spacing=6, controls=lines)
