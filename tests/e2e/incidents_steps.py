"""Steps of the incident browser journeys: the app, signing in, photos, files, checks."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from . import harness
from .accounts_steps import (
    CODE_FIELD,
    MY_ACCOUNT,
    SEND_CODE,
    SIGN_IN,
    SMS_LINE,
    app_server_with,
    full_output,
    texted_code,
)
from .conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

WARD = "19753"  # Phường Phú Xuân
POTHOLE = "Ổ gà, hư hỏng mặt đường"
PHONE_FIELD = "Số điện thoại"
SNACK_BAR_MS = 5000
APP_ERROR = "Error running app"


def started_app(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[harness.ServerProcess]:
    """Run the app as the README does, in its own data dir, with its whole log kept."""
    server = app_server_with(tmp_path_factory.mktemp(name), name=name)
    yield from harness.serving(server)


def point_in_ward(backend: str, ward_code: str = WARD) -> tuple[float, float]:
    """Return a (lat, lon) point surely inside a ward, from the backend's own boundary."""
    import shapely.geometry

    ward = httpx.get(f"{backend}/api/v1/wards/{ward_code}", params={"geometry": "true"}).json()
    point = shapely.geometry.shape(ward["geometry"]).representative_point()
    return point.y, point.x


def camera_photo(
    path: Path,
    point: tuple[float, float],
    colour: tuple[int, int, int],
    taken: str = "2026:11:26 08:30:00",
) -> Path:
    """Write a 2400x1800 JPEG with the EXIF a phone writes (GPS, model, time `taken`)."""
    from PIL import Image

    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 3)

    exif = Image.Exif()
    exif[0x0110] = "PhoneModel 12"
    exif.get_ifd(0x8769)[36867] = taken
    exif.get_ifd(0x8825).update({1: "N", 2: dms(point[0]), 3: "E", 4: dms(point[1])})
    image = Image.linear_gradient("L").resize((2400, 1800)).convert("RGB")
    image.paste(colour, (600, 450, 1800, 1350))
    image.save(path, format="JPEG", quality=92, exif=exif)
    return path


def new_page(browser: Browser, server: harness.ServerProcess, name: str, **options: Any) -> AppPage:
    """Open a fresh browser context (a fresh device) on the app."""
    context: BrowserContext = browser.new_context(**options)
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    return AppPage(context.new_page(), server, name)


def sign_in_at(page: AppPage, path: str, phone: str) -> None:
    """Open the sign-in screen that leads to `path`, and sign in with the texted code."""
    page.goto(f"/sign-in?next={path}")
    sign_in_here(page, path, phone)


def sign_in_here(page: AppPage, path: str, phone: str) -> None:
    """On the sign-in screen, sign in with the texted code and come back to `path`."""
    field = page.page.get_by_role("textbox", name=PHONE_FIELD)
    page.wait_until(lambda: field.count() > 0, "the phone field", timeout=FIRST_SCREEN_TIMEOUT)
    code = None
    for _attempt in range(3):
        # At desktop width the autofocused phone field may ignore keys typed right after a
        # click on its semantics node; a click on empty space first, and a retry, settle it.
        viewport = page.page.viewport_size or {"width": 0, "height": 0}
        if viewport["width"] >= DESKTOP[0]:
            page.page.mouse.click(viewport["width"] - 20, viewport["height"] - 20)
        codes_before = len(SMS_LINE.findall(full_output(page.server)))
        field.first.click(force=True)
        page.page.keyboard.press("Control+A")
        page.page.keyboard.press("Backspace")
        page.type_into(PHONE_FIELD, phone)
        page.click_button(SEND_CODE)
        try:
            code = texted_code(page.server, after=codes_before, timeout=8)
            break
        except AssertionError:
            continue
    if code is None:
        raise AssertionError(page.diagnosis(f"no code was texted to {phone}"))
    page.type_into(CODE_FIELD, code)
    page.click_button(SIGN_IN)
    page.wait_until(lambda: MY_ACCOUNT in page.texts(), "the account button after signing in")
    page.wait_until(lambda: page.path == path, f"the way back to {path}")


def phone_with_gps(
    browser: Browser,
    server: harness.ServerProcess,
    name: str,
    point: tuple[float, float],
    size: tuple[int, int] = PHONE,
) -> AppPage:
    """Open a browser (phone-sized unless `size`) that lets the app know it is at `point`."""
    return new_page(
        browser,
        server,
        name,
        viewport={"width": size[0], "height": size[1]},
        geolocation={"latitude": point[0], "longitude": point[1], "accuracy": 8},
        permissions=["geolocation"],
    )


def desktop(browser: Browser, server: harness.ServerProcess, name: str) -> AppPage:
    """Open a desktop-sized browser."""
    return new_page(browser, server, name, viewport={"width": DESKTOP[0], "height": DESKTOP[1]})


def fill_report(page: AppPage, category: str, description: str) -> None:
    """On the report form: choose the category, describe, and place it with the GPS."""
    page.wait_for_text("Loại sự việc", timeout=FIRST_SCREEN_TIMEOUT)
    page.click_button("Loại sự việc: Chọn…")
    page.click_text(category)
    page.type_into("Sự việc là gì?", description)
    page.click_button("Dùng vị trí của tôi")
    page.wait_until(
        lambda: any(t.startswith("Vị trí:") and "theo vị trí của bạn" in t for t in page.texts()),
        "the GPS position",
    )


def open_preview(page: AppPage) -> None:
    """Click "Preview and send" until the preview shows (a tap may only end the typing)."""

    def shown() -> bool:
        if "Kiểm tra phản ánh của bạn" in page.texts():
            return True
        harness.click_labelled(page.page, "Xem lại và gửi")
        page.page.wait_for_timeout(1500)
        return "Kiểm tra phản ánh của bạn" in page.texts()

    page.wait_until(shown, "the preview")


def pick_file(page: AppPage, button: str, path: Path) -> None:
    """Click a button that opens the file chooser, and choose `path`."""
    with page.page.expect_file_chooser() as chooser:
        page.click_button(button)
    chooser.value.set_files(str(path))


def create_officer(server: harness.ServerProcess, phone: str, name: str = "Lê Thị Hoa") -> None:
    """Create an officer of the ward in the app's embedded backend, as an admin would."""
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", phone]
    command += ["--role", "officer", "--ward", WARD, "--name", name]
    subprocess.run(command, env=server.env, check=True, capture_output=True, timeout=60)


def assert_still_running(page: AppPage) -> None:
    """Fail when the app replaced the screen with its error page, or logged an unhandled error."""
    assert APP_ERROR not in page.texts(), page.diagnosis("the app stopped with an error")
    log = full_output(page.server)
    assert "Unhandled error" not in log, log[log.index("Unhandled error") :][:3000]


def assert_bare_jpeg(data: bytes, *, longest: int) -> None:
    """Check that a stored photo was shrunk and carries no metadata."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and max(image.size) <= longest, image.size
        assert not image.getexif(), dict(image.getexif())
    assert b"PhoneModel" not in data
