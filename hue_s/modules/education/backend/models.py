"""Schools, frozen from OpenStreetMap by the branch's revisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.models import Base


class SchoolRow(Base):
    """One school, college or university; its OSM tags kept as tagged."""

    __tablename__ = "education_schools"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    amenity: Mapped[str] = mapped_column(String(20))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    tags: Mapped[dict[str, Any]] = mapped_column(JSON)
