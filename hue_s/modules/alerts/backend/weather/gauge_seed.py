"""Import river gauge readings (VNDMS CSV rows) for the stations the database knows.

The stations and the readings shipped with Hue-S are loaded by the `alerts_0001` migration,
from its own frozen copies (`migrations/versions/alerts_0001_gauge_*.csv`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from hue_s.hue_time import HUE_TIME
from hue_s.modules.alerts.backend.weather.models import GaugeReading, GaugeStation

"""VNDMS writes local time (GMT+7) even where its header says UTC."""


def reading_rows(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """Turn CSV rows (station_id, observed_at_local, water_level_m) into gauge_readings rows."""
    for row in rows:
        local = datetime.strptime(row["observed_at_local"].strip(), "%Y-%m-%d %H:%M")
        yield {
            "station_id": row["station_id"].strip(),
            "observed_at": local.replace(tzinfo=HUE_TIME),
            "water_level_m": float(row["water_level_m"]),
        }


def import_readings(connection: Connection, rows: Iterable[dict[str, str]]) -> int:
    """Insert readings of known stations not stored yet; return how many were added."""
    known = set(connection.scalars(select(GaugeStation.station_id)))
    stored = {
        (station, moment)
        for station, moment in connection.execute(
            select(GaugeReading.station_id, GaugeReading.observed_at)
        )
    }
    new = [
        row
        for row in reading_rows(rows)
        if row["station_id"] in known and (row["station_id"], row["observed_at"]) not in stored
    ]
    if new:
        connection.execute(insert(GaugeReading), new)
    return len(new)
