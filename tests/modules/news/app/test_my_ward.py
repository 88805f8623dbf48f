"""The news list's "Phường của tôi": the account's ward or one kept on the device, and the city."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.news.app.view_list import build_news

from .conftest import KIM_LONG, PHU_XUAN


def walk(control: Any) -> list[Any]:
    """Return a control and everything inside it."""
    found = [control]
    for name in ("controls", "content", "title", "label"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += walk(child)
    return found


def keyed(control: Any, key: str) -> Any:
    """Return the control of a key."""
    return next(found for found in walk(control) if found.key == key)


def titles(screen: ft.Control) -> list[str]:
    """Return the titles of the items listed."""
    rows = keyed(screen, "news-list").controls
    return sorted(row.title.value for row in rows if isinstance(row, ft.ListTile))


async def my_ward(screen: ft.Control) -> None:
    """Tap the "Phường của tôi" chip."""
    await keyed(screen, "news-my-ward").on_select(None)


async def test_a_citizens_ward_and_the_city_without_other_wards(
    new_ctx: Callable[..., AppContext],
) -> None:
    screen = await build_news(new_ctx(ward=PHU_XUAN), {})
    assert keyed(screen, "news-my-ward").label.value == "Phường của tôi"
    assert titles(screen) == ["Tin Kim Long", "Tin Phú Xuân", "Tin thành phố"]
    await my_ward(screen)
    assert titles(screen) == ["Tin Phú Xuân", "Tin thành phố"]
    assert keyed(screen, "news-ward").visible is False  # the account says which ward
    assert "Phú Xuân" in keyed(screen, "news-ward-note").value
    await my_ward(screen)
    assert len(titles(screen)) == 3


async def test_a_guest_picks_a_ward_and_the_device_keeps_it(
    new_ctx: Callable[..., AppContext],
) -> None:
    screen = await build_news(new_ctx(), {})
    await my_ward(screen)
    assert keyed(screen, "news-ward-note").value.startswith("Chọn phường của bạn")
    assert len(titles(screen)) == 3  # nothing narrowed before a ward is picked
    picker = keyed(screen, "news-ward")
    assert picker.visible is True
    picker.value = KIM_LONG
    await picker.on_select(None)
    assert titles(screen) == ["Tin Kim Long", "Tin thành phố"]
    later = await build_news(new_ctx(), {})  # a new session on the same device
    await my_ward(later)
    assert keyed(later, "news-ward").value == KIM_LONG
    assert titles(later) == ["Tin Kim Long", "Tin thành phố"]
