"""The alerts screens at phone and desktop width: weather and rivers, a warning with its map,
places, preparedness, and a guest asking for help."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import app_server_with, backend_url, full_output, texted_code
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

from .alerts_steps import create_operator, fake_open_meteo
from .test_alerts_journey import toggle, type_text

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

OPERATOR_PHONE = "0905 123 471"
SIZES = [("phone", PHONE), ("desktop", DESKTOP)]
HEADLINE = "Lũ trên sông Hương vượt báo động II tại Kim Long"
INSTRUCTION = "Di chuyển người già, trẻ em và tài sản lên chỗ cao; không qua ngầm, tràn."
DESCRIPTION = "Mực nước sông Hương tại Kim Long 2,4 m lúc 7 giờ, trên báo động II 0,4 m."
RAIN_HEADLINE = "Mưa lớn tại Vỹ Dạ"
PHU_XUAN_POINT = (16.4785, 107.5772)


def issue_as_operator(server: harness.ServerProcess) -> list[dict[str, Any]]:
    """Sign the operator in beside the app and issue two warnings; return their JSON."""
    codes = len(harness_codes(server))
    with httpx.Client(base_url=backend_url(server), timeout=10) as api:
        api.post("/api/v1/auth/otp", json={"phone": OPERATOR_PHONE}).raise_for_status()
        code = texted_code(server, after=codes)
        grant = api.post("/api/v1/auth/token", json={"phone": OPERATOR_PHONE, "code": code})
        grant.raise_for_status()
        headers = {"Authorization": f"Bearer {grant.json()['access_token']}"}
        expires = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        flood = {
            "event": "Lũ", "severity": "Severe", "urgency": "Expected", "certainty": "Likely",
            "headline": HEADLINE, "description": DESCRIPTION, "instruction": INSTRUCTION,
            "expires": expires, "ward_codes": ["19753", "19774"],
            "contact": "Ban Chỉ huy PCTT phường Kim Long",
        }  # fmt: skip
        rain = {
            "event": "Mưa lớn", "severity": "Moderate", "urgency": "Future",
            "certainty": "Possible", "headline": RAIN_HEADLINE, "expires": expires,
            "ward_codes": ["19777"],
        }  # fmt: skip
        issued = []
        for body in (flood, rain):
            answer = api.post("/api/v1/alerts", json=body, headers=headers)
            answer.raise_for_status()
            issued.append(answer.json())
        return issued


def harness_codes(server: harness.ServerProcess) -> list[str]:
    """Return every sign-in code the backend has texted so far."""
    from tests.e2e.accounts_steps import SMS_LINE

    return SMS_LINE.findall(full_output(server))


@contextmanager
def warned_app(
    data_dir: Path, name: str
) -> Iterator[tuple[harness.ServerProcess, list[dict[str, Any]]]]:
    """Run the app with a stand-in weather service and an operator's two warnings in force."""
    with fake_open_meteo() as weather_url:
        weather = {"HUE_S_OPEN_METEO_URL": weather_url, "HUE_S_OPEN_METEO_FLOOD_URL": weather_url}
        server = app_server_with(data_dir, name=name, env=weather)
        try:
            server.start()
        except harness.ServerError as error:
            pytest.fail(str(error), pytrace=False)
        try:
            create_operator(server, OPERATOR_PHONE)
            yield server, issue_as_operator(server)
        finally:
            server.stop()


@pytest.fixture
def screens_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[harness.ServerProcess, list[dict[str, Any]]]]:
    """The app with a stand-in weather service and two warnings in force."""
    with warned_app(tmp_path_factory.mktemp("hue-s-alert-screens"), "hue-s alert screens") as app:
        yield app


def scrolled_shot(app: AppPage, name: str, pixels: int, size: tuple[int, int]) -> None:
    """Scroll the screen down by `pixels` (mouse wheel) and take a screenshot."""
    app.page.mouse.move(size[0] * 0.6, size[1] * 0.6)
    app.page.mouse.wheel(0, pixels)
    app.page.wait_for_timeout(800)
    app.screenshot(name)


def open_page(browser: Browser, server: harness.ServerProcess, size: tuple[int, int],
              name: str) -> AppPage:  # fmt: skip
    """Open a fresh browser context at a viewport size, in Phú Xuân (location allowed)."""
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        geolocation={"latitude": PHU_XUAN_POINT[0], "longitude": PHU_XUAN_POINT[1]},
        permissions=["geolocation"],
    )
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    return AppPage(context.new_page(), server, name)


