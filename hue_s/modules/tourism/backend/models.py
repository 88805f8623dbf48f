"""Tourism tables: places (frozen from OpenStreetMap by the migration) and imported events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base


class PlaceRow(Base):
    """A place for visitors; `document` keeps its names, hours, contacts and ward."""

    __tablename__ = "tourism_places"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    """The OSM element, e.g. 'node/5182931945'."""
    position: Mapped[int] = mapped_column(Integer)
    """Key sights first, then by category and name."""
    category: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(300))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)


class EventRow(Base):
    """An event imported from an iCalendar file (one row per UID, updated by a new import)."""

    __tablename__ = "tourism_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    start_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    end_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    place: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    organizer: Mapped[str | None] = mapped_column(String(300))
    price: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(1000))
    imported_by: Mapped[int | None] = mapped_column(Integer)
    """The staff member who imported it (no foreign key: accounts may be deleted)."""
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
