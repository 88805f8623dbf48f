"""The last 12 months as bars: height by consumption, each bar named for screen readers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.bills.wire import Bill

BAR_HEIGHT = 120


def month_bar(ctx: AppContext, bill: Bill, unit: str, top: int) -> ft.Control:
    """Return one month's bar with its consumption over it and its month under it."""
    height = max(2, round(BAR_HEIGHT * bill.consumption / top)) if top else 2
    name = ctx._("{month}/{year}: {consumption} {unit}, {amount}").format(
        month=bill.month, year=bill.year, consumption=bill.consumption, unit=unit,
        amount=ctx.i18n.vnd(bill.amount_vnd),
    )  # fmt: skip
    bar = ft.Container(height=height, width=20, bgcolor=ft.Colors.PRIMARY, border_radius=3)
    return ft.Semantics(
        label=name,
        container=True,
        exclude_semantics=True,
        content=ft.Column(
            [
                ft.Text(str(bill.consumption), theme_style=ft.TextThemeStyle.LABEL_SMALL),
                ft.Container(bar, height=BAR_HEIGHT, alignment=ft.Alignment.BOTTOM_CENTER),
                ft.Text(f"{bill.month:02d}", theme_style=ft.TextThemeStyle.LABEL_SMALL),
            ],
            spacing=2,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
    )


def history_chart(ctx: AppContext, history: list[Bill], unit: str) -> ft.Control:
    """Return the months' bars, oldest first, scrolling sideways when they do not fit."""
    top = max((bill.consumption for bill in history), default=0)
    return ft.Row(
        [month_bar(ctx, bill, unit, top) for bill in history],
        key="bills-chart",
        spacing=6,
        scroll=ft.ScrollMode.AUTO,
        vertical_alignment=ft.CrossAxisAlignment.END,
    )
