"""Delivery: each message told once, cancels clear, SSE failure -> polling -> back to SSE."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from hue_s.modules.alerts.app.places import Place, Subscriptions
from hue_s.modules.alerts.app.stream.delivery import AlertDelivery, DeliveryMode, Notice, NoticeKind
from hue_s.modules.alerts.app.stream.sse import AlertEvent

from ..doubles import (
    KIM_LONG,
    PHU_XUAN,
    START,
    VY_DA,
    FakeClock,
    FakeSource,
    FakeStream,
    MemoryLedger,
    cancel_of,
    make_alert,
    settle,
)

POLL = 60.0
FOLLOW_PHU_XUAN = Subscriptions(
    places=[Place(kind="ward", name="Phường Phú Xuân", ward_code=PHU_XUAN)]
)


class Harness:
    """A delivery over fakes, recording what it tells."""

    def __init__(self, subscriptions: Subscriptions = FOLLOW_PHU_XUAN) -> None:
        self.clock = FakeClock()
        self.source = FakeSource()
        self.stream = FakeStream()
        self.ledger = MemoryLedger()
        self.notices: list[Notice] = []
        self.delivery = AlertDelivery(
            source=self.source,
            stream=self.stream,
            ledger=self.ledger,
            subscriptions=subscriptions,
            clock=self.clock,
            poll_seconds=POLL,
        )
        self.delivery.on_notice = self.notices.append

    def told(self, kind: NoticeKind | None = None) -> list[int]:
        """Return the ids of the alerts told about (of one kind)."""
        return [n.alert.id for n in self.notices if kind is None or n.kind == kind]


@pytest.fixture
async def running() -> AsyncIterator[Harness]:
    """A delivery whose loop runs in a task, stopped at the end."""
    harness = Harness()
    task = asyncio.create_task(harness.delivery.run())
    await settle()
    yield harness
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_one_alert_replayed_ten_times_is_told_once() -> None:
    harness = Harness()
    alert = make_alert(1)
    for event_id in range(10):
        harness.delivery.apply_event(AlertEvent(100 + event_id, "issued", alert))
    harness.delivery.apply_snapshot([alert])
    assert harness.told() == [1]
    assert [a.id for a in harness.delivery.relevant()] == [1]
    assert harness.delivery.last_event_id == 109


def test_the_ledger_outlives_the_session() -> None:
    first = Harness()
    alert = make_alert(1)
    first.delivery.apply_snapshot([alert])
    again = Harness()
    again.ledger = first.ledger
    again.delivery.ledger = first.ledger
    again.delivery.on_notice = again.notices.append
    again.delivery.apply_event(AlertEvent(5, "issued", alert))
    assert first.told() == [1] and again.told() == []


def test_a_cancel_removes_the_alert_and_says_so() -> None:
    harness = Harness()
    alert = make_alert(1)
    harness.delivery.apply_event(AlertEvent(1, "issued", alert))
    harness.delivery.apply_event(AlertEvent(2, "cancelled", cancel_of(alert, 2)))
    assert harness.delivery.active() == []
    assert harness.told(NoticeKind.NEW) == [1]
    assert harness.told(NoticeKind.CANCELLED) == [1]


def test_an_operators_own_message_applies_at_once_and_its_event_adds_nothing() -> None:
    harness = Harness()
    alert = make_alert(1)
    harness.delivery.apply_message(alert)
    harness.delivery.apply_event(AlertEvent(3, "issued", alert))
    cancel = cancel_of(alert, 2)
    harness.delivery.apply_message(cancel)
    harness.delivery.apply_event(AlertEvent(4, "cancelled", cancel))
    assert harness.told(NoticeKind.NEW) == [1] and harness.told(NoticeKind.CANCELLED) == [1]
    assert harness.delivery.active() == [] and harness.delivery.last_event_id == 4


def test_an_update_replaces_the_alert_and_is_told_as_an_update() -> None:
    harness = Harness()
    first = make_alert(1, severity="Moderate")
    update = make_alert(2, severity="Severe", msg_type="Update", replaces=(1,),
                        sent=START + timedelta(hours=1))  # fmt: skip
    harness.delivery.apply_event(AlertEvent(1, "issued", first))
    harness.delivery.apply_event(AlertEvent(2, "updated", update))
    assert [a.id for a in harness.delivery.active()] == [2]
    assert harness.told(NoticeKind.UPDATED) == [2]


def test_only_followed_places_above_the_threshold_are_told() -> None:
    harness = Harness()
    mine = make_alert(1, wards=(PHU_XUAN, KIM_LONG))
    elsewhere = make_alert(2, wards=(VY_DA,))
    harness.delivery.apply_snapshot([mine, elsewhere])
    assert harness.told() == [1]
    assert [a.id for a in harness.delivery.others()] == [2]
    harness.delivery.change_subscriptions(
        FOLLOW_PHU_XUAN.model_copy(update={"threshold": "Extreme"})
    )
    assert harness.delivery.relevant() == []


def test_following_a_new_place_tells_about_its_alerts_once() -> None:
    harness = Harness()
    elsewhere = make_alert(2, wards=(VY_DA,))
    harness.delivery.apply_snapshot([elsewhere])
    more = FOLLOW_PHU_XUAN.with_place(Place(kind="ward", name="Vỹ Dạ", ward_code=VY_DA))
    harness.delivery.change_subscriptions(more)
    harness.delivery.change_subscriptions(more)
    assert harness.told() == [2]


def test_listing_is_most_severe_then_most_urgent_and_drops_expired() -> None:
    harness = Harness(Subscriptions())
    minor = make_alert(1, severity="Minor", urgency="Immediate")
    severe_later = make_alert(2, severity="Severe", urgency="Future")
    severe_now = make_alert(3, severity="Severe", urgency="Immediate")
    extreme = make_alert(4, severity="Extreme", expires=START + timedelta(minutes=30))
    harness.delivery.apply_snapshot([minor, severe_later, severe_now, extreme])
    assert [a.id for a in harness.delivery.active()] == [4, 3, 2, 1]
    harness.clock.current = START + timedelta(hours=1)
    assert [a.id for a in harness.delivery.active()] == [3, 2, 1]


async def test_stream_failure_falls_back_to_polling_then_back_to_the_stream(
    running: Harness,
) -> None:
    h = running
    assert h.delivery.mode == DeliveryMode.LIVE
    first = make_alert(1)
    h.source.alerts.append(first)
    h.stream.push(7, "issued", first)
    await settle()
    assert h.told() == [1]

    h.stream.cut()  # the live link breaks
    await settle()
    assert h.delivery.mode == DeliveryMode.POLLING
    assert h.clock.sleeping
    second = make_alert(2, headline="Lũ lần hai")
    h.source.alerts.append(second)
    polls = h.source.calls
    waited = 0.0
    while h.source.calls == polls:  # reconnection attempts until the next poll is due
        await h.clock.wake()
        waited = (h.clock.now() - START).total_seconds()
    assert h.delivery.mode == DeliveryMode.POLLING
    assert h.told() == [1, 2]  # the second alert came by polling
    assert 0 < waited <= POLL + 1
    assert h.stream.connects[-1] == 7  # each retry resumes after the last event seen

    h.stream.down = False  # the stream is back
    while h.delivery.mode != DeliveryMode.LIVE:
        await h.clock.wake()
    third = make_alert(3, headline="Lũ lần ba")
    h.stream.push(8, "issued", third)
    await settle()
    assert h.told() == [1, 2, 3]
    assert h.delivery.mode == DeliveryMode.LIVE


async def test_retries_back_off_and_polls_stay_a_minute_apart(running: Harness) -> None:
    h = running
    h.stream.cut()
    await settle()
    for _ in range(12):
        await h.clock.wake()
    assert h.clock.sleeps[:6] == [2.0, 4.0, 8.0, 16.0, 30.0, 60.0]
    poll_times = h.source.calls
    assert poll_times >= 3  # the first on failure, then every 60 s


async def test_offline_keeps_the_last_known_alerts_and_their_time(running: Harness) -> None:
    h = running
    alert = make_alert(1)
    h.stream.push(1, "issued", alert)
    await settle()
    h.source.failing = True
    h.stream.cut()
    await settle()
    assert h.delivery.mode == DeliveryMode.OFFLINE
    assert [a.id for a in h.delivery.relevant()] == [1]
    assert h.delivery.known_at == START


def test_restored_alerts_show_without_being_told_again() -> None:
    harness = Harness()
    alert = make_alert(1)
    harness.ledger.remember(alert.delivery_key)
    harness.delivery.restore([alert], START - timedelta(hours=2))
    harness.delivery.apply_snapshot([alert])
    assert harness.told() == []
    assert [a.id for a in harness.delivery.relevant()] == [1]


async def test_a_failing_screen_does_not_stop_delivery(running: Harness) -> None:
    h = running

    def broken(notice: Notice) -> None:
        raise RuntimeError("the screen is gone")

    h.delivery.on_notice = broken
    h.stream.push(1, "issued", make_alert(1))
    h.stream.push(2, "issued", make_alert(2))
    await settle()
    assert [a.id for a in h.delivery.relevant()] == [1, 2]
    assert h.delivery.mode == DeliveryMode.LIVE
