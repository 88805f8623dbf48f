"""Request bodies are bounded as they stream, per route: the app's default, larger for uploads."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from hue_s.backend.body_limits import MAX_BODY_BYTES, larger_bodies
from hue_s.modules.incidents.backend.cases.submission import MAX_FORM_BYTES
from hue_s.modules.incidents.backend.routes.cases import RESOLVE_BODY_BYTES
from hue_s.plugins import plugin_manager

MIB = 1024 * 1024
CHUNK = 64 * 1024
BOUNDARY = "limits"
FILE_HEAD = (
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="media"; filename="a.jpg"\r\n'
    "Content-Type: image/jpeg\r\n\r\n"
).encode()
FORM = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
JSON = {"Content-Type": "application/json"}


class Streamed:
    """A body sent in chunks as the server asks for them, counting the bytes it took."""

    def __init__(self, total: int, head: bytes = b"") -> None:
        """Send `head`, then spaces up to `total` bytes in all."""
        self.total = total
        self.head = head
        self.taken = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """Yield the chunks, counting each one the server pulls."""
        left = self.total
        first = self.head
        while left > 0:
            chunk = (first + b" " * CHUNK)[: min(CHUNK, left)]
            first = b""
            self.taken += len(chunk)
            left -= len(chunk)
            yield chunk


def error_code(response: httpx.Response) -> str:
    """Return the error code of a JSON error or of a GeoReport error list."""
    body = response.json()
    code: str = body[0]["error_code"] if isinstance(body, list) else body["error"]["code"]
    return code


ROUTES = {
    "otp (JSON, default limit)": ("/api/v1/auth/otp", JSON, b'{"phone": "', MAX_BODY_BYTES),
    "case note (idempotent route)": ("/api/v1/cases/1/notes", JSON, b'{"note": "', MAX_BODY_BYTES),
    "open311 report (photos)": ("/open311/v2/requests.json", FORM, FILE_HEAD, MAX_FORM_BYTES),
    "case resolve (after photo)": ("/api/v1/cases/1/resolve", FORM, FILE_HEAD, RESOLVE_BODY_BYTES),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_a_chunked_body_over_the_route_limit_gets_413_before_it_is_all_read(
    client: httpx.AsyncClient, route: str
) -> None:
    path, headers, head, limit = ROUTES[route]
    body = Streamed(limit + 20 * MIB, head)
    response = await client.post(path, content=body, headers=headers)
    assert (response.status_code, error_code(response)) == (413, "payload_too_large")
    assert limit < body.taken <= limit + CHUNK


@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_a_body_announced_over_the_route_limit_gets_413_unread(
    client: httpx.AsyncClient, route: str
) -> None:
    path, headers, head, limit = ROUTES[route]
    body = Streamed(limit + 1, head)
    response = await client.post(
        path, content=body, headers=headers | {"Content-Length": str(limit + 1)}
    )
    assert (response.status_code, error_code(response)) == (413, "payload_too_large")
    assert body.taken == 0


async def test_upload_routes_take_bodies_above_the_default_limit(
    client: httpx.AsyncClient,
) -> None:
    body = Streamed(MAX_BODY_BYTES * 4, FILE_HEAD)
    response = await client.post("/open311/v2/requests.json", content=body, headers=FORM)
    assert response.status_code != 413, response.text
    assert body.taken == MAX_BODY_BYTES * 4


LARGER = {
    "/open311/v2/requests.json": FORM,
    "/api/v1/incidents/assisted": FORM,
    "/api/v1/cases/1/resolve": FORM,
    "/api/v1/alerts": JSON,
    "/api/v1/alerts/1/update": JSON,
    "/api/v1/alerts/area-wards": JSON,
    "/api/v1/services/dossiers": FORM,
    "/api/v1/services/dossiers/HS-X/supplement": FORM,
    "/api/v1/services/dossiers/HS-X/supplement-at-office": FORM,
    "/api/v1/services/dossiers/HS-X/approve": FORM,
    "/api/v1/services/assisted-dossiers": FORM,
}


@pytest.mark.parametrize("path", sorted(LARGER))
async def test_each_larger_limit_applies_to_its_route_only(
    client: httpx.AsyncClient, path: str
) -> None:
    assert len(LARGER) == len(larger_bodies(plugin_manager()))
    size = 2 * MAX_BODY_BYTES
    larger = await client.post(
        path, content=b" " * size, headers=LARGER[path] | {"Content-Length": str(size)}
    )
    assert larger.status_code != 413, larger.text
    small = await client.post(
        "/api/v1/auth/otp", content=b" " * size, headers=JSON | {"Content-Length": str(size)}
    )
    assert small.status_code == 413
