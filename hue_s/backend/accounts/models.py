"""SQLAlchemy models of accounts: users, sign-in sessions and tokens, codes, limits, API keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    TypeDecorator,
)
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base

ROLES = ("citizen", "business", "officer", "operator", "leader", "admin")
STAFF_ROLES = ("officer", "operator", "leader", "admin")
TOKEN_KINDS = ("access", "refresh")


def sql_list(values: tuple[str, ...]) -> str:
    """Render names as an SQL list for a CHECK constraint: ('a', 'b')."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to UTC; naive ones are refused, they are bugs."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Attach UTC to what the database returns."""
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class User(Base):
    """A person who signed in with a phone number (citizen) or staff created by an admin."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN {sql_list(ROLES)}", name="role"),
        CheckConstraint("role <> 'officer' OR ward_code IS NOT NULL", name="officer_has_ward"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(16), unique=True)
    """E.164 number, e.g. '+84905123456'."""
    role: Mapped[str] = mapped_column(String(16))
    """One of ROLES."""
    ward_code: Mapped[str | None] = mapped_column(
        String(5), ForeignKey("wards.code"), index=True, nullable=True
    )
    """Home ward of a citizen, or the ward an officer serves (required for officers)."""
    display_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    address: Mapped[str | None] = mapped_column(String(255), nullable=True)
    tax_code: Mapped[str | None] = mapped_column(String(13), nullable=True)
    """Mã số thuế of a business: 10 or 13 digits."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuthSession(Base):
    """One sign-in on one device: the family of every token issued from it."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """When the newest refresh token expires; each refresh moves it on."""
    user_agent: Mapped[str | None] = mapped_column(String(255), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """Set on logout, on ending the session, or when a rotated refresh token is reused."""


class AuthToken(Base):
    """An access or refresh token of a session, known only by its SHA-256 hash."""

    __tablename__ = "auth_tokens"
    __table_args__ = (CheckConstraint(f"kind IN {sql_list(TOKEN_KINDS)}", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rotated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """When a refresh token was exchanged for a new pair; using it again is a reuse."""


class OtpChallenge(Base):
    """A one-time code sent to a phone, kept as keyed hashes of the phone and of the code."""

    __tablename__ = "otp_challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone_key: Mapped[str] = mapped_column(String(64), index=True)
    """HMAC-SHA256 of the E.164 phone: finds the challenge without storing the number."""
    code_hash: Mapped[str] = mapped_column(String(64))
    """HMAC-SHA256 of the phone and the code."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    failed_attempts: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """Set when the code was used or too many wrong codes were tried."""


class RateLimitHit(Base):
    """One counted request in a rate-limit bucket (a keyed hash of e.g. a phone or address)."""

    __tablename__ = "rate_limit_hits"
    __table_args__ = (Index("ix_rate_limit_hits_bucket_hit_at", "bucket", "hit_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(64))
    hit_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApiClient(Base):
    """A third-party client (e.g. an Open311 app) known by the SHA-256 hash of its API key."""

    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
