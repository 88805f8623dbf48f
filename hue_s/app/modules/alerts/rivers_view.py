"""River levels: the Kim Long and Phú Ốc gauges against their flood alarm levels I-III."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules.alerts.weather_models import Gauge
from hue_s.app.modules.alerts.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

ALARM_COLOURS = ("#2E7D32", "#F9A825", "#EF6C00", "#C62828")
ALARM_NAMES = (
    N_("Below alarm level I"),
    N_("Alarm level I"),
    N_("Alarm level II"),
    N_("Alarm level III"),
)
TRENDS = {"rising": N_("rising"), "falling": N_("falling"), "steady": N_("steady")}


def gauge_row(ctx: AppContext, gauge: Gauge) -> ft.Control:
    """Return one gauge: level, alarm level (colour-coded), thresholds and reading time."""
    _ = ctx._
    level = max(0, min(3, gauge.alarm_level))
    levels = gauge.alarm_levels
    thresholds = _("Alarm levels: I {one} m · II {two} m · III {three} m").format(
        one=ctx.i18n.number(levels.I), two=ctx.i18n.number(levels.II),
        three=ctx.i18n.number(levels.III),
    )  # fmt: skip
    if gauge.latest is None:
        reading = _("No reading yet")
    else:
        reading = _("{metres} m at {time}").format(
            metres=ctx.i18n.number(gauge.latest.water_level_m),
            time=local_time(ctx, gauge.latest.observed_at),
        )
        if gauge.trend in TRENDS:
            reading += f" · {_(TRENDS[gauge.trend])}"
    return ft.Row(
        key=f"gauge-{gauge.station_id}",
        controls=[
            ft.Container(width=12, height=48, border_radius=6, bgcolor=ALARM_COLOURS[level]),
            ft.Column(
                [
                    ft.Text(
                        f"{gauge.name} ({gauge.river}) · {_(ALARM_NAMES[level])}",
                        weight=ft.FontWeight.BOLD,
                    ),
                    ft.Text(reading),
                    ft.Text(thresholds, theme_style=ft.TextThemeStyle.BODY_SMALL),
                ],
                spacing=2,
                expand=True,
            ),
        ],
    )


def rivers_card(ctx: AppContext, gauges: list[Gauge] | None) -> ft.Control:
    """Return every gauge, or a note that the levels cannot be had now."""
    if gauges is None:
        return ft.Text(ctx._("River levels cannot be had right now."), italic=True)
    if not gauges:
        return ft.Text(ctx._("No river gauge is known."), italic=True)
    return ft.Column([gauge_row(ctx, gauge) for gauge in gauges], spacing=8, key="rivers")
