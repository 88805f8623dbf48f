"""A stand-in for Open-Meteo's air-quality API, served on 127.0.0.1 in a thread.

It answers /v1/air-quality in the real format (as frenck/python-open-meteo's fixture shows it):
`utc_offset_seconds`, `current` and `hourly` with `time` and one list per variable. PM2.5 stays
at 55.7 µg/m³ up to the current hour (VN_AQI 110, "poor") and climbs after it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

OFFSET = timedelta(hours=7)
PM25_NOW = 55.7


def answer(now: datetime, lat: float = 16.5, lon: float = 107.6) -> dict[str, Any]:
    """Return an Open-Meteo air-quality answer: 24 past hours, this hour, 71 ahead (UTC+7)."""
    local = (now.astimezone(UTC) + OFFSET).replace(tzinfo=None, minute=0, second=0, microsecond=0)
    hours = [local + timedelta(hours=k) for k in range(-24, 72)]
    pm25 = [PM25_NOW if k <= 0 else round(PM25_NOW + 3 * k, 1) for k in range(-24, 72)]
    names = ("pm10", "carbon_monoxide", "nitrogen_dioxide", "sulphur_dioxide", "ozone")
    steady = dict(zip(names, (60.0, 300.0, 12.0, 3.0, 40.0), strict=True))
    hourly: dict[str, Any] = {"time": [t.strftime("%Y-%m-%dT%H:%M") for t in hours]}
    hourly |= {"pm2_5": pm25, **{name: [value] * len(hours) for name, value in steady.items()}}
    hourly |= {"us_aqi": [150] * len(hours), "european_aqi": [80] * len(hours)}
    current = {"time": local.strftime("%Y-%m-%dT%H:%M"), "interval": 3600, "pm2_5": PM25_NOW}
    return {
        "latitude": lat, "longitude": lon, "generationtime_ms": 0.5,
        "utc_offset_seconds": 25200, "timezone": "Asia/Bangkok",
        "timezone_abbreviation": "GMT+7", "elevation": 10.0,
        "current_units": {"time": "iso8601", "interval": "seconds", "pm2_5": "μg/m³"},
        "current": current,
        "hourly_units": {"time": "iso8601", **{name: "μg/m³" for name in ("pm2_5", *names)}},
        "hourly": hourly,
    }  # fmt: skip


class StandIn:
    """The running stand-in: its base URL, the queries it got, and a switch to fail."""

    def __init__(self, url: str, clock: Callable[[], datetime]) -> None:
        self.url = url
        self.clock = clock
        self.queries: list[dict[str, list[str]]] = []
        self.failing = False


@contextmanager
def serve(clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Iterator[StandIn]:
    """Serve the stand-in until the block ends."""
    state: list[StandIn] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            stand_in = state[0]
            parsed = urlparse(self.path)
            stand_in.queries.append(parse_qs(parsed.query))
            if stand_in.failing or parsed.path != "/v1/air-quality":
                self.send_response(500 if stand_in.failing else 404)
                self.end_headers()
                return
            body = json.dumps(answer(stand_in.clock())).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.append(StandIn(f"http://127.0.0.1:{server.server_address[1]}", clock))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state[0]
    finally:
        server.shutdown()
        server.server_close()
