"""WMO weather codes (as Open-Meteo sends them): a translatable description and an icon."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from hue_s.app.i18n import N_


@dataclass(frozen=True)
class WeatherKind:
    """What a WMO code means: a description (gettext marker) and an icon by day and night."""

    description: str
    icon: ft.IconData
    night_icon: ft.IconData | None = None

    def icon_for(self, is_day: bool) -> ft.IconData:
        """Return the icon to show by day or at night."""
        return self.icon if is_day or self.night_icon is None else self.night_icon


CLEAR = WeatherKind(N_("Clear sky"), ft.Icons.WB_SUNNY, ft.Icons.NIGHTLIGHT_ROUND)
MAINLY_CLEAR = WeatherKind(N_("Mainly clear"), ft.Icons.WB_SUNNY, ft.Icons.NIGHTLIGHT_ROUND)
PARTLY_CLOUDY = WeatherKind(N_("Partly cloudy"), ft.Icons.CLOUD_QUEUE, ft.Icons.NIGHTS_STAY)
UNKNOWN = WeatherKind(N_("Weather unknown"), ft.Icons.HELP_OUTLINE)

WMO_CODES: dict[int, WeatherKind] = {
    0: CLEAR,
    1: MAINLY_CLEAR,
    2: PARTLY_CLOUDY,
    3: WeatherKind(N_("Overcast"), ft.Icons.CLOUD),
    45: WeatherKind(N_("Fog"), ft.Icons.FOGGY),
    48: WeatherKind(N_("Freezing fog"), ft.Icons.FOGGY),
    51: WeatherKind(N_("Light drizzle"), ft.Icons.GRAIN),
    53: WeatherKind(N_("Drizzle"), ft.Icons.GRAIN),
    55: WeatherKind(N_("Heavy drizzle"), ft.Icons.GRAIN),
    56: WeatherKind(N_("Light freezing drizzle"), ft.Icons.AC_UNIT),
    57: WeatherKind(N_("Freezing drizzle"), ft.Icons.AC_UNIT),
    61: WeatherKind(N_("Light rain"), ft.Icons.WATER_DROP),
    63: WeatherKind(N_("Rain"), ft.Icons.UMBRELLA),
    65: WeatherKind(N_("Heavy rain"), ft.Icons.UMBRELLA),
    66: WeatherKind(N_("Light freezing rain"), ft.Icons.AC_UNIT),
    67: WeatherKind(N_("Freezing rain"), ft.Icons.AC_UNIT),
    71: WeatherKind(N_("Light snow"), ft.Icons.AC_UNIT),
    73: WeatherKind(N_("Snow"), ft.Icons.AC_UNIT),
    75: WeatherKind(N_("Heavy snow"), ft.Icons.AC_UNIT),
    77: WeatherKind(N_("Snow grains"), ft.Icons.AC_UNIT),
    80: WeatherKind(N_("Light showers"), ft.Icons.WATER_DROP),
    81: WeatherKind(N_("Showers"), ft.Icons.UMBRELLA),
    82: WeatherKind(N_("Violent showers"), ft.Icons.UMBRELLA),
    85: WeatherKind(N_("Snow showers"), ft.Icons.AC_UNIT),
    86: WeatherKind(N_("Heavy snow showers"), ft.Icons.AC_UNIT),
    95: WeatherKind(N_("Thunderstorm"), ft.Icons.THUNDERSTORM),
    96: WeatherKind(N_("Thunderstorm with hail"), ft.Icons.THUNDERSTORM),
    99: WeatherKind(N_("Thunderstorm with heavy hail"), ft.Icons.THUNDERSTORM),
}


def weather_kind(code: int | float | None) -> WeatherKind:
    """Return what a WMO weather code means (UNKNOWN for a missing or unknown code)."""
    if code is None:
        return UNKNOWN
    return WMO_CODES.get(int(code), UNKNOWN)
