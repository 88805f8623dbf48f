"""River levels: the Kim Long and Phú Ốc gauges against their flood alarm levels I-III."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.modules.alerts.app.freshness import GAUGE_MAX_AGE, is_old
from hue_s.modules.alerts.app.weather.weather_models import Gauge
from hue_s.modules.alerts.app.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

ALARM_COLOURS = ("#2E7D32", "#F9A825", "#EF6C00", "#C62828")
UNKNOWN_COLOUR = "#9E9E9E"
ALARM_NAMES = (
    N_("Below alarm level I"),
    N_("Alarm level I"),
    N_("Alarm level II"),
    N_("Alarm level III"),
)
TRENDS = {"rising": N_("rising"), "falling": N_("falling"), "steady": N_("steady")}


def gauge_row(ctx: AppContext, gauge: Gauge, now: datetime) -> ft.Control:
    """Return one gauge: level, alarm level (colour-coded), thresholds and reading time.

    A reading older than GAUGE_MAX_AGE says so, and no alarm level or trend is claimed from it.
    """
    _ = ctx._
    levels = gauge.alarm_levels
    thresholds = _("Alarm levels: I {one} m · II {two} m · III {three} m").format(
        one=ctx.i18n.number(levels.I), two=ctx.i18n.number(levels.II),
        three=ctx.i18n.number(levels.III),
    )  # fmt: skip
    latest = gauge.latest
    current = latest is not None and not is_old(latest.observed_at, now, GAUGE_MAX_AGE)
    title = f"{gauge.name} ({gauge.river})"
    colour = UNKNOWN_COLOUR
    if latest is None:
        reading = _("No reading yet")
    elif not current:
        reading = _("Reading of {metres} m from {time}, may be out of date").format(
            metres=ctx.i18n.number(latest.water_level_m),
            time=local_time(ctx, latest.observed_at),
        )
    else:
        level = max(0, min(3, gauge.alarm_level))
        title += f" · {_(ALARM_NAMES[level])}"
        colour = ALARM_COLOURS[level]
        reading = _("{metres} m at {time}").format(
            metres=ctx.i18n.number(latest.water_level_m),
            time=local_time(ctx, latest.observed_at),
        )
        if gauge.trend in TRENDS:
            reading += f" · {_(TRENDS[gauge.trend])}"
    return ft.Row(
        key=f"gauge-{gauge.station_id}",
        controls=[
            ft.Container(width=12, height=48, border_radius=6, bgcolor=colour),
            ft.Column(
                [
                    ft.Text(title, weight=ft.FontWeight.BOLD),
                    ft.Text(
                        reading,
                        key=f"gauge-reading-{gauge.station_id}",
                        color=None if current else ft.Colors.ERROR,
                        italic=not current,
                    ),
                    ft.Text(thresholds, theme_style=ft.TextThemeStyle.BODY_SMALL),
                ],
                spacing=2,
                expand=True,
            ),
        ],
    )


def rivers_card(ctx: AppContext, gauges: list[Gauge] | None, now: datetime) -> ft.Control:
    """Return every gauge (judged old or current at `now`), or why there is none."""
    if gauges is None:
        return ft.Text(ctx._("River levels cannot be had right now."), italic=True)
    if not gauges:
        return ft.Text(ctx._("No river gauge is known."), italic=True)
    return ft.Column([gauge_row(ctx, gauge, now) for gauge in gauges], spacing=8, key="rivers")
