"""Filing for a visitor at the ward office, in Chromium, with two apps on one backend.

A kiosk at the ward office (`--kiosk`, its slips pointing at the city's public web app through
HUE_S_PUBLIC_URL) and the public web app (`--backend` the kiosk's). A ward officer signs in at
the kiosk, files a report for a visitor who gives their mobile number, and gets the slip. The QR
code is read from a screenshot with a real decoder; the visitor's phone (a second browser,
not signed in) opens that address and sees the case, then signs in with that number, adds the
case to My reports with the code (nothing joins an account because an officer typed its phone)
and finds it there.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, backend_url
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from tests.e2e.incidents_steps import (
    POTHOLE,
    assert_still_running,
    create_officer,
    fill_report,
    new_page,
    phone_with_gps,
    point_in_ward,
    sign_in_at,
    sign_in_here,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

OFFICER_PHONE = "0905 123 681"
VISITOR_PHONE = "0905 123 682"
VISITOR_NAME = "Hoàng Thị Lan"
DESCRIPTION = "Ổ gà lớn trước chợ Đông Ba, người dân báo tại phường"
FILE_FOR_VISITOR = "Nộp thay cho người dân"
SEND = "Gửi thay người dân"
SENT = "Đã gửi. Hãy đưa phiếu này cho người dân hoặc để họ chụp lại."
NEXT_VISITOR = "Xong: người tiếp theo"
ADD_TO_MY_REPORTS = "Thêm vào Phản ánh của tôi"
TRACKING_CODE = re.compile(r"^\d+-[0-9A-Z]{4}-[0-9A-Z]{4}$")


@dataclass
class WardOffice:
    """The kiosk app and the public app, sharing the kiosk's embedded backend."""

    kiosk: harness.ServerProcess
    public: harness.ServerProcess

    @property
    def public_pages(self) -> harness.ServerProcess:
        """The public app as pages see it: its address, but the kiosk's log.

        The backend (and so the log line with each texted code, and the database where staff
        are created) lives in the kiosk's process.
        """
        view = copy.copy(self.public)
        view._lines = self.kiosk._lines
        view.env = self.kiosk.env
        return view


@pytest.fixture(scope="module")
def apps(browser_available: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WardOffice]:
    """Start the kiosk, then the public app on the kiosk's backend; stop both afterwards."""
    public = app_server_with(tmp_path_factory.mktemp("public"), name="hue-s public")
    kiosk = app_server_with(
        tmp_path_factory.mktemp("kiosk"),
        kiosk=True,
        name="hue-s --kiosk",
        env={"HUE_S_PUBLIC_URL": public.url},
    )
    try:
        kiosk.start()
        public.argv += ["--backend", backend_url(kiosk)]
        public.start()
    except harness.ServerError as error:
        kiosk.stop()
        pytest.fail(str(error), pytrace=False)
    yield WardOffice(kiosk, public)
    public.stop()
    kiosk.stop()


def decoded_qr(png: bytes) -> str:
    """Read the one QR code on a screenshot with a real decoder."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, f"{len(found)} QR codes on the screen"
    return str(found[0].text)


def tracking_code(page: AppPage) -> str:
    """Return the tracking code the slip shows."""
    codes = [text for text in page.texts() if TRACKING_CODE.match(text)]
    assert codes, page.diagnosis("no tracking code on the slip")
    return codes[0]


def send(page: AppPage) -> None:
    """Click Send until the slip shows (a first tap may only end the typing)."""

    def sent() -> bool:
        if SENT in page.texts():
            return True
        harness.click_labelled(page.page, SEND)
        page.page.wait_for_timeout(1500)
        return SENT in page.texts()

    page.wait_until(sent, "the slip")


def file_for_visitor(page: AppPage, *, name: str, phone: str | None, shot: str) -> None:
    """On the officer's inbox: open the form, fill it for the visitor (screenshot `shot`)."""
    page.click_button(FILE_FOR_VISITOR)
    page.wait_until(lambda: page.path == "/incidents/assisted", "the form for a visitor")
    page.type_into("Họ tên người dân (không bắt buộc)", name)
    if phone is not None:
        page.type_into("Số di động của người dân (không bắt buộc)", phone)
    page.screenshot(shot)
    fill_report(page, POTHOLE, DESCRIPTION)


def qr_on_screen(page: AppPage) -> str:
    """Scroll until the slip's QR code is on the screen; return what it says."""
    for _attempt in range(8):
        try:
            return decoded_qr(page.page.screenshot())
        except AssertionError:
            viewport = page.page.viewport_size or {"width": 0, "height": 0}
            page.page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
            page.page.mouse.wheel(0, 300)
            page.page.wait_for_timeout(600)
    raise AssertionError(page.diagnosis("no QR code could be read on the slip"))


