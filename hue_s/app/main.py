"""Builds one session: AppContext, then the module hooks, then the shell and its router."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial

import flet as ft

from hue_s import __version__
from hue_s.app.account import sign_in_with_remembered, sign_out
from hue_s.app.api.auth import SessionAuth
from hue_s.app.api.client import HueClient
from hue_s.app.context import AppContext, AppServices
from hue_s.app.device.identity import device_id
from hue_s.app.device.scratch import new_scratch_dir, remove_scratch_dir
from hue_s.app.device.secrets import secret_store_for
from hue_s.app.i18n import I18n
from hue_s.app.kiosk_session import forget_visitor_data, watch_kiosk
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.settings import load_settings
from hue_s.app.theme import apply_device_settings, theme_taken_at_once
from hue_s.app.views.account.sign_in import show_session_expired
from hue_s.app.views.shell import Shell

logger = logging.getLogger(__name__)


def client_name(page: ft.Page, kiosk: bool) -> str:
    """Return the User-Agent the backend lists under "where you are signed in"."""
    kind = "kiosk" if kiosk else "web" if page.web else "app"
    platform = page.platform.value if page.platform is not None else "unknown"
    return f"Hue-S/{__version__} ({kind}; {platform})"


async def start_session(page: ft.Page, services: AppServices) -> AppContext:
    """Create the context of a new session and show its first screen."""
    page.title = "Hue-S"
    page.padding = 0
    config = services.config
    secrets, persistent = secret_store_for(page, config)
    credentials = Credentials(secrets, persistent=persistent)
    # Both are answers of the client, which is busy starting: ask at once, not one by one.
    device, remembered = await asyncio.gather(
        device_id(remember=not config.kiosk), credentials.remembered_refresh_token()
    )
    settings = load_settings(services.store, device, language=config.default_language)
    auth = SessionAuth(credentials, base_url=services.backend_url)
    api = HueClient(
        services.backend_url,
        auth=auth,
        headers={"User-Agent": client_name(page, config.kiosk)},
        language=settings.language,
    )
    ctx = AppContext(
        page=page,
        services=services,
        device_id=device,
        settings=settings,
        i18n=I18n(settings.language),
        api=api,
        credentials=credentials,
        auth=auth,
        scratch_dir=new_scratch_dir(config.data_dir),
    )
    auth.on_session_expired = partial(show_session_expired, ctx)
    apply_device_settings(page, settings)
    if config.kiosk:
        if not page.web:
            page.window.full_screen = True
        ctx.kiosk = watch_kiosk(ctx)
    await sign_in_with_remembered(ctx, remembered)
    await start_modules(ctx)
    page.on_close = partial(end_session, ctx)
    with theme_taken_at_once(page):  # the first home's theme, not a cross-fade into it
        await Shell(ctx).start()
    return ctx


async def start_modules(ctx: AppContext) -> None:
    """Set the enabled modules up, then start the one outbox sender over the kinds they handle.

    What a crash left half-sent goes back to the queue then, for those kinds only: a module
    switched off keeps its items as they are until it is switched on again.
    """
    for manifest in ctx.registry.manifests:
        await manifest.setup(ctx)
    recovered = ctx.outbox_sender.start()
    if recovered:
        logger.info("%d outbox items cut short by a crash are queued again", recovered)


async def end_session(ctx: AppContext, event: ft.Event[ft.Page] | None = None) -> None:
    """Tear a closed session down: modules, a kiosk visitor's data, tokens nobody can reuse."""
    try:
        if ctx.kiosk is not None:
            ctx.kiosk.stop()
            await forget_visitor_data(ctx)  # also tears the modules down
        else:
            for manifest in ctx.registry.manifests:
                try:
                    await manifest.teardown(ctx)
                except Exception:
                    logger.exception("teardown of module %s failed", manifest.id)
            if not ctx.credentials.remember:
                await sign_out(ctx)  # the tokens die with this session: end it on the server too
            remove_scratch_dir(ctx.scratch_dir)
    finally:
        await ctx.outbox_sender.stop()
        await ctx.api.aclose()  # even when a kiosk wipe fails: no connections left open


def session_entry(services: AppServices) -> Callable[[ft.Page], Awaitable[None]]:
    """Return the Flet `main` function that starts a session with the shared services."""

    async def main(page: ft.Page) -> None:
        await start_session(page, services)

    return main
