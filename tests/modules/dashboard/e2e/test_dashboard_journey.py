"""A leader opens the dashboard in Chromium and sees the figures of the cases seeded in the
app's own database, picks a ward and exports its figures as CSV (the downloaded file is read);
shots at 1280x800, 1024x768 (a tablet on its side) and 390x844.

The journey drives its own Playwright on a thread of its own: tests/e2e's session-wide
Playwright (sync API) may already be running in this process, and a second one on the same
thread fails ("Sync API inside the asyncio loop"); tests/e2e's fixtures are not visible here.
"""

from __future__ import annotations

import csv
import io
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from hue_s.backend.accounts import models as accounts_models  # noqa: F401  (maps users)
from hue_s.backend.config import DATABASE_FILE_NAME, sqlite_url_for
from hue_s.modules.incidents.backend.models import Incident
from tests.e2e import harness
from tests.e2e.conftest import STEP_TIMEOUT, AppPage, browser_available  # noqa: F401
from tests.e2e.incidents_steps import assert_still_running, new_page, sign_in_at, started_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

LEADER_PHONE = "0905 123 681"
WARD_A, WARD_B = "19753", "19813"  # Phú Xuân, Thủy Xuân


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app of this journey."""
    yield from started_app(tmp_path_factory, "hue-s-dashboard")


def ago(days: float) -> datetime:
    """Return the moment `days` before now."""
    return datetime.now(UTC) - timedelta(days=days)


SEEDED = [  # ward, status, requested, deadline, closed, rating
    (WARD_A, "resolved", ago(5), ago(3), ago(4), 5),
    (WARD_A, "resolved", ago(6), ago(4), ago(5), 4),
    (WARD_A, "resolved", ago(3), ago(1), ago(2), 1),
    (WARD_A, "rejected", ago(4), ago(2), ago(3.9), None),
    (WARD_A, "received", ago(2), ago(1), None, None),
    (WARD_A, "in_progress", ago(1), ago(-2), None, None),
    (WARD_B, "received", ago(1), ago(-1), None, None),
]
"""7 cases of the last week: 4 processed on time (ratings 5, 4, 1), 1 overdue."""


def seed_cases(data_dir: Path, seeded: list[tuple[Any, ...]]) -> None:
    """Write cases straight into the app's embedded database."""
    engine = create_engine(sqlite_url_for(data_dir / DATABASE_FILE_NAME))
    with Session(engine) as session:
        for ward, status, requested, deadline, closed, rating in seeded:
            session.add(
                Incident(
                    token=secrets.token_hex(16),
                    service_code="road_pothole",
                    status=status,
                    ward_code=ward,
                    requested_at=requested,
                    updated_at=requested,
                    deadline_at=deadline,
                    closed_at=closed,
                    rating=rating,
                )  # fmt: skip
            )
        session.commit()
    engine.dispose()


def in_own_browser(journey: Callable[[Browser], None]) -> None:
    """Run a journey in a Chromium driven by a Playwright of its own, on a thread of its own."""

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as driver:
            browser = harness.launch_chromium(driver)
            try:
                journey(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def test_a_leader_sees_the_seeded_figures(web_app: harness.ServerProcess) -> None:
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", LEADER_PHONE]
    command += ["--role", "leader", "--name", "Nguyễn Văn Lãnh"]
    subprocess.run(command, env=web_app.env, check=True, capture_output=True, timeout=60)
    seed_cases(Path(web_app.env["HUE_S_DATA_DIR"]), SEEDED)
    in_own_browser(lambda browser: leader_journey(browser, web_app))


def export_the_ward(leader: AppPage) -> None:
    """Click Export CSV and read the file the browser downloads: its header, and the ward's
    cases received in the period (6: ward B's case left out)."""
    with leader.page.expect_download(timeout=STEP_TIMEOUT * 1000) as download:
        leader.click_button("Xuất CSV")
    assert download.value.suggested_filename.startswith(f"hue-s-dashboard-{WARD_A}-")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), "a byte order mark, for Excel"
    header, period, _previous = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[:5] == ["Mã phường/xã", "Phường/xã", "Từ ngày", "Đến ngày", "Hạng"], header
    figures = dict(zip(header, period, strict=True))
    assert (figures["Mã phường/xã"], figures["Phường/xã"]) == (WARD_A, "Phú Xuân")
    assert (figures["Đã tiếp nhận"], figures["Đã xử lý"]) == ("6", "4"), figures


def leader_journey(browser: Browser, web_app: harness.ServerProcess) -> None:
    """Sign in as the leader, read the city's figures, pick a ward, resize."""
    leader = new_page(browser, web_app, "dashboard", viewport={"width": 1280, "height": 800})
    try:
        sign_in_at(leader, "/dashboard", LEADER_PHONE)
        for figure in ("4 trên 7", "57,1%", "100%", "66,7%", "3 lượt đánh giá"):
            leader.wait_for_text(figure)
        leader.wait_for_text("Phú Xuân")  # in the wards' table
        leader.screenshot("dashboard-1-city-desktop-1280x800")
        leader.page.mouse.move(700, 500)
        leader.page.mouse.wheel(0, 1200)
        leader.screenshot("dashboard-2-city-wards-desktop-1280x800")
        leader.page.mouse.wheel(0, 3000)  # below the wards: the dossiers (public services)
        leader.wait_for_text("Dịch vụ công (QĐ 766)")
        leader.screenshot("dashboard-2b-city-dossiers-desktop-1280x800")
        leader.page.set_viewport_size({"width": 1024, "height": 768})
        leader.page.mouse.wheel(0, -6000)
        leader.wait_for_text("57,1%")
        leader.screenshot("dashboard-3-city-tablet-1024x768")

        leader.click_button("Phường/xã: Toàn thành phố")
        leader.click_text("Phú Xuân")
        leader.wait_for_text("4 trên 6")  # ward B's case left out
        leader.wait_for_text("66,7%")
        leader.screenshot("dashboard-4-ward-tablet-1024x768")
        export_the_ward(leader)
        leader.page.set_viewport_size({"width": 390, "height": 844})
        leader.wait_until(lambda: leader.has_button("Phản ánh"), "the phone's bottom bar")
        leader.wait_until(lambda: leader.has_button("Phường/xã: Phú Xuân"), "the ward kept")
        leader.wait_for_text("4 trên 6")  # the rebuilt screen kept the ward chosen
        leader.screenshot("dashboard-5-ward-phone-390x844")

        one_more = (WARD_A, "resolved", ago(1), ago(-1), ago(0.5), None)
        seed_cases(Path(web_app.env["HUE_S_DATA_DIR"]), [one_more])
        leader.click_button("Làm mới")
        leader.wait_for_text("5 trên 7")  # the ward's new case, processed
        assert_still_running(leader)
    finally:
        leader.page.context.close()
