"""River gauge levels against their alarm levels, from the latest stored readings."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.weather.models import GaugeReading, GaugeStation

STEADY_METRES = 0.02
Trend = Literal["rising", "falling", "steady", "unknown"]


class Reading(BaseModel):
    """One water level."""

    observed_at: datetime
    water_level_m: float


class AlarmLevels(BaseModel):
    """Official alarm levels (báo động) in metres."""

    I: float  # noqa: E741  (the official names are Roman numerals)
    II: float
    III: float


class GaugeStatus(BaseModel):
    """A gauge, its alarm levels, and where the water stands."""

    station_id: str = Field(description="VNDMS station id, e.g. '71520'.")
    name: str = Field(description="E.g. 'Kim Long'.")
    river: str = Field(description="E.g. 'Sông Hương'.")
    lat: float
    lon: float
    ward_code: str | None
    alarm_levels: AlarmLevels
    historic_peak_m: float | None
    historic_peak_year: int | None
    latest: Reading | None = Field(description="The newest stored reading; null if none.")
    alarm_level: int = Field(description="0 (below I) to 3 (at or above III), for `latest`.")
    metres_to_next_alarm: float | None = Field(
        description="How far below the next alarm level the water is; null above III."
    )
    trend: Trend
    readings: list[Reading] = Field(description="Readings of the last `hours` hours, oldest first.")


def alarm_level(station: GaugeStation, level: float) -> int:
    """Return 0-3: the highest alarm level the water has reached."""
    thresholds = (station.alarm_1_m, station.alarm_2_m, station.alarm_3_m)
    return sum(1 for threshold in thresholds if level >= threshold)


def _trend(previous: GaugeReading | None, latest: GaugeReading | None) -> Trend:
    """Compare the two newest readings."""
    if previous is None or latest is None:
        return "unknown"
    change = latest.water_level_m - previous.water_level_m
    if abs(change) < STEADY_METRES:
        return "steady"
    return "rising" if change > 0 else "falling"


def gauge_status(session: Session, station: GaugeStation, hours: int) -> GaugeStatus:
    """Return the status of one gauge from its newest readings."""
    newest = list(
        session.scalars(
            select(GaugeReading)
            .where(GaugeReading.station_id == station.station_id)
            .order_by(GaugeReading.observed_at.desc())
            .limit(2)
        )
    )
    latest = newest[0] if newest else None
    history: list[GaugeReading] = []
    if latest is not None and hours > 0:
        since = latest.observed_at - timedelta(hours=hours)
        history = list(
            session.scalars(
                select(GaugeReading)
                .where(GaugeReading.station_id == station.station_id)
                .where(GaugeReading.observed_at > since)
                .order_by(GaugeReading.observed_at)
            )
        )
    level = alarm_level(station, latest.water_level_m) if latest else 0
    thresholds = (station.alarm_1_m, station.alarm_2_m, station.alarm_3_m)
    to_next = round(thresholds[level] - latest.water_level_m, 2) if latest and level < 3 else None
    return GaugeStatus(
        station_id=station.station_id,
        name=station.name,
        river=station.river,
        lat=station.lat,
        lon=station.lon,
        ward_code=station.ward_code,
        alarm_levels=AlarmLevels(I=station.alarm_1_m, II=station.alarm_2_m, III=station.alarm_3_m),
        historic_peak_m=station.historic_peak_m,
        historic_peak_year=station.historic_peak_year,
        latest=Reading(observed_at=latest.observed_at, water_level_m=latest.water_level_m)
        if latest
        else None,
        alarm_level=level,
        metres_to_next_alarm=to_next,
        trend=_trend(newest[1] if len(newest) > 1 else None, latest),
        readings=[
            Reading(observed_at=r.observed_at, water_level_m=r.water_level_m) for r in history
        ],
    )


def all_gauges(session: Session, hours: int) -> list[GaugeStatus]:
    """Return every gauge's status, by station name."""
    stations = session.scalars(select(GaugeStation).order_by(GaugeStation.name))
    return [gauge_status(session, station, hours) for station in stations]
