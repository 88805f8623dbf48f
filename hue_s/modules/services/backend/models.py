"""Tables of public services: the catalogue (frozen by the migration), the dossiers, and the
wards' receipt-number counters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from hue_s.backend.accounts.models import UtcDateTime
from hue_s.backend.kernel.models import Base


class CataloguePart(Base):
    """A field, life event, authority or form of the catalogue; texts as {"vi", "en"}."""

    __tablename__ = "services_catalogue_parts"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    document: Mapped[Any] = mapped_column(JSON)


class ProcedureRow(Base):
    """One administrative procedure (thủ tục hành chính); `document` holds its whole page."""

    __tablename__ = "services_procedures"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    """National code, e.g. 1.001193.000.00.00.H57."""
    position: Mapped[int] = mapped_column(Integer)
    document: Mapped[Any] = mapped_column(JSON)


class DossierRow(Base):
    """A dossier (hồ sơ) a citizen filed online for one procedure, at one ward, or a ward
    officer filed at the office for a visitor (no owner: the visitor follows it by code)."""

    __tablename__ = "services_dossiers"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key", name="one_per_key"),
        UniqueConstraint("assisted_by", "idempotency_key", name="one_assisted_per_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    """The dossier code (mã hồ sơ): anyone holding it may follow the dossier."""
    procedure_code: Mapped[str] = mapped_column(ForeignKey("services_procedures.code"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=True
    )
    """The citizen who filed it; None for one filed at the ward office (assisted_by)."""
    ward_code: Mapped[str] = mapped_column(ForeignKey("wards.code"), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    answers: Mapped[Any] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(24))
    receipt_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    city_tier: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Transferred to the city tier: city-wide staff decide it, its ward no longer acts."""
    assisted_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    """The ward officer who filed it at the office for a visitor."""
    visitor_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    visitor_phone: Mapped[str | None] = mapped_column(String(16), nullable=True)
    """The visitor's phone (E.164), for the ward to call back; never shown by code."""


class DossierDocumentRow(Base):
    """A file attached to a dossier (at filing or as a supplement)."""

    __tablename__ = "services_dossier_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("services_dossiers.id", ondelete="CASCADE"), index=True
    )
    evidence_code: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class DossierEventRow(Base):
    """One step of a dossier's timeline: who did what, when, with which note."""

    __tablename__ = "services_dossier_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("services_dossiers.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class ReceiptCounterRow(Base):
    """The last official receipt number (số biên nhận) a ward gave in a year: raised by one
    UPDATE per receipt, so two officers receiving at once never share a number."""

    __tablename__ = "services_receipt_counters"

    ward_code: Mapped[str] = mapped_column(ForeignKey("wards.code"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class DossierResultRow(Base):
    """The result document (kết quả) of an approved dossier: the officer's PDF or one made."""

    __tablename__ = "services_dossier_results"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("services_dossiers.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    pages: Mapped[int] = mapped_column(Integer)
    generated: Mapped[bool] = mapped_column(Boolean)
    """Made by the backend (else uploaded by the officer)."""
    content: Mapped[bytes] = mapped_column(LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DraftRow(Base):
    """A signed-in citizen's half-filled dossier for one procedure (ward, answers as JSON)."""

    __tablename__ = "services_drafts"
    __table_args__ = (
        UniqueConstraint("user_id", "procedure_code", name="one_draft_per_procedure"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    procedure_code: Mapped[str] = mapped_column(ForeignKey("services_procedures.code"))
    draft: Mapped[Any] = mapped_column(JSON)
    """As the app sent it: {"ward_code", "answers", ...}; answers may hold lists."""
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
