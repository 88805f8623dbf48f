"""A ward-office slip's QR code opens only where a visitor's phone can go (issue 20, item 4).

A kiosk is served on its own loopback address; a phone cannot open that. Two setups:
- a kiosk with no setting of its own, on a city backend that says (HUE_S_PUBLIC_URL there,
  told by /api/v1/meta) where citizens open the app: the QR leads there; and the kiosk's own
  address opened on a phone-sized browser shows the case in the phone layout, not squeezed
  beside the kiosk's rail;
- an app with no public address anywhere (served on 127.0.0.1, embedded backend): the slip
  prints the tracking code, no QR code, and says what to set.
The old code printed `http://127.0.0.1:<port>/incidents/track/<code>` in both, and kept the
kiosk's extended rail on a phone, leaving the text about 100 px.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, backend_url
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from tests.e2e.incidents_steps import (
    POTHOLE,
    assert_still_running,
    create_officer,
    new_page,
    phone_with_gps,
    point_in_ward,
    sign_in_at,
    started_app,
)

from .test_assisted_filing import file_for_visitor, qr_on_screen, send, tracking_code

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CITY_APP = "https://hue-s.example.vn"
NO_QR = "Không có mã QR"


@pytest.fixture(scope="module")
def kiosk(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """A kiosk without HUE_S_PUBLIC_URL, on a backend that has it."""
    server = app_server_with(tmp_path_factory.mktemp("kiosk-slip"), kiosk=True, name="kiosk")
    server.env.pop("HUE_S_PUBLIC_URL", None)
    backend = server.backend  # type: ignore[attr-defined]
    backend.env = {**server.env, "HUE_S_PUBLIC_URL": CITY_APP}
    yield from harness.serving(server)


@pytest.fixture(scope="module")
def unset_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app with its embedded backend and no public address set anywhere."""
    yield from started_app(tmp_path_factory, "no-public-address")


def qr_count(page: AppPage) -> int:
    """Return how many QR codes the screen shows, scrolling down the slip."""
    import zxingcpp
    from PIL import Image

    seen = 0
    for _step in range(4):
        shot = Image.open(io.BytesIO(page.page.screenshot()))
        seen = max(seen, len(zxingcpp.read_barcodes(shot)))
        viewport = page.page.viewport_size or {"width": 0, "height": 0}
        page.page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
        page.page.mouse.wheel(0, 300)
        page.page.wait_for_timeout(400)
    return seen


def test_the_kiosk_slip_leads_to_the_address_the_backend_gives(
    browser: Browser, kiosk: harness.ServerProcess
) -> None:
    create_officer(kiosk, "0905 123 691")
    point = point_in_ward(backend_url(kiosk))
    officer = phone_with_gps(browser, kiosk, "kiosk-slip", point, size=DESKTOP)
    try:
        sign_in_at(officer, "/officer", "0905 123 691")
        file_for_visitor(officer, name="Ông Năm", phone=None, shot="kiosk-slip-1-form-1280x800")
        send(officer)
        code = tracking_code(officer)
        url = qr_on_screen(officer)
        officer.screenshot("kiosk-slip-2-qr-from-meta-1280x800")
        assert url == f"{CITY_APP}/incidents/track/{code}", url
        assert_still_running(officer)
    finally:
        officer.page.context.close()

    phone = new_page(
        browser, kiosk, "kiosk-on-phone", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    try:
        phone.page.goto(f"{kiosk.url}/incidents/track/{code}")
        harness.enable_semantics(phone.page, FIRST_SCREEN_TIMEOUT * 1000)
        title = f"Phản ánh {code.split('-')[0]}: {POTHOLE}"
        phone.wait_for_text(title, timeout=FIRST_SCREEN_TIMEOUT)
        phone.screenshot("kiosk-slip-3-tracking-on-phone-390x844")
        assert phone.page.evaluate(harness.MARK_TARGET_JS, [title, []])
        box = phone.page.locator("[data-e2e-target]").bounding_box()
        assert box is not None
        # Phone layout: the text starts at the screen's edge (16 px of padding) and has the width
        # of the phone; beside the kiosk's extended rail it started past 256 px, ~100 px wide.
        assert box["x"] < 40 and box["width"] > 250, phone.diagnosis(f"the title's box: {box}")
    finally:
        phone.page.context.close()


def test_without_a_public_address_the_slip_has_no_qr_and_says_what_to_set(
    browser: Browser, unset_app: harness.ServerProcess
) -> None:
    create_officer(unset_app, "0905 123 692")
    point = point_in_ward(backend_url(unset_app))
    officer = phone_with_gps(browser, unset_app, "slip-no-address", point)
    try:
        sign_in_at(officer, "/officer", "0905 123 692")
        file_for_visitor(officer, name="Bà Sáu", phone=None, shot="kiosk-slip-4-form-390x844")
        send(officer)
        code = tracking_code(officer)
        officer.wait_until(
            lambda: any(
                text.startswith(NO_QR) and "HUE_S_PUBLIC_URL" in text for text in officer.texts()
            ),
            "the slip saying why it has no QR code and what to set",
        )
        officer.screenshot("kiosk-slip-5-no-qr-390x844")
        assert code in officer.texts()
        assert qr_count(officer) == 0, officer.diagnosis("a QR code of an unreachable address")
        assert_still_running(officer)
    finally:
        officer.page.context.close()
