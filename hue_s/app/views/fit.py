"""What keeps words whole at any text size: the app bar's title, the bottom bar's labels."""

from __future__ import annotations

import flet as ft

# From this text size on, the bottom bar shows its icons only: four labels of 24 px do not fit
# a phone's width. The app bar names the section; each icon keeps its name (tooltip, screen
# reader), as phones' own tab bars do at their largest text sizes.
ICONS_ONLY_SCALE = 1.5
TITLE_LINE = {True: 24, False: 28}  # title line height at 100%: phone (title medium), wide


def app_bar_title(title: str, *, phone: bool, text_scale: float) -> tuple[ft.Text, float]:
    """Return the app bar's title, wrapping to two lines on a phone, and the bar's height."""
    lines = 2 if phone else 1
    text = ft.Text(
        title,
        theme_style=ft.TextThemeStyle.TITLE_MEDIUM if phone else ft.TextThemeStyle.TITLE_LARGE,
        max_lines=lines,
        no_wrap=not phone,
        overflow=ft.TextOverflow.ELLIPSIS,
        tooltip=title,
    )
    return text, max(56.0, lines * TITLE_LINE[phone] * text_scale + 16)


def nav_label_behavior(text_scale: float) -> ft.NavigationBarLabelBehavior:
    """Return whether the bottom bar shows its labels at this text size."""
    if text_scale >= ICONS_ONLY_SCALE:
        return ft.NavigationBarLabelBehavior.ALWAYS_HIDE
    return ft.NavigationBarLabelBehavior.ALWAYS_SHOW
