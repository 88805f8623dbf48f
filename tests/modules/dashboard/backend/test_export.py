"""The dashboard's CSV export: who may export what (an officer their own ward only), and a file
Excel reads right (UTF-8 with a BOM, Vietnamese headers and ward names, the figures of the JSON)."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from .cases import WARD_A, WARD_B
from .test_routes import MARCH, headers  # noqa: F401  (the signed-in people fixture)

CITY_CSV = "/api/v1/dashboard/city/export.csv"


def ward_csv(code: str) -> str:
    """Return the CSV path of a ward's dashboard."""
    return f"/api/v1/dashboard/wards/{code}/export.csv"


def rows_of(response: httpx.Response) -> list[list[str]]:
    """Return the CSV rows of a response, after checking its BOM and type."""
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("person", "city", "ward_a", "ward_b"),
    [
        ("anonymous", 401, 401, 401),
        ("citizen", 403, 403, 403),
        ("officer_a", 403, 200, 403),
        ("officer_b", 403, 403, 200),
        ("leader", 200, 200, 200),
    ],
)
async def test_an_officer_exports_only_their_own_ward(
    client: httpx.AsyncClient,
    headers: dict[str, dict[str, str]],  # noqa: F811
    person: str,
    city: int,
    ward_a: int,
    ward_b: int,
) -> None:
    asked = {"headers": headers[person], "params": MARCH}
    assert (await client.get(CITY_CSV, **asked)).status_code == city
    assert (await client.get(ward_csv(WARD_A), **asked)).status_code == ward_a
    assert (await client.get(ward_csv(WARD_B), **asked)).status_code == ward_b


async def test_the_city_csv_has_the_figures_of_the_dashboard(
    client: httpx.AsyncClient,
    headers: dict[str, dict[str, str]],  # noqa: F811
) -> None:
    asked = {"headers": headers["leader"], "params": MARCH}
    shown = (await client.get("/api/v1/dashboard/city", **asked)).json()["cases"]
    rows = rows_of(await client.get(CITY_CSV, **asked))
    header, city, previous, *wards = rows
    assert header[:3] == ["Mã phường/xã", "Phường/xã", "Từ ngày"]
    assert "Đang xử lý, chưa đến hạn" in header
    received, overdue = header.index("Đã tiếp nhận"), header.index("Quá hạn")
    assert city[:4] == ["", "Toàn thành phố", "2026-03-01", "2026-03-10"]
    assert int(city[received]) == shown["figures"]["received"] == 10
    assert int(city[overdue]) == shown["figures"]["overdue"]
    assert previous[2:4] == ["2026-02-19", "2026-02-28"]
    assert int(previous[received]) == shown["previous"]["received"]
    assert len(wards) == len(shown["wards"]) == 40
    ward_a = next(row for row in wards if row[0] == WARD_A)
    assert ward_a[1] == "Phú Xuân" or "Phú Xuân" in ward_a[1]


async def test_a_ward_csv_in_english(
    client: httpx.AsyncClient,
    headers: dict[str, dict[str, str]],  # noqa: F811
) -> None:
    asked = {"headers": headers["officer_a"], "params": {**MARCH, "lang": "en"}}
    header, ward, previous = rows_of(await client.get(ward_csv(WARD_A), **asked))
    assert header[:2] == ["Ward code", "Ward"] and "Calls turned into cases" in header
    assert ward[0] == WARD_A and previous[0] == WARD_A
