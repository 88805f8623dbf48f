"""A report is filed once, whatever server it goes to: switching servers never files it twice.

An attempt whose answer was lost may have left the report on the server it went to; after the
person switches to another city system, that report waits for the first one instead of being
filed on the second as well. An attempt that surely reached no server binds it to none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from hue_s.app.api.errors import APIConnectionError, APITimeoutError
from hue_s.app.state.outbox import OutboxItem
from hue_s.app.state.outbox_handler import OTHER_SERVER, Delivery, OutboxHandler
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.schema import MIGRATIONS
from hue_s.app.state.store import Store

DEVICE = "phone-1"
LOST_ANSWER = "lost answer"
NO_CONNECTION = "no connection"


@dataclass(eq=False)
class TwoServers(OutboxHandler):
    """Plain GeoReport servers A and B: a report is looked for before it is sent again."""

    kinds: tuple[str, ...] = ("incident.report",)
    where: str = "A"
    script: list[str | None] = field(default_factory=list)
    filed: dict[str, list[str]] = field(default_factory=lambda: {"A": [], "B": []})

    @property
    def server(self) -> str:
        """The server the person chose in settings."""
        return self.where

    def can_look_up(self, item: OutboxItem) -> bool:
        """A plain server knows no Idempotency-Key."""
        return True

    async def find(self, item: OutboxItem) -> Delivery | None:
        """Return the report if the chosen server has it."""
        return Delivery(server_ref=item.id) if item.id in self.filed[self.where] else None

    async def send(self, item: OutboxItem) -> Delivery:
        """File on the chosen server; fail as the script says (a lost answer still files)."""
        failure = self.script.pop(0) if self.script else None
        request = httpx.Request("POST", f"http://{self.where.lower()}.test/requests.json")
        if failure == NO_CONNECTION:
            error = APIConnectionError("refused", request=request)
            error.__cause__ = httpx.ConnectError("refused")
            raise error
        self.filed[self.where].append(item.id)
        if failure == LOST_ANSWER:
            timeout = APITimeoutError("timed out", request=request)
            timeout.__cause__ = httpx.ReadTimeout("timed out")
            raise timeout
        return Delivery(server_ref=item.id)


@pytest.fixture
def report(store: Store) -> OutboxItem:
    """A report queued on the phone."""
    return store.outbox.enqueue(DEVICE, kind="incident.report", payload={"text": "Ngập"})


async def test_a_report_whose_answer_was_lost_waits_for_its_server(
    store: Store, report: OutboxItem
) -> None:
    handler = TwoServers(script=[LOST_ANSWER])
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(handler)
    await sender.flush(everything=True)
    assert handler.filed == {"A": [report.id], "B": []}

    handler.where = "B"  # the person switches to another city system
    result = await sender.flush(everything=True)
    assert result.verdicts[report.id].reason == OTHER_SERVER
    waiting = store.outbox.get(DEVICE, report.id)
    assert waiting is not None and waiting.state == "failed" and waiting.server == "A"
    assert waiting.last_error == OTHER_SERVER and waiting.next_attempt_at is not None

    handler.where = "A"  # and back: it is found there, not filed again
    result = await sender.flush(everything=True)
    assert result.sent == [report.id]
    assert handler.filed == {"A": [report.id], "B": []}


async def test_a_report_that_reached_no_server_goes_to_the_one_chosen_now(
    store: Store, report: OutboxItem
) -> None:
    handler = TwoServers(script=[NO_CONNECTION])
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(handler)
    await sender.flush(everything=True)
    unsent = store.outbox.get(DEVICE, report.id)
    assert unsent is not None and unsent.server is None

    handler.where = "B"
    result = await sender.flush(everything=True)
    assert result.sent == [report.id]
    assert handler.filed == {"A": [], "B": [report.id]}


async def test_a_lost_answer_then_no_connection_stays_bound_to_the_first_server(
    store: Store, report: OutboxItem
) -> None:
    handler = TwoServers(script=[LOST_ANSWER, NO_CONNECTION])
    sender = OutboxSender(store.outbox, DEVICE)
    sender.register(handler)
    await sender.flush(everything=True)
    handler.filed["A"].clear()  # not found there on the next try: looked up, then sent...
    await sender.flush(everything=True)  # ...and that send found no connection
    still = store.outbox.get(DEVICE, report.id)
    assert still is not None and still.server == "A"


def test_reports_queued_before_this_version_are_bound_to_no_server(tmp_path: Path) -> None:
    path = tmp_path / "app-state.sqlite3"
    with Store(path, migrations=MIGRATIONS[:1]) as old:  # the app as it was
        old.query(
            "INSERT INTO outbox (id, device_id, kind, payload_json, created_at, next_attempt_at) "
            "VALUES ('r1', ?, 'incident.report', '{}', '2026-12-01T00:00:00', "
            "'2026-12-01T00:00:00')",
            (DEVICE,),
        )
    with Store(path) as upgraded:
        kept = upgraded.outbox.get(DEVICE, "r1")
    assert kept is not None and kept.state == "pending" and kept.server is None
