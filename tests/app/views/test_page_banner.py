"""The banner atop every screen: each screen's strip shows what the session's banner holds."""

from __future__ import annotations

import flet as ft

from hue_s.app.views.page_banner import BannerAction, BannerContent, PageBanner

FLOOD = BannerContent(
    text="Nghiêm trọng: Lũ",
    icon=ft.Icons.WARNING,
    colour="#c62828",
    on_colour="#ffffff",
    actions=(BannerAction("hide", "Ẩn cảnh báo này", lambda _event: None),),
)


def texts(strip: ft.Container) -> list[str]:
    """Return the words a strip shows (its text and its buttons')."""
    assert isinstance(strip.content, ft.Column)
    message, buttons = strip.content.controls
    assert isinstance(message, ft.Row) and isinstance(buttons, ft.Row)
    words = [message.controls[1].value]
    return words + [button.content.value for button in buttons.controls]


def test_a_screen_built_while_a_banner_shows_carries_it() -> None:
    banner = PageBanner()
    banner.show(FLOOD)
    strip = banner.strip()
    assert strip.visible and strip.bgcolor == "#c62828"
    assert texts(strip) == ["Nghiêm trọng: Lũ", "Ẩn cảnh báo này"]


def test_a_screen_off_the_page_is_let_go_and_nothing_shows_once_taken_away() -> None:
    banner = PageBanner()
    strip = banner.strip()
    assert not strip.visible
    banner.show(FLOOD)  # the strip is on no page: its update fails and it is dropped
    assert strip.visible and banner._strips == []
    banner.show(None)
    assert banner.strip().visible is False
