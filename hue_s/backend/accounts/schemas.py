"""JSON of sign-in, tokens, the user's profile and sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hue_s.backend.accounts.models import AuthSession, User


class OtpRequest(BaseModel):
    """Body of POST /api/v1/auth/otp."""

    model_config = ConfigDict(extra="forbid")
    phone: str = Field(max_length=32, description="Vietnamese mobile: 0xxxxxxxxx or +84xxxxxxxxx.")


class OtpSent(BaseModel):
    """Answer of POST /api/v1/auth/otp (the same whether or not the phone has an account)."""

    phone: str = Field(description="The number in E.164 form, e.g. '+84905123456'.")
    expires_in: int = Field(description="Seconds the code stays valid.")


class TokenRequest(BaseModel):
    """Body of POST /api/v1/auth/token."""

    model_config = ConfigDict(extra="forbid")
    phone: str = Field(max_length=32, description="The number the code was sent to.")
    code: str = Field(pattern=r"^[0-9]{6}$", description="The 6-digit code from the SMS.")


class RefreshRequest(BaseModel):
    """Body of POST /api/v1/auth/refresh."""

    model_config = ConfigDict(extra="forbid")
    refresh_token: str = Field(max_length=200, description="The newest refresh token.")


class UserOut(BaseModel):
    """A user as they see themselves."""

    id: int
    phone: str = Field(description="E.164 number.")
    role: Literal["citizen", "business", "officer", "operator", "leader", "admin"]
    display_name: str | None
    address: str | None
    ward_code: str | None = Field(description="Home ward, or the ward an officer serves.")
    tax_code: str | None = Field(description="Tax code (mã số thuế) of a business.")
    created_at: datetime

    @classmethod
    def from_user(cls, user: User) -> UserOut:
        """Build the JSON model of a User row."""
        return cls.model_validate(user, from_attributes=True)


class TokenResponse(BaseModel):
    """Answer of POST /api/v1/auth/token and /refresh."""

    access_token: str = Field(description="Send as 'Authorization: Bearer <token>'.")
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds the access token stays valid.")
    refresh_token: str = Field(description="Exchange once at /auth/refresh for a new pair.")
    refresh_expires_in: int = Field(description="Seconds the refresh token stays valid.")
    user: UserOut


class ProfileUpdate(BaseModel):
    """Body of PATCH /api/v1/me: only the fields given change; null clears one."""

    model_config = ConfigDict(extra="forbid")
    display_name: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=255)
    ward_code: str | None = Field(default=None, max_length=16, description="Home ward code.")
    tax_code: str | None = Field(
        default=None, max_length=20, description="Businesses only: 10 or 13 digits."
    )


class SessionOut(BaseModel):
    """One signed-in device of the user."""

    id: int
    created_at: datetime
    last_used_at: datetime
    user_agent: str | None
    current: bool = Field(description="True for the session making this request.")

    @classmethod
    def from_session(cls, auth_session: AuthSession, current_id: int) -> SessionOut:
        """Build the JSON model of an AuthSession row."""
        return cls(
            id=auth_session.id,
            created_at=auth_session.created_at,
            last_used_at=auth_session.last_used_at,
            user_agent=auth_session.user_agent,
            current=auth_session.id == current_id,
        )
