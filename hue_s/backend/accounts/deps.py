"""FastAPI dependencies every domain uses to know who calls and what they may touch."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.api_keys import API_KEYS, client_for_key
from hue_s.backend.accounts.models import ROLES, ApiClient, AuthSession, User
from hue_s.backend.accounts.settings import AccountsSettings, accounts_settings
from hue_s.backend.accounts.tokens import session_for_access_token
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Base

ModelT = TypeVar("ModelT", bound=Base)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

bearer_scheme = HTTPBearer(
    auto_error=False, description="An access token from POST /api/v1/auth/token."
)


async def loaded_accounts_settings(request: Request) -> AccountsSettings:
    """The accounts settings; read off the event loop only the first time (they touch a file)."""
    settings: AccountsSettings | None = getattr(request.app.state, "accounts_settings", None)
    if settings is None:
        settings = await run_in_threadpool(accounts_settings, request)
    return settings


SessionDependency = Annotated[Session, Depends(get_session)]
SettingsDependency = Annotated[AccountsSettings, Depends(loaded_accounts_settings)]
BearerDependency = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def not_authenticated(message: str, *, token_given: bool) -> APIError:
    """Return the 401 not_authenticated error, with its WWW-Authenticate challenge."""
    challenge = 'Bearer error="invalid_token"' if token_given else "Bearer"
    return APIError(401, "not_authenticated", message, {"WWW-Authenticate": challenge})


async def optional_session(
    request: Request, db: SessionDependency, credentials: BearerDependency
) -> AuthSession | None:
    """The caller's sign-in session; None without a token, 401 for a bad or revoked one."""
    if credentials is None:
        return None
    settings = await loaded_accounts_settings(request)
    auth_session = await run_in_threadpool(
        session_for_access_token, db, settings, credentials.credentials
    )
    if auth_session is None:
        raise invalid_token()
    return auth_session


async def current_session(
    auth_session: Annotated[AuthSession | None, Depends(optional_session)],
) -> AuthSession:
    """The caller's sign-in session; 401 not_authenticated without a valid access token."""
    if auth_session is None:
        raise not_authenticated("Sign in to use this.", token_given=False)
    return auth_session


def invalid_token() -> APIError:
    """Return the 401 for an access token that is unknown, expired or revoked."""
    return not_authenticated("The access token is not valid.", token_given=True)


def user_of(db: Session, auth_session: AuthSession) -> User:
    """Return the user a live session belongs to."""
    user = db.get(User, auth_session.user_id)
    if user is None:  # deleted between the token check and now
        raise not_authenticated("The account no longer exists.", token_given=True)
    return user


def user_for_token(db: Session, settings: AccountsSettings, access_token: str) -> User:
    """Return the user of a valid access token (401 otherwise); blocking, run it in a thread."""
    auth_session = session_for_access_token(db, settings, access_token)
    if auth_session is None:
        raise invalid_token()
    return user_of(db, auth_session)


async def optional_user(
    request: Request, db: SessionDependency, credentials: BearerDependency
) -> User | None:
    """The signed-in user, or None for an anonymous caller (a bad token still gets 401)."""
    if credentials is None:
        return None
    settings = await loaded_accounts_settings(request)
    return await run_in_threadpool(user_for_token, db, settings, credentials.credentials)


async def current_user(
    request: Request, db: SessionDependency, credentials: BearerDependency
) -> User:
    """The signed-in user; 401 not_authenticated (WWW-Authenticate: Bearer) otherwise."""
    user = await optional_user(request, db, credentials)
    if user is None:
        raise not_authenticated("Sign in to use this.", token_given=False)
    return user


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, User]]:
    """Return a dependency giving the signed-in user if their role is one of these, else 403."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"require_roles needs roles among {ROLES}, not {sorted(unknown)}")

    async def user_with_role(user: Annotated[User, Depends(current_user)]) -> User:
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


def invalid_api_key() -> APIError:
    """Return the 403 for an api_key no client has."""
    return APIError(403, "invalid_api_key", "The api_key is not valid.")


def api_client_id(db: Session, key: str) -> int:
    """Return the id of the client whose api_key this is; 403 invalid_api_key (blocking).

    Cached for a few seconds (api_keys.ApiKeyCache): a replaced key stops working within them.
    """
    client_id = API_KEYS.client_id(db, key)
    if client_id is None:
        raise invalid_api_key()
    return client_id


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
        raise invalid_api_key()
    return client
