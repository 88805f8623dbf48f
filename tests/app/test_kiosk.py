"""Kiosk mode: the idle clock, the watcher's countdown and wipe, and what the wipe removes."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from api.accounts_backend import (
    AccountsBackend,
    SignedClient,
    accounts_backend,
    sign_in,
    signed_client,
)
from api.test_auth import raw_get_me
from session_doubles import session_context

from hue_s.app.account import complete_sign_in
from hue_s.app.device.scratch import new_scratch_dir
from hue_s.app.kiosk import IdleClock, IdlePhase, KioskWatcher
from hue_s.app.kiosk_session import wipe_visitor
from hue_s.app.modules import Manifest, ModuleRoute, Registry
from hue_s.app.state.store import Store


class FakeClock:
    """A monotonic clock that tests move by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingCountdown:
    """Records what the watcher asks of the countdown dialog."""

    def __init__(self) -> None:
        self.shown: list[int] = []
        self.closed = 0

    def show(self, seconds_left: int) -> None:
        self.shown.append(seconds_left)

    def close(self) -> None:
        self.closed += 1


def test_idle_clock_warns_twenty_seconds_before_the_limit() -> None:
    clock = FakeClock()
    idle = IdleClock(120, clock=clock)
    clock.now += 99
    assert idle.phase() is IdlePhase.ACTIVE
    clock.now += 1.5
    assert idle.phase() is IdlePhase.WARNING and idle.remaining() == pytest.approx(19.5)
    clock.now += 20
    assert idle.phase() is IdlePhase.EXPIRED and idle.remaining() == 0
    idle.touch()
    assert idle.phase() is IdlePhase.ACTIVE and idle.remaining() == 120


def test_a_short_limit_warns_for_half_of_it() -> None:
    assert IdleClock(10, clock=FakeClock()).warning_seconds == 5


async def test_the_watcher_counts_down_and_wipes_once() -> None:
    clock, countdown, wipes = FakeClock(), RecordingCountdown(), []

    async def wipe() -> None:
        wipes.append(clock.now)

    watcher = KioskWatcher(IdleClock(120, clock=clock), countdown=countdown, wipe=wipe)
    clock.now += 100
    await watcher.tick()
    assert countdown.shown == [20]
    clock.now += 5
    await watcher.tick()
    assert countdown.shown == [20, 15]
    clock.now += 15
    await watcher.tick()
    assert wipes == [1120.0] and countdown.closed == 1
    await watcher.tick()
    assert wipes == [1120.0]  # the clock restarted with the wipe
    assert watcher.clock.phase() is IdlePhase.ACTIVE


async def test_any_activity_closes_the_countdown_and_restarts_the_clock() -> None:
    clock, countdown = FakeClock(), RecordingCountdown()

    async def wipe() -> None:
        raise AssertionError("must not wipe")

    watcher = KioskWatcher(IdleClock(120, clock=clock), countdown=countdown, wipe=wipe)
    clock.now += 110
    await watcher.tick()
    watcher.touch()
    assert countdown.closed == 1
    clock.now += 110
    await watcher.tick()
    assert countdown.shown == [10, 10]


async def test_a_stopped_watcher_does_nothing() -> None:
    clock, countdown = FakeClock(), RecordingCountdown()

    async def wipe() -> None:
        raise AssertionError("must not wipe")

    watcher = KioskWatcher(IdleClock(10, clock=clock), countdown=countdown, wipe=wipe)
    watcher.stop()
    clock.now += 60
    await watcher.tick()
    await watcher.run(sleep=lambda _seconds: _no_wait())
    assert countdown.shown == []


async def _no_wait() -> None:
    return None


# --- the wipe ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AccountsBackend]:
    built = accounts_backend(tmp_path_factory.mktemp("kiosk-backend"))
    yield built
    built.app.state.engine.dispose()


@pytest.fixture
async def client(backend: AccountsBackend) -> AsyncIterator[SignedClient]:
    made = signed_client(backend)
    yield made
    await made.api.aclose()


