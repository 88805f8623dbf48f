"""The app process of the "I need help" crash test: one session of the app host, as it starts.

It builds the modules HUE_S_MODULES enables, sets them up and starts the one outbox sender
(`hue_s.app.main.start_modules`) over the real store file, against the real backend on loopback.
Before each check-in POST (the item is claimed) and after its answer (the server has it, the
outbox does not know yet) it tells the test where it is and waits for "go"; the test answers,
or kills it with SIGKILL right there. Once the item is sent it says "done" and ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.config import AppConfig
from hue_s.app.main import start_modules
from hue_s.app.modules import discover
from hue_s.app.state.outbox import OutboxItem
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.checkins.checkins import KINDS
from tests.app.session_doubles import RecordingPage, session_context

DEVICE = "help-crash-phone"


class PausingTransport(httpx.AsyncBaseTransport):
    """The real transport, stopping around each check-in POST until the test says "go"."""

    def __init__(self, conn: Connection) -> None:
        """Report points to (and wait for "go" on) `conn`."""
        self._inner = httpx.AsyncHTTPTransport()
        self._conn = conn

    def _point(self, name: str, key: str) -> None:
        """Say where the app is and wait until the test lets it go on."""
        self._conn.send((name, key))
        self._conn.recv()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request, pausing before and after a check-in."""
        checkin = request.method == "POST" and request.url.path.endswith("/checkins")
        key = request.headers.get("Idempotency-Key", "")
        if checkin:
            self._point("claimed", key)
        response = await self._inner.handle_async_request(request)
        if checkin:
            await response.aread()
            self._point("answered", key)
        return response

    async def aclose(self) -> None:
        """Close the real transport."""
        await self._inner.aclose()


@dataclass
class TaskPage(RecordingPage):
    """A page double that runs background work on the session's loop, as Flet's does."""

    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    def run_task(self, handler: Callable[..., Awaitable[Any]], *args: Any) -> asyncio.Task[Any]:
        """Run a coroutine function in the background."""
        task = asyncio.ensure_future(handler(*args))
        self.tasks.append(task)
        return task


def unsent_checkins(store: Store) -> list[OutboxItem]:
    """Return the device's check-ins not sent yet."""
    items = store.outbox.entries(DEVICE, states=("pending", "sending", "failed"))
    return [item for item in items if item.kind in KINDS]


async def app_session(store_path: Path, base_url: str, token: str, conn: Connection) -> None:
    """Start a session as the app does; end it once the device's check-ins are all sent."""
    config = AppConfig(kiosk=False, data_dir=store_path.parent)
    registry = discover(config.modules)
    conn.send(("modules", ",".join(registry.ids())))
    headers = {"Authorization": f"Bearer {token}"}
    transport = PausingTransport(conn)
    retry = RetryPolicy(max_retries=0)
    async with HueClient(base_url, transport=transport, retry=retry, headers=headers) as api:
        with Store(store_path) as store:
            ctx = session_context(store, api, config=config, registry=registry, device_id=DEVICE)
            page: Any = TaskPage()
            ctx.page = page
            await start_modules(ctx)
            while unsent_checkins(store):
                await asyncio.sleep(0.02)
            for manifest in registry.manifests:
                await manifest.teardown(ctx)
            await ctx.outbox_sender.stop()
    conn.send(("done", ""))


def run_app(store_path: str, base_url: str, token: str, conn: Connection) -> None:
    """Process entry point."""
    asyncio.run(app_session(Path(store_path), base_url, token, conn))