def test_an_officer_files_for_a_visitor_who_follows_it_on_their_phone(
    browser: Browser, apps: WardOffice
) -> None:
    create_officer(apps.kiosk, OFFICER_PHONE)
    point = point_in_ward(backend_url(apps.kiosk))
    officer = phone_with_gps(browser, apps.kiosk, "assisted-kiosk", point, size=DESKTOP)
    try:
        sign_in_at(officer, "/officer", OFFICER_PHONE)
        file_for_visitor(
            officer, name=VISITOR_NAME, phone=VISITOR_PHONE, shot="assisted-1-form-kiosk-1280x800"
        )
        send(officer)
        code = tracking_code(officer)
        officer.wait_for_text(POTHOLE)
        officer.wait_for_text("Phường Phú Xuân")
        assert "Cần hỏi? Gọi đường dây nóng 19001075." in officer.texts()
        url = qr_on_screen(officer)
        officer.screenshot("assisted-2-slip-kiosk-1280x800")
        assert url == f"{apps.public.url}/incidents/track/{code}"
        assert_still_running(officer)
    finally:
        officer.page.context.close()

    visitor = new_page(
        browser,
        apps.public_pages,
        "visitor-phone",
        viewport={"width": PHONE[0], "height": PHONE[1]},
    )
    try:
        visitor.page.goto(url)
        harness.enable_semantics(visitor.page, FIRST_SCREEN_TIMEOUT * 1000)
        case_id = code.split("-")[0]
        visitor.wait_for_text(f"Phản ánh {case_id}: {POTHOLE}", timeout=FIRST_SCREEN_TIMEOUT)
        visitor.wait_for_text("Đã tiếp nhận")
        shown = " ".join(visitor.texts())
        assert "Phường Phú Xuân" in shown and "Nộp tại trụ sở phường" in shown
        assert VISITOR_NAME not in shown and "123 682" not in shown and DESCRIPTION not in shown
        visitor.screenshot("assisted-3-tracking-page-phone-390x844")
        assert ADD_TO_MY_REPORTS not in visitor.texts()  # a guest signs in first
        visitor.click_button("Đăng nhập")
        visitor.wait_until(lambda: visitor.path == "/sign-in", "the sign-in screen")
        sign_in_here(visitor, f"/incidents/track/{code}", VISITOR_PHONE)
        visitor.wait_for_text(ADD_TO_MY_REPORTS)
        visitor.screenshot("assisted-3b-add-to-my-reports-phone-390x844")
        visitor.click_button(ADD_TO_MY_REPORTS)
        visitor.wait_until(lambda: visitor.path == "/incidents", "My reports")
        visitor.wait_until(
            lambda: any(DESCRIPTION in text for text in visitor.texts()),
            "the case in My reports",
        )
        visitor.screenshot("assisted-4-my-reports-phone-390x844")
        assert_still_running(visitor)
    finally:
        visitor.page.context.close()

    desktop = new_page(
        browser,
        apps.public_pages,
        "tracking-desktop",
        viewport={"width": DESKTOP[0], "height": DESKTOP[1]},
    )
    try:
        desktop.goto("/incidents", wait_for="Theo dõi bằng mã")
        desktop.click_button("Theo dõi bằng mã")
        typed = code.lower().replace("-", " ")
        desktop.type_into("Mã theo dõi", typed, shows=typed.upper())  # the field writes capitals
        desktop.page.keyboard.press("Enter")
        desktop.wait_for_text(f"Mã theo dõi {code}")
        desktop.screenshot("assisted-5-tracking-page-desktop-1280x800")
    finally:
        desktop.page.context.close()


def test_an_officer_on_a_phone_files_without_a_number(browser: Browser, apps: WardOffice) -> None:
    create_officer(apps.kiosk, "0905 123 683", name="Trần Văn Minh")
    point = point_in_ward(backend_url(apps.kiosk))
    officer = phone_with_gps(browser, apps.public_pages, "assisted-phone", point)
    try:
        sign_in_at(officer, "/officer", "0905 123 683")
        file_for_visitor(officer, name="Ông Bảy", phone=None, shot="assisted-6-form-phone-390x844")
        send(officer)
        code = tracking_code(officer)
        url = qr_on_screen(officer)
        officer.screenshot("assisted-7-slip-phone-390x844")
        assert url == f"{apps.public.url}/incidents/track/{code}"
        officer.click_button(NEXT_VISITOR)
        officer.wait_until(
            lambda: (
                SENT not in officer.texts()
                and officer.has_field("Họ tên người dân (không bắt buộc)")
            ),
            "an empty form for the next visitor",
        )
        assert_still_running(officer)
    finally:
        officer.page.context.close()


def test_a_bad_phone_is_said_and_the_form_kept(browser: Browser, apps: WardOffice) -> None:
    create_officer(apps.kiosk, "0905 123 684")
    point = point_in_ward(backend_url(apps.kiosk))
    officer = phone_with_gps(browser, apps.public_pages, "assisted-bad-phone", point, size=DESKTOP)
    try:
        sign_in_at(officer, "/officer", "0905 123 684")
        file_for_visitor(
            officer, name="Ông Tư", phone="0123", shot="assisted-8-form-desktop-1280x800"
        )
        harness.click_labelled(officer.page, SEND)
        officer.wait_until(
            lambda: any("không phải số di động" in text for text in officer.texts()),
            "the phone's error",
        )
        assert SENT not in officer.texts()
        assert officer.path == "/incidents/assisted" and officer.has_field("Sự việc là gì?")
        officer.screenshot("assisted-9-bad-phone-desktop-1280x800")
    finally:
        officer.page.context.close()
