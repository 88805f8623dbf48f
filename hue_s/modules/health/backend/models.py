"""Health places, frozen from OpenStreetMap by the branch's revisions."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base
from hue_s.kit.places_backend import OsmColumns


class HealthPlaceRow(OsmColumns, Base):
    """One hospital, clinic, doctor, dentist or pharmacy; its OSM tags kept as tagged."""

    __tablename__ = "health_places"

    kind: Mapped[str] = mapped_column(String(20))
