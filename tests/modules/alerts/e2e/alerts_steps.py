"""Steps of the alerts journeys: a stand-in weather service, an operator, the stream switch."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.e2e import harness

HUE_TIME = timezone(timedelta(hours=7))
# Made-up, plausible late-November weather for Huế: a test stand-in, not a real forecast.
HOURLY_CODES = (61, 63, 63, 80, 81, 3, 3, 2, 61, 65, 95, 63)
DAILY_CODES = (63, 65, 81, 61, 3, 2, 80)


def forecast_body(query: dict[str, list[str]]) -> dict[str, Any]:
    """Return an Open-Meteo forecast answer with the requested variables (made-up values)."""
    now = datetime.now(HUE_TIME).replace(minute=0, second=0, microsecond=0)
    start = now.replace(hour=0)
    hours = [start + timedelta(hours=h) for h in range(48)]
    days = [start.date() + timedelta(days=d) for d in range(7)]
    hourly = {
        "time": [h.strftime("%Y-%m-%dT%H:%M") for h in hours],
        "temperature_2m": [22.0 + 3 * ((h.hour - 4) % 24 < 12) + (h.hour % 5) / 5 for h in hours],
        "relative_humidity_2m": [90.0 for _ in hours],
        "precipitation_probability": [float(40 + (i * 7) % 60) for i in range(48)],
        "precipitation": [round((i % 6) * 0.8, 1) for i in range(48)],
        "weather_code": [HOURLY_CODES[i % len(HOURLY_CODES)] for i in range(48)],
        "wind_speed_10m": [12.0 + i % 9 for i in range(48)],
        "wind_gusts_10m": [25.0 + i % 11 for i in range(48)],
    }
    daily = {
        "time": [d.isoformat() for d in days],
        "weather_code": list(DAILY_CODES),
        "temperature_2m_max": [25.4, 24.1, 23.8, 25.0, 26.2, 27.0, 25.5],
        "temperature_2m_min": [21.2, 20.8, 20.5, 21.0, 21.9, 22.3, 21.7],
        "precipitation_sum": [48.2, 96.5, 35.0, 12.4, 2.1, 0.0, 18.3],
        "precipitation_probability_max": [95.0, 100.0, 90.0, 70.0, 30.0, 10.0, 60.0],
        "wind_speed_10m_max": [24.0, 31.0, 22.0, 18.0, 15.0, 12.0, 20.0],
        "wind_gusts_10m_max": [48.0, 62.0, 41.0, 33.0, 27.0, 22.0, 39.0],
        "sunrise": [f"{d.isoformat()}T05:58" for d in days],
        "sunset": [f"{d.isoformat()}T17:14" for d in days],
        "uv_index_max": [3.0, 2.0, 4.0, 5.0, 7.0, 8.0, 5.0],
    }
    current = {
        "time": now.strftime("%Y-%m-%dT%H:%M"), "interval": 900, "temperature_2m": 23.4,
        "relative_humidity_2m": 91.0, "apparent_temperature": 25.1, "is_day": 1,
        "precipitation": 2.4, "rain": 2.4, "weather_code": 63, "cloud_cover": 100,
        "wind_speed_10m": 14.8, "wind_direction_10m": 45, "wind_gusts_10m": 31.0,
    }  # fmt: skip
    return {
        "latitude": float(query.get("latitude", ["16.46"])[0]),
        "longitude": float(query.get("longitude", ["107.59"])[0]),
        "timezone": "Asia/Bangkok",
        "utc_offset_seconds": 25200,
        "current": current,
        "hourly": hourly,
        "daily": daily,
    }


def flood_body(query: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Return one (made-up) river discharge answer per requested point."""
    days = [(datetime.now(UTC).date() + timedelta(days=d)).isoformat() for d in range(-7, 30)]
    answers = []
    for lat in query.get("latitude", ["16.46"])[0].split(","):
        answers.append({"latitude": float(lat), "daily": {"time": days,
                        "river_discharge": [120.0 + i for i in range(len(days))]}})  # fmt: skip
    return answers


class FakeOpenMeteoHandler(BaseHTTPRequestHandler):
    """Answers /v1/forecast and /v1/flood like Open-Meteo (made-up values)."""

    def do_GET(self) -> None:  # noqa: N802  (the http.server naming)
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path.endswith("/v1/forecast"):
            body: Any = forecast_body(query)
        elif url.path.endswith("/v1/flood"):
            body = flood_body(query)
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay quiet."""


@contextmanager
def fake_open_meteo() -> Iterator[str]:
    """Serve the stand-in weather service on loopback; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", harness.free_port()), FakeOpenMeteoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def create_operator(server: harness.ServerProcess, phone: str) -> None:
    """Create an operator in the app's embedded backend, as an administrator would."""
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", phone]
    command += ["--role", "operator", "--name", "Nguyễn Văn An"]
    subprocess.run(command, env=server.env, check=True, capture_output=True, timeout=60)
