"""A session's alerts state: offline copies of the forecast and the alerts, shown with their age."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import flet as ft
import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.device_state import AlertsDeviceState
from hue_s.modules.alerts.app.session import AlertsSession
from hue_s.modules.alerts.app.weather.weather_view import hourly_strip, weather_card
from hue_s.modules.alerts.app.widgets import alert_card, status_line
from tests.app.session_doubles import session_context

from .doubles import PHU_XUAN, START, make_alert

FORECAST = {
    "latitude": 16.46, "longitude": 107.59, "as_of": "2026-11-26T01:00:00+00:00",
    "stale": False,
    "current": {"time": "2026-11-26T08:00", "temperature_2m": 23.4, "weather_code": 63,
                "is_day": 1, "relative_humidity_2m": 91, "wind_speed_10m": 14.8},
    "hourly": {"time": ["2026-11-26T08:00", "2026-11-26T09:00"], "temperature_2m": [23.4, 24.0],
               "weather_code": [63, 95], "precipitation_probability": [80, 90]},
    "daily": {"time": ["2026-11-26"], "weather_code": [65], "temperature_2m_min": [21.0],
              "temperature_2m_max": [25.0], "precipitation_sum": [48.2]},
}  # fmt: skip
FETCHED = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)  # 08:30 in Huế, when the card is looked at


class WeatherBackend:
    """Answers the forecast until it goes offline."""

    def __init__(self) -> None:
        self.offline = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.offline:
            raise httpx.ConnectError("offline")
        return httpx.Response(200, json=FORECAST)


def texts(control: Any) -> Iterator[str]:
    """Yield every text value in a control tree."""
    if isinstance(control, ft.Text) and control.value:
        yield str(control.value)
    for name in ("content", "controls"):
        child = getattr(control, name, None)
        children = child if isinstance(child, list) else [child]
        for item in children:
            if isinstance(item, ft.Control):
                yield from texts(item)


async def test_the_last_forecast_shows_offline_with_its_time(store: Store) -> None:
    backend = WeatherBackend()
    api = HueClient("http://hue.test", transport=httpx.MockTransport(backend),
                    retry=RetryPolicy(max_retries=0))  # fmt: skip
    ctx = session_context(store, api, device_id="phone")
    session = AlertsSession(ctx)
    forecast, offline = await session.load_forecast()
    assert forecast is not None and not offline
    shown = list(texts(weather_card(ctx, forecast, offline, now=FETCHED)))
    assert "Mưa" in shown and "23°" in shown and "Dự báo lúc 08:00 26/11/26" in shown

    backend.offline = True
    again, offline = await session.load_forecast()
    assert offline and again == forecast
    shown = list(texts(weather_card(ctx, again, offline, now=FETCHED)))
    assert "Ngoại tuyến: dự báo gần nhất, lúc 08:00 26/11/26" in shown
    assert [cell.tooltip for cell in hourly_strip(ctx, again, FETCHED).controls] == ["Mưa", "Dông"]
    await session.stop()
    await api.aclose()


async def test_cached_alerts_show_at_start_with_their_age(store: Store) -> None:
    AlertsDeviceState(store, "phone").cache_alerts([make_alert(5, wards=(PHU_XUAN,))])
    api = HueClient("http://hue.test", transport=httpx.MockTransport(WeatherBackend()))
    ctx = session_context(store, api, device_id="phone")
    session = AlertsSession(ctx)
    session.delivery.clock.now = lambda: START  # type: ignore[method-assign]
    assert [alert.id for alert in session.delivery.relevant()] == [5]
    known = session.delivery.known_at
    assert known is not None
    status = " ".join(texts(status_line(ctx, session)))
    assert status.startswith("Đang kết nối… · cảnh báo tính đến ")
    card = list(
        texts(alert_card(ctx, session.delivery.relevant()[0], {PHU_XUAN: "Phường Phú Xuân"}))
    )
    assert card[:3] == [
        "Nghiêm trọng · Hành động trong vòng một giờ",
        "Lũ trên sông Hương",
        "Phường Phú Xuân",
    ]
    assert card[3] == "Đến 15:00 27/11/26"  # Huế time
    await session.stop()
    await api.aclose()
