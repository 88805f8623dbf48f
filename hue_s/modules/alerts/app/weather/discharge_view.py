"""River discharge of the coming days (Open-Meteo flood format): a bar per day and river."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.hue_time import HUE_TIME
from hue_s.modules.alerts.app.freshness import DISCHARGE_MAX_AGE, aware, is_old
from hue_s.modules.alerts.app.weather.weather_models import River, Rivers
from hue_s.modules.alerts.app.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

DAYS_SHOWN = 7
BAR_WIDTH = 120
BAR_COLOUR = "#1565C0"


def days_ahead(river: River, today: date) -> list[tuple[date, float]]:
    """Return (day, discharge) from today on, for at most DAYS_SHOWN days with a value."""
    daily = river.flood.daily
    if daily is None:
        return []
    pairs = zip(daily.time, daily.river_discharge, strict=False)
    return [(day, value) for day, value in pairs if day >= today and value is not None][:DAYS_SHOWN]


def day_row(ctx: AppContext, day: date, value: float, top: float, today: date) -> ft.Control:
    """Return one day: its name, a bar scaled to the week's highest value, the m³/s."""
    _ = ctx._
    name = _("Today") if day == today else ctx.i18n.day(day)
    width = max(2.0, BAR_WIDTH * value / top) if top > 0 else 2.0
    amount = _("{value} m³/s").format(value=ctx.i18n.number(round(value)))
    return ft.Row(
        [
            ft.Text(
                name,
                width=100 * ctx.settings.text_scale,
                theme_style=ft.TextThemeStyle.BODY_MEDIUM,
                weight=ft.FontWeight.BOLD if day == today else None,
            ),
            ft.Container(width=width, height=12, border_radius=6, bgcolor=BAR_COLOUR),
            ft.Text(amount, theme_style=ft.TextThemeStyle.BODY_MEDIUM),
        ],
        spacing=8,
    )


def river_block(ctx: AppContext, river: River, today: date) -> ft.Control:
    """Return a river's name and where it is read, then a bar per day."""
    _ = ctx._
    days = days_ahead(river, today)
    title = ft.Text(
        _("{river} at {place}").format(river=river.name, place=river.place),
        weight=ft.FontWeight.BOLD,
    )
    if not days:
        return ft.Column([title, ft.Text(_("No forecast for this river."), italic=True)])
    top = max(value for _day, value in days)
    rows = [day_row(ctx, day, value, top, today) for day, value in days]
    return ft.Column([title, *rows], spacing=2, key=f"discharge-{river.id}")


def discharge_card(
    ctx: AppContext, rivers: Rivers | None, offline: bool = False, *, now: datetime
) -> ft.Control:
    """Return the discharge forecast of every river, with when it was fetched (old: said so)."""
    _ = ctx._
    if rivers is None:
        return ft.Text(_("The river forecast cannot be had right now."), italic=True)
    today = aware(now).astimezone(HUE_TIME).date()
    when = local_time(ctx, rivers.as_of) if rivers.as_of else _("an unknown time")
    old = rivers.as_of is None or is_old(rivers.as_of, now, DISCHARGE_MAX_AGE)
    if offline:
        age = _("Offline: last river forecast, as of {time}").format(time=when)
    elif rivers.stale:
        age = _("The river forecast service is not answering: as of {time}").format(time=when)
    elif old:
        age = _("River forecast from {time}, may be out of date").format(time=when)
    else:
        age = _("River forecast as of {time}").format(time=when)
    warn = offline or rivers.stale or old
    blocks: list[ft.Control] = [river_block(ctx, river, today) for river in rivers.rivers]
    return ft.Column(
        [
            *blocks,
            ft.Text(
                _("Water flowing past each point per second (GloFAS model via Open-Meteo)."),
                theme_style=ft.TextThemeStyle.BODY_SMALL,
            ),
            ft.Text(
                age,
                key="rivers-as-of",
                theme_style=ft.TextThemeStyle.BODY_SMALL,
                color=ft.Colors.ERROR if warn else None,
                italic=warn,
            ),  # fmt: skip
        ],
        spacing=10,
        key="river-discharge",
    )
