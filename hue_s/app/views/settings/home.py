"""Settings of this device: language, theme and text size, applied at once."""

from __future__ import annotations

from typing import Any

import flet as ft

from hue_s import __version__
from hue_s.app.context import AppContext
from hue_s.app.theme import TEXT_SCALES, apply_device_settings, load_picker_fonts
from hue_s.app.views.settings.open311 import OPEN311_PATH
from hue_s.app.views.settings.open311_check import may_choose_open311

LANGUAGE_NAMES = {
    "vi": "Tiếng Việt", "en": "English", "zh": "中文（简体）", "ko": "한국어", "ja": "日本語",
    "fr": "Français",
}  # fmt: skip


async def change_settings(ctx: AppContext, **changes: Any) -> None:
    """Validate, store and apply new device settings, then redraw the session."""
    ctx.settings = ctx.settings.model_validate({**ctx.settings.model_dump(), **changes})
    ctx.save_settings()
    ctx.i18n.set_language(ctx.settings.language)
    ctx.api.language = ctx.settings.language
    apply_device_settings(ctx.page, ctx.settings)
    if ctx.refresh is not None:
        await ctx.refresh()


def _choice(
    ctx: AppContext, key: str, options: dict[str, str], current: str, field: str
) -> ft.Control:
    """Return radio buttons for one setting; they wrap well at any text size and width."""

    async def on_change(event: ft.Event[ft.RadioGroup]) -> None:
        await change_settings(ctx, **{field: event.control.value})

    radios: list[ft.Control] = [
        ft.Radio(value=value, label=label, key=f"{key}-{value}") for value, label in options.items()
    ]
    return ft.RadioGroup(
        key=key, value=current, on_change=on_change, content=ft.Column(radios, spacing=0)
    )


def open311_entry(ctx: AppContext) -> list[ft.Control]:
    """Return, for the operations centre only, the way to where reports go."""
    if not may_choose_open311(ctx):
        return []
    _ = ctx._
    current = ctx.services.open311.settings
    where = current.url if current is not None else _("the Hue-S server")

    async def open_it(event: ft.Event[ft.ListTile]) -> None:
        await ctx.page.push_route(OPEN311_PATH)

    return [
        ft.Divider(),
        ft.Text(_("For staff"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.ListTile(
            key="settings-open311",
            leading=ft.Icon(ft.Icons.HUB),
            title=ft.Text(_("City report system (Open311)")),
            subtitle=ft.Text(_("Reports go to: {where}").format(where=where)),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
            on_click=open_it,
        ),
    ]


def build_settings(ctx: AppContext) -> ft.Control:
    """Return the settings screen."""
    _ = ctx._
    settings = ctx.settings
    load_picker_fonts(ctx.page)  # the languages are named in their own script

    themes = {"system": _("System"), "light": _("Light"), "dark": _("Dark")}
    sizes = {f"{scale:.2f}": f"{round(scale * 100)}%" for scale in TEXT_SCALES}
    nearest_scale = min(TEXT_SCALES, key=lambda scale: abs(scale - settings.text_scale))
    return ft.Column(
        spacing=20,
        controls=[
            ft.Text(_("Language"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            _choice(ctx, "settings-language", LANGUAGE_NAMES, settings.language, "language"),
            ft.Text(_("Theme"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            _choice(ctx, "settings-theme", themes, settings.theme_mode, "theme_mode"),
            ft.Text(_("Text size"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            _choice(ctx, "settings-text-size", sizes, f"{nearest_scale:.2f}", "text_scale"),
            *open311_entry(ctx),
            ft.Divider(),
            ft.Text(_("About"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(_("Hue-S version {version}").format(version=__version__)),
            ft.Text(_("Backend: {url}").format(url=ctx.services.backend_url), selectable=True),
            ft.Text(_("Map data: © OpenStreetMap contributors (ODbL).")),
            ft.Text(_("Ward boundaries: sapnhap.bando.com.vn, via vietnamese-provinces-database.")),
        ],
    )
