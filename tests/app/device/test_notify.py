"""System notifications (device/notify.py): plyer on desktops only, failures swallowed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.device.notify import SystemNotifier, system_notifier_for


async def test_a_notification_is_cut_to_size_and_a_failure_is_not_an_error() -> None:
    sent: list[dict[str, Any]] = []
    notifier = SystemNotifier(lambda **kwargs: sent.append(kwargs))
    assert notifier.available
    assert await notifier.show("Cảnh báo mới: " + "lũ " * 40, "x" * 400)
    [shown] = sent
    assert len(shown["title"]) == 64 and len(shown["message"]) == 256
    assert shown["app_name"] == "Hue-S"

    def broken(**kwargs: Any) -> None:
        raise OSError("no notification daemon")

    assert not await SystemNotifier(broken).show("Cảnh báo", "Lũ")
    assert not await SystemNotifier(None).show("Cảnh báo", "Lũ")


def test_web_and_phones_get_no_system_notifications() -> None:
    for page in (
        SimpleNamespace(web=True, platform=ft.PagePlatform.LINUX),
        SimpleNamespace(web=False, platform=ft.PagePlatform.ANDROID),
    ):
        assert not system_notifier_for(page).available  # type: ignore[arg-type]
