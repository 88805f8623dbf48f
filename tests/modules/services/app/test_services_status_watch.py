"""The dossier watch: a move is told once, a restart tells nothing again, an app closed while a
dossier moved tells it on its next start; the loop's timing runs on an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from hue_s.app.api.errors import APIConnectionError
from hue_s.app.state.store import Store
from hue_s.kit.status_watch import PollingWatch
from hue_s.modules.services.app.watch.status import (
    INBOX_KEY,
    DossierMove,
    DossierWatch,
    polling_watch,
    staff_news,
    stage_of,
)
from hue_s.modules.services.wire import TimelineEntry, TrackedDossier

NOW = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
STEP_STATUS = {
    "submit": "submitted",
    "receive": "received",
    "request_supplement": "supplement_requested",
    "supplement": "received",
    "approve": "approved",
    "reject": "rejected",
    "transfer": "received",
}


def dossier(code: str, *steps: str, result: bool = False) -> TrackedDossier:
    """Return a dossier that took `steps` (filing first)."""
    return TrackedDossier(
        code=code,
        procedure_code="1.001193.000.00.00.H57",
        procedure_name="Đăng ký khai sinh",
        ward_name="Phường Phú Xuân",
        status=STEP_STATUS[steps[-1]],  # type: ignore[arg-type]
        submitted_at=NOW,
        due_on=None,
        timeline=[
            TimelineEntry(at=NOW, action=step, status=STEP_STATUS[step])  # type: ignore[arg-type]
            for step in steps
        ],
        result_ready=result,
    )


class Mine:
    """Stands in for ServicesResource.mine(); fails while `down`."""

    def __init__(self) -> None:
        self.dossiers: list[TrackedDossier] = []
        self.down = False
        self.calls = 0

    async def mine(self) -> list[TrackedDossier]:
        self.calls += 1
        if self.down:
            raise APIConnectionError("no network")
        return list(self.dossiers)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Yield a fresh device store, closed afterwards."""
    with Store(tmp_path / "app-state.sqlite3") as opened:
        yield opened


def watch_of(store: Store, api: Mine, user: str | None = "user-1") -> DossierWatch:
    """Return a watch of `user`'s dossiers on device `dev-1`."""
    return DossierWatch(api.mine, store.cache, lambda: "dev-1", lambda: user)


def test_a_dossier_stage_is_its_last_step_and_its_result() -> None:
    assert stage_of(dossier("A", "submit")) == "submit"
    assert stage_of(dossier("A", "submit", "receive", "approve", result=True)) == "approve+result"


async def test_a_move_is_told_once(store: Store) -> None:
    api = Mine()
    api.dossiers = [dossier("19753-261204-AAAAAA", "submit")]
    watch = watch_of(store, api)
    assert await watch.check() == []  # the device's first look: nothing is news
    api.dossiers = [dossier("19753-261204-AAAAAA", "submit", "receive")]
    assert await watch.check() == [
        DossierMove("19753-261204-AAAAAA", "Đăng ký khai sinh", "receive")
    ]
    assert await watch.check() == []


async def test_a_restart_does_not_tell_again_and_a_closed_app_hears_once(store: Store) -> None:
    api = Mine()
    api.dossiers = [dossier("A1", "submit", "receive")]
    await watch_of(store, api).check()
    assert await watch_of(store, api).check() == []  # the app started again: nothing moved
    api.dossiers = [dossier("A1", "submit", "receive", "approve", result=True)]  # while closed
    restarted = watch_of(store, api)
    assert [move.stage for move in await restarted.check()] == ["approve+result"]
    assert await watch_of(store, api).check() == []


async def test_own_steps_are_not_news_and_unseen_moved_dossiers_are(store: Store) -> None:
    api = Mine()
    api.dossiers = [dossier("A1", "submit", "request_supplement")]
    watch = watch_of(store, api)
    await watch.check()
    api.dossiers = [
        dossier("B2", "submit"),  # filed just now: not news
        dossier("C3", "submit", "transfer"),  # filed elsewhere and moved since: news
        dossier("A1", "submit", "request_supplement", "supplement"),  # the owner's own step
    ]
    assert [(move.code, move.stage) for move in await watch.check()] == [("C3", "transfer")]


async def test_each_person_has_their_own_stages(store: Store) -> None:
    api = Mine()
    api.dossiers = [dossier("A1", "submit", "receive")]
    await watch_of(store, api, "user-1").check()
    other = watch_of(store, api, "user-2")
    assert await other.check() == []  # user-2's first look on this device
    assert other.seen().known() == {"A1": "receive"}


class Clock:
    """A clock turned by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_loop_looks_at_sign_in_then_every_poll_and_backs_off(store: Store) -> None:
    api, clock, told = Mine(), Clock(), []
    user: list[str | None] = [None]
    watch = DossierWatch(api.mine, store.cache, lambda: "dev-1", lambda: user[0])

    async def on_moves(found: list[DossierMove]) -> None:
        told.append([move.stage for move in found])

    loop: PollingWatch = polling_watch(watch, on_moves, poll_seconds=60, clock=clock)
    await loop.step()
    assert api.calls == 0  # nobody signed in
    api.dossiers = [dossier("A1", "submit")]
    user[0] = "user-1"
    await loop.step()
    assert api.calls == 1  # at sign-in
    clock.now += 59
    await loop.step()
    assert api.calls == 1
    api.dossiers = [dossier("A1", "submit", "reject")]
    clock.now += 1
    await loop.step()
    assert (api.calls, told) == (2, [["reject"]])
    api.down = True
    for wait in (60, 120, 240):  # failures double the wait
        clock.now += wait - 1
        await loop.step()
        calls = api.calls
        clock.now += 1
        await loop.step()
        assert api.calls == calls + 1
    assert loop.wait_after(10) == 600  # never longer than ten minutes
    assert told == [["reject"]]


def test_stored_stages_are_plain_json(store: Store) -> None:
    watch = watch_of(store, Mine())
    watch.seen().remember({"A1": "receive"})
    stored: Any = store.cache.get("dev-1", watch.seen().key)
    assert stored is not None and stored.value == {"A1": "receive"}


async def test_staff_hear_of_supplements_in_their_inbox_only(store: Store) -> None:
    api = Mine()
    api.dossiers = [dossier("A1", "submit", "request_supplement"), dossier("B2", "submit")]
    inbox = DossierWatch(
        api.mine, store.cache, lambda: "desk-1", lambda: "officer-1",
        key=INBOX_KEY, news=staff_news,
    )  # fmt: skip
    assert await inbox.check() == []
    api.dossiers = [
        dossier("A1", "submit", "request_supplement", "supplement"),  # the owner added them
        dossier("B2", "submit", "receive"),  # the officer's own step
        dossier("C3", "submit"),  # a new dossier: the inbox shows it, no bar
        dossier("D4", "submit", "request_supplement", "supplement"),  # added before a look
    ]
    assert [(move.code, move.stage) for move in await inbox.check()] == [
        ("A1", "supplement"),
        ("D4", "supplement"),
    ]
    assert await inbox.check() == []
