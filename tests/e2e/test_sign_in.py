"""Signing in at phone width, my account, and a session that ends while a form is half typed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from . import harness
from .accounts_steps import (
    DISPLAY_NAME,
    SEARCH,
    SIGN_IN,
    SMS_LINE,
    app_server_with,
    backend_url,
    full_output,
    open_account,
    open_sign_in,
    sign_in_as_citizen,
    texted_code,
)
from .conftest import PHONE, STEP_TIMEOUT, AppPage

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CITIZEN_PHONE = "0905 123 480"
DRAFT = "Nguyễn Thị Hương"
EXPIRED_TITLE = "Phiên đăng nhập đã hết hạn"
SAVE = "Lưu hồ sơ"


OFFICER_PHONE = "0905 123 490"
WORKSPACE = "Không gian làm việc cán bộ"
STAFF_ONLY = (
    "Không gian này dành cho cán bộ thành phố và phường, xã. "
    "Vui lòng đăng nhập bằng tài khoản cán bộ để mở."
)


@pytest.fixture(scope="module")
def web_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app in web mode, in its own data dir, with its whole log kept."""
    data_dir = tmp_path_factory.mktemp("hue-s-sign-in")
    server = app_server_with(data_dir, name="hue-s web")
    yield from harness.serving(server)


def end_other_sessions(server: harness.ServerProcess, phone: str) -> str:
    """Sign in beside the app as the same citizen, end its other sessions; return the token."""
    with httpx.Client(base_url=backend_url(server), timeout=10) as api:
        codes_before = len(harness_codes(server))
        api.post("/api/v1/auth/otp", json={"phone": phone}).raise_for_status()
        code = texted_code(server, after=codes_before)
        grant = api.post("/api/v1/auth/token", json={"phone": phone, "code": code})
        grant.raise_for_status()
        headers = {"Authorization": f"Bearer {grant.json()['access_token']}"}
        for session in api.get("/api/v1/me/sessions", headers=headers).json():
            if not session["current"]:
                api.delete(f"/api/v1/me/sessions/{session['id']}", headers=headers)
        return str(grant.json()["access_token"])


def harness_codes(server: harness.ServerProcess) -> list[str]:
    """Return every code the backend has texted so far."""
    return SMS_LINE.findall(full_output(server))


def test_sign_in_account_and_a_session_that_ends_mid_form(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    app = AppPage(context.new_page(), web_app, "sign-in")
    try:
        app.goto("/", wait_for=SEARCH)
        open_sign_in(app)
        assert any("bạn chỉ đăng nhập đến khi đóng thẻ này" in line for line in app.texts())
        app.screenshot("sign-in-phone-390x844")
        sign_in_as_citizen(app, CITIZEN_PHONE)
        assert app.path == "/"

        open_account(app)
        app.wait_for_text("Các thiết bị đang đăng nhập")
        app.type_into(DISPLAY_NAME, DRAFT)
        app.screenshot("account-phone-390x844")

        token = end_other_sessions(web_app, CITIZEN_PHONE)  # this browser's session is over
        app.click_button(SAVE)
        app.wait_for_text(EXPIRED_TITLE)
        app.screenshot("session-expired-dialog-phone-390x844")

        sign_in_as_citizen(app, CITIZEN_PHONE)
        app.wait_until(lambda: not app.has_text(EXPIRED_TITLE), "the dialog to close")
        app.screenshot("account-after-signing-in-again-phone-390x844")
        app.click_button(SAVE)  # what was typed before the session ended is what gets saved
        app.wait_for_text("Đã lưu hồ sơ của bạn.")
        with httpx.Client(base_url=backend_url(web_app), timeout=10) as api:
            me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["display_name"] == DRAFT
        assert SIGN_IN not in app.buttons()
    finally:
        context.close()


def create_officer(server: harness.ServerProcess, phone: str) -> None:
    """Create a ward officer in the app's embedded backend, as an administrator would."""
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", phone]
    command += ["--role", "officer", "--ward", "19753", "--name", "Trần Văn Minh"]
    subprocess.run(command, env=server.env, check=True, capture_output=True, timeout=60)


def test_the_staff_workspace_asks_guests_to_sign_in_and_opens_for_an_officer(
    browser: Browser, web_app: harness.ServerProcess
) -> None:
    create_officer(web_app, OFFICER_PHONE)
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    app = AppPage(context.new_page(), web_app, "staff-sign-in")
    try:
        app.goto("/officer", wait_for=STAFF_ONLY)
        app.screenshot("sign-in-required-officer-phone-390x844")
        app.click_button(SIGN_IN)
        app.wait_until(lambda: app.path == "/sign-in", "the sign-in screen")
        sign_in_as_citizen(app, OFFICER_PHONE)  # the same form signs staff in
        app.wait_until(lambda: app.path == "/officer", "the way back to the workspace")
        app.wait_until(lambda: not app.has_text(STAFF_ONLY), "the workspace to open")
        assert app.has_text(WORKSPACE)
        app.screenshot("officer-workspace-after-sign-in-phone-390x844")
    finally:
        context.close()
