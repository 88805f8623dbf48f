"""What module screens share: a readable width on wide windows, a titled screen, refusals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.app.views.errors import describe_error

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

READABLE: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "lg": 9, "xl": 8}
"""A screen's columns: all of a phone's width, about two thirds of a desktop's."""


def readable(controls: list[ft.Control], key: str | None = None) -> ft.Control:
    """Return a screen's column, all of a phone's width, a readable width elsewhere."""
    column = ft.Column(controls, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.ResponsiveRow(key=key, controls=[ft.Container(content=column, col=READABLE)])


def screen(title: str, controls: list[ft.Control], key: str) -> ft.Control:
    """Return a screen: its title (keyed `<key>-title`), then its parts, at a readable width."""
    heading = ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key=f"{key}-title")
    return readable([heading, *controls], key)


def refusal_text(ctx: AppContext, error: HueAPIError, refusals: Mapping[str, str]) -> str:
    """Return what went wrong in words: a refusal the module knows by its code (a gettext
    marker), else the app's usual message for the error."""
    if isinstance(error, APIStatusError) and error.code in refusals:
        return ctx._(refusals[error.code or ""])
    return describe_error(ctx, error)


def still_shown(ctx: AppContext, control: ft.Control) -> bool:
    """Say whether a control is inside one of the page's current views."""
    node: ft.BaseControl | None = control
    while node is not None and not isinstance(node, ft.View):
        node = node.parent
    return node is not None and any(view is node for view in ctx.page.views)
