"""HTTP hygiene of every answer: security headers, caching, Allow, HEAD, errors, keep-alive."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend import server
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.server import EmbeddedBackend

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
}


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/healthz"), ("GET", "/nowhere"), ("DELETE", "/api/v1/wards"), ("GET", "/docs")],
)
async def test_every_answer_carries_the_security_headers(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    answer = await client.request(method, path)
    assert {name: answer.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


async def test_open_data_stays_cacheable_but_credentials_and_tokens_are_not(
    client: httpx.AsyncClient,
) -> None:
    anonymous = await client.get("/api/v1/wards")
    assert "no-store" not in anonymous.headers.get("cache-control", "")
    assert "Authorization" in anonymous.headers["vary"]
    signed = await client.get("/api/v1/wards", headers={"Authorization": "Bearer x"})
    assert signed.headers["cache-control"] == "no-store"
    with_key = await client.get("/open311/v2/requests.json", params={"api_key": "k"})
    assert with_key.headers["cache-control"] == "no-store"
    for private in ("/api/v1/incidents/track/1-ABCD-EFGH", "/api/v1/me"):
        assert (await client.get(private)).headers["cache-control"] == "no-store"
    token = await client.post("/api/v1/auth/token", json={"grant_type": "refresh_token"})
    assert token.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/open311/v2/requests.json", "GET, HEAD, POST"),
        ("PUT", "/api/v1/alerts", "GET, HEAD, POST"),
        ("DELETE", "/api/v1/incidents/photos/abc", "GET, HEAD"),
        ("POST", "/api/v1/wards", "GET, HEAD"),
    ],
)
async def test_a_405_names_every_method_of_the_path(
    client: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    answer = await client.request(method, path)
    assert answer.status_code == 405
    assert answer.headers["allow"] == allow


async def test_head_answers_like_get_without_a_body(client: httpx.AsyncClient) -> None:
    got = await client.get("/api/v1/wards")
    head = await client.head("/api/v1/wards")
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]


@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": "0001-01-01T00:00:00"},
        {"end_date": "0001-01-01T00:00:00"},
        {"start_date": "9999-12-31T23:59:59"},
        {"start_date": "0001-01-01T00:00:00", "end_date": "0001-01-02T00:00:00"},
    ],
)
async def test_dates_out_of_range_are_a_clear_400(
    client: httpx.AsyncClient, dates: dict[str, str]
) -> None:
    answer = await client.get("/open311/v2/requests.json", params=dates)
    assert answer.status_code == 400, answer.text
    assert answer.json()[0]["error_code"] == "invalid_date"


def crash_route(app: FastAPI) -> FastAPI:
    """Add a route that fails with an unexpected error."""

    @app.get("/crash", include_in_schema=False)
    def crash() -> None:
        raise RuntimeError("a bug")

    return app


async def test_an_unexpected_error_is_a_json_500(app: FastAPI, client: httpx.AsyncClient) -> None:
    crash_route(app)
    answer = await client.get("/crash")
    assert answer.status_code == 500
    assert answer.json() == {
        "error": {"code": "internal_error", "message": "Something went wrong on the server."}
    }
    assert answer.headers["cache-control"] == "no-store"


def http_exchange(connection: socket.socket, path: str) -> bytes:
    """Send one GET on an open connection and return its whole answer (by Content-Length)."""
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = connection.recv(65536)
        assert chunk, f"the server closed the connection; got {answer!r}"
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = connection.recv(65536)
        assert chunk, "the server closed the connection mid-answer"
        body += chunk
    return head


@pytest.fixture
def served_with_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A real uvicorn on loopback serving the app plus a /crash route; yields its base URL."""
    monkeypatch.setattr(server, "create_app", lambda settings: crash_route(create_app(settings)))
    settings = BackendSettings(data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "h.db"))
    with EmbeddedBackend(settings) as backend:
        assert backend.base_url is not None
        yield backend.base_url


def test_a_500_keeps_the_keep_alive_connection_open(served_with_a_crash: str) -> None:
    port = int(served_with_a_crash.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        assert http_exchange(connection, "/crash").startswith(b"HTTP/1.1 500")
        assert http_exchange(connection, "/healthz").startswith(b"HTTP/1.1 200")


def test_head_of_an_event_stream_ends_and_frees_the_connection(served_with_a_crash: str) -> None:
    with httpx.Client(base_url=served_with_a_crash, timeout=5) as http:
        head = http.head("/api/v1/alerts/stream")
        assert head.status_code == 200
        assert head.headers["content-type"].startswith("text/event-stream")
        assert http.get("/healthz").status_code == 200  # on the same connection, not stuck


async def test_every_path_answers_an_unlisted_method_with_its_methods_in_allow(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    wrong = []
    for template, operations in app.openapi()["paths"].items():
        path = template.replace("{response_format}", "json")
        path = re.sub(r"\{\w+\}", "1", path)
        methods = {method.upper() for method in operations}
        expected = ", ".join(sorted(methods | ({"HEAD"} if "GET" in methods else set())))
        for method in ("OPTIONS", *sorted({"PUT", "PATCH", "DELETE", "POST"} - methods)):
            answer = await client.request(method, path)
            if (answer.status_code, answer.headers.get("allow")) != (405, expected):
                wrong.append(f"{method} {path}: {answer.status_code} {answer.headers.get('allow')}")
    assert not wrong, "\n".join(wrong)
