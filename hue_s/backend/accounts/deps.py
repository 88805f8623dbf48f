"""FastAPI dependencies every domain uses to know who calls and what they may touch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.api_keys import client_for_key
from hue_s.backend.accounts.models import ROLES, ApiClient, AuthSession, User
from hue_s.backend.accounts.settings import AccountsSettings, accounts_settings
from hue_s.backend.accounts.tokens import session_for_access_token
from hue_s.backend.api_errors import APIError
from hue_s.backend.db import get_session
from hue_s.backend.models import Base

ModelT = TypeVar("ModelT", bound=Base)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

bearer_scheme = HTTPBearer(
    auto_error=False, description="An access token from POST /api/v1/auth/token."
)
SessionDependency = Annotated[Session, Depends(get_session)]
SettingsDependency = Annotated[AccountsSettings, Depends(accounts_settings)]
BearerDependency = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def not_authenticated(message: str, *, token_given: bool) -> APIError:
    """Return the 401 not_authenticated error, with its WWW-Authenticate challenge."""
    challenge = 'Bearer error="invalid_token"' if token_given else "Bearer"
    return APIError(401, "not_authenticated", message, {"WWW-Authenticate": challenge})


def optional_session(
    db: SessionDependency, settings: SettingsDependency, credentials: BearerDependency
) -> AuthSession | None:
    """The caller's sign-in session; None without a token, 401 for a bad or revoked one."""
    if credentials is None:
        return None
    auth_session = session_for_access_token(db, settings, credentials.credentials)
    if auth_session is None:
        raise not_authenticated("The access token is not valid.", token_given=True)
    return auth_session


def current_session(
    auth_session: Annotated[AuthSession | None, Depends(optional_session)],
) -> AuthSession:
    """The caller's sign-in session; 401 not_authenticated without a valid access token."""
    if auth_session is None:
        raise not_authenticated("Sign in to use this.", token_given=False)
    return auth_session


def user_of(db: Session, auth_session: AuthSession) -> User:
    """Return the user a live session belongs to."""
    user = db.get(User, auth_session.user_id)
    if user is None:  # deleted between the token check and now
        raise not_authenticated("The account no longer exists.", token_given=True)
    return user


def optional_user(
    db: SessionDependency,
    auth_session: Annotated[AuthSession | None, Depends(optional_session)],
) -> User | None:
    """The signed-in user, or None for an anonymous caller (a bad token still gets 401)."""
    return None if auth_session is None else user_of(db, auth_session)


def current_user(
    db: SessionDependency, auth_session: Annotated[AuthSession, Depends(current_session)]
) -> User:
    """The signed-in user; 401 not_authenticated (WWW-Authenticate: Bearer) otherwise."""
    return user_of(db, auth_session)


def require_roles(*roles: str) -> Callable[..., User]:
    """Return a dependency giving the signed-in user if their role is one of these, else 403."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"require_roles needs roles among {ROLES}, not {sorted(unknown)}")

    def user_with_role(user: Annotated[User, Depends(current_user)]) -> User:
        """The signed-in user, 403 forbidden unless their role is allowed."""
        if user.role not in roles:
            raise APIError(403, "forbidden", "Your role does not allow this.")
        return user

    return user_with_role


def get_owned_or_404(
    session: Session, model: type[ModelT], id: Any, user: User, owner_attr: str = "user_id"
) -> ModelT:
    """Return the object with this id if `user` owns it; 404 not_found if missing or not theirs."""
    found = session.get(model, id)
    if found is None or getattr(found, owner_attr) != user.id:
        raise APIError(404, "not_found", f"No such {model.__name__} of yours.")
    return found


async def api_client(
    request: Request,
    db: SessionDependency,
    api_key: Annotated[
        str | None, Query(description="API key of a third-party client (or a form field).")
    ] = None,
) -> ApiClient:
    """The third-party client whose api_key (query or form field) is valid; 403 otherwise."""
    key = api_key
    if key is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get("api_key")
        key = value if isinstance(value, str) else None
    if not key:
        raise APIError(403, "api_key_required", "This needs an api_key.")
    client = await run_in_threadpool(client_for_key, db, key)
    if client is None:
        raise APIError(403, "invalid_api_key", "The api_key is not valid.")
    return client
