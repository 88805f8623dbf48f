"""The one outbox sender: handlers per kind, recovery per enabled kind, one rule for answers."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx
import pytest

from hue_s.app.api.errors import APIConnectionError, ResponseValidationError
from hue_s.app.state.outbox import OutboxItem
from hue_s.app.state.outbox_handler import BUSY, INTERRUPTED, Delivery, OutboxHandler
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.store import Store

DEVICE = "phone-1"


@dataclass(eq=False)
class Recording(OutboxHandler):
    """A module's handler that records what it is asked, and answers from a script."""

    kinds: tuple[str, ...] = ("notes.note",)
    looks_up: bool = False
    script: list[Exception | None] = field(default_factory=list)
    gate: asyncio.Event | None = None
    sent: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    on_server: set[str] = field(default_factory=set)

    def can_look_up(self, item: OutboxItem) -> bool:
        """Look items up when told to (a server without Idempotency-Key)."""
        return self.looks_up

    async def find(self, item: OutboxItem) -> Delivery | None:
        """Return the item if the fake server has it."""
        self.found.append(item.id)
        return Delivery(server_ref=f"found-{item.id}") if item.id in self.on_server else None

    async def send(self, item: OutboxItem) -> Delivery:
        """Send one item (waiting at the gate, if any), or fail as the script says."""
        self.sent.append(item.id)
        if self.gate is not None:
            await self.gate.wait()
        failure = self.script.pop(0) if self.script else None
        self.on_server.add(item.id)
        if failure is not None:
            raise failure
        return Delivery(server_ref=f"ref-{item.id}")


def unreadable(method: str) -> ResponseValidationError:
    """Return the error of a 2xx answer to `method` that could not be read."""
    request = httpx.Request(method, "http://hue.test/api/v1/things")
    response = httpx.Response(201, text="<html>Received!</html>", request=request)
    return ResponseValidationError("not JSON", response=response, body=response.text)


def queued(store: Store, kind: str = "notes.note") -> OutboxItem:
    """Queue an item of `kind`."""
    return store.outbox.enqueue(DEVICE, kind=kind, payload={"text": "Ngập ở Kim Long"})


def state_of(store: Store, item: OutboxItem) -> str | None:
    """Return the item's state now."""
    found = store.outbox.get(DEVICE, item.id)
    return found.state if found else None


async def test_recovery_at_start_covers_the_registered_kinds_only(store: Store) -> None:
    help_request, report = queued(store, "alerts.checkin"), queued(store, "incident.report")
    for item in (help_request, report):
        assert store.outbox.mark_sending(DEVICE, item.id)  # then the process died
    sender = OutboxSender(store.outbox, DEVICE)
    alerts = Recording(kinds=("alerts.checkin",))
    sender.register(alerts)  # incidents is switched off: no handler for its kind
    assert sender.start() == 1
    try:
        for _ in range(200):
            if state_of(store, help_request) == "sent":
                break
            await asyncio.sleep(0.01)
    finally:
        await sender.stop()
    assert alerts.sent == [help_request.id]  # once
    assert state_of(store, help_request) == "sent" and state_of(store, report) == "sending"


async def test_a_2xx_that_cannot_be_read_is_a_delivery(store: Store) -> None:
    item = queued(store)
    handler = Recording(script=[unreadable("POST")])
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(handler)
    result = await sender.flush()
    assert result.sent == [item.id]
    assert (await sender.flush(everything=True)).sent == []  # never sent again
    assert handler.sent == [item.id]
    sent = store.outbox.get(DEVICE, item.id)
    assert sent is not None and sent.payload["receipt"] == {"raw": "<html>Received!</html>"}


async def test_an_unreadable_answer_to_a_read_is_no_delivery(store: Store) -> None:
    item = queued(store)
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(Recording(script=[unreadable("GET")]))
    assert (await sender.flush()).waiting == [item.id]
    waiting = store.outbox.get(DEVICE, item.id)
    assert waiting is not None and waiting.last_error == BUSY


async def test_an_attempt_of_unknown_outcome_is_looked_up_before_sending_again(
    store: Store,
) -> None:
    arrived, lost = queued(store), queued(store)
    offline = APIConnectionError("the connection dropped")
    handler = Recording(looks_up=True, script=[offline, offline])
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(handler)
    assert (await sender.flush()).waiting == [arrived.id, lost.id]
    handler.on_server.discard(lost.id)  # this one never reached the server
    assert (await sender.flush(everything=True)).sent == [arrived.id, lost.id]
    assert handler.found == [arrived.id, lost.id]
    assert handler.sent == [arrived.id, lost.id, lost.id]  # the one found is not sent twice
    item = store.outbox.get(DEVICE, arrived.id)
    assert item is not None and item.server_ref == f"found-{arrived.id}"


async def test_a_slow_kind_does_not_hold_up_another(store: Store) -> None:
    report, help_request = queued(store, "incident.report"), queued(store, "alerts.checkin")
    uploads = Recording(kinds=("incident.report",), gate=asyncio.Event())
    checkins = Recording(kinds=("alerts.checkin",))
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(uploads)
    sender.register(checkins)
    uploading = asyncio.create_task(sender.flush())
    while not uploads.sent:
        await asyncio.sleep(0)
    again = queued(store, "alerts.checkin")  # "I need help" pressed during the upload
    assert (await sender.flush(kinds=["alerts.checkin"])).sent == [again.id]
    assert state_of(store, help_request) == "sent" and state_of(store, report) == "sending"
    assert uploads.gate is not None
    uploads.gate.set()
    assert (await uploading).sent == [report.id, help_request.id]


async def test_a_module_torn_down_mid_send_leaves_its_item_due_at_once(store: Store) -> None:
    item = queued(store)
    handler = Recording(gate=asyncio.Event())
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(handler)
    sender.start()
    while not handler.sent:
        await asyncio.sleep(0.01)
    sender.unregister(handler)
    for _ in range(100):
        if state_of(store, item) != "sending":
            break
        await asyncio.sleep(0.01)
    await sender.stop()
    waiting = store.outbox.get(DEVICE, item.id)
    assert waiting is not None and waiting.state == "failed"
    assert waiting.last_error == INTERRUPTED and waiting.next_attempt_at is not None
    assert not sender.handles("notes.note")


def test_one_kind_has_one_handler(store: Store) -> None:
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(Recording())
    with pytest.raises(ValueError, match="notes.note"):
        sender.register(Recording())
