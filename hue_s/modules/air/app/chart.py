"""The next hours as bars: height by VN_AQI, colour by band, each bar named for screen readers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.modules.air.app.words import NAMES
from hue_s.modules.air.vn_aqi import band_of

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.modules.air.wire import AirHour

BAR_HEIGHT = 120
SCALE_TOP = 200
"""An index at or above this fills the bar's height ('bad' and worse)."""


def hour_bar(ctx: AppContext, hour: AirHour) -> ft.Control:
    """Return one hour's bar with its time under it."""
    _ = ctx._
    clock = datetime.fromisoformat(hour.time).strftime("%H:%M")
    if hour.vn_aqi is None:
        bar: ft.Control = ft.Container(height=2, width=22, bgcolor=ft.Colors.OUTLINE_VARIANT)
        name = _("{time}: no data").format(time=clock)
        number = "–"
    else:
        band = band_of(hour.vn_aqi)
        height = max(4, round(BAR_HEIGHT * min(hour.vn_aqi, SCALE_TOP) / SCALE_TOP))
        bar = ft.Container(height=height, width=22, bgcolor=band.colour, border_radius=3)
        name = f"{clock}: VN_AQI {hour.vn_aqi}, {_(NAMES[band.key])}"
        number = str(hour.vn_aqi)
    return ft.Semantics(
        label=name,
        container=True,
        exclude_semantics=True,
        content=ft.Column(
            [
                ft.Text(number, theme_style=ft.TextThemeStyle.LABEL_SMALL),
                ft.Container(bar, height=BAR_HEIGHT, alignment=ft.Alignment.BOTTOM_CENTER),
                ft.Text(clock[:2], theme_style=ft.TextThemeStyle.LABEL_SMALL),
            ],
            spacing=2,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
    )


def hours_chart(ctx: AppContext, hours: list[AirHour]) -> ft.Control:
    """Return the bars of the next hours, scrolling sideways when they do not fit."""
    return ft.Row(
        [hour_bar(ctx, hour) for hour in hours],
        key="air-hours",
        spacing=4,
        scroll=ft.ScrollMode.AUTO,
        vertical_alignment=ft.CrossAxisAlignment.END,
    )
