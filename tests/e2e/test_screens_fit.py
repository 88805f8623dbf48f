"""Every main screen at 390x844 and 1280x800, in Vietnamese and English, at 100% and 200% text:
screenshots kept in artifacts/screenshots/audit/<screen>-<size>-<lang>-<scale>.png, and no
text cut, too small to follow the text size, off screen or overlapping (`clipping.py`).

One app serves every run; three devices (a guest, an officer, an operator) each sign in once
and then change their language and text size on the settings screen. The old screens failed it
with 'Phản ánh hiện tr…' and 'Thời tiết và thiên…' cut in the app bar, a badge over the last
letter of a heading and status chips, hints and counts that stayed 12 px at 200%.

And a map holds still inside a scrolling screen: the wheel over it scrolls the page (it zoomed
the map) until "Move or zoom the map" is pressed; a tap still places a report.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.modules.alerts.e2e.test_alerts_screens import HEADLINE, OPERATOR_PHONE, warned_app

from . import harness
from .clipping import measure, problems
from .conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from .incidents_steps import create_officer, new_page, sign_in_here
from .test_staff_tabs_and_plain_words import DESCRIPTION, OFFICER_PHONE, STAY, file_pothole

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

AUDIT_DIR = harness.ARTIFACTS_DIR / "screenshots" / "audit"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
SCALES = {100: "100%", 200: "200%"}
SIZES = (PHONE, DESKTOP)
ALL_SETTINGS = tuple((lang, scale) for lang in LANGUAGES for scale in SCALES)
# Ticks a radio button of the settings (a click in the page: the screen redraws under it when a
# setting changes, which a Playwright click waits out); says whether it is ticked.
TICK_JS = """
(label) => {
  const radio = document.querySelector(`flt-semantics[role=radio][aria-label="${label}"]`);
  if (!radio) return false;
  if (radio.getAttribute('aria-checked') === 'true') return true;
  radio.click();
  return false;
}
"""
# Words each screen waits for, per language (user content is the same in both).
WORDS = {
    "home": {"vi": "Tìm dịch vụ", "en": "Search services"},
    "report-form": {"vi": "Loại sự việc", "en": "Kind of problem"},
    "report-detail": {"vi": DESCRIPTION, "en": DESCRIPTION},
    "alerts": {"vi": HEADLINE, "en": HEADLINE},
    "alert-detail": {"vi": "Cần làm gì", "en": "What to do"},
    "help-button": {"vi": "Tôi cần giúp đỡ", "en": "I need help"},
    "help-dialog": {"vi": "Số di động để gọi lại cho bạn", "en": "Mobile number to call you back"},
    "close": {"vi": "Đóng", "en": "Close"},
    "officer-case": {"vi": "Nhận xử lý", "en": "Take the case"},
    "operator-form": {"vi": "Tiêu đề", "en": "Headline"},
    "settings": {"vi": "Cỡ chữ", "en": "Text size"},
}


@pytest.fixture(scope="module")
def audit_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[harness.ServerProcess, dict[str, Any]]]:
    """The app with a stand-in weather service, a warning in force and a pothole filed."""
    with warned_app(tmp_path_factory.mktemp("hue-s-screens-fit"), "hue-s screens fit") as app:
        server, (flood, _rain) = app
        create_officer(server, OFFICER_PHONE)
        case_id, _other_ward = file_pothole(server)
        yield server, {"alert": flood["id"], "case": case_id}


def sign_in_staying(app: AppPage, path: str, phone: str) -> None:
    """Sign in on this browser for good: each screen is opened by a new page load."""
    app.goto(f"/sign-in?next={path}")
    app.wait_for_text(STAY, timeout=FIRST_SCREEN_TIMEOUT)
    box = app.page.get_by_role("checkbox", name=STAY)

    def ticked() -> bool:
        if box.count() and box.first.is_checked():
            return True
        harness.click_labelled(app.page, STAY, roles=("checkbox",))
        return False

    app.wait_until(ticked, "the stay-signed-in box ticked")
    sign_in_here(app, path, phone)


def choose(app: AppPage, lang: str, scale: int) -> None:
    """Choose a language and text size on the settings screen."""
    app.goto("/settings", wait_for=SCALES[100])
    for label in (LANGUAGES[lang], SCALES[scale]):
        app.wait_until(
            lambda label=label: bool(app.page.evaluate(TICK_JS, label)),
            f"the setting {label!r} chosen",
        )
    app.wait_for_text(WORDS["settings"][lang])


def audit(
    app: AppPage,
    screens: dict[str, Callable[[str], None]],
    found: list[str],
    settings: tuple[tuple[str, int], ...] = ALL_SETTINGS,
) -> None:
    """Show each screen at both sizes in each (language, text size); shoot it; note problems."""
    AUDIT_DIR.mkdir(parents=True, exist_ok=True)
    for lang, scale in settings:
        choose(app, lang, scale)
        for size in SIZES:
            app.page.set_viewport_size({"width": size[0], "height": size[1]})
            for screen, show in screens.items():
                show(lang)
                name = f"{screen}-{size[0]}x{size[1]}-{lang}-{scale}"
                shot = app.screenshot(f"audit-{name}")
                shutil.move(shot, AUDIT_DIR / f"{name}.png")
                found += [f"{name}: {line}" for line in problems(measure(app.page), scale / 100)]
                close_dialog(app, lang)


def close_dialog(app: AppPage, lang: str) -> None:
    """Close the dialog a screen opened, as a person would, before the next screen.

    A reloaded page keeps its Flet session, and with it an open dialog: left open, the help
    dialog came back over the next screens, and a second one opened over it.
    """
    if app.has_text(WORDS["help-dialog"][lang]):
        app.click_button(WORDS["close"][lang])
        app.wait_until(lambda: not app.has_text(WORDS["help-dialog"][lang]), "the dialog closed")


def shows(app: AppPage, path: str, words: str) -> Callable[[str], None]:
    """Return a step that opens `path` and waits for the screen's words."""
    return lambda lang: app.goto(path, new_tab=True).wait_for_text(
        WORDS[words][lang], timeout=FIRST_SCREEN_TIMEOUT
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scale", [100, 200])
def test_citizen_screens_fit_both_sizes(
    browser: Browser,
    audit_app: tuple[harness.ServerProcess, dict[str, Any]],
    lang: str,
    scale: int,
) -> None:
    server, ids = audit_app
    app = new_page(
        browser,
        server,
        f"fit-citizen-{lang}-{scale}",
        viewport={"width": PHONE[0], "height": PHONE[1]},
    )

    def help_dialog(lang: str) -> None:
        shows(app, f"/alerts/{ids['alert']}", "alert-detail")(lang)
        app.click_button(WORDS["help-button"][lang], shows=WORDS["help-dialog"][lang])

    screens = {
        "home": shows(app, "/", "home"),
        "report-form": shows(app, "/incidents/new", "report-form"),
        "report-detail": shows(app, f"/incidents/{ids['case']}", "report-detail"),
        "alerts": shows(app, "/alerts", "alerts"),
        "alert-detail": shows(app, f"/alerts/{ids['alert']}", "alert-detail"),
        "help-dialog": help_dialog,
    }
    found: list[str] = []
    try:
        audit(app, screens, found, ((lang, scale),))
    finally:
        app.page.context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("screen", "phone", "path", "words"),
    [
        ("officer-case", OFFICER_PHONE, "/officer/cases/{case}", "officer-case"),
        ("operator-form", OPERATOR_PHONE, "/alerts/operator", "operator-form"),
    ],
)
def test_staff_screens_fit_every_size_language_and_text_size(
    browser: Browser,
    audit_app: tuple[harness.ServerProcess, dict[str, Any]],
    screen: str,
    phone: str,
    path: str,
    words: str,
) -> None:
    server, ids = audit_app
    app = new_page(
        browser, server, f"fit-{screen}", viewport={"width": PHONE[0], "height": PHONE[1]}
    )
    found: list[str] = []
    try:
        sign_in_staying(app, path.format(**ids), phone)
        audit(app, {screen: shows(app, path.format(**ids), words)}, found)
    finally:
        app.page.context.close()
    assert not found, "\n".join(found)


