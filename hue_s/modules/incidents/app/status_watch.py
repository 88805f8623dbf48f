"""Which of the citizen's reports changed status since the device last looked, heard live; no Flet.

`StatusWatcher` compares the citizen's own and followed reports with the statuses this device
saw last, and keeps the changes until their report is opened (both in the store), so signing
in tells what changed since the last visit, even if a closed tab's session heard it first.
`LiveStatus` looks whenever the backend's case stream says a case moved, when someone signs
in, and, while the stream is down, every `poll_seconds` (the fallback).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hue_s.app.api.errors import HueAPIError
from hue_s.modules.incidents.app.models import CaseSummary

if TYPE_CHECKING:
    from hue_s.app.state.store import Store
    from hue_s.modules.incidents.app.api import IncidentsResource
    from hue_s.modules.incidents.app.case_stream import CaseStream

logger = logging.getLogger(__name__)

STATUSES_KEY = "incidents.known_statuses"
NEWS_KEY = "incidents.news"
NEWS_KEPT = 20
FIRST_STATUS = "received"
"""Every report starts here: a report of one's own the device never saw moved if not here."""
POLL_SECONDS = 60.0
"""While the stream is down: seconds between looks."""
CHECK_SECONDS = 600.0
"""While the stream is up: a look now and then all the same, in case an event was lost."""
RECONNECT_SECONDS = (2.0, 5.0, 15.0, 30.0, 60.0)
TICK_SECONDS = 1.0
"""How often the loop notices a sign-in, a sign-out or a broken stream."""

Followed = Callable[[], Awaitable[list[CaseSummary]]]
OnChanges = Callable[[list["StatusChange"]], Awaitable[None]]


@dataclass(frozen=True)
class StatusChange:
    """One report whose status moved on."""

    incident_id: int
    service_name: str
    old: str
    new: str
    followed: bool = False
    """A report the citizen follows ("me too"), not their own."""


def status_changes(
    known: dict[str, str],
    cases: Iterable[CaseSummary],
    *,
    first_look: bool = False,
    followed: bool = False,
    moved: frozenset[int] = frozenset(),
) -> list[StatusChange]:
    """Return the cases whose status differs from the one the device saw.

    A report of one's own that the device never saw counts as a change once it has moved past
    "received": it was filed since the last look and moved before this one. Not on the
    device's very first look (all is new then), nor for a followed report (it was found open)
    unless the stream just said it `moved`.
    """
    changes = []
    for case in cases:
        old = known.get(str(case.id))
        if old is None and followed and case.id in moved:
            old = ""  # followed since the last look, and it moved since
        if old is None and not first_look and not followed and case.status != FIRST_STATUS:
            old = FIRST_STATUS
        if old is not None and old != case.status:
            changes.append(StatusChange(case.id, case.service_name, old, case.status, followed))
    return changes


class StatusWatcher:
    """Compares the citizen's reports with the statuses this device saw last (in the store)."""

    def __init__(
        self,
        store: Store,
        device_id: Callable[[], str],
        api: IncidentsResource,
        followed: Followed | None = None,
    ) -> None:
        """Remember statuses in `store` under `device_id()`; `followed()` lists followed ones."""
        self._store = store
        self._device_id = device_id
        self._api = api
        self._followed = followed
        self._lock = asyncio.Lock()

    def known(self) -> dict[str, str]:
        """Return the statuses this device saw last, by report id."""
        stored = self._store.cache.get(self._device_id(), STATUSES_KEY)
        value = stored.value if stored is not None else {}
        return (
            {str(key): str(status) for key, status in value.items()}
            if isinstance(value, dict)
            else {}
        )

    def news(self) -> list[StatusChange]:
        """Return the changes not yet seen (their report not opened since), newest first."""
        stored = self._store.cache.get(self._device_id(), NEWS_KEY)
        value = stored.value if stored is not None else []
        found = []
        for item in value if isinstance(value, list) else []:
            with contextlib.suppress(TypeError, ValueError):
                found.append(StatusChange(**item))
        return found

    def seen(self, incident_id: int) -> None:
        """Forget the news of a report: the citizen opened it."""
        kept = [change for change in self.news() if change.incident_id != incident_id]
        self._store.cache.put(self._device_id(), NEWS_KEY, [vars(c) for c in kept])

    def _add_news(self, changes: list[StatusChange]) -> None:
        """Keep new changes until they are seen: one, the newest, per report."""
        fresh = {change.incident_id for change in changes}
        kept = [*changes, *(c for c in self.news() if c.incident_id not in fresh)][:NEWS_KEPT]
        self._store.cache.put(self._device_id(), NEWS_KEY, [vars(c) for c in kept])

    def looked_before(self) -> bool:
        """Say whether this device ever looked at the citizen's reports."""
        return self._store.cache.get(self._device_id(), STATUSES_KEY) is not None

    def remember(self, cases: Iterable[CaseSummary]) -> None:
        """Record the statuses the citizen has now seen."""
        known = self.known()
        known.update({str(case.id): case.status for case in cases})
        self._store.cache.put(self._device_id(), STATUSES_KEY, known)

    async def followed(self) -> list[CaseSummary]:
        """Return the reports the citizen follows (none where the server has no such list)."""
        return [] if self._followed is None else await self._followed()

    async def check(
        self, moved: frozenset[int] = frozenset()
    ) -> tuple[list[CaseSummary], list[StatusChange]]:
        """Fetch the citizen's own reports; return them and what changed (then remembered).

        The reports they follow are compared too (`moved`: those the stream says just moved).
        One look at a time: two looks at once would tell the same change twice.
        """
        async with self._lock:
            cases = await self._api.mine()
            followed = await self.followed()
            known, first_look = self.known(), not self.looked_before()
            changes = status_changes(known, cases, first_look=first_look)
            changes += status_changes(
                known, followed, first_look=first_look, followed=True, moved=moved
            )
            self.remember([*cases, *followed])
            if changes:
                self._add_news(changes)
            return cases, changes