class ModuleState:
    """Records a module's setup and teardown calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def manifest(self) -> Manifest:
        async def setup(ctx: object) -> None:
            self.calls.append("setup")

        async def teardown(ctx: object) -> None:
            self.calls.append("teardown")

        async def build(ctx: object, params: dict[str, str]) -> object:
            return None

        return Manifest(
            id="probe",
            title="Probe",
            description="",
            icon="circle",
            group="other",
            routes=(ModuleRoute("/probe", build),),  # type: ignore[arg-type]
            setup=setup,
            teardown=teardown,
        )


async def test_the_wipe_forgets_everything_of_the_visitor(
    tmp_path: Path, backend: AccountsBackend, client: SignedClient
) -> None:
    probe = ModuleState()
    with Store(tmp_path / "data" / "app-state.sqlite3") as store:
        ctx = session_context(
            store,
            client.api,
            credentials=client.credentials,
            registry=Registry([probe.manifest()]),
            scratch_dir=new_scratch_dir(tmp_path / "data"),
        )
        renders: list[str] = []

        async def render() -> None:
            renders.append(ctx.page.route)

        ctx.refresh = render
        old_device, old_scratch = ctx.device_id, ctx.scratch_dir
        assert old_scratch is not None
        (old_scratch / "photo.jpg").write_bytes(b"CANARY photo")
        ctx.settings = ctx.settings.model_copy(update={"language": "en"})
        ctx.i18n.set_language("en")
        ctx.save_settings()
        store.drafts.put(old_device, "account.profile", {"display_name": "CANARY draft"})
        store.outbox.enqueue(old_device, kind="incident", payload={"text": "CANARY report"})
        store.cache.put(old_device, "wards", ["19753"])
        store.drafts.put("another-device", "x", {"keep": True})
        grant = await sign_in(backend, client.api, "0905123450")
        await complete_sign_in(ctx, grant, remember=True)
        assert not ctx.session.is_guest and not ctx.credentials.remember  # no "remember" here

        await wipe_visitor(ctx)

        assert await raw_get_me(backend, grant.access_token) == 401
        assert ctx.credentials.access_token is None and ctx.session.is_guest
        for table in ("device_settings", "drafts", "outbox", "cache"):
            rows = store.query(f"SELECT COUNT(*) FROM {table} WHERE device_id = ?", (old_device,))
            assert rows[0][0] == 0, table
        assert store.drafts.values("another-device") == {"x": {"keep": True}}
        assert not old_scratch.exists()
        assert ctx.scratch_dir is not None and ctx.scratch_dir.is_dir()
        assert ctx.device_id != old_device and ctx.device_id.startswith("kiosk-")
        assert ctx.settings.language == "vi" and ctx.i18n.language == "vi"
        assert ctx.api.language == "vi"
        assert probe.calls == ["teardown", "setup"]
        assert ctx.page.routes[-1] == "/" and renders == ["/"]
        store.close()
        for file in (tmp_path / "data").rglob("*"):
            if file.is_file():
                assert b"CANARY" not in file.read_bytes(), file.name
    ctx.scratch_dir.rmdir()


async def test_a_wipe_the_store_cannot_finish_keeps_the_kiosk_out_of_service(
    tmp_path: Path, client: SignedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hue_s.app.kiosk_session.WIPE_RETRY_SECONDS", 0.01)
    path = tmp_path / "data" / "app-state.sqlite3"
    with Store(path, busy_timeout=0.01) as store:
        ctx = session_context(store, client.api, credentials=client.credentials)
        old_device = ctx.device_id
        reader = sqlite3.connect(path, isolation_level=None)  # a backup tool, say
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM drafts").fetchall()
        store.drafts.put(old_device, "incidents.new", {"description": "CANARY"})

        wipe = asyncio.create_task(wipe_visitor(ctx))
        page: Any = ctx.page
        while not page.dialogs and not wipe.done():
            await asyncio.sleep(0.01)
        assert [dialog.key for dialog in page.dialogs] == ["kiosk-out-of-service"]
        assert page.dialogs[0].modal and ctx.device_id == old_device and not page.routes

        reader.execute("COMMIT")  # the reader lets go: the retry empties the log
        reader.close()
        await asyncio.wait_for(wipe, timeout=60)
        assert ctx.device_id != old_device and page.dialogs == [] and page.routes == ["/"]
        assert Path(f"{path}-wal").stat().st_size == 0
    assert b"CANARY" not in path.read_bytes()
