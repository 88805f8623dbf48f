"""Load the Huế river gauges and their readings from the packaged VNDMS-derived CSV files."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from importlib import resources
from typing import Any

from sqlalchemy import Connection, insert, select

from hue_s.backend.alerts.weather.models import GaugeReading, GaugeStation

DATA_PACKAGE = "hue_s.backend.alerts.data"
STATIONS_FILE = "gauge_stations.csv"
READINGS_FILE = "gauge_readings_2025-11_12.csv"
HUE_TIME = timezone(timedelta(hours=7), "ICT")
"""VNDMS writes local time (GMT+7) even where its header says UTC."""


def _packaged_rows(name: str) -> list[dict[str, str]]:
    """Return the rows of a packaged CSV file."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _optional_float(text: str) -> float | None:
    """Return a number, or None for an empty cell."""
    return float(text) if text.strip() else None


def station_rows() -> list[dict[str, Any]]:
    """Return the packaged gauge stations as gauge_stations rows."""
    return [
        {
            "station_id": row["station_id_vndms"],
            "name": row["station"],
            "river": row["river"],
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "alarm_1_m": float(row["bd1_m"]),
            "alarm_2_m": float(row["bd2_m"]),
            "alarm_3_m": float(row["bd3_m"]),
            "historic_peak_m": _optional_float(row["historic_peak_m"]),
            "historic_peak_year": int(row["historic_peak_year"])
            if row["historic_peak_year"]
            else None,
            "ward_code": row["ward_2025_of_coord"].split()[0] or None,
        }
        for row in _packaged_rows(STATIONS_FILE)
    ]


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


def seed_gauges(connection: Connection) -> int:
    """Insert the packaged stations and readings into empty tables; return readings added."""
    if connection.scalar(select(GaugeStation.station_id).limit(1)) is not None:
        return 0
    connection.execute(insert(GaugeStation), station_rows())
    return import_readings(connection, _packaged_rows(READINGS_FILE))
