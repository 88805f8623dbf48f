"""The browser fixtures of tests/e2e, for the incidents journeys."""

from __future__ import annotations

from tests.e2e.conftest import (  # noqa: F401  (fixtures and the report hook, re-exported)
    browser,
    browser_available,
    hue_app,
    open_app,
    playwright_driver,
    pytest_runtest_makereport,
    start_app,
)
