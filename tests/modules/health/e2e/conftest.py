"""The browser fixtures of tests/e2e, with a fresh app per test (a retry starts clean)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e import harness
from tests.e2e.conftest import (  # noqa: F401  (fixtures and the report hook, re-exported)
    browser,
    browser_available,
    open_app,
    playwright_driver,
    pytest_runtest_makereport,
)
from tests.e2e.incidents_steps import started_app


@pytest.fixture
def hue_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app with every module, started for this test alone."""
    yield from started_app(tmp_path_factory, "hue-s-health")
