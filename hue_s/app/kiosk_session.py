"""A kiosk session: watch for activity, and forget everything of a visitor who has left."""

from __future__ import annotations

import asyncio
import logging
from functools import partial

import flet as ft

from hue_s.app.account import sign_out
from hue_s.app.context import AppContext
from hue_s.app.device.identity import device_id
from hue_s.app.device.scratch import new_scratch_dir, remove_scratch_dir
from hue_s.app.kiosk import IdleClock, KioskWatcher
from hue_s.app.state.errors import StoreError
from hue_s.app.state.settings import load_settings
from hue_s.app.theme import apply_device_settings
from hue_s.app.views.kiosk_countdown import KioskCountdown

logger = logging.getLogger(__name__)

CLIENT_TIMEOUT = 5.0
WIPE_RETRY_SECONDS = 5.0
HOVER_INTERVAL_MS = 1000


def watch_kiosk(ctx: AppContext) -> KioskWatcher:
    """Start the idle watch of a kiosk session: keys, touches and screens count as activity."""

    async def still_here() -> None:
        watcher.touch()

    async def send_now() -> None:
        watcher.touch()
        await send_outbox(ctx)

    countdown = KioskCountdown(
        ctx, still_here=still_here, send_now=send_now, end_now=lambda: watcher.end_visit()
    )
    watcher = KioskWatcher(
        IdleClock(ctx.config.kiosk_idle_seconds),
        countdown=countdown,
        wipe=partial(wipe_visitor, ctx),
    )
    ctx.page.on_keyboard_event = lambda event: watcher.touch()
    ctx.page.run_task(watcher.run)
    return watcher


def watch_touches(ctx: AppContext, content: ft.Control) -> ft.Control:
    """Wrap a screen's content so that touches, scrolls and mouse moves count as activity."""
    watcher = ctx.kiosk
    if watcher is None:
        return content

    def touched(event: ft.Event[ft.GestureDetector]) -> None:
        watcher.touch()

    return ft.GestureDetector(
        key="kiosk-activity",
        content=content,
        expand=True,
        exclude_from_semantics=True,
        hover_interval=HOVER_INTERVAL_MS,
        on_pan_down=touched,
        on_scroll=touched,
        on_hover=touched,
    )


async def send_outbox(ctx: AppContext) -> None:
    """File the drafts modules can send, then send every queued item now (before a wipe)."""
    for key, send in list(ctx.draft_senders.items()):
        try:
            await send()
        except Exception:
            logger.exception("sending the draft %s failed", key)
    try:
        await ctx.outbox_sender.flush(everything=True)
    except Exception:
        logger.exception("sending the outbox failed")


async def forget_visitor_data(ctx: AppContext) -> None:
    """Sign out on the server and here, delete the device's temporary files and rows.

    Raises StoreError when the rows could not be wiped to the last trace (see `Store`).
    """
    await sign_out(ctx)
    for manifest in ctx.registry.manifests:
        try:
            await manifest.teardown(ctx)
        except Exception:
            logger.exception("teardown of module %s failed", manifest.id)
    remove_scratch_dir(ctx.scratch_dir)
    ctx.scratch_dir = None
    await asyncio.to_thread(ctx.store.wipe_device, ctx.device_id)


async def stay_out_of_service(ctx: AppContext) -> None:
    """Hide the screen behind an "out of service" notice and retry the wipe until it succeeds.

    The next visitor must not meet the last one's data, nor use a kiosk that still holds it.
    """
    _ = ctx._
    ctx.page.show_dialog(
        ft.AlertDialog(
            key="kiosk-out-of-service",
            modal=True,
            barrier_color=ft.Colors.BLACK,  # opaque: nothing of the last visitor shows
            title=ft.Text(_("This kiosk is out of service")),
            semantics_label=_("This kiosk is out of service"),
            content=ft.Text(_("Please ask the ward office staff for help.")),
        )
    )
    while True:
        await asyncio.sleep(WIPE_RETRY_SECONDS)
        try:
            await asyncio.to_thread(ctx.store.wipe_device, ctx.device_id)
        except StoreError:
            continue
        logger.info("the kiosk wiped its last visitor's rows; back in service")
        return


async def clear_client(ctx: AppContext) -> None:
    """Empty the clipboard and the client's preferences (a browser's localStorage)."""
    for clear in (lambda: ft.Clipboard().set(""), lambda: ft.SharedPreferences().clear()):
        try:
            await asyncio.wait_for(clear(), CLIENT_TIMEOUT)
        except Exception as error:  # a browser may refuse clipboard access; go on
            logger.info("could not clear a client store: %s", type(error).__name__)


async def greet_next_visitor(ctx: AppContext) -> None:
    """Give the session a fresh device id and default settings, and show the home screen."""
    ctx.device_id = await device_id(remember=False)
    ctx.settings = load_settings(ctx.store, ctx.device_id, language=ctx.config.default_language)
    ctx.i18n.set_language(ctx.settings.language)
    ctx.api.language = ctx.settings.language
    apply_device_settings(ctx.page, ctx.settings)
    ctx.scratch_dir = new_scratch_dir(ctx.config.data_dir)
    ctx.draft_senders.clear()
    for manifest in ctx.registry.manifests:
        await manifest.setup(ctx)
    while ctx.page.pop_dialog() is not None:
        pass
    await ctx.page.push_route("/")
    if ctx.refresh is not None:
        await ctx.refresh()


async def wipe_visitor(ctx: AppContext) -> None:
    """Forget everything of the visitor who left, then greet the next one at home."""
    logger.info("kiosk visitor idle: clearing the session")
    try:
        await forget_visitor_data(ctx)
    except StoreError:
        logger.exception("the kiosk could not wipe its visitor's rows; out of service")
        await stay_out_of_service(ctx)
    await clear_client(ctx)
    await greet_next_visitor(ctx)
