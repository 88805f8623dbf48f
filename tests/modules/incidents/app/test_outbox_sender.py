"""Reports through the one outbox sender: each reaches the server once; waits, retries, refusals."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from hue_s.app.api.errors import APIConnectionError, HueAPIError, error_for_response
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.state.outbox_handler import BUSY, INTERRUPTED, NETWORK, SIGN_IN, verdict_for
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft
from hue_s.modules.incidents.app.models import Following, RequestCreated
from hue_s.modules.incidents.app.outbox.handler import ReportHandler
from hue_s.modules.incidents.app.outbox.queue import ReportQueue

DEVICE = "phone-1"
POINT = GeoPoint(lat=16.4637, lon=107.5909)


def status_error(status: int, body: Any, headers: dict[str, str] | None = None) -> HueAPIError:
    """Return the client error of a response with this status and body."""
    request = httpx.Request("POST", "http://hue.test/open311/v2/requests.json")
    return error_for_response(httpx.Response(status, json=body, headers=headers, request=request))


def open311_error(status: int, code: str) -> HueAPIError:
    """Return an error in GeoReport's list format."""
    return status_error(status, [{"code": status, "description": code, "error_code": code}])


@dataclass
class FakeIncidents:
    """Stands in for IncidentsResource: answers from a script, records every attempt."""

    script: list[HueAPIError | None] = field(default_factory=list)
    attempts: list[tuple[str, str]] = field(default_factory=list)
    created: dict[str, str] = field(default_factory=dict)
    gate: asyncio.Event | None = None
    plain: bool = False  # the Hue-S backend: Idempotency-Key, no look-up before re-sending
    server: str = "hue-s"

    async def create(self, *, draft: IncidentDraft, idempotency_key: str) -> RequestCreated:
        """File a report, or fail as the script says."""
        self.attempts.append(("create", idempotency_key))
        if self.gate is not None:
            await self.gate.wait()
        failure = self.script.pop(0) if self.script else None
        if failure is not None:
            raise failure
        ref = self.created.setdefault(idempotency_key, str(100 + len(self.created)))
        return RequestCreated(service_request_id=ref)

    async def me_too(self, *, incident_id: int, idempotency_key: str) -> Following:
        """Follow a report."""
        self.attempts.append(("me_too", idempotency_key))
        failure = self.script.pop(0) if self.script else None
        if failure is not None:
            raise failure
        return Following(incident_id=incident_id, followers=2)


@dataclass
class Clock:
    """A clock the test moves on."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC) + timedelta(seconds=1))

    def __call__(self) -> datetime:
        """Return the fake time."""
        return self.now


def draft(description: str = "Ổ gà lớn trước nhà số 12") -> IncidentDraft:
    """Return a valid report."""
    return IncidentDraft(service_code="road_pothole", description=description, point=POINT)


def sender_for(
    store: Store, api: FakeIncidents, clock: Clock, ready: Callable[[], bool] = lambda: True
) -> OutboxSender:
    """Return a sender over the store, with the module's handler, and a known backoff."""
    policy = RetryPolicy(max_retries=10**6, initial=2.0, max=120.0)
    sender = OutboxSender(store.outbox, DEVICE, backoff=policy, clock=clock)
    sender.register(ReportHandler(api, ready=ready))  # type: ignore[arg-type]
    return sender


async def test_a_queued_report_is_sent_once_and_marked_with_its_server_id(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    queued = queue.add(draft())
    result = await sender_for(store, api, clock).flush()
    assert result.sent == [queued.id]
    assert api.attempts == [("create", queued.id)]
    item = store.outbox.get(DEVICE, queued.id)
    assert item is not None and item.state == "sent" and item.server_ref == "100"
    assert queue.unsent() == []
    assert (await sender_for(store, api, clock).flush()).sent == []  # nothing twice


async def test_no_network_keeps_it_waiting_with_growing_backoff(store: Store) -> None:
    queue, clock = ReportQueue(store, DEVICE), Clock()
    api = FakeIncidents(script=[APIConnectionError("offline")] * 3)
    queued = queue.add(draft())
    sender = sender_for(store, api, clock)
    waits = []
    for _ in range(3):
        result = await sender.flush()
        assert result.waiting == [queued.id]
        item = store.outbox.get(DEVICE, queued.id)
        assert item is not None and item.state == "failed" and item.last_error == NETWORK
        assert item.next_attempt_at is not None
        waits.append((item.next_attempt_at - clock.now).total_seconds())
        assert (await sender.flush()).waiting == []  # not due yet: not tried again
        clock.now = item.next_attempt_at
    assert all(0 <= wait <= ceiling for wait, ceiling in zip(waits, (2, 4, 8), strict=True))
    assert queue.unsent()[0].wait_reason == NETWORK
    result = await sender.flush()
    assert result.sent == [queued.id] and len(api.attempts) == 4
    assert {key for _, key in api.attempts} == {queued.id}  # one key for every attempt


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (open311_error(503, "unavailable"), BUSY),
        (open311_error(409, "idempotency_request_in_flight"), BUSY),
        (status_error(429, {"error": {"code": "rate_limited"}}, {"Retry-After": "30"}), BUSY),
        (open311_error(403, "api_key_required"), SIGN_IN),
        (status_error(401, {"error": {"code": "token_expired"}}), SIGN_IN),
    ],
)
async def test_passing_trouble_is_retried_later(
    store: Store, error: HueAPIError, reason: str
) -> None:
    queue, clock = ReportQueue(store, DEVICE), Clock()
    queued = queue.add(draft())
    assert (await sender_for(store, FakeIncidents(script=[error]), clock).flush()).waiting
    item = store.outbox.get(DEVICE, queued.id)
    assert item is not None and item.last_error == reason and item.next_attempt_at is not None


