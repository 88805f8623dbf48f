"""The local sandbox's deterministic data: everything is derived from the code and the clock.

Rules a tester can rely on (all codes of the right shape, see wire.py):
- a code ending in 0000 has no customer (CUSTOMER_NOT_FOUND);
- a code ending in 9 has its current bill paid already; other bills before it are paid;
- the current bill is last month's (by Huế time), issued on the 5th, due on the 20th;
- every area has a planned outage every third day, 07:30-11:30 Huế time.
Prices are the sandbox's: EVN's household tiers (Decision 1279/QĐ-BCT, 2025) plus 8% VAT, and
tiers of the same kind for water plus 5% VAT; they are examples, not a bill.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from typing import Any

from hue_s.hue_time import HUE_TIME
from hue_s.modules.bills.wire import AREA_LENGTH

WARDS = ("Phú Xuân", "Thuận Hóa", "Kim Long", "Vỹ Dạ", "An Cựu", "Thủy Xuân", "Hương An",
         "Dương Nỗ", "Phong Điền", "Hương Trà")  # fmt: skip
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Tôn Nữ", "Hồ")
GIVEN = ("Thị Hoa", "Văn Minh", "Thị Lan", "Đức Anh", "Thị Mai", "Văn Hùng", "Ngọc Bích")
STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Hùng Vương", "Nguyễn Huệ", "Phan Đình Phùng", "Đống Đa")
TIERS = {
    "electricity": ((50, 1984), (50, 2050), (100, 2380), (100, 2998), (100, 3350), (None, 3460)),
    "water": ((10, 6500), (10, 8200), (10, 10200), (None, 13500)),
}
VAT_PERCENT = {"electricity": 8, "water": 5}
BASE = {"electricity": (90, 260), "water": (8, 22)}
SEASON = (0.85, 0.85, 0.9, 1.0, 1.2, 1.35, 1.4, 1.35, 1.15, 1.0, 0.9, 0.85)
"""Huế's hot months use more (air conditioning, fans, watering)."""
REASONS = {
    "electricity": "Bảo trì, sửa chữa lưới điện",
    "water": "Súc xả, sửa chữa đường ống",
}


def number_of(text: str) -> int:
    """Return a stable number drawn from a text."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def exists(code: str) -> bool:
    """Tell whether the sandbox has a customer of this code."""
    return not code.endswith("0000")


def area_of(kind: str, code: str) -> tuple[str, str]:
    """Return the code and name of the area serving a customer."""
    area = code[: AREA_LENGTH[kind]]
    return area, WARDS[number_of(area) % len(WARDS)]


def customer(kind: str, code: str) -> dict[str, Any]:
    """Return a customer as the utility's customer API does."""
    n = number_of(code)
    area, ward = area_of(kind, code)
    registered = date(2005 + n % 18, 1 + n % 12, 1 + n % 28)
    return {
        "customerCode": code,
        "customerName": f"{SURNAMES[n % 10]} {GIVEN[n // 10 % 7]}",
        "address": f"{1 + n % 180} {STREETS[n // 70 % 6]}, {ward}, Huế",
        "areaCode": area,
        "areaName": ward,
        "registrationDate": registered.isoformat(),
    }


def amount_of(kind: str, consumption: int) -> int:
    """Return what a month's consumption costs in whole đồng, VAT included."""
    left, total = consumption, 0
    for size, price in TIERS[kind]:
        used = left if size is None else min(left, size)
        total += used * price
        left -= used
    return round(total * (100 + VAT_PERCENT[kind]) / 100)


def current_period(now: datetime) -> tuple[int, int]:
    """Return the (year, month) of the current bill: last month in Huế."""
    first = now.astimezone(HUE_TIME).date().replace(day=1)
    last = first - timedelta(days=1)
    return last.year, last.month


def bills(kind: str, code: str, now: datetime, months: int, paid: set[str]) -> list[dict[str, Any]]:
    """Return the last `months` bills, newest first; `paid` holds 'yyyymm' paid to the sandbox."""
    year, month = current_period(now)
    low, high = BASE[kind]
    base = low + number_of(code) % (high - low)
    found = []
    for back in range(months):
        y, m = divmod(year * 12 + month - 1 - back, 12)
        m += 1
        wobble = 0.9 + (number_of(f"{code}{y}{m}") % 21) / 100
        consumption = round(base * SEASON[m - 1] * wobble)
        after = date(y + m // 12, m % 12 + 1, 1)
        is_paid = back > 0 or code.endswith("9") or f"{y:04d}{m:02d}" in paid
        amount = amount_of(kind, consumption)
        found.append(
            {"year": y, "month": m, "consumption": consumption, "totalAmount": amount,
             "issueDate": after.replace(day=5).isoformat(),
             "dueDate": after.replace(day=20).isoformat(), "paid": is_paid}
        )  # fmt: skip
    return found


def outages(kind: str, area: str, first: date, last: date) -> list[dict[str, Any]]:
    """Return an area's planned outages starting between two days (every third day)."""
    name = WARDS[number_of(area) % len(WARDS)]
    found = []
    day = first
    while day <= last:
        if (day.toordinal() + number_of(area)) % 3 == 0:
            start = datetime.combine(day, time(7, 30), HUE_TIME)
            found.append(
                {"areaCode": area, "areaName": name, "startTime": start.isoformat(),
                 "endTime": (start + timedelta(hours=4)).isoformat(), "reason": REASONS[kind]}
            )  # fmt: skip
        day += timedelta(days=1)
    return found
