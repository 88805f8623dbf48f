"""Old readings say they are old and claim no level or trend; current ones show their time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.weather.discharge_view import discharge_card
from hue_s.modules.alerts.app.weather.rivers_view import rivers_card
from hue_s.modules.alerts.app.weather.weather_models import (
    AlarmLevels,
    CurrentWeather,
    Forecast,
    Gauge,
    GaugeReading,
    River,
    RiverDaily,
    RiverFlood,
    Rivers,
)
from hue_s.modules.alerts.app.weather.weather_view import weather_card
from tests.app.session_doubles import session_context

from .test_session import texts

NOW = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)  # 10:00 in Huế
A_YEAR_AGO = datetime(2025, 12, 3, 7, 0, tzinfo=UTC)


def gauge(observed_at: datetime) -> Gauge:
    """Return Kim Long below alarm level I and falling, read at `observed_at`."""
    return Gauge(
        station_id="71520",
        name="Kim Long",
        river="Sông Hương",
        alarm_levels=AlarmLevels(I=1.0, II=2.0, III=3.5),
        latest=GaugeReading(observed_at=observed_at, water_level_m=0.62),
        alarm_level=0,
        trend="falling",
    )


def shown(control: object) -> str:
    """Return every text of a control tree, one per line."""
    return "\n".join(texts(control))


async def test_a_year_old_gauge_reading_claims_no_level_nor_trend(store: Store) -> None:
    async with HueClient("http://x.test", transport=httpx.MockTransport(lambda r: None)) as api:
        ctx = session_context(store, api, device_id="phone")
        old = shown(rivers_card(ctx, [gauge(A_YEAR_AGO)], NOW))
        assert "Dưới báo động I" not in old and "đang xuống" not in old
        assert "Mực nước 0,62 m lúc 14:00 3/12/25, có thể đã cũ" in old
        fresh = shown(rivers_card(ctx, [gauge(NOW - timedelta(minutes=40))], NOW))
        assert "Kim Long (Sông Hương) · Dưới báo động I" in fresh
        assert "0,62 m lúc 09:20 4/12/26 · đang xuống" in fresh


async def test_old_weather_and_river_forecasts_say_so(store: Store) -> None:
    async with HueClient("http://x.test", transport=httpx.MockTransport(lambda r: None)) as api:
        ctx = session_context(store, api, device_id="phone")
        current = CurrentWeather(time=datetime(2025, 12, 3, 14, 0), temperature_2m=22.0)
        forecast = Forecast(latitude=16.46, longitude=107.59, current=current, as_of=A_YEAR_AGO)
        weather = shown(weather_card(ctx, forecast, False, now=NOW))
        assert "Số liệu lúc 14:00 3/12/25, có thể đã cũ" in weather
        assert "Dự báo lúc 14:00 3/12/25, có thể đã cũ" in weather
        fresh = forecast.model_copy(
            update={"current": CurrentWeather(time=datetime(2026, 12, 4, 10, 0)), "as_of": NOW}
        )
        assert "Thời tiết lúc 10:00 4/12/26" in shown(weather_card(ctx, fresh, False, now=NOW))
        flood = RiverFlood(daily=RiverDaily(time=[date(2026, 12, 4)], river_discharge=[120.0]))
        rivers = Rivers(
            rivers=[River(id="huong", name="Sông Hương", place="Kim Long", flood=flood)],
            as_of=NOW - timedelta(days=3),
        )
        assert "Dự báo dòng chảy lúc" in shown(discharge_card(ctx, rivers, now=NOW))
        assert "có thể đã cũ" in shown(discharge_card(ctx, rivers, now=NOW))
        rivers.as_of = NOW
        assert "có thể đã cũ" not in shown(discharge_card(ctx, rivers, now=NOW))
