"""The weather card: now, the next hours and the next 7 days, with the forecast's age."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.modules.alerts.app.freshness import (
    HUE_TIME,
    WEATHER_MAX_AGE,
    aware,
    is_old,
    old_note,
)
from hue_s.modules.alerts.app.weather.weather_models import CurrentWeather, DailyForecast, Forecast
from hue_s.modules.alerts.app.weather.wmo import weather_kind
from hue_s.modules.alerts.app.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

HOURS_SHOWN = 24
LARGE_TEXT = 1.5


def _value(values: list[float | None], index: int) -> float | None:
    """Return one entry of an Open-Meteo series, None when missing."""
    if index >= len(values):
        return None
    value = values[index]
    return float(value) if value is not None else None


def _degrees(value: float | None) -> str:
    """Return a temperature for display, '–' when missing."""
    return "–" if value is None else f"{round(value)}°"


def age_line(ctx: AppContext, forecast: Forecast, offline: bool, now: datetime) -> ft.Control:
    """Say when the forecast was fetched, and whether it may be out of date."""
    _ = ctx._
    when = local_time(ctx, forecast.as_of) if forecast.as_of else _("an unknown time")
    old = forecast.as_of is None or is_old(forecast.as_of, now, WEATHER_MAX_AGE)
    text = _("Forecast as of {time}").format(time=when)
    if offline:
        text = _("Offline: last forecast, as of {time}").format(time=when)
    elif forecast.stale:
        text = _("The weather service is not answering: forecast as of {time}").format(time=when)
    elif old:
        text = _("Forecast from {time}, may be out of date").format(time=when)
    warn = offline or forecast.stale or old
    return ft.Text(
        text,
        key="weather-as-of",
        theme_style=ft.TextThemeStyle.BODY_SMALL,
        color=ft.Colors.ERROR if warn else None,
        italic=warn,
    )


def now_card(ctx: AppContext, current: CurrentWeather, now: datetime) -> ft.Control:
    """Return the weather now (or, when old, of its time): icon, temperature, wind, rain."""
    _ = ctx._
    kind = weather_kind(current.weather_code)
    old = is_old(current.time, now, WEATHER_MAX_AGE)
    observed = local_time(ctx, aware(current.time))
    when = (
        ft.Text(old_note(ctx, current.time), color=ft.Colors.ERROR, italic=True)
        if old
        else ft.Text(_("Weather at {time}").format(time=observed))
    )
    details = []
    if current.apparent_temperature is not None:
        details.append(_("Feels like {t}").format(t=_degrees(current.apparent_temperature)))
    if current.relative_humidity_2m is not None:
        details.append(_("Humidity {h}%").format(h=round(current.relative_humidity_2m)))
    if current.wind_speed_10m is not None:
        details.append(_("Wind {w} km/h").format(w=round(current.wind_speed_10m)))
    if current.precipitation:
        details.append(_("Rain {mm} mm").format(mm=ctx.i18n.number(current.precipitation)))
    return ft.Row(
        key="weather-now",
        controls=[
            ft.Icon(kind.icon_for(current.is_day != 0), size=56, color=ft.Colors.PRIMARY),
            ft.Column(
                [
                    ft.Text(
                        _degrees(current.temperature_2m),
                        theme_style=ft.TextThemeStyle.DISPLAY_SMALL,
                    ),
                    ft.Text(_(kind.description), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                    ft.Text(" · ".join(details)),
                    when,
                ],
                spacing=2,
                expand=True,
            ),
        ],
    )


def hourly_strip(ctx: AppContext, forecast: Forecast, now: datetime) -> ft.Control:
    """Return the hours from `now` on side by side: time, icon, temperature, chance of rain."""
    hourly = forecast.hourly
    if hourly is None or not hourly.time:
        return ft.Container()
    hour = aware(now).astimezone(HUE_TIME).replace(minute=0, second=0, microsecond=0)
    start = next((i for i, t in enumerate(hourly.time) if aware(t) >= hour), len(hourly.time))
    cells: list[ft.Control] = []
    for index in range(start, min(start + HOURS_SHOWN, len(hourly.time))):
        code = _value(hourly.weather_code, index)
        rain = _value(hourly.precipitation_probability, index)
        kind = weather_kind(code)
        cells.append(
            ft.Container(
                width=64 * ctx.settings.text_scale,
                padding=6,
                border_radius=8,
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                tooltip=ctx._(kind.description),
                content=ft.Column(
                    [
                        ft.Text(
                            f"{hourly.time[index]:%H}h", theme_style=ft.TextThemeStyle.BODY_SMALL
                        ),
                        ft.Icon(kind.icon, size=22),
                        ft.Text(_degrees(_value(hourly.temperature_2m, index))),
                        ft.Text(
                            "" if rain is None else f"{round(rain)}%",
                            theme_style=ft.TextThemeStyle.LABEL_SMALL,
                        ),
                    ],
                    spacing=2,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                ),
            )
        )
    return ft.Row(cells, scroll=ft.ScrollMode.AUTO, spacing=6, key="weather-hourly")


def daily_rows(ctx: AppContext, daily: DailyForecast) -> ft.Control:
    """Return one row per day: day, icon, description, low and high, rain."""
    _ = ctx._
    rows: list[ft.Control] = []
    scale = ctx.settings.text_scale
    large = scale >= LARGE_TEXT  # the columns no longer fit a phone: each day wraps instead
    for index, day in enumerate(daily.time):
        kind = weather_kind(_value(daily.weather_code, index))
        rain = _value(daily.precipitation_sum, index)
        rain_text = "" if rain is None else f"{ctx.i18n.number(round(rain, 1))} mm"
        low, high = _value(daily.temperature_2m_min, index), _value(daily.temperature_2m_max, index)
        rows.append(
            ft.Row(
                [
                    ft.Text(ctx.i18n.day(day), width=90 * scale),
                    ft.Icon(kind.icon, size=22),
                    ft.Text(_(kind.description), expand=not large),
                    ft.Text(f"{_degrees(low)} – {_degrees(high)}"),
                    ft.Text(rain_text, width=64 * scale, text_align=ft.TextAlign.RIGHT),
                ],
                wrap=large,
                key=f"weather-day-{index}",
            )
        )
    return ft.Column(rows, spacing=4, key="weather-daily")


def weather_card(
    ctx: AppContext, forecast: Forecast | None, offline: bool, *, now: datetime
) -> ft.Control:
    """Return the whole weather card (judged old or current at `now`), or why there is none."""
    _ = ctx._
    if forecast is None:
        return ft.Text(
            _("No forecast yet: the weather service cannot be reached."),
            key="weather-missing",
            italic=True,
        )
    parts: list[ft.Control] = []
    if forecast.current is not None:
        parts.append(now_card(ctx, forecast.current, now))
    parts.append(age_line(ctx, forecast, offline, now))
    parts.append(ft.Text(_("Next 24 hours"), theme_style=ft.TextThemeStyle.TITLE_SMALL))
    parts.append(hourly_strip(ctx, forecast, now))
    if forecast.daily is not None:
        parts.append(ft.Text(_("Next 7 days"), theme_style=ft.TextThemeStyle.TITLE_SMALL))
        parts.append(daily_rows(ctx, forecast.daily))
    return ft.Column(parts, spacing=8, key="weather-card")
