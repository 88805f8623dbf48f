"""A citizen looking at their dossiers on a phone hears, in a bar, that the ward received one
(the app polls their list), and the bar's "Mở" opens it; shot at 390x844."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import (
    BACKEND_URL,
    SMS_LINE,
    app_server_with,
    full_output,
    texted_code,
)
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    PHONE,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import create_officer, new_page, sign_in_at

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

MARITAL_STATUS = "1.004873.000.00.00.H57"
CITIZEN = "0905 123 781"
OFFICER = "0905 123 782"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app, looking at one's dossiers every 5 seconds (the shortest it allows)."""
    server = app_server_with(
        tmp_path_factory.mktemp("hue-s-services-notices"),
        env={"HUE_S_SERVICES_POLL_SECONDS": "5"},
        name="hue-s-services-notices",
    )
    yield from harness.serving(server)


def signed_in(server: harness.ServerProcess, backend: str, phone: str) -> dict[str, str]:
    """Return the headers of `phone` signed in through the API with its texted code."""
    before = len(SMS_LINE.findall(full_output(server)))
    httpx.post(f"{backend}/api/v1/auth/otp", json={"phone": phone}).raise_for_status()
    code = texted_code(server, after=before)
    answer = httpx.post(f"{backend}/api/v1/auth/token", json={"phone": phone, "code": code})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_the_citizen_hears_that_the_ward_received_a_dossier(
    browser: Browser,  # noqa: F811
    web_app: harness.ServerProcess,
) -> None:
    backend = BACKEND_URL.findall(full_output(web_app))[-1]
    create_officer(web_app, OFFICER)
    citizen, officer = signed_in(web_app, backend, CITIZEN), signed_in(web_app, backend, OFFICER)
    filed = httpx.post(
        f"{backend}/api/v1/services/dossiers",
        data={
            "procedure_code": MARITAL_STATUS,
            "ward_code": "19753",
            "answers": json.dumps({"status": "single", "purpose": "Đăng ký kết hôn"}),
        },
        files=[("document:ly-hon", ("ly-hon.pdf", PDF, "application/pdf"))],
        headers=citizen,
    )
    assert filed.status_code == 201, filed.text
    code = filed.json()["code"]
    news = f"Hồ sơ {code} (Cấp Giấy xác nhận tình trạng hôn nhân) của bạn: đã được phường tiếp nhận"

    phone = new_page(
        browser, web_app, "services-notices", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    sign_in_at(phone, "/services/dossiers", CITIZEN)
    phone.wait_for_text(f"{code} · Chờ tiếp nhận")
    phone.page.wait_for_timeout(2000)  # the look at sign-in: a dossier just filed is not news
    assert news not in phone.texts()

    received = httpx.post(f"{backend}/api/v1/services/dossiers/{code}/receive", headers=officer)
    assert received.status_code == 200, received.text
    phone.wait_for_text(news)
    phone.wait_for_text(f"{code} · Đã tiếp nhận, đang xử lý")  # the list drawn again
    phone.screenshot("services-move-notice-phone")
    phone.click_button("Mở")
    phone.wait_until(lambda: phone.path == f"/services/dossiers/{code}", "the dossier opened")
    phone.wait_for_text(f"Mã hồ sơ: {code}")
    phone.page.wait_for_timeout(6000)  # another look or more: the move is not told twice
    assert news not in phone.texts()
