"""The browser fixtures of tests/e2e, and a fresh app with the tourism module for each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with
from tests.e2e.conftest import (  # noqa: F401  (fixtures and the report hook, re-exported)
    STEP_TIMEOUT,
    AppPage,
    browser,
    browser_available,
    playwright_driver,
    pytest_runtest_makereport,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

NGO_MON = (16.4677, 107.5792)
"""Where the visitor stands: before the Noon Gate of the Imperial City."""


@pytest.fixture
def tourism_app(
    browser_available: None,  # noqa: F811  (the imported fixture)
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app with the tourism module only, new for each attempt (a retry starts clean)."""
    server = app_server_with(tmp_path_factory.mktemp("hue-s-tourism"), name="hue-s tourism")
    server.env["HUE_S_MODULES"] = "tourism"
    server.start()
    yield server
    server.stop()


@pytest.fixture
def visitor(
    browser: Browser,  # noqa: F811  (the imported fixture)
    tourism_app: harness.ServerProcess,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[tuple[int, int]], AppPage]]:
    """Return a function opening a device of a size that stands at the Noon Gate."""
    contexts: list[BrowserContext] = []

    def open_device(size: tuple[int, int]) -> AppPage:
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            geolocation={"latitude": NGO_MON[0], "longitude": NGO_MON[1], "accuracy": 10},
            permissions=["geolocation"],
        )
        context.set_default_timeout(STEP_TIMEOUT * 1000)
        contexts.append(context)
        return AppPage(context.new_page(), tourism_app, request.node.name)

    yield open_device
    report = getattr(request.node, "report_call", None)
    for index, context in enumerate(contexts):
        if report is not None and report.failed:
            for number, page in enumerate(context.pages):
                AppPage(page, tourism_app, request.node.name).screenshot(
                    f"FAILED-{request.node.name}-{index}-{number}", settle=1.0
                )
        context.close()
