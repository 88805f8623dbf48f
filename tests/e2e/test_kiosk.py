"""The ward-office kiosk in Chromium: a visitor signs in, writes a report, walks away, is forgotten.

The canary is typed into the report's description and written into the photo's metadata, so
that the report draft (in the local store and its SQLite WAL), the photo, any temporary file and
the logs are all looked through after the wipe. The kiosk runs on its own backend process (a
kiosk refuses to embed one), and its own log holds no texted code, request line or query.
"""

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
    SEARCH,
    SIGN_IN,
    SMS_LINE,
    KioskServer,
    app_server_with,
    backend_url,
    full_output,
)
from .conftest import DESKTOP, AppPage
from .incidents_steps import POTHOLE, fill_report, new_page, pick_file, point_in_ward, sign_in_here

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

IDLE_SECONDS = 45  # the countdown shows for the last 20 s
COUNTDOWN_TITLE = "Bạn vẫn đang dùng máy chứ?"
STILL_HERE = "Tôi vẫn đang dùng"
SEND_NOW = "Gửi ngay"
REMEMBER_ME = "Duy trì đăng nhập trên thiết bị này"
VISITOR_PHONE = "0905 123 470"
# Logs every Content-Security-Policy violation to the console, where the test collects them.
REPORT_CSP_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) =>
  console.log('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
"""
# The Flet client asks a CDN for a Rive runtime the app never uses; the policy keeps it out.
UNUSED_CDN_SCRIPT = "https://cdn.jsdelivr.net/npm/@rive-app/"


class KioskRun:
    """A kiosk app process with its own data, temporary and token-hook locations."""

    def __init__(self, root: Path) -> None:
        self.data_dir = root / "data"
        self.temp_dir = root / "tmp"
        self.token_file = root / "access-tokens.txt"
        self.temp_dir.mkdir(parents=True)
        self.server: KioskServer = app_server_with(  # type: ignore[assignment]
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
        """Return every file the app may have written: its data (WAL too) and temporary files."""
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
            rows = db.execute("SELECT key, payload_json FROM drafts").fetchall()
        return any(key == "incidents.new" and text in payload for key, payload in rows)


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


def photo_with_canary(path: Path, canary: str) -> Path:
    """Write a camera-sized JPEG whose EXIF description carries the canary."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010E] = canary  # ImageDescription: the app must drop it, and keep no copy of the file
    image = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    image.save(path, format="JPEG", quality=90, exif=exif)
    return path


def test_an_idle_kiosk_forgets_the_report_its_visitor_was_writing(
    browser: Browser, kiosk: KioskRun, tmp_path: Path
) -> None:
    canary = f"Canary-{uuid.uuid4().hex[:12]}"
    photo = photo_with_canary(tmp_path / "photo.jpg", canary)
    point = point_in_ward(backend_url(kiosk.server))
    app: AppPage = new_page(
        browser,
        kiosk.server,
        "kiosk",
        viewport={"width": DESKTOP[0], "height": DESKTOP[1]},
        geolocation={"latitude": point[0], "longitude": point[1], "accuracy": 8},
        permissions=["geolocation"],
    )
    violations: list[str] = []
    app.page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if message.text.startswith("CSP violation") and UNUSED_CDN_SCRIPT not in message.text
            else None
        ),
    )
    app.page.add_init_script(REPORT_CSP_VIOLATIONS)
    try:
        app.goto("/sign-in?next=/incidents/new")
        phone_field = app.page.get_by_role("textbox", name="Số điện thoại")
        app.wait_until(lambda: phone_field.count() > 0, "the phone field", timeout=60)
        assert not app.has_text(REMEMBER_ME)  # a kiosk never offers "remember me"
        sign_in_here(app, "/incidents/new", VISITOR_PHONE)
        old_token = kiosk.token_file.read_text().split()[-1]

        fill_report(app, POTHOLE, f"Ổ gà lớn {canary}")
        pick_file(app, "Thêm ảnh", photo)
        app.wait_until(
            lambda: any(t.startswith("1/5 ảnh: gửi") for t in app.texts()), "the photo to be ready"
        )
        app.wait_until(lambda: kiosk.draft_saved(canary), "the report to be kept as a draft")
        assert kiosk.files_holding(canary), "the draft should be on disk before the wipe"
        app.screenshot("kiosk-report-draft-desktop-1280x800")

        app.wait_for_text(COUNTDOWN_TITLE, timeout=IDLE_SECONDS)
        assert app.has_button(SEND_NOW), app.diagnosis("the countdown should offer to send")
        app.screenshot("kiosk-countdown-offers-to-send-desktop-1280x800", settle=1.0)
        app.click_button(STILL_HERE)  # the visitor is back: nothing is wiped
        app.wait_until(lambda: not app.has_text(COUNTDOWN_TITLE), "the countdown to close")
        assert app.path == "/incidents/new" and kiosk.draft_saved(canary)

        app.wait_for_text(COUNTDOWN_TITLE, timeout=IDLE_SECONDS)  # and now they left
        app.wait_until(
            lambda: app.has_field(SEARCH) and SIGN_IN in app.texts(),
            "the home screen of the next visitor",
            timeout=IDLE_SECONDS,
        )
        app.wait_until(lambda: not app.has_text(COUNTDOWN_TITLE), "the countdown to close")
        app.screenshot("kiosk-after-wipe-desktop-1280x800")

        assert app.path == "/"
        assert not kiosk.files_holding(canary)
        assert canary not in full_output(kiosk.server)
        response = httpx.get(
            f"{backend_url(kiosk.server)}/api/v1/me",
            headers={"Authorization": f"Bearer {old_token}"},
            timeout=10,
        )
        assert response.status_code == 401, response.text

        own_log = kiosk.server.own_output()
        assert SMS_LINE.search(full_output(kiosk.server))  # the backend texted a code...
        assert not SMS_LINE.search(own_log), own_log  # ...which the kiosk's log never holds
        assert "?next=" not in own_log and "HTTP Request:" not in own_log, own_log
        assert not violations, violations
    finally:
        app.page.context.close()
