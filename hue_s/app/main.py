"""Builds one session: AppContext, then the module hooks, then the shell and its router."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.client import HueClient
from hue_s.app.context import AppContext, AppServices
from hue_s.app.device.identity import device_id
from hue_s.app.i18n import I18n
from hue_s.app.state.settings import load_settings
from hue_s.app.theme import apply_theme
from hue_s.app.views.shell import Shell

logger = logging.getLogger(__name__)


async def start_session(page: ft.Page, services: AppServices) -> AppContext:
    """Create the context of a new session and show its first screen."""
    page.title = "Hue-S"
    page.padding = 0
    device = await device_id(remember=not services.config.kiosk)
    settings = load_settings(services.store, device, language=services.config.default_language)
    i18n = I18n(settings.language)
    api = HueClient(services.backend_url)
    api.language = settings.language
    ctx = AppContext(
        page=page, services=services, device_id=device, settings=settings, i18n=i18n, api=api
    )
    apply_theme(page, settings.theme_mode, settings.text_scale)
    if services.config.kiosk and not page.web:
        page.window.full_screen = True
    for manifest in services.registry.manifests:
        await manifest.setup(ctx)

    async def end_session(event: ft.Event[ft.Page]) -> None:
        for manifest in services.registry.manifests:
            try:
                await manifest.teardown(ctx)
            except Exception:
                logger.exception("teardown of module %s failed", manifest.id)
        await api.aclose()

    page.on_close = end_session
    await Shell(ctx).start()
    return ctx


def session_entry(services: AppServices) -> Callable[[ft.Page], Awaitable[None]]:
    """Return the Flet `main` function that starts a session with the shared services."""

    async def main(page: ft.Page) -> None:
        await start_session(page, services)

    return main
