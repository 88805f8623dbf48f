"""HTTP hygiene of every answer: security headers, no caching of private data, HEAD as GET.

One ASGI middleware decides for the whole API, so that no route has to remember:
- every answer says nosniff, no referrer, and may not be framed;
- an answer is kept out of caches (`no-store`) unless it is an anonymous GET of a path that is
  not private (open data stays cacheable as its route says); every answer varies by credentials;
- a 405 says in Allow the methods the OpenAPI document gives the path;
- HEAD runs the GET route and sends its headers without the body;
- an exception that escapes the app is logged and answered (500, or 507 when storage is full)
  here, so that it never reaches the server, which would reset the keep-alive connection.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hue_s.backend.kernel.api_errors import handle_unexpected_error

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
)
CREDENTIAL_HEADERS = (b"authorization", b"cookie", b"x-device-key")
CREDENTIAL_PARAMS = frozenset({"api_key", "token", "access_token", "code"})
PRIVATE_PATH_PREFIXES = ("/api/v1/auth/", "/api/v1/me", "/api/v1/incidents/track/")
"""Answers about one person (tokens, account, a slip's tracking code), even when anonymous."""
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
NO_STORE = b"no-store"
VARY_ON = b"Authorization"


def carries_credentials(scope: Scope) -> bool:
    """Tell whether a request says who sends it (headers or a secret in the query)."""
    if any(name in CREDENTIAL_HEADERS for name, _ in scope["headers"]):
        return True
    query = scope.get("query_string", b"").decode("latin-1")
    return any(name in CREDENTIAL_PARAMS for name, _ in parse_qsl(query))


def may_be_cached(scope: Scope) -> bool:
    """Tell whether an answer may be stored by caches: anonymous GET of a non-private path."""
    return (
        scope["method"] in ("GET", "HEAD")
        and not scope["path"].startswith(PRIVATE_PATH_PREFIXES)
        and not carries_credentials(scope)
    )


def hygienic_headers(
    headers: list[tuple[bytes, bytes]], cacheable: bool
) -> list[tuple[bytes, bytes]]:
    """Return response headers with the security, cache and Vary headers set."""
    names = {name.lower() for name, _ in headers}
    kept = [
        (name, value) for name, value in headers if cacheable or name.lower() != b"cache-control"
    ]
    kept += [(name, value) for name, value in SECURITY_HEADERS if name not in names]
    if not cacheable:
        kept.append((b"cache-control", NO_STORE))
    vary = [value for name, value in kept if name.lower() == b"vary"]
    if not any(VARY_ON.lower() in value.lower() for value in vary):
        kept.append((b"vary", VARY_ON))
    return kept


@cache
def path_pattern(template: str) -> re.Pattern[str]:
    """Return the regular expression of an OpenAPI path template ({name} is one segment)."""
    return re.compile("[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template)))


def allowed_methods(scope: Scope) -> bytes:
    """Return the Allow header of a request's path: its methods in the OpenAPI document.

    As in OpenAPI, a path written out (/incidents/assisted) wins over a template that also
    matches it (/incidents/{incident_id}).
    """
    paths: dict[str, dict[str, Any]] = scope["app"].openapi()["paths"]
    path = scope["path"]
    templates = [path] if path in paths else [t for t in paths if path_pattern(t).fullmatch(path)]
    methods = {
        method.upper()
        for template in templates
        for method in paths[template]
        if method in HTTP_METHODS
    }
    if "GET" in methods:
        methods.add("HEAD")  # HEAD runs the GET route
    return ", ".join(sorted(methods)).encode()


class HttpHygiene:
    """The ASGI middleware described in this module's docstring."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap an ASGI app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request with hygienic headers; answer an escaped exception."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        cacheable = may_be_cached(scope)
        started = False

        async def send_hygienic(message: Message) -> None:
            """Set the headers on the start of the answer; drop the body of a HEAD."""
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                storable = cacheable and message["status"] < 500
                headers = hygienic_headers(list(message.get("headers", [])), storable)
                if message["status"] == 405:
                    headers = [(name, value) for name, value in headers if name.lower() != b"allow"]
                    headers.append((b"allow", allowed_methods(scope)))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and head:
                return  # the answer of a HEAD ended with its start (an event stream never ends)
            await send(message)
            if head and message["type"] == "http.response.start":
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        inner = {**scope, "method": "GET"} if head else scope
        try:
            await self.app(inner, receive, send_hygienic)
        except Exception as error:  # the last place where an error can still be answered
            response = await handle_unexpected_error(Request(scope), error)
            if not started:
                await response(scope, receive, send_hygienic)
