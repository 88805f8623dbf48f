"""The banner atop every screen that a module fills with what must not be missed (a warning).

It is part of each screen, not a dialog: a banner shown with `page.show_dialog` stays on the
page's dialog stack once closed (the web client never reports it dismissed), and with a closed
one beside an open one Chromium's renderer froze at phone size and 200% text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import flet as ft


@dataclass(frozen=True)
class BannerAction:
    """A button of the banner."""

    key: str
    label: str
    on_click: Callable[[ft.Event[ft.TextButton]], Awaitable[None] | None]
    tooltip: str | None = None


@dataclass(frozen=True)
class BannerContent:
    """What the banner shows: words, an icon and colours, and its buttons."""

    text: str
    icon: ft.IconData
    colour: str
    on_colour: str
    actions: tuple[BannerAction, ...]


class PageBanner:
    """The session's one banner, drawn at the top of every screen the shell builds."""

    def __init__(self) -> None:
        """Start with nothing to show."""
        self.content: BannerContent | None = None
        self._strips: list[ft.Container] = []

    def show(self, content: BannerContent | None) -> None:
        """Show `content` on every screen (None: take the banner away)."""
        self.content = content
        for strip in list(self._strips):
            self._fill(strip)
            try:
                strip.update()
            except RuntimeError:  # its screen left the page
                self._strips.remove(strip)

    def strip(self) -> ft.Container:
        """Return a new strip for a screen, kept up to date until the screen goes."""
        strip = ft.Container(
            key="page-banner", padding=ft.Padding.symmetric(horizontal=16, vertical=8)
        )
        self._fill(strip)
        self._strips = [*self._strips[-7:], strip]  # the views of a stack, not every one built
        return strip

    def _fill(self, strip: ft.Container) -> None:
        content = self.content
        strip.visible = content is not None
        if content is None:
            strip.content = None
            return
        strip.bgcolor = content.colour
        strip.content = ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(content.icon, color=content.on_colour, size=32),
                        ft.Text(
                            content.text,
                            color=content.on_colour,
                            weight=ft.FontWeight.BOLD,
                            expand=True,
                        ),
                    ],
                    spacing=16,
                ),
                ft.Row(
                    [
                        ft.TextButton(
                            key=action.key,
                            content=ft.Text(action.label, color=content.on_colour),
                            tooltip=action.tooltip,
                            on_click=action.on_click,
                        )
                        for action in content.actions
                    ],
                    wrap=True,
                ),
            ],
            spacing=0,
        )
