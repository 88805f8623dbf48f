"""A category's extra questions in Chromium, on the embedded backend (desktop width).

A guest chooses "street light out": its questions appear (how urgent, how many lights). A
wrong answer is shown at its question and kept; the answers survive reopening the app, show in
the preview, wait in the outbox with the report, and reach the server as attribute[...] fields.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import backend_url
from tests.e2e.conftest import DESKTOP, AppPage
from tests.e2e.incidents_steps import (
    assert_still_running,
    fill_report,
    open_preview,
    phone_with_gps,
    point_in_ward,
    sign_in_here,
    started_app,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

STREET_LIGHT = "Đèn đường hư hỏng"
DESCRIPTION = "Ba cột đèn tắt trước chợ"
LIGHTS_OUT = "Số cột đèn không sáng"
URGENCY = "Mức độ khẩn cấp (mặc định: bình thường)"
NOT_A_NUMBER = "Hãy ghi một con số, ví dụ 3 hoặc 2,5."
GUEST_PHONE = "0905 123 621"


@pytest.fixture
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app of this journey."""
    yield from started_app(tmp_path_factory, "hue-s-incidents-questions")


def stored_answers(server: harness.ServerProcess, description: str) -> dict[str, Any]:
    """Return the attribute answers the embedded backend stored with a report."""
    data_dir = Path(server.env["HUE_S_DATA_DIR"])
    for path in data_dir.glob("*.db"):
        with sqlite3.connect(path) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if "incidents" in tables:
                row = db.execute(
                    "SELECT attributes FROM incidents WHERE description = ?", (description,)
                ).fetchone()
                return dict(json.loads(row[0])) if row else {}
    raise AssertionError(f"no backend database under {data_dir}")


def field_value(page: AppPage, label: str) -> str:
    """Return what a text field holds (Flutter fills the input in once it has the focus)."""
    field = page.page.get_by_role("textbox", name=label).first
    if field.count() == 0:
        return ""
    field.click(force=True)
    page.page.wait_for_timeout(200)
    return str(field.input_value())


def reopened(page: AppPage) -> AppPage:
    """Close the tab and open the app in a new one on the same device (same browser storage)."""
    context = page.page.context
    page.page.close()
    return AppPage(context.new_page(), page.server, page.name)


def test_category_questions_are_asked_checked_kept_and_sent(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    backend = backend_url(web_app)
    point = point_in_ward(backend)
    guest = phone_with_gps(browser, web_app, "incidents-questions", point, size=DESKTOP)
    try:
        guest.goto("/incidents/new")
        fill_report(guest, STREET_LIGHT, DESCRIPTION)
        guest.wait_for_text(URGENCY)
        guest.click_text("Khẩn cấp")
        guest.type_into(LIGHTS_OUT, "ba cột")
        open_preview_or_errors(guest)
        guest.wait_for_text(NOT_A_NUMBER)
        guest.page.mouse.move(640, 400)
        guest.page.mouse.wheel(0, -350)  # up to the questions
        guest.screenshot("incidents-questions-1-wrong-answer-desktop-1280x800")

        guest = reopened(guest)  # the tab closed and the app opened again: nothing is lost
        guest.goto("/incidents/new")
        guest.wait_for_text(URGENCY)
        guest.wait_until(lambda: field_value(guest, LIGHTS_OUT) == "ba cột", "the kept answer")
        guest.page.keyboard.press("Control+A")
        guest.page.keyboard.type("3", delay=20)
        open_preview(guest)
        guest.wait_for_text(LIGHTS_OUT)
        assert "3" in guest.texts() and "Khẩn cấp" in guest.texts()
        guest.screenshot("incidents-questions-2-preview-desktop-1280x800")
        guest.click_button("Gửi phản ánh")
        guest.wait_for_text("Đang chờ bạn đăng nhập.")

        guest.click_button("Sửa")  # the queued report keeps its answers when changed
        guest.wait_until(lambda: guest.path.startswith("/incidents/outbox/"), "the change form")
        guest.wait_until(lambda: field_value(guest, LIGHTS_OUT) == "3", "the queued answer")
        guest.page.keyboard.press("Escape")
        guest.screenshot("incidents-questions-3-queued-report-changed-desktop-1280x800")
        guest.goto("/incidents")
        guest.click_button("Đăng nhập để gửi")
        guest.wait_until(lambda: guest.path == "/sign-in", "the sign-in screen")
        sign_in_here(guest, "/incidents", GUEST_PHONE)
        guest.wait_until(
            lambda: "Đang chờ gửi" not in guest.texts() and "Đã tiếp nhận" in guest.texts(),
            "the waiting report to be sent",
            timeout=45,
        )
        sent = httpx.get(
            f"{backend}/open311/v2/requests.json",
            params={"service_code": "street_lighting", "extensions": "true"},
        ).json()
        record = next(r for r in sent if r["description"] == DESCRIPTION)
        assert record["extended_attributes"]["urgency"] == "high"
        assert stored_answers(web_app, DESCRIPTION) == {"urgency": "high", "pole_count": 3.0}
        assert_still_running(guest)
    finally:
        guest.page.context.close()


def open_preview_or_errors(page: AppPage) -> None:
    """Click "Preview and send" until the form's problems show (a tap may only end the typing)."""

    def shown() -> bool:
        if NOT_A_NUMBER in page.texts():
            return True
        harness.click_labelled(page.page, "Xem lại và gửi")
        page.page.wait_for_timeout(1500)
        return bool(NOT_A_NUMBER in page.texts())

    page.wait_until(shown, "the wrong answer's problem at its question")
