"""Browser journeys: the app started as the README says, driven in headless Chromium.

Fixtures:
- `hue_app`: the app with every built-in module, one per test session, in a temporary data dir.
- `start_app(modules=...)`: another app process (e.g. with `HUE_S_MODULES`), stopped at the end.
- `open_app(path, width, height)`: a page in a fresh browser context (so a fresh device, with
  the default language), semantics turned on, waiting for the first screen.

Without Chromium or the playwright package these tests are skipped, unless
`HUE_S_REQUIRE_BROWSER=1` (CI), where that is a failure. Screenshots go to `artifacts/e2e/`.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import harness, watchdog

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        FloatRect,
        Locator,
        Page,
        Playwright,
    )

SHOTS_DIR = harness.ARTIFACTS_DIR / "e2e"
FIRST_SCREEN_TIMEOUT = 60.0  # first paint takes seconds on a loaded 2-core machine
STEP_TIMEOUT = 20.0
SETTLE_TIMEOUT = 5.0  # screenshots: how long the screen may take to settle
CLICK_ANSWER_TIMEOUT = 5.0  # click_button(shows=...): how long a click may take to show
SETTLE_STEP = 0.15
PHONE = (390, 844)
BACK_LABELS = ("Quay lại", "Back")  # Flutter's own tooltip of the app bar's back arrow
DESKTOP = (1280, 800)


# ---------------------------------------------------------------------------------------------
# What a page shows, read from the semantics tree


class AppPage:
    """A Chromium page showing the app, read through Flutter's semantics tree."""

    def __init__(self, page: Page, server: harness.ServerProcess, name: str) -> None:
        self.page = page
        self.server = server
        self.name = name

    # -- navigation ---------------------------------------------------------------------------

    def goto(
        self, path: str = "/", *, wait_for: str | None = None, new_tab: bool = False
    ) -> AppPage:
        """Load `path` as if typed in the address bar, turn semantics on, wait for a label;
        with `new_tab`, in a new tab of the same device (its renderer starts afresh: one tab
        reloaded some 40 times grew to 1.6 GB and stopped answering)."""
        if new_tab:
            old, self.page = self.page, self.page.context.new_page()
            if old.viewport_size:
                self.page.set_viewport_size(old.viewport_size)
            old.close()
        self.page.goto(self.server.url + path)
        harness.enable_semantics(self.page, FIRST_SCREEN_TIMEOUT * 1000)
        if wait_for is not None:
            self.wait_for_text(wait_for, timeout=FIRST_SCREEN_TIMEOUT)
        return self

    @property
    def path(self) -> str:
        """Return the path part of the address bar."""
        url: str = self.page.url
        return "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0].lstrip("/")

    # -- reading --------------------------------------------------------------------------------

    def texts(self) -> list[str]:
        """Return every label line of the semantics tree."""
        return harness.semantic_texts(self.page)

    def buttons(self) -> list[str]:
        """Return the label lines of every button (navigation destinations included)."""
        lines: list[str] = []
        for node in harness.semantic_nodes(self.page):
            if node["button"] or node["selectable"]:
                lines += _lines(node)
        return lines

    def tiles(self, titles: Iterable[str]) -> list[str]:
        """Return which of `titles` are on a tile, in the order of the page.

        A tile is a button whose node reads "<title>\\n<description>". Destinations of the
        navigation bar or rail carry the same names but have a selected state: left out.
        """
        wanted = set(titles)
        found: list[str] = []
        for node in harness.semantic_nodes(self.page):
            if node["role"] == "button" and not node["selectable"]:
                found += [line for line in _lines(node) if line in wanted]
        return found

    def has_text(self, text: str) -> bool:
        """Say whether some node of the semantics tree carries exactly this line."""
        return text in self.texts()

    def has_button(self, name: str) -> bool:
        """Say whether a button carries exactly this line."""
        return name in self.buttons()

    def has_field(self, label: str) -> bool:
        """Say whether a text field is labelled `label`."""
        return any(
            node["tag"] in ("input", "textarea") and node["label"] == label
            for node in harness.semantic_nodes(self.page)
        )

    # -- waiting --------------------------------------------------------------------------------

    def wait_until(
        self, condition: Callable[[], bool], what: str, *, timeout: float = STEP_TIMEOUT
    ) -> None:
        """Poll the page until `condition()` holds; fail with what the page showed instead."""
        deadline = time.monotonic() + timeout
        while True:
            if condition():
                return
            if time.monotonic() > deadline:
                raise AssertionError(self.diagnosis(f"timed out after {timeout:.0f} s: {what}"))
            self.page.wait_for_timeout(100)

    def wait_for_text(self, text: str, *, timeout: float = STEP_TIMEOUT) -> AppPage:
        """Wait until a node of the semantics tree carries exactly `text`."""
        self.wait_until(lambda: self.has_text(text), f"the label {text!r}", timeout=timeout)
        return self

    def wait_for_tiles(self, titles: Iterable[str], *, timeout: float = STEP_TIMEOUT) -> AppPage:
        """Wait until there is a tile for each of `titles`."""
        expected = list(titles)
        self.wait_until(
            lambda: not missing(expected, self.tiles(expected)),
            f"tiles {expected}",
            timeout=timeout,
        )
        return self

    def diagnosis(self, headline: str) -> str:
        """Describe the page for a failure message: labels, URL, a screenshot, the server log."""
        shot = self.screenshot(f"FAILED-{self.name}", settle=1.0)
        try:
            labels = self.texts()
        except Exception as error:  # the page may be gone
            labels = [f"<cannot read the semantics tree: {error}>"]
        return (
            f"{headline}\n  page: {self.page.url}\n  labels: {labels}\n  screenshot: {shot}\n"
            f"  last lines of {self.server.name}:\n{self.server.output(25)}"
        )

    # -- acting ---------------------------------------------------------------------------------

    def click_button(self, name: str, *, shows: str | None = None) -> None:
        """Click the button (or navigation tab) that carries `name` as a label line; with
        `shows`, click again until that text appears, as a person would.

        A click that scrolls its button into view can land before Flutter has moved the button
        there: the help dialog of a long alert at 200% text stayed shut that way.
        """

        def clicked() -> bool:
            if not harness.click_labelled(self.page, name):
                return False
            if shows is None:
                return True
            deadline = time.monotonic() + CLICK_ANSWER_TIMEOUT
            while time.monotonic() < deadline and not self.has_text(shows):
                self.page.wait_for_timeout(200)
            return self.has_text(shows)

        self.wait_until(clicked, f"a button named {name!r} to click and show {shows!r}")

    def click_text(self, text: str) -> None:
        """Click the node that carries `text` as a label line, whatever its role."""
        self.wait_until(
            lambda: harness.click_labelled(self.page, text, roles=()),
            f"something labelled {text!r} to click",
        )

    def box_of(self, name: str) -> FloatRect:
        """Return the bounding box (x, y, width, height) of the button or tab named `name`."""
        self.wait_until(
            lambda: bool(self.page.evaluate(harness.MARK_TARGET_JS, [name, ["button", "tab"]])),
            f"a button named {name!r}",
        )
        box = self.page.locator("[data-e2e-target]").bounding_box()
        assert box is not None, f"{name!r} has no box"
        return box

    def click_app_bar_back(self) -> None:
        """Click the app bar's back arrow (Flutter's label: "Back", or "Quay lại" in Vietnamese)."""

        def click() -> bool:
            return any(harness.click_labelled(self.page, name) for name in BACK_LABELS)

        self.wait_until(click, f"the app bar's back button ({' or '.join(BACK_LABELS)})")

    def type_into(self, field_label: str, text: str, *, shows: str | None = None) -> None:
        """Type `text` key by key into the text field with this label; check that it holds it.

        `shows` is what the field holds then if it rewrites what is typed (capitals, say).

        A click gives the field's <input> the browser's focus at once, but Flutter hooks its text
        editing up to it a moment later and may overwrite what was typed before that (a busy
        machine lost the first letter of a name). So this waits for the focus, types, and if the
        field then holds anything else, selects all, deletes and types once more.
        """
        expected = text if shows is None else shows
        field = self.page.get_by_role("textbox", name=field_label).first
        self.wait_until(lambda: field.count() > 0, f"a text field labelled {field_label!r}")

        def focused() -> bool:
            if field.evaluate("(el) => document.activeElement === el"):
                return True
            field.click(force=True)  # the last click landed mid-redraw: click again
            return False

        for attempt in range(2):
            field.click(force=True)
            self.wait_until(focused, f"the text field {field_label!r} to take the keyboard focus")
            if attempt:
                self.page.keyboard.press("Control+A")
                self.page.keyboard.press("Backspace")
                self._settles_on(field, "")
            self.page.keyboard.type(text, delay=20)
            if self._settles_on(field, expected):
                return
        raise AssertionError(
            self.diagnosis(
                f"the text field {field_label!r} holds {field.input_value()!r}, not "
                f"{expected!r} (typed: {text!r}), even after clearing it and typing again"
            )
        )

    def _settles_on(self, field: Locator, value: str, timeout: float = 3.0) -> bool:
        """Say whether the focused field comes to hold exactly `value` within `timeout` s."""
        deadline = time.monotonic() + timeout
        while field.input_value() != value:
            if time.monotonic() > deadline:
                return False
            self.page.wait_for_timeout(100)
        return True

    def screenshot(self, name: str, *, settle: float = SETTLE_TIMEOUT) -> Path:
        """Save a PNG of the page to artifacts/e2e/<name>.png and return its path.

        The semantics tree is up before the screen is painted (a route fades in from blank), so
        this shoots every SETTLE_STEP s until three shots in a row are alike and not blank, for
        at most `settle` s, and keeps the last one.
        """
        SHOTS_DIR.mkdir(parents=True, exist_ok=True)
        path = SHOTS_DIR / f"{name}.png"
        deadline = time.monotonic() + settle
        shots = [self.page.screenshot()]
        while time.monotonic() < deadline:
            stable = len(shots) >= 3 and shots[-1] == shots[-2] == shots[-3]
            if stable and not _blank(shots[-1]):
                break
            self.page.wait_for_timeout(SETTLE_STEP * 1000)
            shots = [*shots[-2:], self.page.screenshot()]
        path.write_bytes(shots[-1])
        return path


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Skip (or, with HUE_S_REQUIRE_BROWSER=1, fail) when no browser can be driven here."""
    reason = harness.browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("HUE_S_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (HUE_S_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="module")
def playwright_driver(browser_available: None) -> Iterator[Playwright]:
    """Start Playwright's driver (sync API) for one test file.

    The sync API runs an event loop in the test thread while the driver lives: kept for the
    session, every asyncio test collected after the browser tests failed at set-up.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Headless Debian Chromium, a fresh one per test (under a second to start).

    One browser shared by the whole session wedged in 1 to 2 tests of a full run on a busy
    2-core machine (screenshots and `page.evaluate` never answered), and the retry, in the same
    browser, failed the same way; a browser per test keeps one test's wedge out of the next.
    A browser still in use after `watchdog.BROWSER_DEADLINE` is killed, so a wedge fails the
    test instead of hanging the run.
    """
    token = watchdog.new_token()
    chromium = harness.launch_chromium(playwright_driver, token)
    deadline = watchdog.Deadline(token)
    yield chromium
    deadline.cancel()
    with contextlib.suppress(Exception):  # killed by the watchdog, it may be gone
        chromium.close()


@pytest.fixture(scope="session")
def start_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., harness.ServerProcess]]:
    """Return a function that starts the app (`modules`: the HUE_S_MODULES allow-list)."""
    started: list[harness.ServerProcess] = []

    def start(modules: str | None = None) -> harness.ServerProcess:
        name = "hue-s" if modules is None else f"hue-s[{modules}]"
        data_dir = tmp_path_factory.mktemp("hue-s-data")
        server = harness.app_server(data_dir, modules=modules, name=name)
        started.append(server)
        try:
            return server.start()
        except harness.ServerError as error:
            pytest.fail(str(error), pytrace=False)

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def hue_app(start_app: Callable[..., harness.ServerProcess]) -> harness.ServerProcess:
    """The app with every built-in module, shared by the session."""
    return start_app()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    """Remember each phase's report on the item, so fixtures know whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def open_app(
    browser: Browser, hue_app: harness.ServerProcess, request: pytest.FixtureRequest
) -> Iterator[Callable[..., AppPage]]:
    """Return a function that opens the app in a fresh browser context at a viewport size."""
    contexts: list[tuple[BrowserContext, AppPage]] = []

    def open_page(
        path: str = "/",
        *,
        size: tuple[int, int] = DESKTOP,
        wait_for: str | None = None,
        server: harness.ServerProcess | None = None,
        name: str | None = None,
    ) -> AppPage:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        context.set_default_timeout(STEP_TIMEOUT * 1000)
        page = AppPage(context.new_page(), server or hue_app, name or request.node.name)
        contexts.append((context, page))
        return page.goto(path, wait_for=wait_for)

    yield open_page
    report = getattr(request.node, "report_call", None)
    for index, (context, page) in enumerate(contexts):
        if report is not None and report.failed:
            with contextlib.suppress(Exception):  # the page may be gone
                page.screenshot(f"FAILED-{request.node.name}-{index}", settle=1.0)
        with contextlib.suppress(Exception):  # the browser may have been killed
            context.close()


def _blank(png: bytes) -> bool:
    """Say whether a PNG is one flat colour (needs Pillow; without it, nothing is blank)."""
    try:
        from PIL import Image
    except ImportError:
        return False
    with Image.open(io.BytesIO(png)) as image:
        extrema: Any = image.getextrema()
    bands = (extrema,) if isinstance(extrema[0], (int, float)) else extrema
    return all(low == high for low, high in bands)


def _lines(node: dict[str, Any]) -> list[str]:
    """Return the non-empty label lines of a semantics node (its text, then its aria-label)."""
    return [
        line.strip()
        for value in (node["text"], node["label"])
        for line in value.splitlines()
        if line.strip()
    ]


def missing(expected: Iterable[str], present: Iterable[str]) -> list[str]:
    """Return the expected items that are not present."""
    found = set(present)
    return [item for item in expected if item not in found]
