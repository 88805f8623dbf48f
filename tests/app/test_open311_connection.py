"""Where reports go, set by staff: kept (the api key as a secret), checked, applied live."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest
from open311_plain_server import API_KEY, JURISDICTION, PlainOpen311
from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig, Open311Settings
from hue_s.app.context import AppContext
from hue_s.app.open311_connection import API_KEY_SECRET, Open311Connection
from hue_s.app.state.session import MemorySecretStore, UserSession
from hue_s.app.state.store import Store
from hue_s.app.views.settings.home import build_settings
from hue_s.app.views.settings.open311 import build_open311_settings
from hue_s.app.views.settings.open311_check import check_open311, choose_open311, connection_from
from hue_s.modules.incidents import app as incidents
from hue_s.modules.incidents.app.session import MODULE_ID, IncidentsSession


def descendants(control: Any) -> Iterator[Any]:
    """Yield a control and every control inside it."""
    yield control
    for name in ("controls", "content", "title", "subtitle"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                yield from descendants(child)


@pytest.fixture
def server() -> Iterator[PlainOpen311]:
    """A plain GeoReport server on loopback."""
    started = PlainOpen311().start()
    yield started
    started.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh local store."""
    with Store(tmp_path / "app-state.sqlite3") as opened:
        yield opened


@pytest.fixture
async def ctx(store: Store) -> AsyncIterator[AppContext]:
    """An operator's session on a process filing to the Hue-S backend (never reached here)."""
    async with HueClient("http://hue-s.invalid") as backend:
        context = session_context(store, backend, config=AppConfig(kiosk=False))
        context.session.role = "operator"
        yield context


async def test_a_saved_connection_outlives_the_process_its_key_only_as_a_secret(
    store: Store,
) -> None:
    secrets = MemorySecretStore()
    first = Open311Connection(store, None)
    await first.load(secrets, True)
    chosen = Open311Settings("https://city.example/georeport/v2/", JURISDICTION, "s3cret")
    await first.save(chosen)
    assert first.settings == chosen
    assert await secrets.get(API_KEY_SECRET) == "s3cret"
    kept = [row.value for row in store.device_settings.entries("installation")]
    assert "s3cret" not in repr(kept)  # the store has the address, not the key

    again = Open311Connection(store, Open311Settings("https://from-the-command-line.example/"))
    assert again.settings is not None and again.settings.api_key is None  # before load
    await again.load(secrets, True)
    assert again.settings == chosen and again.saved  # staff's choice wins over the config
    await again.forget()
    assert again.settings == Open311Settings("https://from-the-command-line.example/")
    assert await secrets.get(API_KEY_SECRET) is None
    assert Open311Connection(store, None).settings is None


async def test_check_says_what_a_server_supports_or_why_not(
    server: PlainOpen311, ctx: AppContext
) -> None:
    ok, lines = await check_open311(ctx, Open311Settings(server.discovery_url, JURISDICTION))
    assert ok
    assert lines[:5] == [
        "Đã kết nối: 2 loại dịch vụ.",
        f"Địa chỉ tiếp nhận: {server.url}",  # found through the discovery document
        "Định dạng: JSON",
        "Phân trang: có",
        "Phần mở rộng (extensions): không",
    ]
    ok, lines = await check_open311(ctx, Open311Settings(server.url + "nowhere/"))
    assert not ok and lines == [f"{server.url}nowhere/ không trả lời như một máy chủ GeoReport v2."]
    ok, lines = await check_open311(ctx, Open311Settings("city.example/georeport"))
    assert not ok and lines[0].startswith("Hãy nhập địa chỉ của hệ thống")
    server.stop()
    ok, lines = await check_open311(ctx, Open311Settings(server.url))
    assert not ok and lines[0].startswith(f"Không kết nối được tới {server.url}")


async def test_check_of_an_xml_only_server(ctx: AppContext) -> None:
    server = PlainOpen311(json=False).start()
    try:
        ok, lines = await check_open311(ctx, Open311Settings(server.url))
    finally:
        server.stop()
    assert ok and "Định dạng: XML" in lines


