"""The air screen's data on a device: kept for offline, shown as old once its hour is past."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hue_s.app.api.errors import APIConnectionError
from hue_s.app.state.store import Store
from hue_s.modules.air.app.state import AirDevice, is_old, load
from hue_s.modules.air.wire import AirHour, AirReport

READ = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)


def report(*, stale: bool = False, ward: str | None = None) -> AirReport:
    hour = AirHour(time="2026-03-10T12:00", vn_aqi=110, band="poor", pollutant="pm2_5")
    return AirReport(
        lat=16.5, lon=107.6, ward_code=ward, reading_at=READ, fetched_at=READ, stale=stale,
        current=hour,
    )  # fmt: skip


class Api:
    """The API resource, answering a report or failing as a phone without network does."""

    def __init__(self, answer: AirReport | None) -> None:
        self.answer = answer

    async def report(self, **where: object) -> AirReport:
        if self.answer is None:
            raise APIConnectionError("offline")
        return self.answer


@pytest.fixture
def device(tmp_path: Path) -> Iterator[AirDevice]:
    with Store(tmp_path / "store.db") as store:
        yield AirDevice(store, "device-1")


async def test_offline_shows_the_kept_report_with_its_time_never_as_current(
    device: AirDevice,
) -> None:
    await load(Api(report()), device, now=READ)  # type: ignore[arg-type]
    later = READ + timedelta(hours=4)
    shown = await load(Api(None), device, now=later)  # type: ignore[arg-type]
    assert shown.offline and shown.old
    assert shown.report.reading_at == READ


async def test_offline_with_nothing_kept_raises(device: AirDevice) -> None:
    with pytest.raises(APIConnectionError):
        await load(Api(None), device, now=READ)  # type: ignore[arg-type]


async def test_another_wards_kept_report_is_not_shown_as_this_one(device: AirDevice) -> None:
    await load(Api(report(ward="19753")), device, now=READ)  # type: ignore[arg-type]
    device.choose_ward(None)
    with pytest.raises(APIConnectionError):
        await load(Api(None), device, now=READ)  # type: ignore[arg-type]


def test_old_when_the_server_says_so_or_the_hour_is_past() -> None:
    assert not is_old(report(), READ + timedelta(hours=2))
    assert is_old(report(), READ + timedelta(hours=3, minutes=1))
    assert is_old(report(stale=True), READ)
