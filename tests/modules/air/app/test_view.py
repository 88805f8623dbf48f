"""The air screen's control tree: my location, saved places kept on the device, refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

from hue_s.app.context import AppContext
from hue_s.kit import places_view
from hue_s.modules.air.app.view import build_air
from hue_s.modules.air.vn_aqi import band_of

from ..standin import StandIn

NEAR_DONG_BA = (16.4712, 107.5873)


def walk(control: Any) -> list[Any]:
    """Return a control and everything inside it."""
    found = [control]
    for name in ("controls", "content"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += walk(child)
    return found


def texts(control: Any) -> list[str]:
    """Return every visible text inside a control."""
    return [
        found.value
        for found in walk(control)
        if isinstance(found, ft.Text) and found.value and found.visible is not False
    ]


def keyed(control: Any, key: str) -> Any:
    """Return the control of a key."""
    return next(found for found in walk(control) if found.key == key)


def at(monkeypatch: pytest.MonkeyPatch, point: tuple[float, float] | None) -> None:
    """Make the device's position `point` (None: refused or unavailable)."""

    async def device_point() -> tuple[float, float] | None:
        return point

    monkeypatch.setattr(places_view, "device_point", device_point)


async def pick(screen: ft.Control, value: str) -> None:
    """Choose a place in the picker, as a tap would."""
    picker = keyed(screen, "air-ward")
    picker.value = value
    await picker.on_select(None)


async def test_my_location_shows_its_band_name_and_colour(
    new_ctx: Callable[[], AppContext], stand_in: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, NEAR_DONG_BA)
    screen = await build_air(new_ctx(), {})
    await pick(screen, "me")
    assert keyed(screen, "air-place").value == "Vị trí của tôi"
    panel = keyed(screen, "air-now")  # current, not old: filled with the band's colour
    assert panel.bgcolor == band_of(110).colour
    assert "VN_AQI · Kém" in texts(panel)
    assert stand_in.queries[-1]["latitude"] == ["16.5"]


async def test_a_refused_location_is_said_in_words(
    new_ctx: Callable[[], AppContext], stand_in: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, None)
    screen = await build_air(new_ctx(), {})
    await pick(screen, "me")
    message = keyed(screen, "air-no-location").value
    assert message.startswith("Không lấy được vị trí của bạn")
    assert "cho phép truy cập vị trí" in message
    assert not [c for c in walk(screen) if c.key in ("air-now", "air-now-old")]


async def test_a_saved_place_is_kept_for_the_next_session_and_can_be_removed(
    new_ctx: Callable[[], AppContext], stand_in: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, NEAR_DONG_BA)
    screen = await build_air(new_ctx(), {})
    await pick(screen, "me")
    keyed(screen, "air-save-name").value = "  Nhà bà nội "
    await keyed(screen, "air-save").on_click(None)
    assert keyed(screen, "air-ward").value == "saved:Nhà bà nội"
    at(monkeypatch, None)  # a saved place needs no position any more
    later = await build_air(new_ctx(), {})  # a new session on the same device
    assert keyed(later, "air-ward").value == "saved:Nhà bà nội"
    assert keyed(later, "air-place").value == "Nhà bà nội"
    assert "VN_AQI · Kém" in texts(keyed(later, "air-now"))
    assert "Nhà bà nội" in [o.text for o in keyed(later, "air-ward").options]
    await keyed(later, "air-remove").on_click(None)
    again = await build_air(new_ctx(), {})
    assert keyed(again, "air-ward").value == ""
    assert "Nhà bà nội" not in [o.text for o in keyed(again, "air-ward").options]


async def test_a_ward_is_saved_by_name_and_names_are_not_saved_twice(
    new_ctx: Callable[[], AppContext], stand_in: StandIn
) -> None:
    screen = await build_air(new_ctx(), {})
    await pick(screen, "19753")
    keyed(screen, "air-save-name").value = "Chợ"
    await keyed(screen, "air-save").on_click(None)
    await pick(screen, "19753")
    keyed(screen, "air-save-name").value = "chợ"
    await keyed(screen, "air-save").on_click(None)
    assert keyed(screen, "air-save-error").value == "Đã có một nơi đã lưu mang tên này."
    await pick(screen, "saved:Chợ")
    assert stand_in.queries and keyed(screen, "air-place").value == "Chợ"
