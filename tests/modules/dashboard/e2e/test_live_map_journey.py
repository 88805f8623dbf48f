"""A leader watches the dashboard's live map in Chromium (1280x800, then a phone's 390x844): a
case resolved meanwhile changes the map's counts and the figures without a reload."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from hue_s.backend.config import DATABASE_FILE_NAME, sqlite_url_for
from hue_s.modules.incidents.backend.models import Incident
from tests.e2e import harness
from tests.e2e.conftest import browser_available  # noqa: F401
from tests.e2e.incidents_steps import new_page, sign_in_at, started_app

from .test_dashboard_journey import WARD_A, WARD_B, ago, in_own_browser, seed_cases

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

LEADER_PHONE = "0905 123 682"
PLACES = {WARD_A: (16.4683, 107.5786), WARD_B: (16.4440, 107.5700)}
"""A point in each ward (Phú Xuân's citadel, Thủy Xuân)."""


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app of this journey (its own for each attempt)."""
    yield from started_app(tmp_path_factory, "hue-s-live-map")


def place_cases(data_dir: Path, resolve: bool = False) -> None:
    """Put the seeded cases on the map (or resolve the overdue one, as an officer would)."""
    engine = create_engine(sqlite_url_for(data_dir / DATABASE_FILE_NAME))
    with Session(engine) as session:
        for case in session.scalars(select(Incident)):
            case.lat, case.lon = PLACES[case.ward_code or WARD_A]
            if resolve and case.status == "received":
                case.status, case.closed_at = "resolved", datetime.now(UTC)
        session.commit()
    engine.dispose()


def test_a_leader_sees_the_live_map_change(web_app: harness.ServerProcess) -> None:
    command = [sys.executable, "-m", "hue_s", "backend", "create-user", "--phone", LEADER_PHONE]
    command += ["--role", "leader", "--name", "Trần Thị Bản"]
    subprocess.run(command, env=web_app.env, check=True, capture_output=True, timeout=60)
    data_dir = Path(web_app.env["HUE_S_DATA_DIR"])
    seed_cases(data_dir, [(WARD_A, "received", ago(3), ago(1), None, None),
                          (WARD_B, "in_progress", ago(1), ago(-2), None, None)])  # fmt: skip
    place_cases(data_dir)

    def journey(browser: Browser) -> None:
        leader = new_page(browser, web_app, "live-map", viewport={"width": 1280, "height": 800})
        try:
            sign_in_at(leader, "/dashboard", LEADER_PHONE)
            leader.wait_for_text("Vụ việc, có vụ quá hạn")  # the legend
            leader.wait_for_text("2 vụ việc đang mở, 1 quá hạn; 0 vùng cảnh báo đang hiệu lực")
            leader.wait_for_text("0 trên 2")
            leader.page.mouse.move(700, 500)
            leader.page.mouse.wheel(0, 330)
            leader.screenshot("live-map-1-desktop-1280x800")
            place_cases(data_dir, resolve=True)
            resolved = time.monotonic()
            leader.wait_for_text("1 vụ việc đang mở, 0 quá hạn; 0 vùng cảnh báo đang hiệu lực")
            leader.wait_for_text("1 trên 2")
            print(f"map and figures changed {time.monotonic() - resolved:.1f} s after the commit")
            leader.page.set_viewport_size({"width": 390, "height": 844})
            leader.wait_until(lambda: leader.has_button("Phản ánh"), "the phone's bottom bar")
            leader.wait_for_text("Vụ việc, không vụ nào quá hạn")
            leader.page.mouse.move(200, 400)
            leader.page.mouse.wheel(0, 1100)
            leader.screenshot("live-map-2-phone-390x844")
        finally:
            leader.page.context.close()

    in_own_browser(journey)