@pytest.mark.parametrize(("form", "size"), SIZES, ids=[form for form, _ in SIZES])
def test_the_alerts_screens(
    browser: Browser,
    screens_app: tuple[harness.ServerProcess, list[dict[str, Any]]],
    form: str,
    size: tuple[int, int],
) -> None:
    server, (flood, _rain) = screens_app
    app = open_page(browser, server, size, f"alert-screens-{form}")
    shot = f"{form}-{size[0]}x{size[1]}"
    try:
        app.goto("/alerts", wait_for="Cảnh báo toàn thành phố")
        app.wait_for_text(HEADLINE, timeout=FIRST_SCREEN_TIMEOUT)
        app.wait_for_text("24 giờ tới", timeout=FIRST_SCREEN_TIMEOUT)  # the forecast came
        texts = app.texts()
        assert RAIN_HEADLINE in texts and "Mưa" in texts and "7 ngày tới" in texts, texts
        assert any(line.startswith("Dự báo lúc ") for line in texts), texts
        assert any(line.startswith("Kim Long (Sông Hương)") for line in texts), texts
        app.wait_for_text("Sông Hương tại Kim Long", timeout=FIRST_SCREEN_TIMEOUT)  # discharge
        texts = app.texts()
        assert "Lưu lượng sông những ngày tới" in texts and "Hôm nay" in texts, texts
        assert any(line.startswith("Dự báo sông lúc ") for line in texts), texts
        assert any(line.endswith(" m³/s") for line in texts), texts
        app.screenshot(f"alerts-home-{shot}")
        if form == "phone":
            scrolled_shot(app, f"alerts-home-weather-{shot}", 900, size)
        scrolled_shot(app, f"alerts-home-rivers-{shot}", 1500 if form == "phone" else 600, size)

        app.goto(f"/alerts/{flood['id']}", wait_for="Cần làm gì")
        texts = app.texts()
        assert INSTRUCTION in texts and DESCRIPTION in texts, texts
        assert "Phường Phú Xuân, Phường Kim Long" in texts, texts
        assert "OpenStreetMap contributors" in texts, texts  # after flutter_map's "©"
        app.screenshot(f"alerts-detail-{shot}")
        scrolled_shot(app, f"alerts-detail-map-{shot}", 700 if form == "phone" else 400, size)
        app.click_button("Tôi cần giúp đỡ")
        app.wait_for_text("Số di động để gọi lại cho bạn")  # a guest gives a number instead
        app.click_button("Gửi đến phường, xã của tôi")
        app.wait_for_text("Hãy nhập số di động để phường, xã gọi lại cho bạn.")
        app.screenshot(f"alerts-help-guest-{shot}")
        app.click_button("Đóng")

        app.goto("/alerts/prepare", wait_for="Điểm tập trung gợi ý")
        toggle(app, "Nước uống cho 3 ngày (khoảng 3 lít mỗi người mỗi ngày)")
        app.wait_for_text("Đã chuẩn bị 1/14")
        assert any("không phải nơi trú tránh chính thức" in line for line in app.texts())
        app.screenshot(f"alerts-prepare-{shot}")
        scrolled_shot(app, f"alerts-prepare-gathering-points-{shot}", 1200, size)
        app.goto("/alerts/prepare", wait_for="Điểm tập trung gợi ý")
        app.wait_for_text("Đã chuẩn bị 1/14")  # the tick stayed on this device

        app.goto("/alerts/places", wait_for="Theo dõi phường, xã")
        toggle(app, "Phường Vỹ Dạ")
        app.wait_for_text("Bạn đang theo dõi Phường Vỹ Dạ.")
        app.screenshot(f"alerts-places-{shot}")
        app.goto("/alerts", wait_for="Cảnh báo cho nơi tôi theo dõi")
        app.wait_for_text("Nơi khác ở Huế")  # the flood is elsewhere for this device now
        app.screenshot(f"alerts-home-following-vy-da-{shot}")

        # The browser is asked where the device is; the place is saved under a name.
        app.goto("/alerts/places", wait_for="Theo dõi phường, xã")
        type_text(app, "Tên nơi này, ví dụ: Nhà", "Nhà")
        app.click_button("Lưu nơi tôi đang ở")
        app.wait_for_text("Bạn đang theo dõi Nhà.")
        app.screenshot(f"alerts-places-saved-home-{shot}")
        app.goto("/alerts", wait_for="Cảnh báo cho nơi tôi theo dõi")
        app.wait_until(lambda: not app.has_text("Nơi khác ở Huế"), "the flood to concern Nhà")
    finally:
        app.page.context.close()
