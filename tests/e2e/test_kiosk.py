"""The ward-office kiosk in Chromium: a visitor signs in, types, walks away, and is forgotten."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from . import harness
from .accounts_steps import (
    DISPLAY_NAME,
    MY_ACCOUNT,
    SEARCH,
    SIGN_IN,
    app_server_with,
    backend_url,
    full_output,
    open_account,
    open_sign_in,
    sign_in_as_citizen,
)
from .conftest import DESKTOP, STEP_TIMEOUT, AppPage

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

IDLE_SECONDS = 30  # the countdown shows for the last 15 s
COUNTDOWN_TITLE = "Bạn vẫn đang dùng máy chứ?"
STILL_HERE = "Tôi vẫn đang dùng"


class KioskRun:
    """A kiosk app process with its own data, temporary and token-hook locations."""

    def __init__(self, root: Path) -> None:
        self.data_dir = root / "data"
        self.temp_dir = root / "tmp"
        self.token_file = root / "access-tokens.txt"
        self.temp_dir.mkdir(parents=True)
        self.server = app_server_with(
            self.data_dir,
            kiosk=True,
            name="hue-s --kiosk",
            env={
                "HUE_S_KIOSK_IDLE_SECONDS": str(IDLE_SECONDS),
                "HUE_S_E2E_ACCESS_TOKEN_FILE": str(self.token_file),
                "TMPDIR": str(self.temp_dir),
            },
        )

    def files(self) -> list[Path]:
        """Return every file the app may have written: its data and its temporary files."""
        roots = (self.data_dir, self.temp_dir)
        return [path for root in roots for path in root.rglob("*") if path.is_file()]

    def files_holding(self, text: str) -> list[Path]:
        """Return the files whose bytes contain `text` (UTF-8)."""
        needle = text.encode()
        return [path for path in self.files() if needle in path.read_bytes()]

    def draft_saved(self, text: str) -> bool:
        """Say whether the local store holds a draft containing `text`."""
        path = self.data_dir / "app-state.sqlite3"
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT payload_json FROM drafts").fetchall()
        return any(text in row[0] for row in rows)


@pytest.fixture
def kiosk(browser_available: None, tmp_path: Path) -> Iterator[KioskRun]:
    """Start the app with --kiosk and a short idle time; stop it afterwards."""
    run = KioskRun(tmp_path)
    try:
        run.server.start()
    except harness.ServerError as error:
        pytest.fail(str(error), pytrace=False)
    yield run
    run.server.stop()


def test_an_idle_kiosk_forgets_its_visitor(browser: Browser, kiosk: KioskRun) -> None:
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    app = AppPage(context.new_page(), kiosk.server, "kiosk")
    canary = f"Canary-{uuid.uuid4().hex[:12]}"
    try:
        app.goto("/", wait_for=SEARCH)
        open_sign_in(app)
        assert not app.has_text("Duy trì đăng nhập trên thiết bị này")  # no "remember me"
        app.screenshot("kiosk-sign-in-desktop")
        sign_in_as_citizen(app, "0905 123 470")
        old_token = kiosk.token_file.read_text().split()[-1]

        open_account(app)
        app.type_into(DISPLAY_NAME, canary)
        app.wait_until(lambda: kiosk.draft_saved(canary), "the canary to be kept as a draft")
        assert kiosk.files_holding(canary), "the draft should be on disk before the wipe"
        app.screenshot("kiosk-account-with-draft-desktop")

        app.wait_for_text(COUNTDOWN_TITLE, timeout=IDLE_SECONDS)
        app.screenshot("kiosk-countdown-desktop", settle=1.0)
        app.click_button(STILL_HERE)  # the visitor is back: nothing is wiped
        app.wait_until(lambda: not app.has_text(COUNTDOWN_TITLE), "the countdown to close")
        assert app.has_text(MY_ACCOUNT) and kiosk.draft_saved(canary)

        app.wait_for_text(COUNTDOWN_TITLE, timeout=IDLE_SECONDS)  # and now they left
        app.wait_until(
            lambda: app.has_field(SEARCH) and SIGN_IN in app.texts(),
            "the home screen of the next visitor",
            timeout=IDLE_SECONDS,
        )
        app.wait_until(lambda: not app.has_text(COUNTDOWN_TITLE), "the countdown to close")
        app.screenshot("kiosk-after-wipe-desktop")

        assert app.path == "/"
        assert not kiosk.files_holding(canary)
        assert canary not in full_output(kiosk.server)
        response = httpx.get(
            f"{backend_url(kiosk.server)}/api/v1/me",
            headers={"Authorization": f"Bearer {old_token}"},
            timeout=10,
        )
        assert response.status_code == 401, response.text
    finally:
        context.close()
