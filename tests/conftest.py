"""Set-up shared by every test folder."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run a failed browser test up to twice more, each time in a fresh browser and app.

    Chromium's renderer still spins now and then (screenshots and `page.evaluate` never
    answer): in the last local full run three journeys that pass alone failed twice each, and
    one hung. Causes found so far (a help dialog and the warning banner piling up on Flet's
    dialog stack, one tab reloaded some 40 times) are fixed; the rest is not found yet (see
    docs/FLET-FINDINGS.md). A bug fails every attempt; all attempts are in the report (`-rR`).
    """
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.flaky(reruns=2))
