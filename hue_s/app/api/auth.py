"""Bearer tokens on every request, refreshed once when the server says the access token expired."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Protocol

import httpx
from pydantic import ValidationError

from hue_s.app.api.models.accounts import RefreshRequest, TokenGrant
from hue_s.app.api.resources.accounts import AUTH

logger = logging.getLogger(__name__)

REFRESH_PATH = f"{AUTH}/refresh"
# Endpoints that work without a token: they never get one, and a 401 there is final.
PUBLIC_PATHS = (f"{AUTH}/otp", f"{AUTH}/token", REFRESH_PATH)
# Endpoints that get the token but must not refresh it on a 401.
NO_REFRESH_PATHS = (f"{AUTH}/logout",)
# Refresh answers that mean the refresh token is dead (expired, revoked, reused).
DEAD_REFRESH_STATUSES = frozenset({400, 401, 403, 422})

SessionExpiredCallback = Callable[[], Awaitable[None]]


class TokenSource(Protocol):
    """Where the auth flow reads the current tokens and keeps new ones."""

    @property
    def access_token(self) -> str | None:
        """Return the current access token, or None when signed out."""
        ...

    @property
    def refresh_token(self) -> str | None:
        """Return the current refresh token, or None when signed out."""
        ...

    async def latest_refresh_token(self) -> str | None:
        """Return the refresh token to spend now (another tab may have exchanged ours)."""
        ...

    async def store(self, grant: TokenGrant) -> None:
        """Keep a new token pair."""
        ...

    async def clear(self) -> None:
        """Forget both tokens."""
        ...


class SessionAuth(httpx.Auth):
    """Adds `Authorization: Bearer` and, on a 401, refreshes the pair once and retries.

    Concurrent requests that all meet the same expired token wait on one lock: the first
    refreshes, the others retry with its new token. When the refresh token is refused, the
    tokens are forgotten and `on_session_expired` is called once.
    """

    def __init__(
        self,
        tokens: TokenSource,
        *,
        base_url: str | httpx.URL,
        on_session_expired: SessionExpiredCallback | None = None,
    ) -> None:
        """Read and store tokens through `tokens`; refresh at `base_url` + the refresh path."""
        self.tokens = tokens
        self.on_session_expired = on_session_expired
        self._refresh_url = httpx.URL(str(base_url).rstrip("/") + REFRESH_PATH)
        self._lock = asyncio.Lock()

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
        """Refuse synchronous clients: the token store and the lock are asynchronous."""
        raise RuntimeError("SessionAuth works with httpx.AsyncClient only")

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Send the request with the token; on a 401 refresh once and send it again."""
        path = request.url.path
        if path.endswith(PUBLIC_PATHS):
            yield request
            return
        sent_token = self.tokens.access_token
        if sent_token is not None:
            request.headers["Authorization"] = f"Bearer {sent_token}"
        response = yield request
        if response.status_code != 401 or sent_token is None or path.endswith(NO_REFRESH_PATHS):
            return
        expired = False
        async with self._lock:
            refresh_token = await self.tokens.latest_refresh_token()
            if self.tokens.access_token == sent_token and refresh_token is not None:
                # When the refresh fails, the caller gets its answer: a 401 when the session
                # is over, a 5xx or 429 when the server cannot refresh right now.
                refresh_response = yield self._refresh_request(request, refresh_token)
                await refresh_response.aread()
                expired = not await self._keep_refreshed(refresh_response)
            elif self.tokens.access_token == sent_token:
                await self.tokens.clear()
                expired = True
        if expired:
            await self._notify_expired()
            return
        new_token = self.tokens.access_token
        if new_token is None or new_token == sent_token:
            return
        request.headers["Authorization"] = f"Bearer {new_token}"
        yield request

    def _refresh_request(self, original: httpx.Request, refresh_token: str) -> httpx.Request:
        """Build the refresh request, with the original's language and request id."""
        headers = {"Accept": "application/json"}
        for name in ("Accept-Language", "X-Request-ID"):
            if name in original.headers:
                headers[name] = original.headers[name]
        body = RefreshRequest(refresh_token=refresh_token).model_dump()
        return httpx.Request("POST", self._refresh_url, json=body, headers=headers)

    async def _keep_refreshed(self, response: httpx.Response) -> bool:
        """Store the new pair from a refresh answer; False when the session is over."""
        if response.status_code in DEAD_REFRESH_STATUSES:
            logger.info("refresh refused (HTTP %s); the session is over", response.status_code)
            await self.tokens.clear()
            return False
        if not response.is_success:
            return True  # the server could not refresh now; the session may still be alive
        try:
            grant = TokenGrant.model_validate_json(response.content)
        except ValidationError:
            logger.warning("refresh answer is not a token grant; keeping the old tokens")
            return True
        await self.tokens.store(grant)
        return True

    async def _notify_expired(self) -> None:
        """Tell the app the session is over; a failing callback must not break the request."""
        if self.on_session_expired is None:
            return
        try:
            await self.on_session_expired()
        except Exception:
            logger.exception("the session-expired callback failed")
