"""LISTEN for alert events on PostgreSQL (psycopg 3) and wake the hub on each NOTIFY."""

from __future__ import annotations

import asyncio
import logging

import psycopg
from sqlalchemy.engine import URL

from hue_s.backend.kernel.db import PREPARE_THRESHOLD
from hue_s.backend.kernel.event_hub import stop_task
from hue_s.modules.alerts.backend.stream.events import NOTIFY_CHANNEL
from hue_s.modules.alerts.backend.stream.hub import AlertHub

logger = logging.getLogger(__name__)
RECONNECT_SECONDS = (0.5, 1.0, 2.0, 5.0)


def libpq_conninfo(url: URL) -> str:
    """Return the libpq URL of a SQLAlchemy PostgreSQL URL (driver name and Hue-S's
    `prepare_threshold` flag dropped: libpq knows neither)."""
    libpq_url = url.set(drivername="postgresql").difference_update_query([PREPARE_THRESHOLD])
    return libpq_url.render_as_string(hide_password=False)


class PostgresListener:
    """A task holding one LISTEN connection, reconnecting after failures."""

    def __init__(self, url: URL, hub: AlertHub) -> None:
        """Prepare to listen on the database at url for the hub."""
        self.conninfo = libpq_conninfo(url)
        self.hub = hub
        self.listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start listening in the background."""
        self._task = asyncio.create_task(self._run(), name="alert-pg-listener")

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        if self._task is not None:
            await stop_task(self._task)
            self._task = None

    async def _listen_once(self) -> None:
        """Open a connection, LISTEN, and wake the hub per notification until it fails."""
        async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
            await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self.listening.set()
            self.hub.wake()  # catch up on anything committed while not listening
            async for _notification in conn.notifies():
                self.hub.wake()

    async def _run(self) -> None:
        """Listen, reconnecting with back-off, until cancelled."""
        failures = 0
        while True:
            try:
                await self._listen_once()
                failures = 0
            except (psycopg.Error, OSError) as error:
                self.listening.clear()
                delay = RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)]
                failures += 1
                logger.warning("Alert LISTEN connection lost (%s); retrying in %ss", error, delay)
                await asyncio.sleep(delay)
