"""Bound every request body as it streams: 413 payload_too_large once its route's limit is passed.

Bodies are small (MAX_BODY_BYTES) except on the routes the modules list (hook
hue_s_backend_body_limits), which take photos or drawn areas. The limit is known at the body's
first read, once the router has matched the route to its endpoint: a body announced larger
(Content-Length) is refused before any byte of it is read, one sent without a length (chunked)
as soon as the bytes read pass the limit. The 413 is an HTTPException, so each route answers it
in its own error format (the JSON error shape, or GeoReport's). Replaces the Content-Length
check of the incident routes (routes.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pluggy
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024
"""Any route's body, unless a module lists it as larger."""
Limits = Mapping[Callable[..., Any], int]


def larger_bodies(plugins: pluggy.PluginManager) -> dict[Callable[..., Any], int]:
    """Return the routes taking larger bodies, by endpoint, that the enabled modules list."""
    return {
        endpoint: limit
        for found in plugins.hook.hue_s_backend_body_limits()
        for endpoint, limit in found.items()
    }


def body_limit(scope: Scope, larger: Limits) -> int:
    """Return the body limit of the route the router matched (the default before it has)."""
    endpoint = scope.get("endpoint")
    return larger.get(endpoint, MAX_BODY_BYTES) if callable(endpoint) else MAX_BODY_BYTES


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

    def __init__(self, app: ASGIApp, larger: Limits) -> None:
        """Wrap an ASGI app, with the limits of the routes taking larger bodies."""
        self.app = app
        self.larger = larger

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
                limit = body_limit(scope, self.larger)
                if (announced_length(scope) or 0) > limit:
                    raise too_large(limit)
            message = await receive()
            read += len(message.get("body", b""))
            if read > limit:
                raise too_large(limit)
            return message

        await self.app(scope, counted, send)
