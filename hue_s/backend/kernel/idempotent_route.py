"""A route class for any module: errors rendered inside the route, Idempotency-Key honoured on POST.

A module plugs in by subclassing: `check` refuses a request before it runs, `other_credentials`
adds to the scope what identifies a caller besides the Authorization header (an api_key), and
`render_error` answers in another error format. Bodies are bounded as they stream by FastAPI's
max_body_size (the app's default, or a route's own from hue_s_backend_body_limits); an overflow
raises a 413 HTTPException that render_error answers.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import (
    APIError,
    handle_api_error,
    handle_http_exception,
    handle_validation_error,
)
from hue_s.backend.kernel.idempotency import (
    IdempotencyStore,
    idempotency_key,
    replay,
    request_fingerprint,
    request_scope,
)

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
EXPECTED_ERRORS = (APIError, RequestValidationError, HTTPException)


class IdempotentRoute(APIRoute):
    """A route whose POSTs honour Idempotency-Key; its errors become responses in the route."""

    async def render_error(self, request: Request, error: Exception) -> Response:
        """Render an expected error in the backend's one JSON error shape."""
        if isinstance(error, APIError):
            return await handle_api_error(request, error)
        if isinstance(error, RequestValidationError):
            return await handle_validation_error(request, error)
        return await handle_http_exception(request, error)

    def get_route_handler(self) -> Handler:
        """Wrap FastAPI's handler with checks, idempotency and error rendering."""
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            """Answer the request; expected errors become responses here."""
            try:
                await self.check(request)
                if request.method != "POST":
                    return await handler(request)
                return await self.run_once(handler, request)
            except EXPECTED_ERRORS as error:
                return await self.render_error(request, error)

        return route_handler

    async def check(self, request: Request) -> None:
        """Refuse a request before it runs (nothing to refuse here; subclasses may)."""

    async def other_credentials(self, request: Request) -> str:
        """Return what identifies the caller besides Authorization (nothing here)."""
        return ""

    async def run_once(self, handler: Handler, request: Request) -> Response:
        """Run a POST, or replay the stored answer of an earlier one with the same key."""
        key = idempotency_key(request)
        if key is None:
            return await handler(request)
        factory = request.app.state.session_factory
        scope = request_scope(request, await self.other_credentials(request))
        store = IdempotencyStore(factory, scope, key)
        stored = await run_in_threadpool(store.claim, await request_fingerprint(request))
        if stored is not None:
            return replay(stored)
        try:
            response = await handler(request)
        except EXPECTED_ERRORS as error:
            response = await self.render_error(request, error)
        except BaseException:
            await run_in_threadpool(store.release)
            raise
        if response.status_code >= 500:
            await run_in_threadpool(store.release)
        else:
            await run_in_threadpool(store.store, response)
        return response
