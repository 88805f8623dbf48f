"""An Open-Meteo air-quality answer turned into VN_AQI hours: this hour, today, the next 48."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from hue_s.modules.air.vn_aqi import NOWCAST_HOURS, band_of, daily_index, hourly_index
from hue_s.modules.air.wire import POLLUTANTS, STALE_AFTER_HOURS, AirHour, AirReport

NEXT_HOURS = 48
EXTRA = ("us_aqi", "european_aqi")


def _series(hourly: dict[str, Any], name: str, length: int) -> list[float | None]:
    """Return one hourly series as numbers (None where missing), as long as the times."""
    values = hourly.get(name)
    if not isinstance(values, list):
        return [None] * length
    numbers = [
        v if isinstance(v, int | float) and not isinstance(v, bool) else None for v in values
    ]
    return (numbers + [None] * length)[:length]


def _current_position(times: Sequence[str], current: Any, now_local: datetime) -> int:
    """Return the index of the hour the answer calls current (else the last hour before now)."""
    if isinstance(current, dict) and isinstance(current.get("time"), str):
        hour = current["time"][:13] + ":00"
        if hour in times:
            return times.index(hour)
    before = [i for i, t in enumerate(times) if datetime.fromisoformat(t) <= now_local]
    if not before:
        raise ValueError("no hour of the answer is past")
    return before[-1]


def report_from(
    body: Any,
    *,
    lat: float,
    lon: float,
    ward_code: str | None,
    fetched_at: datetime,
    failed: bool,
    now: datetime,
) -> AirReport:
    """Build the report of an upstream answer; raise ValueError when it is not one."""
    if not isinstance(body, dict) or not isinstance(body.get("hourly"), dict):
        raise ValueError("not an air-quality answer")
    hourly = body["hourly"]
    times = hourly.get("time")
    if not isinstance(times, list) or not times or not all(isinstance(t, str) for t in times):
        raise ValueError("the answer has no hours")
    offset = timedelta(seconds=int(body.get("utc_offset_seconds") or 0))
    now_local = (now.astimezone(UTC) + offset).replace(tzinfo=None)
    here = _current_position(times, body.get("current"), now_local)
    series = {name: _series(hourly, name, len(times)) for name in (*POLLUTANTS, *EXTRA)}

    def hour(j: int) -> AirHour:
        first = max(0, j - NOWCAST_HOURS + 1)
        history = {name: series[name][first : j + 1][::-1] for name in POLLUTANTS}
        found = hourly_index(history)
        values: dict[str, Any] = {name: series[name][j] for name in (*POLLUTANTS, *EXTRA)}
        if found is not None:
            values.update(vn_aqi=found[0], band=band_of(found[0]).key, pollutant=found[1])
        return AirHour(time=times[j], **values)

    day = times[here][:10]
    today = [j for j in range(here + 1) if times[j].startswith(day)]
    reading_at = datetime.fromisoformat(times[here]).replace(tzinfo=UTC) - offset
    return AirReport(
        lat=lat,
        lon=lon,
        ward_code=ward_code,
        reading_at=reading_at,
        fetched_at=fetched_at,
        stale=failed or now - reading_at > timedelta(hours=STALE_AFTER_HOURS),
        current=hour(here),
        today=daily_index({name: [series[name][j] for j in today] for name in POLLUTANTS}),
        hours=[hour(j) for j in range(here + 1, min(len(times), here + 1 + NEXT_HOURS))],
    )
