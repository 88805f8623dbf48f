"""POST /api/v1/auth/...: sign in with a texted code, refresh tokens, sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from hue_s.backend.accounts.deps import SessionDependency, SettingsDependency, current_session
from hue_s.backend.accounts.models import AuthSession, User
from hue_s.backend.accounts.otp import send_code, use_code
from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.accounts.rate_limits import count_hit
from hue_s.backend.accounts.schemas import (
    OtpRequest,
    OtpSent,
    RefreshRequest,
    TokenRequest,
    TokenResponse,
    UserOut,
)
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.sms import SmsGateway, sms_gateway
from hue_s.backend.accounts.tokens import (
    IssuedTokens,
    revoke_session,
    rotate_refresh_token,
    start_session,
)
from hue_s.backend.accounts.users import find_or_create_citizen
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.plugin_deps import app_plugins
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse

router = APIRouter(
    prefix="/api/v1/auth",
    tags=["auth"],
    responses={
        **ERROR_RESPONSES,
        400: {"model": ErrorResponse, "description": "Wrong or expired code"},
        401: {"model": ErrorResponse, "description": "Invalid token"},
        429: {"model": ErrorResponse, "description": "Rate limited; see Retry-After"},
    },
)


def client_address(request: Request) -> str:
    """Return the caller's network address (as the server sees it, proxies resolved by it)."""
    return request.client.host if request.client else "unknown"


def phone_or_422(text: str) -> str:
    """Return the E.164 form of a Vietnamese mobile number, or raise 422 invalid_phone."""
    try:
        return normalise_phone(text)
    except InvalidPhone as reason:
        raise APIError(422, "invalid_phone", f"Invalid phone number: {reason}.") from None


def token_response(
    settings: AccountsSettings, issued: IssuedTokens, user: UserOut
) -> TokenResponse:
    """Build the answer holding a new token pair."""
    return TokenResponse(
        access_token=issued.access_token,
        expires_in=settings.access_token_seconds,
        refresh_token=issued.refresh_token,
        refresh_expires_in=settings.refresh_token_seconds,
        user=user,
    )


@router.post(
    "/otp",
    status_code=202,
    response_model=OtpSent,
    responses={503: {"model": ErrorResponse, "description": "The SMS could not be sent"}},
)
def request_code(
    body: OtpRequest,
    request: Request,
    db: SessionDependency,
    settings: SettingsDependency,
    gateway: Annotated[SmsGateway, Depends(sms_gateway)],
) -> OtpSent:
    """Text a 6-digit sign-in code to a Vietnamese mobile number (valid 5 minutes)."""
    count_hit(db, settings, f"otp/address/{client_address(request)}", settings.otp_per_address)
    phone = phone_or_422(body.phone)
    count_hit(db, settings, f"otp/phone/{phone}", settings.otp_per_phone)
    send_code(db, settings, gateway, phone)
    return OtpSent(phone=phone, expires_in=settings.otp_seconds)


@router.post("/token", response_model=TokenResponse)
def sign_in(
    body: TokenRequest, request: Request, db: SessionDependency, settings: SettingsDependency
) -> TokenResponse:
    """Exchange a phone number and its code for tokens; a first sign-in creates a citizen."""
    count_hit(db, settings, f"token/address/{client_address(request)}", settings.token_per_address)
    phone = phone_or_422(body.phone)
    count_hit(db, settings, f"token/phone/{phone}", settings.token_per_phone)
    use_code(db, settings, phone, body.code)
    user = find_or_create_citizen(db, phone, settings.clock())
    app_plugins(request).hook.hue_s_signed_in(session=db, user=user)
    issued = start_session(db, settings, user, request.headers.get("user-agent"))
    return token_response(settings, issued, UserOut.from_user(user))


@router.post("/refresh", response_model=TokenResponse)
def refresh(
    body: RefreshRequest, db: SessionDependency, settings: SettingsDependency
) -> TokenResponse:
    """Exchange a refresh token for a new pair; reusing an old one ends the whole session."""
    issued = rotate_refresh_token(db, settings, body.refresh_token)
    user = db.get_one(User, issued.session.user_id)
    return token_response(settings, issued, UserOut.from_user(user))


@router.post("/logout", status_code=204, response_class=Response)
def logout(
    db: SessionDependency,
    settings: SettingsDependency,
    auth_session: Annotated[AuthSession, Depends(current_session)],
) -> Response:
    """End the current session: its access and refresh tokens stop working at once."""
    revoke_session(db, auth_session, settings.clock())
    db.commit()
    return Response(status_code=204)
