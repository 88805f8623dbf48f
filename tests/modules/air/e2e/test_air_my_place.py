"""'Vị trí của tôi' in Chromium: the browser's position (granted) read with its band's name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

from ..standin import StandIn

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

pytestmark = pytest.mark.browser
DONG_BA = (16.4712, 107.5873)
"""Where the person stands: by Đông Ba market."""


@pytest.fixture
def air_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory, air_stand_in: StandIn
) -> Iterator[harness.ServerProcess]:
    """The app with the air module only, new for each attempt (a retry starts clean)."""
    server = app_server_with(tmp_path_factory.mktemp("hue-s-air"), name="hue-s air")
    server.env.update(HUE_S_MODULES="air", HUE_S_AIR_QUALITY_URL=air_stand_in.url)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def person(
    browser: Browser, air_app: harness.ServerProcess, request: pytest.FixtureRequest
) -> Iterator[Callable[..., AppPage]]:
    """Return a function opening a device of a size, standing by Đông Ba (location allowed
    unless told)."""
    contexts: list[BrowserContext] = []

    def open_device(size: tuple[int, int], allowed: bool = True) -> AppPage:
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            geolocation={"latitude": DONG_BA[0], "longitude": DONG_BA[1], "accuracy": 10},
            permissions=["geolocation"] if allowed else [],
        )
        context.set_default_timeout(STEP_TIMEOUT * 1000)
        contexts.append(context)
        return AppPage(context.new_page(), air_app, request.node.name)

    yield open_device
    report = getattr(request.node, "report_call", None)
    for index, context in enumerate(contexts):
        if report is not None and report.failed:
            for number, page in enumerate(context.pages):
                AppPage(page, air_app, request.node.name).screenshot(
                    f"FAILED-{request.node.name}-{index}-{number}", settle=1.0
                )
        context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_my_location_shows_its_band_name(
    person: Callable[..., AppPage], size: tuple[int, int]
) -> None:
    device = person(size)
    device.goto("/air", wait_for="Chất lượng không khí")
    device.wait_for_text("VN_AQI · Kém", timeout=FIRST_SCREEN_TIMEOUT)  # central Huế first
    device.click_text("Vị trí hoặc phường: Trung tâm Huế")
    device.click_text("Vị trí của tôi")
    device.wait_until(
        lambda: "Vị trí của tôi" in device.texts() and "VN_AQI · Kém" in device.texts(),
        "my location's reading with its band",
        timeout=FIRST_SCREEN_TIMEOUT,
    )
    assert not any(line.startswith("Không lấy được vị trí") for line in device.texts())
    device.screenshot(f"air-my-location-{size[0]}x{size[1]}")


def test_a_refused_location_is_said_in_words(person: Callable[..., AppPage]) -> None:
    device = person(PHONE, allowed=False)
    device.goto("/air", wait_for="Chất lượng không khí")
    device.wait_for_text("VN_AQI · Kém", timeout=FIRST_SCREEN_TIMEOUT)
    device.click_text("Vị trí hoặc phường: Trung tâm Huế")
    device.click_text("Vị trí của tôi")
    device.wait_until(
        lambda: any(line.startswith("Không lấy được vị trí của bạn") for line in device.texts()),
        "the refusal said in words",
        timeout=FIRST_SCREEN_TIMEOUT,
    )
    assert "VN_AQI · Kém" not in device.texts()
    device.screenshot("air-location-refused-390x844")
