"""Conditional GETs of the lists the app polls: a strong ETag of the body, 304 when it is known.

The ETag is a hash of the exact bytes answered, so a 304 only ever tells a caller that the copy
it already holds is what it would get now: it cannot say anything about another caller's list.
Routes answer it after their own checks (who is asking, what they may see), like any answer.
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response

JSON_TYPE = "application/json"
NOT_MODIFIED: dict[int | str, dict[str, str]] = {
    304: {"description": "Not modified: If-None-Match names the ETag of this very answer"}
}
"""The OpenAPI answer a conditional route adds (`responses=NOT_MODIFIED`)."""


def etag_of(body: bytes) -> str:
    """Return the strong ETag of a body."""
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def names_etag(if_none_match: str, etag: str) -> bool:
    """Tell whether an If-None-Match header names this ETag (weakly, as RFC 9110 compares)."""
    opaque = etag.removeprefix("W/")
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == opaque:
            return True
    return False


def conditional(request: Request, response: Response) -> Response:
    """Return a 200 answer with its ETag, or a 304 without body if the caller holds it."""
    if response.status_code != 200:
        return response
    etag = etag_of(bytes(response.body))
    known = request.headers.get("if-none-match")
    if known is not None and names_etag(known, etag):
        return Response(status_code=304, headers={"etag": etag})
    response.headers["etag"] = etag
    return response


def json_answer(request: Request, body: bytes) -> Response:
    """Return JSON bytes as a conditional answer."""
    return conditional(request, Response(body, media_type=JSON_TYPE))
