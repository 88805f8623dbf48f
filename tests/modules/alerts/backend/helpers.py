"""Test helpers of the alerts domain: sample files, a fake Open-Meteo, a loopback server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

DATA = Path(__file__).parent / "data"
CAP_SAMPLES = DATA / "cap"
SHARED_CAP = Path(__file__).resolve().parents[5] / "shared" / "testdata" / "cap"
"""The full CAP test set beside the clone (../shared), when it is there."""


def cap_sample(name: str) -> bytes:
    """Return a copied CAP sample, e.g. 'google-cap-library/weather.cap'."""
    return (CAP_SAMPLES / name).read_bytes()


class FakeOpenMeteo:
    """An Open-Meteo-compatible API answering from the query, or failing on demand."""

    def __init__(self) -> None:
        """Start healthy, with no request seen."""
        self.requests: list[httpx.Request] = []
        self.failing = False
        self.envelope = json.loads((DATA / "open-meteo" / "forecast_minimal.json").read_text())
        self.flood = json.loads((DATA / "open-meteo" / "flood.json").read_text())

    def _forecast(self, params: httpx.QueryParams) -> dict[str, Any]:
        """Answer a forecast query with the variables, hours and days it asks for."""
        start = datetime(2025, 11, 17, tzinfo=UTC)
        hours = int(params.get("forecast_hours", 168))
        days = int(params.get("forecast_days", 7))
        hourly = params["hourly"].split(",")
        daily = params["daily"].split(",")
        current = params["current"].split(",")
        return {
            **self.envelope,
            "latitude": float(params["latitude"]),
            "longitude": float(params["longitude"]),
            "timezone": params.get("timezone", "GMT"),
            "current": {"time": "2025-11-17T08:00", **{name: 1.5 for name in current}},
            "hourly": {
                "time": [
                    (start + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M") for h in range(hours)
                ],
                **{name: [float(h) for h in range(hours)] for name in hourly},
            },
            "daily": {
                "time": [(start + timedelta(days=d)).strftime("%Y-%m-%d") for d in range(days)],
                **{name: [float(d) for d in range(days)] for name in daily},
            },
        }

    def _flood(self, params: httpx.QueryParams) -> Any:
        """Answer a flood query: one object per requested point."""
        lats = params["latitude"].split(",")
        answers = [{**self.flood, "latitude": float(lat)} for lat in lats]
        return answers if len(answers) > 1 else answers[0]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """Handle one request (httpx.MockTransport calls this)."""
        self.requests.append(request)
        if self.failing:
            return httpx.Response(502, text="upstream down")
        if request.url.path.endswith("/v1/forecast"):
            return httpx.Response(200, json=self._forecast(request.url.params))
        if request.url.path.endswith("/v1/flood"):
            return httpx.Response(200, json=self._flood(request.url.params))
        return httpx.Response(404, json={"error": True, "reason": "unknown path"})


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve_on_loopback(app: FastAPI, timeout: float = 20.0) -> Iterator[str]:
    """Serve an app with uvicorn on 127.0.0.1 in a thread; yield its base URL; stop after."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", log_config=None,
        timeout_graceful_shutdown=1,
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the loopback server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
