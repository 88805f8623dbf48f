"""Bound every request body as it streams: 413 payload_too_large once its route's limit is passed.

Bodies are small (MAX_BODY_BYTES) except on the routes of LARGER_BODIES, which take photos or
drawn areas. The limit is known at the body's first read, once the router has matched the route
to its endpoint: a body announced larger (Content-Length) is refused before any byte of it is
read, one sent without a length (chunked) as soon as the bytes read pass the limit. The 413 is
an HTTPException, so each route answers it in its own error format (the JSON error shape, or
GeoReport's). Replaces the Content-Length check of the incident routes (routes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hue_s.backend.alerts.routes_api import create_alert, read_area_wards, update_alert
from hue_s.backend.incidents.cases_api import RESOLVE_BODY_BYTES, resolve_case
from hue_s.backend.incidents.open311_post_api import post_request
from hue_s.backend.incidents.submission import MAX_FORM_BYTES
from hue_s.backend.incidents.tracking_api import file_for_a_visitor

MAX_BODY_BYTES = 64 * 1024
"""Any route's body, unless LARGER_BODIES says otherwise."""
ALERT_DRAFT_BYTES = 256 * 1024
"""An alert: 2,000 polygon points and 10,000-character texts, JSON-escaped."""
LARGER_BODIES: dict[Callable[..., Any], int] = {
    post_request: MAX_FORM_BYTES,
    file_for_a_visitor: MAX_FORM_BYTES,
    resolve_case: RESOLVE_BODY_BYTES,
    create_alert: ALERT_DRAFT_BYTES,
    update_alert: ALERT_DRAFT_BYTES,
    read_area_wards: ALERT_DRAFT_BYTES,
}
"""Routes taking larger bodies, by endpoint: the photo uploads and the drawn alerts."""


def body_limit(scope: Scope) -> int:
    """Return the body limit of the route the router matched (the default before it has)."""
    endpoint = scope.get("endpoint")
    return LARGER_BODIES.get(endpoint, MAX_BODY_BYTES) if callable(endpoint) else MAX_BODY_BYTES


def announced_length(scope: Scope) -> int | None:
    """Return the Content-Length of a request, if it has a well-formed one."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def too_large(limit: int) -> HTTPException:
    """Return the 413 for a body over its limit."""
    return HTTPException(413, f"The body may have at most {limit} bytes.")


class BodyLimits:
    """ASGI middleware counting each request body as it is read; see the module docstring."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap an ASGI app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request, its body read through the counting `receive`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = -1
        read = 0

        async def counted() -> Message:
            """Receive the next piece of the body; 413 past the route's limit."""
            nonlocal limit, read
            if limit < 0:
                limit = body_limit(scope)
                if (announced_length(scope) or 0) > limit:
                    raise too_large(limit)
            message = await receive()
            read += len(message.get("body", b""))
            if read > limit:
                raise too_large(limit)
            return message

        await self.app(scope, counted, send)
