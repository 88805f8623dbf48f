"""Settings of this device: language, theme and text size, applied at once."""

from __future__ import annotations

from typing import Any

import flet as ft

from hue_s import __version__
from hue_s.app.context import AppContext
from hue_s.app.theme import MAX_TEXT_SCALE, MIN_TEXT_SCALE, apply_theme

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


async def change_settings(ctx: AppContext, **changes: Any) -> None:
    """Validate, store and apply new device settings, then redraw the session."""
    ctx.settings = ctx.settings.model_validate({**ctx.settings.model_dump(), **changes})
    ctx.save_settings()
    ctx.i18n.set_language(ctx.settings.language)
    ctx.api.language = ctx.settings.language
    apply_theme(ctx.page, ctx.settings.theme_mode, ctx.settings.text_scale)
    if ctx.refresh is not None:
        await ctx.refresh()


def _segments(
    ctx: AppContext, key: str, options: dict[str, str], current: str, field: str
) -> ft.Control:
    async def on_change(event: ft.Event[ft.SegmentedButton]) -> None:
        await change_settings(ctx, **{field: event.control.selected[0]})

    return ft.SegmentedButton(
        key=key,
        selected=[current],
        segments=[ft.Segment(value=value, label=label) for value, label in options.items()],
        on_change=on_change,
    )


def build_settings(ctx: AppContext) -> ft.Control:
    """Return the settings screen."""
    _ = ctx._
    settings = ctx.settings

    async def on_text_scale(event: ft.Event[ft.Slider]) -> None:
        await change_settings(ctx, text_scale=round((event.control.value or 100) / 100, 2))

    themes = {"system": _("System"), "light": _("Light"), "dark": _("Dark")}
    return ft.Column(
        spacing=20,
        controls=[
            ft.Text(_("Language"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            _segments(ctx, "settings-language", LANGUAGE_NAMES, settings.language, "language"),
            ft.Text(_("Theme"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            _segments(ctx, "settings-theme", themes, settings.theme_mode, "theme_mode"),
            ft.Text(_("Text size"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Slider(
                key="settings-text-size",
                min=MIN_TEXT_SCALE * 100,
                max=MAX_TEXT_SCALE * 100,
                divisions=10,
                value=settings.text_scale * 100,
                label="{value}%",
                on_change_end=on_text_scale,
            ),
            ft.Divider(),
            ft.Text(_("About"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(_("Hue-S version {version}").format(version=__version__)),
            ft.Text(_("Backend: {url}").format(url=ctx.services.backend_url), selectable=True),
            ft.Text(_("Map data: © OpenStreetMap contributors (ODbL).")),
            ft.Text(_("Ward boundaries: sapnhap.bando.com.vn, via vietnamese-provinces-database.")),
        ],
    )