def test_retry_after_is_honoured() -> None:
    error = status_error(429, {"error": {"code": "rate_limited"}}, {"Retry-After": "30"})
    assert verdict_for(error).retry_after == 30


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (open311_error(400, "outside_city"), "outside_city"),
        (open311_error(422, "idempotency_key_reused"), "already_received"),
        (open311_error(409, "client_uuid_taken"), "client_uuid_taken"),
    ],
)
async def test_a_refusal_stops_retries_until_the_user_edits(
    store: Store, error: HueAPIError, code: str
) -> None:
    queue, clock = ReportQueue(store, DEVICE), Clock()
    api = FakeIncidents(script=[error])
    queued = queue.add(draft())
    sender = sender_for(store, api, clock)
    assert (await sender.flush()).refused == [queued.id]
    clock.now += timedelta(days=3)
    assert (await sender.flush(everything=True)).refused == []  # never again by itself
    waiting = queue.get(queued.id)
    assert waiting is not None and waiting.refused and waiting.refusal_code == code

    new_id = queue.replace(queued.id, draft("Ổ gà ở số 14, không phải số 12"))
    assert new_id is not None and new_id != queued.id  # the refused key stays with the old body
    assert [item.id for item in queue.unsent()] == [new_id]
    assert (await sender.flush()).sent == [new_id]


async def test_an_edit_before_sending_keeps_the_key(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    queued = queue.add(draft())
    assert queue.replace(queued.id, draft("Ổ gà sâu 20 cm")) == queued.id
    edited = queue.get(queued.id)
    assert edited is not None and edited.draft is not None
    assert edited.draft.description == "Ổ gà sâu 20 cm"
    await sender_for(store, api, clock).flush()
    assert api.attempts == [("create", queued.id)]


async def test_nothing_is_sent_for_a_guest_and_nothing_changes(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    queued = queue.add(draft())
    result = await sender_for(store, api, clock, ready=lambda: False).flush()
    assert result.waiting == [queued.id] and api.attempts == []
    item = store.outbox.get(DEVICE, queued.id)
    assert item is not None and item.state == "pending" and item.attempts == 0


async def test_an_item_being_sent_cannot_be_edited_or_deleted(store: Store) -> None:
    queue, clock = ReportQueue(store, DEVICE), Clock()
    api = FakeIncidents(gate=asyncio.Event())
    queued = queue.add(draft())
    sending = asyncio.create_task(sender_for(store, api, clock).flush())
    while not api.attempts:
        await asyncio.sleep(0)
    assert queue.replace(queued.id, draft("changed")) is None
    assert not queue.delete(queued.id)
    assert api.gate is not None
    api.gate.set()
    assert (await sending).sent == [queued.id]


async def test_a_send_cut_short_is_due_again_at_once(store: Store) -> None:
    queue, clock = ReportQueue(store, DEVICE), Clock()
    api = FakeIncidents(gate=asyncio.Event())
    queued = queue.add(draft())
    sending = asyncio.create_task(sender_for(store, api, clock).flush())
    while not api.attempts:
        await asyncio.sleep(0)
    sending.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sending
    item = store.outbox.get(DEVICE, queued.id)
    assert item is not None and item.last_error == INTERRUPTED
    assert item.next_attempt_at == clock.now


async def test_a_crash_mid_send_is_recovered_and_sent_under_the_same_key(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    queued = queue.add(draft())
    assert store.outbox.mark_sending(DEVICE, queued.id)  # then the process died
    sender = sender_for(store, api, clock)
    assert (await sender.flush()).sent == []  # still "sending": not due
    assert sender.recover() == 1
    assert (await sender.flush()).sent == [queued.id]
    assert api.attempts == [("create", queued.id)]


async def test_me_too_goes_through_the_outbox(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    queued = queue.add_me_too(42)
    assert (await sender_for(store, api, clock).flush()).sent == [queued.id]
    assert api.attempts == [("me_too", queued.id)]


async def test_other_kinds_and_devices_are_left_alone(store: Store) -> None:
    api, clock = FakeIncidents(), Clock()
    other_kind = store.outbox.enqueue(DEVICE, kind="dossier.submit", payload={})
    ReportQueue(store, "another-phone").add(draft())
    assert (await sender_for(store, api, clock).flush()).sent == []
    assert api.attempts == []
    item = store.outbox.get(DEVICE, other_kind.id)
    assert item is not None and item.state == "pending"


async def test_the_run_loop_sends_what_is_queued_after_a_wake(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    sender = sender_for(store, api, clock)
    assert sender.start() == 0
    await asyncio.sleep(0.05)
    queued = queue.add(draft())
    sender.wake()
    for _ in range(100):
        if api.attempts:
            break
        await asyncio.sleep(0.01)
    await asyncio.wait_for(sender.stop(), 2)
    assert api.attempts == [("create", queued.id)]


async def test_filing_the_same_draft_twice_queues_it_once(store: Store) -> None:
    queue, api, clock = ReportQueue(store, DEVICE), FakeIncidents(), Clock()
    typed = draft()
    first, again = queue.add(typed), queue.add(typed)  # a crash before the form was cleared
    assert first.id == again.id == typed.client_id
    await sender_for(store, api, clock).flush()
    assert api.attempts == [("create", typed.client_id)]