class LiveStatus:
    """Looks at the citizen's reports whenever they may have changed, and reports the changes.

    On sign-in (or when the app opens signed in) it looks at once: what changed since the last
    visit. Then it listens to the case stream and looks on every event; while the stream is
    down it looks every `poll_seconds` and tries the stream again after a while.
    """

    def __init__(
        self,
        watcher: StatusWatcher,
        stream: CaseStream | None,
        user: Callable[[], str | None],
        on_changes: OnChanges,
        *,
        poll_seconds: float = POLL_SECONDS,
        reconnect_seconds: Sequence[float] = RECONNECT_SECONDS,
        tick_seconds: float = TICK_SECONDS,
    ) -> None:
        """Watch for `user()` (None: nobody signed in); `on_changes` hears of every change."""
        self.watcher = watcher
        self.stream = stream
        self.user = user
        self.on_changes = on_changes
        self.poll_seconds = poll_seconds
        self.reconnect_seconds = tuple(reconnect_seconds)
        self.tick_seconds = tick_seconds
        self.live = False
        """True while the case stream is connected."""
        self._greet = False
        """The next look tells all news not yet seen: what changed since the last visit."""

    async def close(self) -> None:
        """Close the stream's connections (at the end of the session)."""
        if self.stream is not None:
            await self.stream.aclose()

    async def look(self, moved: frozenset[int] = frozenset()) -> None:
        """Look at the reports once and pass on what changed (a failure waits for next time)."""
        try:
            _cases, changes = await self.watcher.check(moved)
        except HueAPIError as error:
            logger.info("could not check report statuses: %s", type(error).__name__)
            return
        if self._greet:
            self._greet, changes = False, self.watcher.news()
        if changes:
            await self.on_changes(changes)

    async def listen(self) -> None:
        """Follow the case stream until it breaks: look once connected, then on every event."""
        assert self.stream is not None
        try:
            async with self.stream.connect() as events:
                self.live = True
                await self.look()  # what moved while the stream was down
                async for incident_id in events:
                    await self.look(frozenset({incident_id}))
        except Exception as error:  # StreamBroken, or anything the transport raised
            logger.info("the case stream is down: %s", error)
        finally:
            self.live = False

    async def run(self, stop: asyncio.Event) -> None:
        """Watch until `stop` is set."""
        user: str | None = None
        listening: asyncio.Task[None] | None = None
        failures, next_look, next_connect = 0, 0.0, 0.0
        try:
            while not stop.is_set():
                now = time.monotonic()
                if self.user() != user:  # signed in, out, or as someone else
                    user = self.user()
                    self._greet = user is not None
                    await cancel(listening)
                    listening = None
                    failures, next_look, next_connect = 0, now, now
                if user is not None and self.stream is not None:
                    if listening is not None and listening.done():  # the stream broke
                        failures += 1
                        listening, next_look = None, now
                        next_connect = (
                            now
                            + self.reconnect_seconds[min(failures, len(self.reconnect_seconds)) - 1]
                        )
                    if listening is None and now >= next_connect:
                        listening = asyncio.ensure_future(self.listen())
                        next_look = now + self.poll_seconds  # it looks once connected
                if user is not None and now >= next_look:
                    await self.look()
                    next_look = now + (CHECK_SECONDS if self.live else self.poll_seconds)
                if self.live:
                    failures = 0
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.tick_seconds)
        finally:
            await cancel(listening)


async def cancel(task: asyncio.Task[None] | None) -> None:
    """Cancel a task (if any is running) and wait for it to end."""
    if task is not None and not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
