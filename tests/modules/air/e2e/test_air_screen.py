"""The air screen in Chromium: VN_AQI with its band's name and colour, advice, the next hours."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO

import pytest
from PIL import Image

from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage

from ..standin import StandIn

pytestmark = pytest.mark.browser

POOR_ORANGE = (255, 126, 0)
OLD = re.compile(r"^Số liệu lúc .+, có thể đã cũ, không phải không khí lúc này\.$")


def colour_at(app: AppPage, text: str) -> tuple[int, int, int]:
    """Return the colour of the canvas just left of a text's box (inside its panel)."""
    box = app.page.evaluate(
        "(text) => { const node = [...document.querySelectorAll('flt-semantics')]"
        ".find((n) => n.textContent.trim() === text);"
        " const r = node.getBoundingClientRect(); return {x: r.x, y: r.y}; }",
        text,
    )
    png = app.page.screenshot(clip={"x": box["x"] - 6, "y": box["y"] + 2, "width": 2, "height": 2})
    pixel = Image.open(BytesIO(png)).convert("RGB").getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_air_shows_the_band_its_colour_advice_and_the_next_hours(
    open_app: Callable[..., AppPage], size: tuple[int, int]
) -> None:
    app = open_app("/air", size=size, wait_for="Chất lượng không khí")
    app.wait_for_text("VN_AQI · Kém", timeout=FIRST_SCREEN_TIMEOUT)
    texts = app.texts()
    assert "110" in texts, texts
    assert any(line.startswith("Số liệu lúc ") for line in texts), texts
    assert not any("có thể đã cũ" in line for line in texts), texts
    assert any(line.startswith("Mọi người: ") for line in texts), texts
    assert "48 giờ tới" in texts, texts
    assert any(line.startswith("VN_AQI 113, Kém") or ": VN_AQI 11" in line for line in texts)
    assert colour_at(app, "VN_AQI · Kém") == POOR_ORANGE
    app.screenshot(f"air-{size[0]}x{size[1]}")


def test_when_upstream_fails_the_cached_reading_is_said_to_be_old(
    open_app: Callable[..., AppPage], air_stand_in: StandIn
) -> None:
    first = open_app("/air", size=PHONE, wait_for="Chất lượng không khí")
    first.wait_for_text("VN_AQI · Kém", timeout=FIRST_SCREEN_TIMEOUT)
    air_stand_in.failing = True
    try:
        again = open_app("/air", size=PHONE, wait_for="Chất lượng không khí")
        again.wait_until(
            lambda: any(OLD.match(line) for line in again.texts()),
            "the reading said to be old",
            timeout=FIRST_SCREEN_TIMEOUT,
        )
        assert "Số liệu cũ" in again.texts()
        assert colour_at(again, "VN_AQI · Kém") != POOR_ORANGE  # not filled as if current
        again.screenshot("air-stale-390x844")
    finally:
        air_stand_in.failing = False
