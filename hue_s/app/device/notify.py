"""System notifications where the platform has them: plyer on desktop apps; none on the web
(the browser tab shows the app's own banners) nor, for now, on phones."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import flet as ft

logger = logging.getLogger(__name__)

APP_NAME = "Hue-S"
TIMEOUT_SECONDS = 30
DESKTOP_PLATFORMS = frozenset(
    {ft.PagePlatform.LINUX, ft.PagePlatform.MACOS, ft.PagePlatform.WINDOWS}
)


def plyer_notify() -> Callable[..., Any] | None:
    """Return plyer's notify function, or None when plyer or its backend is missing."""
    try:
        from plyer import notification
    except Exception as error:  # plyer imports platform backends lazily and may fail
        logger.info("no system notifications: %s", type(error).__name__)
        return None
    notify: Callable[..., Any] = notification.notify
    return notify


class SystemNotifier:
    """Shows a notification outside the app window; does nothing where there is none."""

    def __init__(self, notify: Callable[..., Any] | None) -> None:
        """Use `notify` (plyer's signature), or nothing."""
        self._notify = notify

    @property
    def available(self) -> bool:
        """Say whether notifications reach the system."""
        return self._notify is not None

    async def show(self, title: str, message: str) -> bool:
        """Show a notification (in a thread: backends may block on D-Bus); say if it went."""
        if self._notify is None:
            return False
        try:
            await asyncio.to_thread(
                self._notify,
                title=title[:64],
                message=message[:256],
                app_name=APP_NAME,
                timeout=TIMEOUT_SECONDS,
            )
        except Exception as error:  # a desktop without a notification daemon
            logger.info("system notification failed: %s", type(error).__name__)
            return False
        return True


def system_notifier_for(page: ft.Page) -> SystemNotifier:
    """Return the notifier of a session: plyer on a desktop app, nothing on web or phones."""
    if page.web or page.platform not in DESKTOP_PLATFORMS:
        return SystemNotifier(None)
    return SystemNotifier(plyer_notify())
