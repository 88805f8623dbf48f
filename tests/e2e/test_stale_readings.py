"""River gauges in Chromium: a reading from a year ago says so, and claims no alarm level or trend.

The embedded backend is seeded with the Kim Long and Phú Ốc readings of Nov-Dec 2025, so on any
later day they are old: before, the screen showed them as current ("dưới báo động I · đang
xuống") beside a flood warning for the same river.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from .conftest import FIRST_SCREEN_TIMEOUT, PHONE, AppPage

pytestmark = pytest.mark.browser

OLD_READING = re.compile(r"^Mực nước [\d,]+ m lúc .+, có thể đã cũ$")
CLAIMS = ("báo động I", "báo động II", "báo động III", "đang lên", "đang xuống", "không đổi")


def test_year_old_river_readings_say_they_are_old(open_app: Callable[..., AppPage]) -> None:
    app = open_app("/alerts", size=PHONE, wait_for="Cảnh báo toàn thành phố")
    app.wait_for_text("Mực nước sông", timeout=FIRST_SCREEN_TIMEOUT)
    app.wait_until(
        lambda: any(OLD_READING.match(line) for line in app.texts()),
        "a gauge reading marked as old",
        timeout=FIRST_SCREEN_TIMEOUT,
    )
    texts = app.texts()
    gauges = [line for line in texts if line.startswith(("Kim Long (", "Phú Ốc ("))]
    assert gauges, texts
    claims = [line for line in gauges if any(claim in line.lower() for claim in CLAIMS)]
    assert claims == [], f"old readings still claim a level or a trend: {claims}"
    old = [line for line in texts if OLD_READING.match(line)]
    assert len(old) == len(gauges), (old, gauges)
    app.page.mouse.move(PHONE[0] / 2, PHONE[1] / 2)
    box = app.page.evaluate(
        "() => { const e = [...document.querySelectorAll('flt-semantics')]"
        ".find((n) => n.textContent.startsWith('Mực nước ') && n.textContent.includes('cũ'));"
        " return e ? e.getBoundingClientRect().top : 0; }"
    )
    app.page.mouse.wheel(0, max(0, box - PHONE[1] / 3))
    app.page.wait_for_timeout(500)
    app.screenshot("alerts-old-river-readings-phone-390x844")
