"""What is asked of the Open-Meteo forecast and flood APIs, and for which rivers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HUE_CENTRE = (16.4637, 107.5909)
"""Central Huế (Phú Xuân), the default forecast point."""
TIMEZONE = "Asia/Bangkok"
"""UTC+7 like Asia/Ho_Chi_Minh, and known to every Open-Meteo release."""
FORECAST_PARAMETERS: dict[str, str | float | int] = {
    "current": "temperature_2m,relative_humidity_2m,apparent_temperature,is_day,precipitation,"
    "rain,weather_code,cloud_cover,wind_speed_10m,wind_direction_10m,wind_gusts_10m",
    "hourly": "temperature_2m,relative_humidity_2m,precipitation_probability,precipitation,"
    "weather_code,wind_speed_10m,wind_gusts_10m",
    "daily": "weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,"
    "precipitation_probability_max,wind_speed_10m_max,wind_gusts_10m_max,sunrise,sunset,"
    "uv_index_max",
    "forecast_hours": 48,
    "forecast_days": 7,
    "timezone": TIMEZONE,
}
FLOOD_DAILY = (
    "river_discharge,river_discharge_mean,river_discharge_median,river_discharge_max,"
    "river_discharge_min,river_discharge_p25,river_discharge_p75"
)


@dataclass(frozen=True)
class River:
    """A river of Huế and the point where its discharge is read (at its gauge)."""

    id: str
    name: str
    place: str
    lat: float
    lon: float


RIVERS = (
    River("huong", "Sông Hương", "Kim Long", 16.4667, 107.5667),
    River("bo", "Sông Bồ", "Phú Ốc", 16.5330, 107.4670),
)


def flood_parameters() -> dict[str, str | float | int]:
    """Return the flood API query for every river at once (comma-separated coordinates)."""
    return {
        "latitude": ",".join(str(river.lat) for river in RIVERS),
        "longitude": ",".join(str(river.lon) for river in RIVERS),
        "daily": FLOOD_DAILY,
        "past_days": 7,
        "forecast_days": 30,
        "timezone": TIMEZONE,
    }


def rivers_body(upstream: Any) -> dict[str, Any]:
    """Pair each river with its flood answer (the API returns a list, or one object for one
    point); raise ValueError if the answer does not have one object per river."""
    answers = upstream if isinstance(upstream, list) else [upstream]
    if len(answers) != len(RIVERS) or not all(isinstance(item, dict) for item in answers):
        raise ValueError("expected one flood answer per river")
    return {
        "rivers": [
            {"id": river.id, "name": river.name, "place": river.place, "flood": answer}
            for river, answer in zip(RIVERS, answers, strict=True)
        ]
    }
