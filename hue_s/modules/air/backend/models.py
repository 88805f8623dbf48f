"""The cached Open-Meteo air-quality answers, one per grid point."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base


class CachedAir(Base):
    """The last upstream answer for a grid point, when it was fetched and what hour it reads."""

    __tablename__ = "air_readings"

    point: Mapped[str] = mapped_column(String(32), primary_key=True)
    """The rounded coordinates asked for, e.g. '16.5,107.6'."""
    body: Mapped[str] = mapped_column(Text)
    """The upstream JSON, as received."""
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reading_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """The hour of the reading the answer calls current (UTC)."""
