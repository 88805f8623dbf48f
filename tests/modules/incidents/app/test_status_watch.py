"""StatusWatcher and LiveStatus: the citizen hears of a report whenever its status moved on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.case_stream import StreamBroken
from hue_s.modules.incidents.app.models import CaseSummary
from hue_s.modules.incidents.app.status_watch import (
    LiveStatus,
    StatusChange,
    StatusWatcher,
    status_changes,
)

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def case(number: int, status: str) -> CaseSummary:
    """Return a case summary."""
    return CaseSummary(
        id=number,
        service_code="road_pothole",
        service_name="Ổ gà",
        status=status,
        ward_code="19753",
        requested_at=NOW,
        deadline_at=NOW,
    )


class Mine:
    """Stands in for IncidentsResource.mine()."""

    def __init__(self) -> None:
        self.cases: list[CaseSummary] = []

    async def mine(self) -> list[CaseSummary]:
        """Return the citizen's reports."""
        return self.cases


def test_new_reports_are_not_changes() -> None:
    assert status_changes({}, [case(1, "received")]) == []
    assert status_changes({"1": "received"}, [case(1, "resolved"), case(2, "received")]) == [
        StatusChange(1, "Ổ gà", "received", "resolved")
    ]


async def test_the_watcher_remembers_what_was_seen(store: Store) -> None:
    api = Mine()
    watcher = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    api.cases = [case(1, "received")]
    assert (await watcher.check())[1] == []
    api.cases = [case(1, "assigned")]
    assert [c.new for c in (await watcher.check())[1]] == ["assigned"]
    assert (await watcher.check())[1] == []  # told once
    watcher.remember([case(1, "resolved")])  # the list showed it
    api.cases = [case(1, "resolved")]
    assert (await watcher.check())[1] == []


def test_a_report_that_moved_before_the_device_saw_it_is_news() -> None:
    seen_before = {"1": "received"}
    assert status_changes(seen_before, [case(2, "assigned")]) == [
        StatusChange(2, "Ổ gà", "received", "assigned")
    ]
    assert status_changes({}, [case(2, "assigned")], first_look=True) == []
    assert status_changes(seen_before, [case(2, "assigned")], followed=True) == []
    assert status_changes(seen_before, [case(2, "received")]) == []


class Followed:
    """Stands in for the followed list."""

    def __init__(self) -> None:
        self.cases: list[CaseSummary] = []

    async def __call__(self) -> list[CaseSummary]:
        return self.cases


async def test_followed_reports_are_watched_too(store: Store) -> None:
    api, followed = Mine(), Followed()
    watcher = StatusWatcher(store, lambda: "phone-1", api, followed)  # type: ignore[arg-type]
    followed.cases = [case(9, "assigned")]
    assert (await watcher.check())[1] == []
    followed.cases = [case(9, "resolved")]
    assert (await watcher.check())[1] == [StatusChange(9, "Ổ gà", "assigned", "resolved", True)]
    followed.cases.append(case(10, "in_progress"))  # followed since, and it moved since
    assert (await watcher.check())[1] == []  # found so: not news
    followed.cases.append(case(11, "in_progress"))
    assert (await watcher.check(frozenset({11})))[1] == [
        StatusChange(11, "Ổ gà", "", "in_progress", True)
    ]


class FakeStream:
    """A case stream fed by the test; `up` False makes connecting fail."""

    def __init__(self) -> None:
        self.events: asyncio.Queue[int] = asyncio.Queue()
        self.up = True
        self.connections = 0

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncIterator[int]]:
        if not self.up:
            raise StreamBroken("down")
        self.connections += 1

        async def report_ids() -> AsyncIterator[int]:
            while True:
                yield await self.events.get()

        yield report_ids()

    async def aclose(self) -> None:
        """Nothing to close."""


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait until `condition()` holds (fail after `timeout` s)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def test_live_status_tells_at_sign_in_and_on_every_event(store: Store) -> None:
    api, stream = Mine(), FakeStream()
    watcher = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    watcher.remember([case(1, "received")])  # the last visit
    api.cases = [case(1, "assigned"), case(2, "in_progress")]  # moved while away
    heard: list[StatusChange] = []
    user: list[str | None] = [None]

    async def on_changes(changes: list[StatusChange]) -> None:
        heard.extend(changes)

    live = LiveStatus(watcher, stream, lambda: user[0], on_changes, poll_seconds=3600,
                      tick_seconds=0.01)  # fmt: skip
    stop = asyncio.Event()
    task = asyncio.create_task(live.run(stop))
    await asyncio.sleep(0.05)
    assert heard == [] and stream.connections == 0  # nobody signed in: nothing asked
    user[0] = "7"
    await until(lambda: len(heard) == 2)  # since the last visit, the moment they sign in
    assert [(c.incident_id, c.old, c.new) for c in heard] == [
        (1, "received", "assigned"), (2, "received", "in_progress"),
    ]  # fmt: skip
    api.cases = [case(1, "resolved"), case(2, "in_progress")]
    await stream.events.put(1)  # no poll for an hour: only the event can tell
    await until(lambda: len(heard) == 3)
    assert heard[-1].new == "resolved"
    stop.set()
    await task


async def test_without_the_stream_it_looks_every_poll(store: Store) -> None:
    api, stream = Mine(), FakeStream()
    stream.up = False
    watcher = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    api.cases = [case(1, "received")]
    heard: list[StatusChange] = []

    async def on_changes(changes: list[StatusChange]) -> None:
        heard.extend(changes)

    live = LiveStatus(watcher, stream, lambda: "7", on_changes, poll_seconds=0.1,
                      reconnect_seconds=(3600,), tick_seconds=0.01)  # fmt: skip
    stop = asyncio.Event()
    task = asyncio.create_task(live.run(stop))
    await until(watcher.looked_before)
    api.cases = [case(1, "assigned")]
    await until(lambda: len(heard) == 1)
    assert not live.live and stream.connections == 0
    stop.set()
    await task


async def test_news_waits_until_its_report_is_opened(store: Store) -> None:
    api = Mine()
    watcher = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    api.cases = [case(1, "received"), case(2, "received")]
    await watcher.check()
    api.cases = [case(1, "assigned"), case(2, "assigned")]
    await watcher.check()
    api.cases = [case(1, "in_progress"), case(2, "assigned")]
    await watcher.check()
    assert [(c.incident_id, c.new) for c in watcher.news()] == [(1, "in_progress"), (2, "assigned")]
    watcher.seen(1)
    assert [c.incident_id for c in watcher.news()] == [2]


async def test_signing_in_tells_what_another_session_heard_but_nobody_saw(store: Store) -> None:
    api = Mine()
    closed_tab = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    api.cases = [case(1, "received")]
    await closed_tab.check()
    api.cases = [case(1, "in_progress")]
    await closed_tab.check()  # heard by a session whose page was already closed
    heard: list[StatusChange] = []

    async def on_changes(changes: list[StatusChange]) -> None:
        heard.extend(changes)

    watcher = StatusWatcher(store, lambda: "phone-1", api)  # type: ignore[arg-type]
    live = LiveStatus(watcher, None, lambda: "7", on_changes, tick_seconds=0.01)
    stop = asyncio.Event()
    task = asyncio.create_task(live.run(stop))
    await until(lambda: len(heard) == 1)
    assert (heard[0].incident_id, heard[0].new) == (1, "in_progress")
    stop.set()
    await task
