"""The browser fixtures of tests/e2e, with the app reading air quality from the stand-in."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from tests.e2e import harness
from tests.e2e.conftest import (  # noqa: F401  (fixtures and the report hook, re-exported)
    browser,
    browser_available,
    open_app,
    playwright_driver,
    pytest_runtest_makereport,
    start_app,
)

from ..standin import StandIn, serve


@pytest.fixture(scope="session")
def air_stand_in() -> Iterator[StandIn]:
    """Open-Meteo's air-quality API stand-in, answering for the real clock."""
    with serve() as running:
        yield running


@pytest.fixture(scope="session")
def hue_app(
    start_app: Callable[..., harness.ServerProcess],  # noqa: F811  (the imported fixture)
    air_stand_in: StandIn,
) -> harness.ServerProcess:
    """The app with every module, its backend pointed at the stand-in and asking it each time
    (no cache freshness), so that a failing stand-in shows what the cache then serves."""
    settings = {"HUE_S_AIR_QUALITY_URL": air_stand_in.url, "HUE_S_AIR_FRESH_SECONDS": "0"}
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        return start_app()
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
