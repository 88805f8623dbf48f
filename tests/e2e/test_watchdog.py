"""A renderer stuck in a busy loop fails the test (its browser is killed) instead of hanging."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from . import harness, watchdog

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

pytestmark = pytest.mark.browser


def test_a_page_stuck_in_a_busy_loop_is_killed_and_the_call_fails(
    playwright_driver: Playwright,
) -> None:
    from playwright.sync_api import Error

    token = watchdog.new_token()
    chromium = harness.launch_chromium(playwright_driver, token)
    page = chromium.new_page()
    deadline = watchdog.Deadline(token, seconds=3.0)
    try:
        with pytest.raises(Error):
            page.evaluate("() => { for (;;) {} }")  # never answers by itself
        assert deadline.fired
        assert not watchdog.kill_marked(token), "a process of the killed browser is still alive"
    finally:
        deadline.cancel()
        chromium.close()