async def test_a_chosen_server_is_used_at_once_by_a_running_session(
    server: PlainOpen311, ctx: AppContext
) -> None:
    tasks: list[asyncio.Task[Any]] = []
    reconnections: list[asyncio.Task[Any]] = []

    def run_task(function: Any, *args: Any) -> asyncio.Task[Any]:
        coroutine: Coroutine[Any, Any, Any] = function(*args)
        tasks.append(asyncio.ensure_future(coroutine))
        if function is incidents.reconnect:
            reconnections.append(tasks[-1])
        return tasks[-1]

    ctx.page.run_task = run_task  # type: ignore[attr-defined]
    await incidents.setup(ctx)
    try:
        before = ctx.module_state[MODULE_ID]
        assert isinstance(before, IncidentsSession) and not before.plain
        ok, _lines = await choose_open311(ctx, server.url, JURISDICTION, API_KEY)
        assert ok
        assert len(reconnections) == 1
        await reconnections[0]  # the module starts again with it
        after = ctx.module_state[MODULE_ID]
        assert isinstance(after, IncidentsSession) and after is not before and after.plain
        assert [s.service_code for s in await after.services()] == ["001", "002"]
        assert after.api.endpoint is not None
        assert after.api.endpoint.settings == Open311Settings(server.url, JURISDICTION, API_KEY)
    finally:
        await incidents.teardown(ctx)
        for task in tasks:
            task.cancel()


async def test_a_server_that_does_not_answer_is_not_saved(ctx: AppContext) -> None:
    ok, lines = await choose_open311(ctx, "http://127.0.0.1:9/georeport/v2/", "", "key")
    assert not ok and lines[0] == "Chưa lưu."
    assert ctx.services.open311.settings is None


def test_only_the_operations_centre_sees_the_screen(ctx: AppContext) -> None:
    keys = {control.key for control in descendants(build_settings(ctx))}
    assert "settings-open311" in keys
    ctx.session.role = "citizen"
    keys = {control.key for control in descendants(build_settings(ctx))}
    assert "settings-open311" not in keys
    assert build_open311_settings(ctx).key == "open311-not-allowed"
    ctx.session.role = "officer"  # a ward does not choose for the whole city
    assert build_open311_settings(ctx).key == "open311-not-allowed"


async def test_the_officer_inbox_says_where_citizens_reports_went(ctx: AppContext) -> None:
    from hue_s.modules.incidents.app.staff.view_inbox import plain_server_note

    assert plain_server_note(ctx) == []
    await ctx.services.open311.save(Open311Settings("https://city.example/georeport/v2/"))
    [note] = plain_server_note(ctx)
    assert isinstance(note, ft.Text) and note.value is not None
    assert "(https://city.example/georeport/v2/)" in note.value
    assert note.value.startswith("Phản ánh mới của người dân được gửi đến hệ thống")


async def test_sessions_starting_together_all_get_the_saved_api_key(store: Store) -> None:
    class SlowSecrets(MemorySecretStore):
        async def get(self, key: str) -> str | None:
            await asyncio.sleep(0.05)  # a keychain over D-Bus
            return await super().get(key)

    secrets = SlowSecrets()
    await secrets.set(API_KEY_SECRET, "s3cret")
    store.device_settings.put("installation", "open311", {"url": "https://city.example/v2/"})
    connection = Open311Connection(store, None)

    async def session_start() -> str | None:
        await connection.load(secrets, True)
        return connection.settings.api_key if connection.settings else None

    assert await asyncio.gather(session_start(), session_start()) == ["s3cret", "s3cret"]


async def test_every_open_session_follows_the_new_server(
    server: PlainOpen311, ctx: AppContext
) -> None:
    from session_doubles import RecordingPage

    other_tab = dataclasses.replace(ctx, page=RecordingPage(), device_id="tab-2", module_state={})
    other_tab.session = UserSession()  # a citizen's tab, open meanwhile
    reconnections: list[asyncio.Task[Any]] = []

    def run_task(function: Any, *args: Any) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(function(*args))
        if function is incidents.reconnect:
            reconnections.append(task)
        return task

    for context in (ctx, other_tab):
        context.page.run_task = run_task  # type: ignore[attr-defined]
        await incidents.setup(context)
    try:
        await ctx.services.open311.save(Open311Settings(server.url, JURISDICTION, API_KEY))
        await asyncio.gather(*reconnections)
        assert len(reconnections) == 2
        for context in (ctx, other_tab):
            session = context.module_state[MODULE_ID]
            assert isinstance(session, IncidentsSession) and session.plain
    finally:
        for context in (ctx, other_tab):
            await incidents.teardown(context)


async def test_an_empty_key_field_keeps_the_key_for_the_same_address_only(
    ctx: AppContext, server: PlainOpen311
) -> None:
    ok, _lines = await choose_open311(ctx, server.url, JURISDICTION, API_KEY)
    assert ok
    same = connection_from(ctx, f" {server.url} ", JURISDICTION, "")
    assert same.api_key == API_KEY
    elsewhere = connection_from(ctx, "https://georeport.other-city.example/v2/", "", "")
    assert elsewhere.api_key is None  # the Huế key never goes to another city's server
