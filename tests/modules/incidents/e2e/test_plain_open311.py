"""The app pointed at a plain GeoReport v2 server that is not Hue-S, in Chromium.

The server (tests/app/open311_plain_server.py, written from the spec, importing nothing of
Hue-S) has the quirks of real ones: numeric ids, "true"/"false" strings, an api_key required in
the POST body, strict parameters, no service definitions, 404 past the last page. A guest (no
accounts there) files a report with a photo and the GPS position; it reaches the server once,
with its photo; "my reports" lists it (kept on the device, status asked from the server), and
so does the list of reports nearby.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, backend_url
from tests.e2e.conftest import FIRST_SCREEN_TIMEOUT
from tests.e2e.incidents_steps import (
    assert_bare_jpeg,
    assert_still_running,
    camera_photo,
    open_preview,
    phone_with_gps,
    pick_file,
    point_in_ward,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

SERVER_SCRIPT = harness.REPO_ROOT / "tests" / "app" / "open311_plain_server.py"
SERVER_READY = re.compile(r"plain Open311 at (http://\S+?)\s")
API_KEY = "plain-key"  # the server's own
JURISDICTION = "hue.example"
FIRST_ID = "638349"
POTHOLE = "Pothole"  # the plain server's names are its own, in English
DESCRIPTION = "Ổ gà sâu trước cổng chợ"


@pytest.fixture
def plain_server(browser_available: None) -> Iterator[harness.ServerProcess]:
    """The plain GeoReport v2 server, in its own process on loopback."""
    port = harness.free_port()
    argv = [sys.executable, str(SERVER_SCRIPT), "--port", str(port)]
    server = harness.ServerProcess(
        "plain-open311", argv, url=f"http://127.0.0.1:{port}", ready=SERVER_READY
    )
    yield from harness.serving(server)


@pytest.fixture
def plain_app(
    plain_server: harness.ServerProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app as the README runs it, told to file reports to the plain server."""
    app = app_server_with(
        tmp_path_factory.mktemp("hue-s-plain-open311"),
        env={"HUE_S_OPEN311_API_KEY": API_KEY},
        name="hue-s-plain-open311",
    )
    app.argv += ["--open311", plain_server.url + "/", "--jurisdiction", JURISDICTION]
    yield from harness.serving(app)


def reports_on(server: harness.ServerProcess) -> list[dict[str, Any]]:
    """Return every report the plain server holds."""
    return list(httpx.get(f"{server.url}/requests.json", timeout=10).json())


def test_a_guest_files_to_a_plain_server_and_follows_the_report(
    browser: Browser,
    plain_server: harness.ServerProcess,
    plain_app: harness.ServerProcess,
    tmp_path: Path,
) -> None:
    point = point_in_ward(backend_url(plain_app))
    photo = camera_photo(tmp_path / "pothole.jpg", point, (200, 40, 40))
    citizen = phone_with_gps(browser, plain_app, "plain-open311-citizen", point)
    try:
        citizen.goto("/incidents", wait_for="Phản ánh của tôi")
        citizen.wait_until(
            lambda: any(t.startswith("Phản ánh được gửi đến hệ thống") for t in citizen.texts()),
            "the note on what a plain server does not offer",
        )
        assert "Theo dõi bằng mã" not in citizen.buttons()
        citizen.screenshot("plain-open311-1-home-phone-390x844")

        citizen.goto("/incidents/new", wait_for="Loại sự việc")
        citizen.click_button("Loại sự việc: Chọn…")
        citizen.click_text(POTHOLE)
        citizen.type_into("Sự việc là gì?", DESCRIPTION)
        pick_file(citizen, "Thêm ảnh", photo)
        citizen.wait_until(
            lambda: any(t.startswith("1/5 ảnh: gửi") for t in citizen.texts()), "the photo"
        )
        citizen.click_button("Dùng vị trí của tôi")
        citizen.wait_until(
            lambda: any(t.startswith("Vị trí:") for t in citizen.texts()), "the GPS position"
        )
        open_preview(citizen)
        citizen.wait_for_text(
            "Hệ thống tiếp nhận phản ánh của thành phố nhận phản ánh mà không có tên hay số "
            "điện thoại của bạn."
        )
        assert not [t for t in citizen.texts() if t.startswith("Nơi và lúc chụp")]  # not sent
        citizen.screenshot("plain-open311-2-preview-phone-390x844")
        citizen.click_button("Gửi phản ánh")
        citizen.wait_until(lambda: citizen.path == "/incidents", "the reports screen")
        mine = f"{POTHOLE} · {FIRST_ID}"
        citizen.wait_until(
            lambda: mine in citizen.texts() and "Đang chờ gửi" not in citizen.texts(),
            "the report sent and in my reports, with the server's number",
            timeout=FIRST_SCREEN_TIMEOUT,
        )
        citizen.wait_for_text("Mở")  # its status, asked from the plain server
        citizen.screenshot("plain-open311-3-my-reports-phone-390x844")

        [filed] = reports_on(plain_server)
        assert filed["service_request_id"] == int(FIRST_ID)
        assert filed["description"].startswith(DESCRIPTION)
        assert filed["lat"] == pytest.approx(point[0], abs=1e-5)
        media = httpx.get(filed["media_url"], timeout=10)
        assert media.status_code == 200
        assert_bare_jpeg(media.content, longest=1600)

        citizen.goto("/incidents/nearby", wait_for="Quanh tôi")
        citizen.click_button("Quanh tôi")
        citizen.wait_until(
            lambda: POTHOLE in citizen.texts() and "Mở" in citizen.texts(),
            "the report in the list nearby",
        )
        citizen.screenshot("plain-open311-4-nearby-phone-390x844")

        citizen.click_text(POTHOLE)
        citizen.wait_until(lambda: citizen.path == f"/incidents/{FIRST_ID}", "its page")
        citizen.wait_until(
            lambda: any(t.startswith(DESCRIPTION) for t in citizen.texts()), "its description"
        )
        assert not [t for t in citizen.texts() if "#hues-" in t]  # the device's mark is apart
        citizen.screenshot("plain-open311-5-report-phone-390x844")
        assert_still_running(citizen)
        assert len(reports_on(plain_server)) == 1  # sent once
    finally:
        citizen.page.context.close()
