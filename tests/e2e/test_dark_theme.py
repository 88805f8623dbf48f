"""The dark theme draws its text light: a screen of words chosen dark is still readable."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image

from .conftest import PHONE, AppPage

OpenApp = Callable[..., AppPage]
LIGHT = 0.6
"""Luma above which a pixel is light: the dark theme's text colour (on-surface) is about 0.89,
its background about 0.07."""
ENOUGH_LIGHT_PIXELS = 1000
"""The settings' words at 390x844 light about 2,800 pixels; drawn dark on dark, none."""


def light_text_pixels(page: AppPage) -> int:
    """Count the light pixels between the app bar and the bottom bar, right of the radio
    buttons (whose rings are light in any case): the words of the screen."""
    image = Image.open(io.BytesIO(page.page.screenshot())).convert("L")
    width, height = image.size
    box = (int(width * 0.12), int(height * 0.08), int(width * 0.9), int(height * 0.88))
    words = image.crop(box)
    return sum(words.histogram()[round(LIGHT * 255) :])


def test_the_dark_theme_draws_the_settings_words_light(open_app: OpenApp) -> None:
    settings = open_app("/settings", size=PHONE, wait_for="Tiếng Việt")
    settings.click_text("Tối")
    settings.wait_until(
        lambda: light_text_pixels(settings) >= ENOUGH_LIGHT_PIXELS,
        "the settings' words to be drawn light on the dark background",
    )
    settings.screenshot("settings-dark-phone-390x844")
