"""Screen layout of the incident screens: full width on phones, a readable column elsewhere."""

from __future__ import annotations

import flet as ft

READABLE_COLUMNS: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {
    "xs": 12,
    "lg": 9,
    "xl": 8,
}


def readable(content: ft.Column, *, key: str | None = None) -> ft.Control:
    """Return a screen's column stretched to a readable width (all of a phone's)."""
    content.horizontal_alignment = ft.CrossAxisAlignment.STRETCH
    return ft.ResponsiveRow(key=key, controls=[ft.Container(content=content, col=READABLE_COLUMNS)])