def test_the_wheel_over_a_map_scrolls_the_page_until_the_map_is_asked_to_move_and_a_tap_places(
    browser: Browser, audit_app: tuple[harness.ServerProcess, dict[str, Any]]
) -> None:
    server, ids = audit_app
    app = new_page(browser, server, "fit-map", viewport={"width": PHONE[0], "height": PHONE[1]})
    area = app.page.locator('flt-semantics[aria-label="Bản đồ vùng cảnh báo"]')

    def map_top() -> float:
        box = area.bounding_box()
        assert box is not None, app.diagnosis("the map has no box")
        return box["y"]

    def wheel_over_map() -> float:
        """Turn the wheel up over the map's middle; return how far the page moved down."""
        box = area.bounding_box()
        assert box is not None
        before = box["y"]
        app.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        app.page.mouse.wheel(0, -150)
        app.page.wait_for_timeout(1000)
        return map_top() - before

    try:
        app.goto(f"/alerts/{ids['alert']}", wait_for="Cần làm gì")
        app.wait_until(lambda: area.count() > 0, "the map of the warning area")
        app.page.mouse.move(PHONE[0] / 2, 200)
        for _turn in range(20):  # scroll (outside the map) until the map is high on the screen
            if map_top() < PHONE[1] / 4:
                break
            app.page.mouse.wheel(0, 200)
            app.page.wait_for_timeout(300)
        assert wheel_over_map() > 100, app.diagnosis("the map took the wheel, not the page")
        app.click_button("Di chuyển, phóng to bản đồ")
        app.wait_for_text("Thôi di chuyển bản đồ")
        assert abs(wheel_over_map()) < 5, app.diagnosis("the page moved, not the map")

        app.goto("/incidents/new", wait_for="Loại sự việc")  # a still map still takes a tap
        app.click_text("Bản đồ: chạm vào nơi xảy ra sự việc")
        app.wait_until(
            lambda: any(line.endswith("(theo ghim trên bản đồ)") for line in app.texts()),
            "the report placed where the map was tapped",
        )
    finally:
        app.page.context.close()
