"""Staff point a running app at a plain GeoReport v2 server from its settings, in Chromium.

The app starts filing to its own Hue-S backend. An operator of the operations centre opens
Settings -> City report system, types the plain server's discovery document, its jurisdiction
and api key, checks the connection (what it supports, in words), and saves it. Without a
restart, a citizen's next report goes to the plain server, once; the citizen never sees the
screen. Screenshots at 390x844 and 1280x800 go to artifacts/screenshots/open311-settings/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import backend_url
from tests.e2e.conftest import FIRST_SCREEN_TIMEOUT, AppPage
from tests.e2e.incidents_steps import (
    assert_still_running,
    desktop,
    new_page,
    open_preview,
    phone_with_gps,
    point_in_ward,
    sign_in_at,
    started_app,
)

from .test_plain_open311 import API_KEY, JURISDICTION, POTHOLE, plain_server  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

OPERATOR_PHONE = "0905 123 811"
SCREEN = "/settings/open311"
SHOTS = harness.ARTIFACTS_DIR / "screenshots" / "open311-settings"
DESCRIPTION = "Ổ gà trước số 12 Lê Lợi"
CONNECTED = "Đã kết nối: 2 loại dịch vụ."
SAVED = "Đã lưu: từ giờ phản ánh được gửi đến hệ thống này."


@pytest.fixture
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app as the README runs it: no Open311 setting, reports go to Hue-S."""
    yield from started_app(tmp_path_factory, "hue-s-open311-settings")


def shoot(page: AppPage, name: str) -> None:
    """Keep a screenshot under artifacts/screenshots/open311-settings/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(page.screenshot(f"open311-settings-{name}"), SHOTS / f"{name}.png")


def reports_on(server: harness.ServerProcess) -> list[dict[str, Any]]:
    """Return every report the plain server holds."""
    return list(httpx.get(f"{server.url}/requests.json", timeout=10).json())


def create_operator(server: harness.ServerProcess) -> None:
    """Create an operator of the operations centre in the app's embedded backend."""
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", OPERATOR_PHONE]
    command += ["--role", "operator", "--name", "Phạm Thị Thu"]
    subprocess.run(command, env=server.env, check=True, capture_output=True, timeout=60)


def test_an_operator_points_the_running_app_at_a_plain_server_and_a_citizen_files_there(
    browser: Browser,
    plain_server: harness.ServerProcess,  # noqa: F811
    web_app: harness.ServerProcess,
) -> None:
    create_operator(web_app)
    discovery = plain_server.url.replace("/api/georeport/v2", "/discovery.json")
    operator = desktop(browser, web_app, "open311-operator")
    try:
        sign_in_at(operator, SCREEN, OPERATOR_PHONE)
        operator.wait_for_text("Kiểm tra kết nối", timeout=FIRST_SCREEN_TIMEOUT)
        assert any(t.startswith("Phản ánh được gửi đến máy chủ Hue-S") for t in operator.texts())
        shoot(operator, "1-hue-s-desktop-1280x800")

        operator.type_into("Địa chỉ của hệ thống", "city.example/georeport")
        operator.click_button("Kiểm tra kết nối")
        operator.wait_for_text("Hãy nhập địa chỉ của hệ thống, bắt đầu bằng https:// hoặc http://.")

        operator.type_into("Địa chỉ của hệ thống", discovery)
        operator.type_into("Mã đơn vị (jurisdiction id)", JURISDICTION)
        operator.type_into("Khóa API", API_KEY)
        operator.click_button("Kiểm tra kết nối")
        operator.wait_for_text(CONNECTED)
        operator.wait_for_text("Phân trang: có")
        operator.wait_for_text(f"Địa chỉ tiếp nhận: {plain_server.url}/")
        shoot(operator, "2-checked-desktop-1280x800")

        operator.click_button("Kiểm tra và sử dụng")
        operator.wait_for_text(SAVED)
        operator.wait_for_text(f"Phản ánh được gửi đến hệ thống riêng của thành phố: {discovery}")
        operator.wait_for_text(
            "• không gian làm việc của cán bộ phường: cán bộ của thành phố xử lý phản ánh trên "
            "hệ thống đó."
        )
        shoot(operator, "3-saved-desktop-1280x800")

        operator.goto("/officer")  # the workspace says where citizens' reports are now
        operator.wait_until(
            lambda: any(
                t.startswith("Phản ánh mới của người dân được gửi đến") for t in operator.texts()
            ),
            "the inbox's note on the city's own system",
        )
        shoot(operator, "3b-officer-inbox-desktop-1280x800")
        assert_still_running(operator)
    finally:
        operator.page.context.close()

    phone_size = {"width": 390, "height": 844}
    staff_phone = new_page(browser, web_app, "open311-operator-phone", viewport=phone_size)
    try:
        sign_in_at(staff_phone, "/settings", OPERATOR_PHONE)
        staff_phone.wait_for_text("Hệ thống tiếp nhận phản ánh của thành phố (Open311)")
        shoot(staff_phone, "4-settings-phone-390x844")
        staff_phone.click_text("Hệ thống tiếp nhận phản ánh của thành phố (Open311)")
        staff_phone.wait_until(lambda: staff_phone.path == SCREEN, "the Open311 screen")
        staff_phone.wait_for_text("Kiểm tra kết nối")
        shown = staff_phone.texts()
        assert any(t.startswith("Phản ánh được gửi đến hệ thống riêng") for t in shown)
        shoot(staff_phone, "5-open311-phone-390x844")
    finally:
        staff_phone.page.context.close()

    point = point_in_ward(backend_url(web_app))
    citizen = phone_with_gps(browser, web_app, "open311-citizen", point)
    try:
        citizen.goto("/settings", wait_for="Ngôn ngữ")
        assert not [t for t in citizen.texts() if "Open311" in t]  # citizens never see it
        citizen.goto(
            SCREEN,
            wait_for="Chỉ điều hành viên và quản trị viên của trung tâm điều hành mới chọn được "
            "nơi nhận phản ánh.",
        )

        citizen.goto("/incidents", wait_for="Phản ánh của tôi")
        citizen.wait_until(
            lambda: any(t.startswith("Phản ánh được gửi đến hệ thống") for t in citizen.texts()),
            "the note on what the city's own system does not offer",
        )
        shoot(citizen, "6-citizen-incidents-phone-390x844")
        citizen.goto("/incidents/new", wait_for="Loại sự việc")
        citizen.click_button(next(b for b in citizen.buttons() if b.endswith("Chọn…")))
        citizen.click_text(POTHOLE)  # the plain server's own category
        citizen.type_into("Sự việc là gì?", DESCRIPTION)
        citizen.click_button("Dùng vị trí của tôi")
        citizen.wait_until(
            lambda: any(t.startswith("Vị trí:") for t in citizen.texts()), "the GPS position"
        )
        open_preview(citizen)
        citizen.click_button("Gửi phản ánh")
        citizen.wait_until(
            lambda: (
                any(t.startswith(f"{POTHOLE} · ") for t in citizen.texts())
                and "Đang chờ gửi" not in citizen.texts()
            ),
            "the report sent to the plain server, with its number",
            timeout=FIRST_SCREEN_TIMEOUT,
        )
        shoot(citizen, "7-citizen-sent-phone-390x844")
        assert_still_running(citizen)
    finally:
        citizen.page.context.close()

    [filed] = [r for r in reports_on(plain_server) if r["description"].startswith(DESCRIPTION)]
    assert filed["lat"] == pytest.approx(point[0], abs=1e-5)
