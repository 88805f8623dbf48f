"""SQLAlchemy models of cached forecasts and of river gauges with their readings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base
from hue_s.modules.alerts.backend.columns import UTCDateTime


class CachedForecast(Base):
    """The last answer of an Open-Meteo-compatible API for one kind of query and point."""

    __tablename__ = "weather_forecasts"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    """'forecast' (weather) or 'flood' (river discharge)."""
    point: Mapped[str] = mapped_column(String(64), primary_key=True)
    """The rounded coordinates asked for, e.g. '16.46,107.59'."""
    body: Mapped[str] = mapped_column(Text)
    """The upstream JSON, as received."""
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GaugeStation(Base):
    """A river water-level gauge with its official alarm levels (báo động I/II/III)."""

    __tablename__ = "gauge_stations"

    station_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    """VNDMS station id, e.g. '71520' for Kim Long."""
    name: Mapped[str] = mapped_column(String(100))
    river: Mapped[str] = mapped_column(String(100))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    alarm_1_m: Mapped[float] = mapped_column(Float)
    alarm_2_m: Mapped[float] = mapped_column(Float)
    alarm_3_m: Mapped[float] = mapped_column(Float)
    historic_peak_m: Mapped[float | None] = mapped_column(Float)
    historic_peak_year: Mapped[int | None] = mapped_column(Integer)
    ward_code: Mapped[str | None] = mapped_column(String(5))
    """Ward holding the registered coordinate (for Kim Long a rounded, suspect one); no foreign
    key, since the stations are loaded by the migration, before the wards are seeded."""


class GaugeReading(Base):
    """One water level observed at a gauge."""

    __tablename__ = "gauge_readings"

    station_id: Mapped[str] = mapped_column(
        ForeignKey("gauge_stations.station_id", ondelete="CASCADE"), primary_key=True
    )
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    water_level_m: Mapped[float] = mapped_column(Float)
