"""The outbox against a plain GeoReport v2 server (no Idempotency-Key): never a report twice.

Old behaviour, measured against a strict server: an answer the client could not read was
"try again", and three flushes filed three reports. Now a 2xx is a delivery whatever its body,
and after an attempt whose outcome is unknown (a dropped connection, a timeout) the report is
looked for on the server by the mark in its description before it is sent again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.api.open311 import Open311Endpoint
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.config import Open311Settings
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.api import IncidentsResource
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft
from hue_s.modules.incidents.app.outbox.handler import ReportHandler
from hue_s.modules.incidents.app.outbox.queue import ReportQueue
from tests.app.open311_plain_server import API_KEY, FIRST_ID, PlainOpen311

DEVICE = "phone-1"
TIMEOUT = 2.0
"""The client's timeout: a "hang" answer never comes, so it always runs out."""


@pytest.fixture
def server() -> Iterator[PlainOpen311]:
    """A plain server on loopback, stopped (and its hanging answers let go) after the test."""
    started = PlainOpen311().start()
    yield started
    started.stop()


@pytest.fixture
async def api(server: PlainOpen311) -> AsyncIterator[IncidentsResource]:
    """The incidents resource of the plain server, with the app's per-request timeout."""
    client = HueClient(server.url, retry=RetryPolicy(max_retries=2), timeout=TIMEOUT)
    yield IncidentsResource(client, Open311Endpoint(Open311Settings(server.url, api_key=API_KEY)))
    await client.aclose()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh local store."""
    with Store(tmp_path / "app-state.sqlite3") as opened:
        yield opened


def report(description: str = "A deep hole in the road") -> IncidentDraft:
    """Return a report of the server's first service."""
    point = GeoPoint(lat=16.4637, lon=107.5909)
    return IncidentDraft(service_code="001", description=description, point=point)


def sender_of(store: Store, api: IncidentsResource) -> OutboxSender:
    """Return the one outbox sender of the device, with the incidents module's handler."""
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(ReportHandler(api))
    return sender


async def drain(sender: OutboxSender, queue: ReportQueue, rounds: int = 6) -> None:
    """Flush everything waiting, again and again, until nothing waits (or `rounds` run out)."""
    for _round in range(rounds):
        if not [q for q in queue.unsent() if not q.refused]:
            return
        await sender.flush(everything=True)


async def test_unreadable_2xx_then_drop_then_timeout_files_exactly_one_report(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.script = ["garbage", "drop", "hang"]  # what the next three POSTs would meet
    queue = ReportQueue(store, DEVICE)
    queued = queue.add(report())
    sender = sender_of(store, api)
    await drain(sender, queue)
    assert len(server.requests) == 1 and server.posts == 1
    sent = queue.filed()
    assert [q.id for q in sent] == [queued.id]
    assert sent[0].item.server_ref == str(FIRST_ID)  # found by its mark, though unreadable
    assert sent[0].receipt["raw"] == "<html>Report received!</html>"  # kept as it came


async def test_a_dropped_connection_is_looked_up_not_sent_again(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.script = ["drop"]
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    sender = sender_of(store, api)
    first = await sender.flush(everything=True)
    assert first.waiting and len(server.requests) == 1  # filed, but the answer was lost
    await drain(sender, queue)
    assert len(server.requests) == 1 and server.posts == 1
    assert queue.filed()[0].item.server_ref == str(FIRST_ID)


async def test_a_timeout_is_looked_up_not_sent_again(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.script = ["hang"]
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    sender = sender_of(store, api)
    await drain(sender, queue)
    assert len(server.requests) == 1 and server.posts == 1
    assert queue.filed()[0].item.server_ref == str(FIRST_ID)


async def test_a_report_lost_before_filing_is_sent_again_once(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.script = ["lost"]
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    queue.add(report("Another hole, further down"))
    sender = sender_of(store, api)
    await drain(sender, queue)
    assert len(server.requests) == 2 and server.posts == 3  # the lost one went once more
    assert sorted(q.item.server_ref or "" for q in queue.filed()) == [
        str(FIRST_ID),
        str(FIRST_ID + 1),
    ]


async def test_a_validation_error_is_a_refusal_shown_with_the_servers_words(
    server: PlainOpen311, store: Store
) -> None:
    client = HueClient(server.url, retry=RetryPolicy(max_retries=2))
    keyless = IncidentsResource(client, Open311Endpoint(Open311Settings(server.url)))
    try:
        queue = ReportQueue(store, DEVICE)
        queue.add(report())
        sender = sender_of(store, keyless)
        for _flush in range(3):
            await sender.flush(everything=True)
    finally:
        await client.aclose()
    assert server.posts == 1 and server.requests == []  # never "try again"
    [refused] = queue.unsent()
    assert refused.refused and refused.editable  # the form is kept, to change and send
    assert refused.refusal_code == "400" and refused.refusal_detail == "api_key required"


async def test_a_report_answered_with_a_token_gets_its_id_later(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.tokens_only = True
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    await sender_of(store, api).flush()
    [filed] = queue.filed()
    assert filed.item.server_ref is None and filed.receipt["token"] == f"tok-{FIRST_ID}"
    assert len(server.requests) == 1  # a token is a delivery: no look-up, no second POST
    await queue.learn_ids(api.id_for_token)
    assert [q.item.server_ref for q in queue.filed()] == [str(FIRST_ID)]
    assert await api.id_for_token("tok-unknown") is None


async def test_a_server_taking_no_dates_is_searched_without_them(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.script = ["drop"]
    server.list_fields.discard("start_date")  # strict, and it knows no dates
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    await drain(sender_of(store, api), queue)
    assert len(server.requests) == 1 and server.posts == 1
    assert queue.filed()[0].item.server_ref == str(FIRST_ID)


async def test_no_look_up_no_sending_again(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.script = ["drop"]
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    sender = sender_of(store, api)
    await sender.flush(everything=True)  # filed, answer lost
    server.list_fails = True
    await sender.flush(everything=True)  # the look-up fails: it waits, not sent again
    await sender.flush(everything=True)
    assert server.posts == 1 and queue.unsent()[0].wait_reason == "busy"
    assert not queue.unsent()[0].refused
    server.list_fails = False
    await drain(sender, queue)
    assert len(server.requests) == 1 and queue.filed()[0].item.server_ref == str(FIRST_ID)


async def test_the_look_up_reads_every_page_of_a_server_that_pages_by_itself(
    server: PlainOpen311, api: IncidentsResource, store: Store
) -> None:
    server.default_page_size = 2  # as Django REST framework: a bare list is its first page
    server.script = ["drop"]
    queue = ReportQueue(store, DEVICE)
    queue.add(report())
    sender = sender_of(store, api)
    await sender.flush(everything=True)  # filed, answer lost
    for n in range(3):  # others report the same kind meanwhile: ours is now on page 2
        other = report(f"Someone else's hole {n}").plain_fields(marker=f"#other-{n}")
        server.post({k: [str(v)] for k, v in {**other, "api_key": API_KEY}.items()}, {})
    await drain(sender, queue)
    assert server.posts == 1 and len(server.requests) == 4  # never a second POST of ours
    assert queue.filed()[0].item.server_ref == str(FIRST_ID)
