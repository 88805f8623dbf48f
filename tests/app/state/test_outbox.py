"""Tests of the outbox: enqueueing and the state transitions of an item."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from hue_s.app.state.errors import OutboxStateError
from hue_s.app.state.store import Store

DEVICE = "phone-1"


def test_enqueue_creates_a_due_pending_item_with_a_uuid(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={"description": "Ngập"})
    assert uuid.UUID(item.id)
    assert (item.state, item.attempts, item.kind) == ("pending", 0, "incident")
    assert item.payload == {"description": "Ngập"}
    assert item.next_attempt_at == item.created_at
    assert item.last_error is None and item.server_ref is None
    assert store.outbox.due(DEVICE) == [item]
    assert store.outbox.get(DEVICE, item.id) == item


def test_enqueue_with_a_given_id(store: Store) -> None:
    assert store.outbox.enqueue(DEVICE, kind="k", payload=[], item_id="fixed-id").id == "fixed-id"


def test_pending_sending_sent(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    assert store.outbox.mark_sending(DEVICE, item.id) is True
    sending = store.outbox.get(DEVICE, item.id)
    assert sending is not None and (sending.state, sending.attempts) == ("sending", 1)
    assert store.outbox.due(DEVICE) == []
    assert store.outbox.mark_sending(DEVICE, item.id) is False, "one sender at a time"
    store.outbox.mark_sent(DEVICE, item.id, server_ref="d71qdq2g")
    sent = store.outbox.get(DEVICE, item.id)
    assert sent is not None
    assert (sent.state, sent.server_ref, sent.next_attempt_at) == ("sent", "d71qdq2g", None)
    assert store.outbox.mark_sending(DEVICE, item.id) is False
    assert store.outbox.delete(DEVICE, item.id) is False, "a sent item stays"


def test_failed_items_come_back_when_due(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    store.outbox.mark_sending(DEVICE, item.id)
    retry_at = datetime.now(UTC) + timedelta(minutes=5)
    store.outbox.mark_failed(DEVICE, item.id, error="APIConnectionError", next_attempt_at=retry_at)
    failed = store.outbox.get(DEVICE, item.id)
    assert failed is not None
    assert (failed.state, failed.last_error, failed.attempts) == ("failed", "APIConnectionError", 1)
    assert failed.next_attempt_at == retry_at
    assert store.outbox.due(DEVICE) == []
    assert store.outbox.due(DEVICE, now=retry_at) == [failed]
    assert store.outbox.mark_sending(DEVICE, item.id) is True
    again = store.outbox.get(DEVICE, item.id)
    assert again is not None and again.attempts == 2


def test_failed_without_next_attempt_is_never_due(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    store.outbox.mark_sending(DEVICE, item.id)
    store.outbox.mark_failed(DEVICE, item.id, error="422 rejected", next_attempt_at=None)
    far_future = datetime.now(UTC) + timedelta(days=3650)
    assert store.outbox.due(DEVICE, now=far_future) == []
    assert [i.id for i in store.outbox.entries(DEVICE, states=["failed"])] == [item.id]
    assert store.outbox.delete(DEVICE, item.id) is True
    assert store.outbox.get(DEVICE, item.id) is None


def test_sent_and_failed_need_a_sending_item(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    with pytest.raises(OutboxStateError, match="pending"):
        store.outbox.mark_sent(DEVICE, item.id)
    with pytest.raises(OutboxStateError, match="no such item"):
        store.outbox.mark_failed(DEVICE, "missing", error="x", next_attempt_at=None)


def test_a_sending_item_cannot_be_deleted(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    store.outbox.mark_sending(DEVICE, item.id)
    assert store.outbox.delete(DEVICE, item.id) is False


def test_requeue_interrupted_puts_sending_back_to_pending(store: Store) -> None:
    first = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    store.outbox.enqueue(DEVICE, kind="incident", payload={})
    store.outbox.mark_sending(DEVICE, first.id)
    assert store.outbox.requeue_interrupted(DEVICE, kinds=["incident"]) == 1
    assert [item.state for item in store.outbox.entries(DEVICE)] == ["pending", "pending"]


def test_requeue_interrupted_leaves_other_kinds_sending(store: Store) -> None:
    report = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    help_request = store.outbox.enqueue(DEVICE, kind="alerts.checkin", payload={})
    for item in (report, help_request):
        store.outbox.mark_sending(DEVICE, item.id)
    assert store.outbox.requeue_interrupted(DEVICE, kinds=["alerts.checkin"]) == 1
    assert [item.state for item in store.outbox.entries(DEVICE)] == ["sending", "pending"]


def test_entries_are_oldest_first_and_filterable(store: Store) -> None:
    ids = [store.outbox.enqueue(DEVICE, kind="k", payload=n).id for n in range(3)]
    store.outbox.mark_sending(DEVICE, ids[1])
    assert [item.id for item in store.outbox.entries(DEVICE)] == ids
    assert [item.id for item in store.outbox.entries(DEVICE, states=["pending"])] == [
        ids[0],
        ids[2],
    ]
    assert store.outbox.entries(DEVICE, states=[]) == []


def test_other_devices_cannot_touch_an_item(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={})
    assert store.outbox.get("someone-else", item.id) is None
    assert store.outbox.mark_sending("someone-else", item.id) is False
    assert store.outbox.delete("someone-else", item.id) is False
    assert store.outbox.due("someone-else") == []


def test_replace_changes_a_waiting_item_in_place_and_makes_it_due(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={"description": "Ngập"})
    store.outbox.mark_sending(DEVICE, item.id)
    later = datetime.now(UTC) + timedelta(hours=1)
    store.outbox.mark_failed(DEVICE, item.id, error="network", next_attempt_at=later)
    assert store.outbox.replace(DEVICE, item.id, payload={"description": "Ngập sâu"}) == item.id
    changed = store.outbox.get(DEVICE, item.id)
    assert changed is not None
    assert (changed.payload, changed.state, changed.kind) == (
        {"description": "Ngập sâu"},
        "pending",
        "incident",
    )
    assert store.outbox.due(DEVICE) == [changed], "due now, not in an hour"


def test_replace_under_a_new_id_drops_the_old_key(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={"v": 1})
    store.outbox.mark_sending(DEVICE, item.id)
    store.outbox.mark_failed(DEVICE, item.id, error="refused:x", next_attempt_at=None)
    new_id = str(uuid.uuid4())
    assert store.outbox.replace(DEVICE, item.id, payload={"v": 2}, new_id=new_id) == new_id
    assert store.outbox.get(DEVICE, item.id) is None
    again = store.outbox.get(DEVICE, new_id)
    assert again is not None
    assert (again.payload, again.state, again.kind, again.attempts) == (
        {"v": 2},
        "pending",
        "incident",
        0,
    )
    assert again.last_error is None


def test_replace_refuses_an_item_being_sent_sent_or_of_another_device(store: Store) -> None:
    item = store.outbox.enqueue(DEVICE, kind="incident", payload={"v": 1})
    assert store.outbox.replace("other-device", item.id, payload={"v": 9}) is None
    store.outbox.mark_sending(DEVICE, item.id)
    for new_id in (None, str(uuid.uuid4())):
        assert store.outbox.replace(DEVICE, item.id, payload={"v": 2}, new_id=new_id) is None
    store.outbox.mark_sent(DEVICE, item.id, server_ref="1")
    assert store.outbox.replace(DEVICE, item.id, payload={"v": 3}) is None
    unchanged = store.outbox.get(DEVICE, item.id)
    assert unchanged is not None and unchanged.payload == {"v": 1}
    assert [i.id for i in store.outbox.entries(DEVICE)] == [item.id]
