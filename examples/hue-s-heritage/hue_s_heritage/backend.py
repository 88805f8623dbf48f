"""The module's backend part: the `heritage_sights` table and GET /api/v1/heritage/sights."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import Float, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Base
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s_heritage.wire import Sight

router = APIRouter(prefix="/api/v1/heritage", tags=["heritage"], responses=ERROR_RESPONSES)


class SightRow(Base):
    """A sight the city lists (filled by the module's migration)."""

    __tablename__ = "heritage_sights"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


@router.get("/sights", response_model=list[Sight])
def list_sights(session: Annotated[Session, Depends(get_session)]) -> list[Sight]:
    """List the sights (public: anyone may read them, signed in or not)."""
    rows = session.scalars(select(SightRow).order_by(SightRow.id))
    return [Sight.model_validate(row, from_attributes=True) for row in rows]
