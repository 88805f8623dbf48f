"""News items: from followed feeds (one row per feed and entry id) and from staff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base


class NewsRow(Base):
    """One announcement; a feed's entry is updated in place when the feed changes it."""

    __tablename__ = "news_items"
    __table_args__ = (UniqueConstraint("source", "guid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(300))
    """The feed's URL, or 'staff'."""
    guid: Mapped[str] = mapped_column(String(500))
    """The entry's id in its feed (guid, Atom id or link); for staff, a generated one."""
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    ward_code: Mapped[str | None] = mapped_column(String(5), index=True)
    link: Mapped[str | None] = mapped_column(String(1000))
    author_id: Mapped[int | None] = mapped_column(Integer)
    """The staff member who published it (no foreign key: accounts may be deleted)."""
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
