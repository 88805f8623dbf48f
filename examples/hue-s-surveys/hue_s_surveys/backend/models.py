"""The module's tables. One answer per account and one per device, one support per person:
unique keys in the database, so two requests at once cannot both pass."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base


class SurveyRow(Base):
    """A published survey; its questions are data."""

    __tablename__ = "surveys_surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    ward_code: Mapped[str | None] = mapped_column(String(5), index=True)
    status: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(Integer)
    """The staff member who published it (no foreign key: accounts may be deleted)."""
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ResponseRow(Base):
    """One person's answers: by account (user_id) or, for an anonymous survey, by device."""

    __tablename__ = "surveys_responses"
    __table_args__ = (
        UniqueConstraint("survey_id", "user_id", name="uq_surveys_responses_user"),
        UniqueConstraint("survey_id", "device_key", name="uq_surveys_responses_device"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys_surveys.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(Integer)
    device_key: Mapped[str | None] = mapped_column(String(64))
    """SHA-256 of the device id (the id itself is not kept)."""
    answers: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IdeaRow(Base):
    """A resident's idea for a ward, with staff's answer or the reason it was hidden."""

    __tablename__ = "surveys_ideas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    ward_code: Mapped[str] = mapped_column(String(5), index=True)
    author_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class VoteRow(Base):
    """One person's support of an idea."""

    __tablename__ = "surveys_idea_votes"
    __table_args__ = (UniqueConstraint("idea_id", "user_id", name="uq_surveys_idea_votes_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("surveys_ideas.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
