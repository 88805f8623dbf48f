"""The alerts module's typed client against the real backend (in-process, and on loopback)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from hue_s.app.api.errors import AuthenticationError, PermissionDeniedError, UnprocessableError
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.checkins.checkins import CheckinHandler, checkin_for, queue_checkin
from hue_s.modules.alerts.app.device_state import AlertsDeviceState
from hue_s.modules.alerts.app.models import AlertDraft, DrawnPolygon
from hue_s.modules.alerts.app.places import Place, Subscriptions
from hue_s.modules.alerts.app.stream.delivery import AlertDelivery, DeliveryMode, Notice, NoticeKind
from hue_s.modules.alerts.app.stream.sse import SseAlertStream, stream_client
from hue_s.modules.alerts.backend.models import AlertCheckin
from hue_s.modules.alerts.backend.settings import AlertsSettings
from hue_s.modules.incidents.backend.models import Incident
from tests.modules.alerts.backend.helpers import serve_on_loopback

from .backend import Backend, alerts_of, build_backend, running
from .doubles import KIM_LONG, PHU_XUAN, VY_DA, MemoryLedger

OPERATOR_PHONE = "+84905000101"
CITIZEN_PHONE = "+84905000102"


def flood_warning(*wards: str, headline: str = "Lũ trên sông Hương") -> AlertDraft:
    """Return an operator's flood warning for some wards, in force for a day."""
    return AlertDraft(
        event="Lũ", severity="Severe", urgency="Expected", certainty="Likely",
        headline=headline, description="Mực nước Kim Long 3,2 m.",
        instruction="Di chuyển đồ đạc lên cao.",
        expires=datetime.now(UTC) + timedelta(days=1), ward_codes=list(wards),
    )  # fmt: skip


@pytest.fixture
async def backend(tmp_path: Path) -> AsyncIterator[Backend]:
    """The backend with its alert hub running."""
    built = build_backend(tmp_path)
    async with running(built):
        yield built
    built.app.state.engine.dispose()


async def test_issue_list_update_and_cancel_a_flood_warning(backend: Backend) -> None:
    operator = backend.client(backend.token(OPERATOR_PHONE, "operator"))
    guest = backend.client()
    issued = await alerts_of(operator).issue(draft=flood_warning(PHU_XUAN, KIM_LONG))
    assert issued.msg_type == "Alert" and issued.active
    assert sorted(issued.ward_codes) == sorted([PHU_XUAN, KIM_LONG])
    info = issued.info_for("vi")
    assert info is not None and info.instruction == "Di chuyển đồ đạc lên cao."
    assert info.areas and info.areas[0].polygons, "ward areas carry their boundary"

    minor = await alerts_of(operator).issue(
        draft=flood_warning(VY_DA, headline="Mưa lớn").model_copy(update={"severity": "Minor"})
    )
    listed = await alerts_of(guest).list_active()
    assert [alert.id for alert in listed] == [issued.id, minor.id]  # most severe first
    assert [a.id for a in await alerts_of(guest).list_active(ward=VY_DA)] == [minor.id]
    assert (await alerts_of(guest).get(alert_id=issued.id)).headline == issued.headline

    update = await alerts_of(operator).update(
        alert_id=issued.id, draft=flood_warning(PHU_XUAN, headline="Lũ lên nhanh")
    )
    assert update.msg_type == "Update" and update.replaces == [issued.id]
    assert update.delivery_key != issued.delivery_key
    cancel = await alerts_of(operator).cancel(alert_id=update.id, note="Nước đã rút")
    assert cancel.msg_type == "Cancel" and cancel.replaces == [update.id]
    assert [a.id for a in await alerts_of(guest).list_active()] == [minor.id]
    for client in (operator, guest):
        await client.aclose()


async def test_only_operators_may_issue(backend: Backend) -> None:
    citizen = backend.client(backend.token(CITIZEN_PHONE, "citizen"))
    guest = backend.client()
    with pytest.raises(PermissionDeniedError):
        await alerts_of(citizen).issue(draft=flood_warning(PHU_XUAN))
    with pytest.raises(AuthenticationError):
        await alerts_of(guest).issue(draft=flood_warning(PHU_XUAN))
    operator = backend.client(backend.token(OPERATOR_PHONE, "operator"))
    with pytest.raises(UnprocessableError):
        await alerts_of(operator).issue(draft=flood_warning("99999"))
    for client in (citizen, guest, operator):
        await client.aclose()


async def test_weather_is_the_open_meteo_format_with_its_age(tmp_path: Path) -> None:
    built = build_backend(tmp_path)
    built.app.state.alerts_settings = AlertsSettings(
        cap_sources=[], forecast_url="http://meteo.test", weather_fresh_seconds=0
    )
    async with running(built):
        guest = built.client()
        forecast = await alerts_of(guest).weather(lat=16.47, lon=107.58)
        assert forecast.current is not None and forecast.current.weather_code is not None
        assert forecast.hourly is not None and len(forecast.hourly.time) == 48
        assert forecast.daily is not None and len(forecast.daily.time) == 7
        assert forecast.as_of is not None and not forecast.stale
        built.open_meteo.failing = True  # upstream down: the last forecast, marked stale
        again = await alerts_of(guest).weather(lat=16.47, lon=107.58)
        assert again.stale and again.as_of == forecast.as_of
        gauges = await alerts_of(guest).gauges()
        assert {gauge.name for gauge in gauges} == {"Kim Long", "Phú Ốc"}
        assert all(g.alarm_levels.I < g.alarm_levels.II < g.alarm_levels.III for g in gauges)
        await guest.aclose()
    built.app.state.engine.dispose()


