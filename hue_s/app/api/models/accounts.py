"""Accounts on the wire: phone sign-in, tokens, the signed-in user and their sessions."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hue_s.app.api.models.base import RequestModel, ResponseModel


class CodeRequest(RequestModel):
    """Ask the server to text a one-time code to a phone."""

    phone: str = Field(description="Vietnamese mobile number: 0xxxxxxxxx or +84xxxxxxxxx.")


class CodeSent(ResponseModel):
    """The server's answer to a code request (the same whether or not the phone has an account)."""

    phone: str | None = Field(default=None, description="The number in E.164 form.")
    expires_in: int | None = Field(default=None, description="Seconds the code stays valid.")


class TokenRequest(RequestModel):
    """Exchange the texted code for tokens."""

    phone: str = Field(description="The phone the code was sent to.")
    code: str = Field(description="The 6-digit code from the text message.")


class RefreshRequest(RequestModel):
    """Exchange a refresh token for a new token pair (the old one stops working)."""

    refresh_token: str = Field(description="The refresh token of the current pair.")


class User(ResponseModel):
    """A signed-in person: a citizen, a business or a member of staff."""

    id: int | str = Field(description="The user's id on the server.")
    phone: str = Field(description="E.164 phone number, e.g. '+84905123456'.")
    role: str = Field(description="citizen, business, officer, operator, leader or admin.")
    ward_code: str | None = Field(
        default=None, description="Home ward of a citizen, or the ward an officer serves."
    )
    display_name: str | None = Field(default=None, description="How the user wants to be called.")
    address: str | None = Field(default=None, description="Postal address, if given.")
    tax_code: str | None = Field(default=None, description="Tax code of a business.")
    created_at: datetime | None = Field(default=None, description="When the account was made.")


class TokenGrant(ResponseModel):
    """A new token pair and the user it belongs to."""

    access_token: str = Field(repr=False, description="Bearer token for API requests.")
    token_type: str = Field(default="bearer", description="Always 'bearer'.")
    expires_in: int = Field(description="Seconds the access token stays valid.")
    refresh_token: str = Field(repr=False, description="Token that gets the next pair.")
    refresh_expires_in: int | None = Field(
        default=None, description="Seconds the refresh token stays valid."
    )
    user: User = Field(description="The signed-in user.")


class ProfileUpdate(RequestModel):
    """Changes to the signed-in user's own profile: only the fields set change; None clears."""

    display_name: str | None = Field(default=None, max_length=100, description="New name.")
    address: str | None = Field(default=None, max_length=255, description="New address.")
    ward_code: str | None = Field(default=None, max_length=16, description="New home ward.")
    tax_code: str | None = Field(
        default=None, max_length=20, description="Businesses only: 10 or 13 digits."
    )


class DeviceSession(ResponseModel):
    """One place the user is signed in (a phone, a browser, a kiosk visit)."""

    id: int | str = Field(description="The session's id on the server.")
    created_at: datetime = Field(description="When the user signed in there.")
    last_used_at: datetime | None = Field(default=None, description="When it was last used.")
    user_agent: str | None = Field(default=None, description="The device or browser, if known.")
    current: bool = Field(default=False, description="Whether it is the session asking.")
