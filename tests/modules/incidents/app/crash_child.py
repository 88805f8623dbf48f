"""The sender process of the crash test: sends the outbox, pausing at points the test may kill.

It runs the real OutboxSender, with the module's ReportHandler, over the real store file
against the real backend on loopback. Before each request (the item is claimed) and after each
answer (the server has the report, the outbox does not know yet) it tells the test where it is
and waits for "go"; the test answers, or kills it with SIGKILL right there.
"""

from __future__ import annotations

import asyncio
from multiprocessing.connection import Connection
from pathlib import Path

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.api import IncidentsResource
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.models import RequestCreated
from hue_s.modules.incidents.app.outbox.handler import ReportHandler
from hue_s.modules.incidents.app.outbox.queue import ReportQueue

DEVICE = "crash-test-phone"
FAST_BACKOFF = RetryPolicy(max_retries=10**6, initial=0.01, max=0.05)


class PausingIncidents(IncidentsResource):
    """The real resource, stopping before each request and after each answer."""

    def __init__(self, client: HueClient, conn: Connection) -> None:
        """Report points to (and wait for "go" on) `conn`."""
        super().__init__(client)
        self._conn = conn

    def _point(self, name: str, key: str) -> None:
        """Say where the sender is and wait until the test lets it go on."""
        self._conn.send((name, key))
        self._conn.recv()

    async def create(self, *, draft: IncidentDraft, idempotency_key: str) -> RequestCreated:
        """File the report between two points."""
        self._point("claimed", idempotency_key)
        created = await super().create(draft=draft, idempotency_key=idempotency_key)
        self._point("answered", idempotency_key)
        return created


async def send_all(store_path: Path, base_url: str, token: str, conn: Connection) -> None:
    """Recover, then send until nothing is left; say "done"."""
    headers = {"Authorization": f"Bearer {token}"}
    with Store(store_path) as store:
        async with HueClient(base_url, retry=RetryPolicy(max_retries=0), headers=headers) as api:
            sender = OutboxSender(store.outbox, DEVICE, backoff=FAST_BACKOFF)
            sender.register(ReportHandler(PausingIncidents(api, conn)))
            sender.recover()
            queue = ReportQueue(store, DEVICE)
            while queue.unsent():
                await sender.flush(everything=True)
                await asyncio.sleep(0.01)
    conn.send(("done", ""))


def run_sender(store_path: str, base_url: str, token: str, conn: Connection) -> None:
    """Process entry point."""
    asyncio.run(send_all(Path(store_path), base_url, token, conn))
