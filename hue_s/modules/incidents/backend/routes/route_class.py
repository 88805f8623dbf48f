"""Route classes: errors rendered inside the route, Idempotency-Key honoured on POST.

Bodies are bounded as they stream by FastAPI's max_body_size: the app's default, or a route's
own (the uploads); an overflow raises a 413 HTTPException that render_error answers.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import (
    CODES_BY_STATUS,
    APIError,
    handle_api_error,
    handle_http_exception,
    handle_validation_error,
)
from hue_s.modules.incidents.backend.idempotency import (
    IdempotencyStore,
    idempotency_key,
    replay,
    request_fingerprint,
    request_scope,
)
from hue_s.modules.incidents.backend.open311 import format as open311_format
from hue_s.modules.incidents.backend.open311.params import checked_jurisdiction

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
        """Refuse a request before it runs (nothing to refuse here; see Open311Route)."""

    async def run_once(self, handler: Handler, request: Request) -> Response:
        """Run a POST, or replay the stored answer of an earlier one with the same key."""
        key = idempotency_key(request)
        if key is None:
            return await handler(request)
        factory = request.app.state.session_factory
        store = IdempotencyStore(factory, await request_scope(request), key)
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


class Open311Route(IdempotentRoute):
    """A GeoReport v2 route: jurisdiction_id checked; errors as the spec's {code, description}."""

    async def check(self, request: Request) -> None:
        """Refuse a jurisdiction other than Huế's (404)."""
        await checked_jurisdiction(request)

    async def render_error(self, request: Request, error: Exception) -> Response:
        """Render an expected error in the GeoReport error format of the path's format."""
        path = request.url.path
        headers = getattr(error, "headers", None)
        if isinstance(error, APIError):
            status, code, message = error.status_code, error.code, error.message
        elif isinstance(error, RequestValidationError):
            problems = "; ".join(
                f"{'.'.join(str(part) for part in item.get('loc', ()))}: {item.get('msg', '')}"
                for item in error.errors()
            )
            status, code, message = 400, "validation_error", f"Invalid request: {problems}"
        else:
            assert isinstance(error, HTTPException)
            status = error.status_code
            code = CODES_BY_STATUS.get(status, "http_error")
            message = error.detail if isinstance(error.detail, str) else HTTPStatus(status).phrase
        response = open311_format.render_error(status, code, message, path)
        response.headers.update(headers or {})  # WWW-Authenticate, Retry-After
        return response
