"""The sandbox's data (prices worked by hand, the clock an input) and its process's end."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import httpx

from hue_s.modules.bills.backend.provider import free_port
from hue_s.modules.bills.sandbox_data import amount_of, bills, current_period, outages
from hue_s.modules.bills.wire import normalise_code
from tests.modules.bills.conftest import GOOD


def test_amounts_follow_the_tiers_worked_by_hand() -> None:
    # 50 x 1984 + 50 x 2050 + 100 x 2380 + 6 x 2998 = 457,688 đ, + 8% VAT = 494,303.04
    assert amount_of("electricity", 206) == 494_303
    assert amount_of("electricity", 50) == 107_136  # 99,200 + 8%
    # 10 x 6500 + 10 x 8200 + 5 x 10200 = 198,000 đ, + 5% VAT
    assert amount_of("water", 25) == 207_900
    assert amount_of("electricity", 0) == 0


def test_the_current_bill_is_last_month_in_hue_whatever_the_day() -> None:
    before = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)  # 23:30 on 30 November in Huế
    after = before + timedelta(hours=1)  # 00:30 on 1 December in Huế
    assert current_period(before) == (2026, 10) and current_period(after) == (2026, 11)
    late = datetime(2026, 12, 31, 10, tzinfo=UTC)
    assert bills("electricity", GOOD, after, 12, set()) == bills(
        "electricity", GOOD, late, 12, set()
    )
    assert bills("electricity", GOOD, before, 12, set())[0]["month"] == 10


def test_every_three_days_hold_one_outage() -> None:
    first = date(2026, 12, 1)
    for start in range(30):
        day = first + timedelta(days=start)
        assert len(outages("water", "HU01", day, day + timedelta(days=2))) == 1


def test_codes_are_read_as_people_type_them() -> None:
    assert normalise_code("electricity", " pc07 aa01-23456 ") == GOOD
    assert normalise_code("electricity", "PE07AA0123456") is None  # not central Vietnam
    assert normalise_code("electricity", "PC07AA012345") is None  # 12 characters
    assert normalise_code("water", "hu 0101 2345") == "HU01012345"
    assert normalise_code("water", "HU0101234A") is None
    assert normalise_code("gas", GOOD) is None


def test_the_sandbox_stops_by_itself_when_its_parent_is_gone() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )  # lives until its input is closed
    port = free_port()
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "hue_s.modules.bills.sandbox", "--port", str(port)]
        + ["--parent-pid", str(parent.pid)],
        stdout=subprocess.DEVNULL,
    )
    try:
        url, answered = f"http://127.0.0.1:{port}/healthz", False
        deadline = time.monotonic() + 60
        while not answered and time.monotonic() < deadline and sandbox.poll() is None:
            with contextlib.suppress(httpx.HTTPError):
                answered = httpx.get(url, timeout=1.0).is_success
            time.sleep(0.1)
        assert answered, "the sandbox answered while its parent ran"
        assert parent.stdin is not None
        parent.stdin.close()
        parent.wait(30)
        assert sandbox.wait(30) == 0
    finally:
        parent.kill()
        sandbox.kill()
