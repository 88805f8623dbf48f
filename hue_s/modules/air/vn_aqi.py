"""VN_AQI as Decision 1459/QĐ-TCMT (2019) defines it: sub-indices, NowCast, bands.

Pure arithmetic on concentrations in µg/m³; imports neither flet nor fastapi (both sides use it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

INDEX_STEPS = (0, 50, 100, 150, 200, 300, 400, 500)
"""The I_i of the decision's breakpoint table."""
BREAKPOINTS: dict[str, tuple[float, ...]] = {
    "ozone_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "ozone_8h": (0, 100, 120, 170, 210, 400),
    "carbon_monoxide": (0, 10000, 30000, 45000, 60000, 90000, 120000, 150000),
    "sulphur_dioxide": (0, 125, 350, 550, 800, 1600, 2100, 2630),
    "nitrogen_dioxide": (0, 100, 200, 700, 1200, 2350, 3100, 3850),
    "pm10": (0, 50, 150, 250, 350, 420, 500, 600),
    "pm2_5": (0, 25, 50, 80, 150, 250, 350, 500),
}
"""BP_i per pollutant (Table 1 of the decision), µg/m³."""
NOWCAST_HOURS = 12


@dataclass(frozen=True)
class Band:
    """One of the six VN_AQI bands: its range, official colour and plain-words key."""

    key: str
    low: int
    high: int
    rgb: tuple[int, int, int]

    @property
    def colour(self) -> str:
        """Return the band's colour as #rrggbb."""
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


BANDS = (
    Band("good", 0, 50, (0, 228, 0)),
    Band("moderate", 51, 100, (255, 255, 0)),
    Band("poor", 101, 150, (255, 126, 0)),
    Band("bad", 151, 200, (255, 0, 0)),
    Band("very_bad", 201, 300, (143, 63, 151)),
    Band("hazardous", 301, 500, (126, 0, 35)),
)
"""Table 2 of the decision: 0-50 Tốt ... 301-500 Nguy hại, colours in RGB."""


def round_half_up(value: float) -> int:
    """Round as the decision does (x.5 up), not to even."""
    return math.floor(round(value, 6) + 0.5)


def sub_index(pollutant: str, concentration: float) -> int | None:
    """Return a pollutant's sub-index by linear interpolation between breakpoints.

    Above the last breakpoint the index is 500 (the table ends there); for 8-hour ozone past
    its table (400 µg/m³) None: the 1-hour value decides.
    """
    points = BREAKPOINTS[pollutant]
    concentration = max(0.0, concentration)
    for i in range(len(points) - 1):
        low, high = points[i], points[i + 1]
        if concentration <= high:
            steps = INDEX_STEPS[i + 1] - INDEX_STEPS[i]
            return round_half_up(steps / (high - low) * (concentration - low) + INDEX_STEPS[i])
    return None if pollutant == "ozone_8h" else INDEX_STEPS[-1]


def nowcast(hours: Sequence[float | None]) -> float | None:
    """Return the NowCast of the last 12 hours, newest first (`hours[0]` is this hour).

    w* = Cmin/Cmax over the hours present; w = w* when above 1/2, else 1/2; NowCast is the mean
    weighted by w^(i-1). None unless at least 2 of the last 3 hours have a value.
    """
    recent = list(hours[:NOWCAST_HOURS])
    if sum(value is not None for value in recent[:3]) < 2:
        return None
    present = [value for value in recent if value is not None]
    high, low = max(present), min(present)
    ratio = low / high if high > 0 else 1.0
    weight = ratio if ratio > 0.5 else 0.5
    weights = [weight**i for i, value in enumerate(recent) if value is not None]
    return sum(w * c for w, c in zip(weights, present, strict=True)) / sum(weights)


def band_of(index: int) -> Band:
    """Return the band an index falls in (0-50 good ... 301 and above hazardous)."""
    for band in BANDS:
        if index <= band.high:
            return band
    return BANDS[-1]


def hourly_index(history: Mapping[str, Sequence[float | None]]) -> tuple[int, str] | None:
    """Return the hourly VN_AQI and the pollutant that sets it, from hourly series newest first.

    PM2.5 and PM10 take their NowCast; O3, NO2, SO2 and CO their value of this hour (O3 on its
    1-hour table). None when no pollutant can be indexed.
    """
    found: list[tuple[int, str]] = []
    for pollutant in ("pm2_5", "pm10"):
        value = nowcast(history.get(pollutant, ()))
        if value is not None:
            found.append((sub_index(pollutant, value) or 0, pollutant))
    for pollutant, table in (
        ("ozone", "ozone_1h"),
        ("nitrogen_dioxide", "nitrogen_dioxide"),
        ("sulphur_dioxide", "sulphur_dioxide"),
        ("carbon_monoxide", "carbon_monoxide"),
    ):
        series = history.get(pollutant, ())
        if series and series[0] is not None:
            found.append((sub_index(table, float(series[0])) or 0, pollutant))
    return max(found) if found else None


def daily_index(day: Mapping[str, Sequence[float | None]]) -> int | None:
    """Return the daily VN_AQI from one day's 24 hourly values per pollutant.

    PM2.5 and PM10 take their 24-hour mean (at least 16 hours present); O3, NO2, SO2 and CO
    their highest hour; O3 also its highest 8-hour mean, the larger sub-index counting.
    """
    found: list[int] = []
    for pollutant in ("pm2_5", "pm10"):
        values = [v for v in day.get(pollutant, ()) if v is not None]
        if len(values) >= 16:
            found.append(sub_index(pollutant, sum(values) / len(values)) or 0)
    for pollutant, table in (
        ("ozone", "ozone_1h"),
        ("nitrogen_dioxide", "nitrogen_dioxide"),
        ("sulphur_dioxide", "sulphur_dioxide"),
        ("carbon_monoxide", "carbon_monoxide"),
    ):
        values = [v for v in day.get(pollutant, ()) if v is not None]
        if values:
            found.append(sub_index(table, max(values)) or 0)
    ozone = list(day.get("ozone", ()))
    windows = [ozone[start : start + 8] for start in range(len(ozone) - 7)]
    means = [sum(v or 0.0 for v in w) / 8 for w in windows if None not in w]
    if means:
        eight = sub_index("ozone_8h", max(means))
        if eight is not None:
            found.append(eight)
    return max(found) if found else None