async def test_a_help_request_reaches_the_ward_as_an_urgent_case(
    backend: Backend, store: Store
) -> None:
    operator = backend.client(backend.token(OPERATOR_PHONE, "operator"))
    alert = await alerts_of(operator).issue(draft=flood_warning(PHU_XUAN))
    citizen = backend.client(backend.token(CITIZEN_PHONE, "citizen"))
    sender = OutboxSender(store.outbox, "phone")
    sender.register(CheckinHandler(alerts_of(citizen), AlertsDeviceState(store, "phone")))
    item = queue_checkin(store.outbox, "phone",
        checkin_for(alert, "help", lat=16.4785, lon=107.5772, ward_code=PHU_XUAN,
                    details="Nước ngập 1 m, có người già")
    )  # fmt: skip
    [sent] = (await sender.flush()).verdicts.values()
    assert sent.sent and sent.server_ref is not None
    assert store.outbox.get("phone", item.id).server_ref == sent.server_ref  # type: ignore[union-attr]
    with backend.app.state.session_factory() as session:
        case = session.scalars(select(Incident).where(Incident.id == int(sent.server_ref))).one()
        [row] = session.scalars(select(AlertCheckin).where(AlertCheckin.alert_id == alert.id))
    assert row.case_id == case.id  # the case's id, not the check-in's
    assert (case.service_code, case.urgency, case.ward_code) == ("disaster_help", "high", PHU_XUAN)
    assert case.client_uuid == item.id
    assert "Nước ngập 1 m" in (case.description or "") and alert.headline in (
        case.description or ""
    )
    for client in (operator, citizen):
        await client.aclose()


async def test_a_guest_says_safe_and_the_operator_counts_it(backend: Backend, store: Store) -> None:
    operator = backend.client(backend.token(OPERATOR_PHONE, "operator"))
    alert = await alerts_of(operator).issue(draft=flood_warning(PHU_XUAN, KIM_LONG))
    guest = backend.client()
    sender = OutboxSender(store.outbox, "phone")
    sender.register(CheckinHandler(alerts_of(guest), AlertsDeviceState(store, "phone")))
    for _pressed in range(2):  # pressed twice
        queue_checkin(store.outbox, "phone", checkin_for(alert, "safe", lat=16.4785, lon=107.5772))
    results = list((await sender.flush()).verdicts.values())
    assert [result.sent for result in results] == [True, True]
    assert all(result.server_ref is not None for result in results)
    summary = await alerts_of(operator).checkin_summary(alert_id=alert.id)
    assert (summary.safe, summary.help, summary.safe_unverified) == (1, 0, 0)  # an issued key
    assert [(w.ward_code, w.safe) for w in summary.wards] == [(PHU_XUAN, 1)]
    with pytest.raises(AuthenticationError):
        await alerts_of(guest).checkin_summary(alert_id=alert.id)
    covered = await alerts_of(operator).area_wards(
        polygon=DrawnPolygon(coordinates=[[(107.57, 16.465), (107.59, 16.465), (107.59, 16.475),
                                           (107.57, 16.465)]])
    )  # fmt: skip
    assert PHU_XUAN in covered
    for client in (operator, guest):
        await client.aclose()


async def test_the_stream_delivers_and_resumes_after_the_last_event(backend: Backend) -> None:
    operator = backend.client(backend.token(OPERATOR_PHONE, "operator"))
    with serve_on_loopback(backend.app) as url:
        http = stream_client(url)
        stream = SseAlertStream(http)
        async with stream.connect(last_event_id=None) as events:
            issued = await alerts_of(operator).issue(draft=flood_warning(PHU_XUAN))
            first = await asyncio.wait_for(anext(events), 10)
        assert (first.kind, first.alert.id) == ("issued", issued.id)
        missed = await alerts_of(operator).cancel(alert_id=issued.id)
        async with stream.connect(last_event_id=first.id) as events:
            replayed = await asyncio.wait_for(anext(events), 10)
        assert (replayed.kind, replayed.alert.id) == ("cancelled", missed.id)
        await http.aclose()
    await operator.aclose()


async def test_delivery_tells_a_citizen_within_two_seconds_and_a_cancel_clears(
    backend: Backend,
) -> None:
    operator = backend.client(backend.token(OPERATOR_PHONE, "operator"))
    with serve_on_loopback(backend.app) as url:
        http, guest = stream_client(url), backend.client(base_url=url)
        following = Subscriptions(places=[Place(kind="ward", name="Kim Long", ward_code=KIM_LONG)])
        delivery = AlertDelivery(source=alerts_of(guest), stream=SseAlertStream(http),
                                 ledger=MemoryLedger(), subscriptions=following)  # fmt: skip
        notices: list[tuple[Notice, float]] = []
        delivery.on_notice = lambda notice: notices.append((notice, time.monotonic()))
        task = asyncio.create_task(delivery.run())
        while delivery.mode != DeliveryMode.LIVE:
            await asyncio.sleep(0.05)
        sent_at = time.monotonic()
        issued = await alerts_of(operator).issue(draft=flood_warning(PHU_XUAN, KIM_LONG))
        await alerts_of(operator).issue(draft=flood_warning(VY_DA, headline="Không phải của tôi"))
        while not notices:
            await asyncio.sleep(0.02)
            assert time.monotonic() - sent_at < 2.0, "no notice within 2 s"
        await alerts_of(operator).cancel(alert_id=issued.id)
        while len(notices) < 2:
            await asyncio.sleep(0.02)
        assert [(n.kind, n.alert.id) for n, _ in notices] == [
            (NoticeKind.NEW, issued.id),
            (NoticeKind.CANCELLED, issued.id),
        ]
        assert delivery.relevant() == [] and len(delivery.others()) == 1
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await http.aclose()
        await guest.aclose()
    await operator.aclose()
