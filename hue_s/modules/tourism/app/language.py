"""The language picker a visitor meets on first opening the module (and finds again later)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.theme import load_picker_fonts
from hue_s.app.views.settings.home import change_settings
from hue_s.modules.tourism.app.words import LANGUAGES

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

CHOSEN_KEY = "tourism.language_chosen"
HEADING = "Chọn ngôn ngữ · Choose your language · 选择语言 · 언어 선택 · 言語を選択 · Langue"
"""Said in every language: whoever opens the module cannot read the others yet."""


def language_chosen(ctx: AppContext) -> bool:
    """Say whether this device already chose a language: in the module, or another than the
    app's default in the app's settings (the picker then starts hidden, on that language)."""
    stored = ctx.store.device_settings.get(ctx.device_id, CHOSEN_KEY)
    chosen_here = stored is not None and stored.value is True
    return chosen_here or ctx.i18n.language != ctx.config.default_language


def language_picker(ctx: AppContext) -> ft.Control:
    """Return a card with one button per language; a choice applies at once, app-wide."""
    load_picker_fonts(ctx.page)  # the languages are named in their own script

    def choose(language: str) -> ft.Control:
        async def chosen() -> None:
            ctx.store.device_settings.put(ctx.device_id, CHOSEN_KEY, True)
            await change_settings(ctx, language=language)

        current = language == ctx.i18n.language
        style = ft.FilledButton if current else ft.OutlinedButton
        return style(LANGUAGES[language], key=f"tourism-language-{language}", on_click=chosen)

    return ft.Card(
        key="tourism-language-picker",
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [
                    ft.Row([ft.Icon(ft.Icons.TRANSLATE), ft.Text(HEADING, expand=True)]),
                    ft.Row([choose(code) for code in LANGUAGES], wrap=True, spacing=8),
                ],
                spacing=8,
            ),
        ),
    )
