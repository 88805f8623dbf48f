"""The education API: schools by level and ward, search without marks, near me, one school."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy.orm import Session

from hue_s.kit.places_backend import distance_m, osm_fields
from hue_s.modules.education.backend.models import SchoolRow
from tests.kit.tables import assert_made_by_its_revision

THUAN_HOA_PRIMARY = "node-9185956821"
"""Trường Tiểu học Thuận Hoà (grades=1-5), in Phường Phú Xuân (19753) by its point."""
PHU_XUAN = "19753"
QUOC_HOC = "way-695775622"


async def schools(client: httpx.AsyncClient, **params: object) -> list[dict[str, object]]:
    """Return the list answered for these query parameters."""
    answer = await client.get("/api/v1/education/schools", params=params)
    assert answer.status_code == 200, answer.text
    return list(answer.json())


async def test_every_school_is_listed_with_levels(client: httpx.AsyncClient) -> None:
    found = await schools(client)
    assert len(found) == 62
    assert all(school["levels"] for school in found)


async def test_primary_schools_of_a_ward(client: httpx.AsyncClient) -> None:
    found = await schools(client, level="primary", ward=PHU_XUAN)
    names = {str(school["name"]) for school in found}
    assert names == {
        "Trường Tiểu học Thuận Hoà",
        "Trường Tiểu học Phú Hòa",
        "Trường Tiểu học Trần Quốc Toản",
        "Trường Tiểu học Thuận Thành",
    }
    assert all(school["ward_code"] == PHU_XUAN for school in found)


async def test_levels_filter_excludes_other_levels(client: httpx.AsyncClient) -> None:
    upper = await schools(client, level="upper_secondary")
    assert all("upper_secondary" in school["levels"] for school in upper)  # type: ignore[operator]
    assert QUOC_HOC in {school["id"] for school in upper}
    assert THUAN_HOA_PRIMARY not in {school["id"] for school in upper}


async def test_search_without_diacritics(client: httpx.AsyncClient) -> None:
    found = await schools(client, q="chuyen quoc hoc")
    assert [school["id"] for school in found] == [QUOC_HOC]


async def test_near_me_sorts_by_distance(client: httpx.AsyncClient) -> None:
    found = await schools(client, lat=16.4669, lon=107.5731, level="primary")
    distances = [float(school["distance_m"]) for school in found]  # type: ignore[arg-type]
    assert distances == sorted(distances)
    assert found[0]["id"] == THUAN_HOA_PRIMARY


async def test_one_school_and_404(client: httpx.AsyncClient) -> None:
    detail = (await client.get(f"/api/v1/education/schools/{THUAN_HOA_PRIMARY}")).json()
    assert detail["grades"] == "1-5" and detail["ward_code"] == PHU_XUAN
    assert detail["osm_url"] == "https://www.openstreetmap.org/node/9185956821"
    assert (await client.get("/api/v1/education/schools/way-1")).status_code == 404


def test_the_table_is_the_one_its_revision_made(app: FastAPI) -> None:
    assert_made_by_its_revision(app.state.engine, SchoolRow)


def test_a_row_answers_the_kits_fields_seen_from_a_point(app: FastAPI) -> None:
    with Session(app.state.engine) as session:
        row = session.get(SchoolRow, THUAN_HOA_PRIMARY)
        assert row is not None
        fields = osm_fields(session, row, near=(16.46, 107.57))
    assert (fields["ward_code"], fields["ward_name"]) == (PHU_XUAN, "Phường Phú Xuân")
    assert fields["address"] == "1 Trần Nguyên Đán" and fields["phone"] == "+843572756"
    assert fields["osm_url"] == "https://www.openstreetmap.org/node/9185956821"
    assert fields["distance_m"] == round(distance_m(16.46, 107.57, row.lat, row.lon)) == 676
