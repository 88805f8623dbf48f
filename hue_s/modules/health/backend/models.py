"""Health places, frozen from OpenStreetMap by the branch's revisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.models import Base


class HealthPlaceRow(Base):
    """One hospital, clinic, doctor, dentist or pharmacy; its OSM tags kept as tagged."""

    __tablename__ = "health_places"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    tags: Mapped[dict[str, Any]] = mapped_column(JSON)
