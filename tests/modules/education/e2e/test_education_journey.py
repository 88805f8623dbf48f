"""Education in Chromium: a primary school in a chosen ward, and its page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e import harness
from tests.e2e.conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, AppPage

pytestmark = pytest.mark.browser

TITLE = "Giáo dục"
SCHOOL = "Trường Tiểu học Thuận Hoà"
"""grades=1-5 on OSM; its point lies in Phường Phú Xuân."""


def test_a_primary_school_in_a_ward(
    open_app: Callable[..., AppPage], hue_app: harness.ServerProcess
) -> None:
    wide = open_app("/education", size=DESKTOP, wait_for=TITLE)
    wide.wait_for_text("Trường Đại học Y Dược Huế", timeout=FIRST_SCREEN_TIMEOUT)
    wide.click_text("Tiểu học")
    wide.wait_until(lambda: not wide.has_text("Trường Đại học Y Dược Huế"), "primary only")
    wide.click_button("Phường/xã: Tất cả phường/xã")
    wide.click_text("Phường Phú Xuân")
    wide.wait_until(lambda: not wide.has_text("Trường Tiểu học Xuân Phú"), "Phú Xuân's only")
    wide.wait_for_text(SCHOOL)
    wide.wait_until(
        lambda: (
            wide.has_text("Trường Tiểu học Thuận Thành")
            and wide.has_text("Tiểu học · Phường Phú Xuân")
        ),
        "Phú Xuân's primary schools listed with their level and ward",
    )
    wide.screenshot("education-primary-in-phu-xuan-1280x800")
    wide.click_text(SCHOOL)
    wide.wait_for_text("Tiểu học · Lớp 1-5")
    wide.wait_until(lambda: wide.has_button("Chỉ đường"), "directions to the school")
    wide.screenshot("education-school-1280x800")

    phone = open_app("/education", size=PHONE, wait_for=TITLE)
    phone.wait_for_text("Trường Đại học Y Dược Huế", timeout=FIRST_SCREEN_TIMEOUT)
    phone.screenshot("education-list-390x844")
