"""X-Forwarded-For is believed only from the proxies of HUE_S_TRUSTED_PROXIES (none by default)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Request

from hue_s.backend import server
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.server import EmbeddedBackend

FORWARDED = {"X-Forwarded-For": "203.0.113.9"}


def with_peer_route(app: FastAPI) -> FastAPI:
    """Add a route answering the address the app sees as the client's (what rate limits use)."""

    @app.get("/peer", include_in_schema=False)
    def peer(request: Request) -> str:
        return request.client.host if request.client else ""

    return app


def peer_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Serve on loopback and return the client address of a request with X-Forwarded-For."""
    monkeypatch.setattr(server, "create_app", lambda s: with_peer_route(create_app(s)))
    settings = BackendSettings(data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "p.db"))
    with EmbeddedBackend(settings) as backend:
        answer: str = httpx.get(f"{backend.base_url}/peer", headers=FORWARDED).json()
    return answer


def test_by_default_the_real_peer_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUE_S_TRUSTED_PROXIES", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    assert peer_seen(tmp_path, monkeypatch) == "127.0.0.1"


def test_a_trusted_proxy_forwards_the_clients_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUE_S_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1")
    assert BackendSettings(data_dir=tmp_path).trusted_proxies == ("10.0.0.0/8", "127.0.0.1")
    assert peer_seen(tmp_path, monkeypatch) == "203.0.113.9"
