"""The access log of a real server never holds API keys, codes, tokens or tracking codes."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
import uvicorn

from hue_s.backend import server
from hue_s.backend.access_log import ACCESS_LOGGER, hidden_secrets
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.server import EmbeddedBackend

SECRETS = ("k3y-of-a-client", "7KQ9MXA3", "s3cret-token", "123456")


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("/requests.json?api_key=k3y&page=2", "/requests.json?api_key=[hidden]&page=2"),
        ("/api/v1/incidents/track/42-7KQ9-MXA3", "/api/v1/incidents/track/[hidden]"),
        ("/tokens/abc.json?api_key=x", "/tokens/[hidden].json?api_key=[hidden]"),
        ("/api/v1/wards?lat=16.4&lon=107.5", "/api/v1/wards?lat=16.4&lon=107.5"),
        ("/x?CODE=1&token=t&otp=r", "/x?CODE=[hidden]&token=[hidden]&otp=[hidden]"),
    ],
)  # fmt: skip
def test_secrets_of_a_request_target_are_hidden(target: str, shown: str) -> None:
    assert hidden_secrets(target) == shown


class Lines(logging.Handler):
    """Keep the formatted message of each record."""

    def __init__(self) -> None:
        """Start with no lines."""
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep one record's message."""
        self.lines.append(record.getMessage())


def test_a_real_servers_access_log_holds_no_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = Lines()

    def loud_server(
        settings: BackendSettings, host: str, port: int, *, embedded: bool
    ) -> uvicorn.Server:
        """The standalone server (access log on, as `hue-s-backend` runs it), listened to."""
        made = original(settings, host, port, embedded=False)
        logging.getLogger(ACCESS_LOGGER).addHandler(kept)
        return made

    original = server.uvicorn_server
    monkeypatch.setattr(server, "uvicorn_server", loud_server)
    settings = BackendSettings(data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "a.db"))
    try:
        with EmbeddedBackend(settings) as backend:
            base = backend.base_url
            httpx.get(f"{base}/open311/v2/requests.json", params={"api_key": SECRETS[0]})
            httpx.get(f"{base}/api/v1/incidents/track/42-{SECRETS[1]}")
            httpx.get(f"{base}/open311/v2/tokens/{SECRETS[2]}.json")
            httpx.get(f"{base}/api/v1/me", params={"code": SECRETS[3]})
    finally:
        logging.getLogger(ACCESS_LOGGER).removeHandler(kept)
    lines = [line for line in kept.lines if "/healthz" not in line]
    assert len(lines) == 4, kept.lines
    assert not [line for line in lines if any(secret in line for secret in SECRETS)], lines
