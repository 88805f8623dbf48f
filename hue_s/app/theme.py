"""One place for Hue-S colours, typography and the text-size setting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import flet as ft

from hue_s.app.state.settings import DeviceSettings

HUE_PURPLE = "#5B2A86"
MIN_TEXT_SCALE = 1.0
MAX_TEXT_SCALE = 2.0
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)

# Material 3 type scale (logical pixels) that the text-size setting multiplies.
_M3_SIZES = {
    "display_large": 57, "display_medium": 45, "display_small": 36,
    "headline_large": 32, "headline_medium": 28, "headline_small": 24,
    "title_large": 22, "title_medium": 16, "title_small": 14,
    "body_large": 16, "body_medium": 14, "body_small": 12,
    "label_large": 14, "label_medium": 12, "label_small": 11,
}  # fmt: skip

THEME_MODES = {
    "system": ft.ThemeMode.SYSTEM,
    "light": ft.ThemeMode.LIGHT,
    "dark": ft.ThemeMode.DARK,
}


def clamp_text_scale(scale: float) -> float:
    """Keep a text scale inside the supported 100%–200% range."""
    return min(MAX_TEXT_SCALE, max(MIN_TEXT_SCALE, scale))


CJK_FONTS = {
    "zh": ("Hue CJK", "fonts/DroidSansFallbackFull.ttf"),
    "ja": ("Hue CJK", "fonts/DroidSansFallbackFull.ttf"),
    "ko": ("Hue Hangul", "fonts/HueHangul.ttf"),
}
"""Languages whose characters Roboto lacks, and the font (family, asset) their sessions load
(see hue_s/assets/fonts/README.md): Vietnamese and English users never download them."""
PICKER_FONTS = {
    "Hue Picker CJK": "fonts/HuePickerCJK.ttf",
    "Hue Picker Hangul": "fonts/HuePickerHangul.ttf",
}
"""The few characters that name the languages in their own script (6 kB): a CJK session's
from its start, any other's once a screen lists the languages (`load_picker_fonts`)."""
BASE_FONT = "Roboto"
"""Named, or the fallback fonts (which have Latin letters too) drew every text once loaded."""


def font_fallback(language: str) -> list[str]:
    """Return the fonts a session's text falls back to, in order (loaded or not).

    Hangul fonts come before Droid Sans Fallback, which has Hangul letters (jamo) but not the
    syllables: shaped with it, 각 was drawn as 가ㄱ. Hue Hangul (NanumSquare without the glyphs
    it leaves blank) has no Han characters, so they fall through to Droid in a Korean session.
    """
    if language == "ko":
        return ["Hue Hangul", "Hue Picker Hangul", "Hue CJK", "Hue Picker CJK"]
    return ["Hue Picker Hangul", "Hue CJK", "Hue Picker CJK", "Hue Hangul"]


def build_theme(text_scale: float = 1.0, language: str = "vi") -> ft.Theme:
    """Return the Huế-purple Material theme with every text style scaled (CJK as fallback).

    Each style names its colour, the theme's on-surface: the client replaces a theme's text
    styles whole, so a style without one lost the theme's, and the dark theme's text was
    drawn dark on dark.
    """
    scale = clamp_text_scale(text_scale)
    fallback = font_fallback(language)
    styles = {
        name: ft.TextStyle(
            size=round(size * scale, 1),
            font_family=BASE_FONT,
            font_family_fallback=fallback,
            color=ft.Colors.ON_SURFACE,
        )
        for name, size in _M3_SIZES.items()
    }
    return ft.Theme(
        color_scheme_seed=HUE_PURPLE,
        use_material3=True,
        text_theme=ft.TextTheme(**styles),
    )


FLUTTER_LOCALES = {
    "vi": ft.Locale("vi", "VN"), "en": ft.Locale("en", "US"), "zh": ft.Locale("zh", "CN", "Hans"),
    "ko": ft.Locale("ko", "KR"), "ja": ft.Locale("ja", "JP"), "fr": ft.Locale("fr", "FR"),
}  # fmt: skip


def apply_device_settings(page: ft.Page, settings: DeviceSettings) -> None:
    """Apply a device's theme, text size and language to the page (Flutter's own labels too)."""
    apply_theme(page, settings.theme_mode, settings.text_scale, settings.language)
    apply_locale(page, settings.language)


def apply_locale(page: ft.Page, language: str) -> None:
    """Tell Flutter the session's language, so its own labels (Back, tabs) speak it too; a
    CJK language loads the font its characters need.

    Other languages load no font at start: each font the client loads redraws every text of
    the screen when it comes, and the picker's two did so twice on the first home (issue #19).
    """
    if language in CJK_FONTS:
        family, asset = CJK_FONTS[language]
        add_fonts(page, {**PICKER_FONTS, family: asset})
    page.locale_configuration = ft.LocaleConfiguration(
        supported_locales=list(FLUTTER_LOCALES.values()),
        current_locale=FLUTTER_LOCALES[language],
    )


def add_fonts(page: ft.Page, fonts: dict[str, str]) -> None:
    """Have the client load these fonts (family -> asset) beside those it has already."""
    if not fonts.keys() <= (page.fonts or {}).keys():
        page.fonts = {**(page.fonts or {}), **fonts}


def load_picker_fonts(page: ft.Page) -> None:
    """Load the fonts of the language names (中文, 한국어, 日本語) for a screen that lists them."""
    add_fonts(page, PICKER_FONTS)


@contextmanager
def theme_taken_at_once(page: ft.Page) -> Iterator[None]:
    """Have the updates sent inside take the theme at once; later theme changes animate again.

    The client draws its first frame with Flutter's default theme, so the first home's Huế theme
    was a theme change: MaterialApp cross-fades one (200 ms), rebuilding and drawing the whole
    home at every frame of it, on the page's own thread (issue #19). The default comes back with
    the next update, so a theme chosen in settings still cross-fades.
    """
    page.theme_animation_style = ft.AnimationStyle.no_animation()
    try:
        yield
    finally:
        page.theme_animation_style = None


def apply_theme(page: ft.Page, theme_mode: str, text_scale: float, language: str = "vi") -> None:
    """Set the page's light and dark themes and theme mode from device settings."""
    page.theme = build_theme(text_scale, language)
    page.dark_theme = build_theme(text_scale, language)
    page.theme_mode = THEME_MODES.get(theme_mode, ft.ThemeMode.SYSTEM)
