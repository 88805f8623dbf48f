"""Tests of hue_s/backend/server.py: the embedded server and port problems."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.server import EmbeddedBackend, serve
from hue_s.backend.startup import BackendStartError


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another socket is listening on."""
    with socket.create_server(("127.0.0.1", 0)) as holder:
        yield holder.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Tell whether 127.0.0.1:port can be bound now."""
    try:
        with socket.create_server(("127.0.0.1", port)):
            return True
    except OSError:
        return False


def test_embedded_backend_serves_on_a_free_loopback_port(settings: BackendSettings) -> None:
    backend = EmbeddedBackend(settings)
    base_url = backend.start()
    try:
        assert base_url.startswith("http://127.0.0.1:")
        assert backend.running
        assert backend.start() == base_url  # starting twice is harmless
        assert httpx.get(f"{base_url}/healthz").json() == {"status": "ok"}
        located = httpx.get(
            f"{base_url}/api/v1/wards/locate", params={"lat": 16.4698, "lon": 107.5786}
        )
        assert located.json()["code"] == "19753"
    finally:
        backend.stop()
    assert not backend.running
    assert port_is_free(int(base_url.rsplit(":", 1)[1]))
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/healthz")


def test_embedded_backend_as_context_manager(settings: BackendSettings) -> None:
    with EmbeddedBackend(settings) as backend:
        assert backend.base_url is not None
        assert httpx.get(f"{backend.base_url}/api/v1/meta").status_code == 200
    assert backend.base_url is None


def test_embedded_backend_on_a_taken_port(tmp_path: Path, taken_port: int) -> None:
    backend = EmbeddedBackend(BackendSettings(data_dir=tmp_path), port=taken_port)
    with pytest.raises(BackendStartError, match=f"^Port {taken_port} on 127.0.0.1 is already"):
        backend.start()
    assert not backend.running


def test_serve_on_a_taken_port(tmp_path: Path, taken_port: int) -> None:
    with pytest.raises(BackendStartError, match="already in use"):
        serve(BackendSettings(data_dir=tmp_path), port=taken_port)


def test_failed_start_releases_the_port(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings = BackendSettings(database_url=sqlite_url_for(blocker / "hue-s.db"))
    with pytest.raises(BackendStartError, match="Cannot write to the data directory"):
        EmbeddedBackend(settings, port=port).start()
    assert port_is_free(port)
