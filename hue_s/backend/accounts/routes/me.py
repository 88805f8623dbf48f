"""/api/v1/me...: the signed-in user's profile, devices and account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from sqlalchemy import select

from hue_s.backend.accounts.deletion import delete_account
from hue_s.backend.accounts.deps import (
    SessionDependency,
    SettingsDependency,
    current_session,
    current_user,
    get_owned_or_404,
)
from hue_s.backend.accounts.models import AuthSession, User
from hue_s.backend.accounts.schemas import ProfileUpdate, SessionOut, UserOut
from hue_s.backend.accounts.tokens import revoke_session
from hue_s.backend.accounts.users import update_profile
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.plugin_deps import PluginsDependency
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse

router = APIRouter(
    prefix="/api/v1/me",
    tags=["me"],
    responses={
        **ERROR_RESPONSES,
        401: {"model": ErrorResponse, "description": "Not signed in"},
    },
)
MAX_ID = 2**31 - 1  # PostgreSQL INTEGER
UserDependency = Annotated[User, Depends(current_user)]
AuthSessionDependency = Annotated[AuthSession, Depends(current_session)]


@router.get("", response_model=UserOut)
def read_me(user: UserDependency) -> UserOut:
    """Return the signed-in user."""
    return UserOut.from_user(user)


@router.patch(
    "",
    response_model=UserOut,
    responses={403: {"model": ErrorResponse, "description": "Not allowed for this role"}},
)
def update_me(
    changes: ProfileUpdate,
    user: UserDependency,
    db: SessionDependency,
    settings: SettingsDependency,
) -> UserOut:
    """Change the display name, address, home ward, or a business's tax code."""
    given = changes.model_dump(include=changes.model_fields_set)
    return UserOut.from_user(update_profile(db, user, given, settings.clock()))


@router.delete(
    "",
    status_code=204,
    response_class=Response,
    responses={409: {"model": ErrorResponse, "description": "Other data still refers to it"}},
)
def delete_me(user: UserDependency, db: SessionDependency, plugins: PluginsDependency) -> Response:
    """Delete the account and its data; every session ends."""
    delete_account(db, user, plugins.hook)
    return Response(status_code=204)


@router.get("/sessions", response_model=list[SessionOut])
def list_my_sessions(
    auth_session: AuthSessionDependency, db: SessionDependency, settings: SettingsDependency
) -> list[SessionOut]:
    """List the devices signed in to this account, newest first."""
    sessions = db.scalars(
        select(AuthSession)
        .where(
            AuthSession.user_id == auth_session.user_id,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > settings.clock(),
        )
        .order_by(AuthSession.created_at.desc(), AuthSession.id.desc())
    )
    return [SessionOut.from_session(each, auth_session.id) for each in sessions]


@router.delete("/sessions/{session_id}", status_code=204, response_class=Response)
def end_my_session(
    session_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    user: UserDependency,
    db: SessionDependency,
    settings: SettingsDependency,
) -> Response:
    """Sign one of my devices out; 404 not_found for a session that is not mine or has ended."""
    auth_session = get_owned_or_404(db, AuthSession, session_id, user)
    if auth_session.revoked_at is not None:
        raise APIError(404, "not_found", "No such AuthSession of yours.")
    revoke_session(db, auth_session, settings.clock())
    db.commit()
    return Response(status_code=204)
