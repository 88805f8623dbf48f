"""The health API: filters, search without marks, open now by the backend's clock, near me."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from fastapi import FastAPI

from hue_s.modules.health.backend.models import HealthPlaceRow
from hue_s.testing.backend import MovableClock
from tests.kit.tables import assert_made_by_its_revision

PHARMACITY_24_7 = "node-9921291262"
UPHARMA = "node-13660373344"
"""Tagged opening_hours=06:30-22:00."""
DENTIST = "node-4686322406"
"""Tagged amenity=doctors, named 'Nha khoa...' (a dentist), opening_hours=Mo-Su 08:00-18:00."""
EYE_HOSPITAL = "way-1226642040"
NEAR_PHARMACITY = (16.46790, 107.59545)


async def ids(client: httpx.AsyncClient, **params: object) -> list[str]:
    """Return the ids the list answers with these query parameters."""
    answer = await client.get("/api/v1/health/places", params=params)
    assert answer.status_code == 200, answer.text
    return [place["id"] for place in answer.json()]


async def test_every_place_is_listed_with_its_kind_and_the_attribution_data(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get("/api/v1/health/places")
    places = answer.json()
    assert len(places) == 29
    kinds = {place["kind"] for place in places}
    assert kinds == {"hospital", "clinic", "doctors", "dentist", "pharmacy"}
    assert all(place["osm_url"].startswith("https://www.openstreetmap.org/") for place in places)


async def test_kind_filter_and_curated_dentist(client: httpx.AsyncClient) -> None:
    assert await ids(client, kind="dentist") == [DENTIST]
    pharmacies = await ids(client, kind="pharmacy")
    assert len(pharmacies) == 10 and "node-9185956818" in pharmacies  # tagged hospital in OSM


async def test_search_finds_names_without_diacritics(client: httpx.AsyncClient) -> None:
    assert await ids(client, q="benh vien mat") == [EYE_HOSPITAL, "way-1226642041"]  # Mặt too
    assert await ids(client, q="BENH VIEN MA") == [EYE_HOSPITAL, "way-1226642041"]
    assert await ids(client, q="Bệnh viện Mắt") == [EYE_HOSPITAL]
    assert await ids(client, q="khong co dau") == []


async def test_open_now_follows_the_clock(client: httpx.AsyncClient, clock: MovableClock) -> None:
    clock.now = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wednesday 10:00 in Huế
    assert set(await ids(client, open_now=True)) == {PHARMACITY_24_7, UPHARMA, DENTIST}
    clock.now = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)  # 22:30 in Huế
    assert await ids(client, open_now=True) == [PHARMACITY_24_7]
    detail = (await client.get(f"/api/v1/health/places/{UPHARMA}")).json()
    assert detail["open_now"] is False and detail["opening_hours"] == "06:30-22:00"
    unknown = (await client.get(f"/api/v1/health/places/{EYE_HOSPITAL}")).json()
    assert unknown["open_now"] is None and unknown["opening_hours"] is None


async def test_an_open_pharmacy_near_me_comes_first(client: httpx.AsyncClient) -> None:
    lat, lon = NEAR_PHARMACITY
    answer = await client.get(
        "/api/v1/health/places",
        params={"kind": "pharmacy", "open_now": True, "lat": lat, "lon": lon},
    )
    first, *rest = answer.json()
    assert first["id"] == PHARMACITY_24_7 and first["distance_m"] < 20
    assert [place["distance_m"] for place in rest] == sorted(p["distance_m"] for p in rest)
    assert all(place["distance_m"] >= first["distance_m"] for place in rest)


async def test_near_needs_both_coordinates(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/v1/health/places", params={"lat": 16.46})
    assert answer.status_code == 422


async def test_each_place_is_in_the_ward_the_kernel_finds(client: httpx.AsyncClient) -> None:
    """Wards agree with the data's own point-in-polygon (ward_2025_code of the extract)."""
    expected = {
        EYE_HOSPITAL: "19777",  # Vỹ Dạ
        "way-1226642043": "19804",  # Hương An
        "way-1226642050": "19975",  # Hương Thủy
        "node-9921313640": "19969",  # Thủy Xuân
        PHARMACITY_24_7: "19789",  # Thuận Hóa
    }
    for place_id, ward in expected.items():
        detail = (await client.get(f"/api/v1/health/places/{place_id}")).json()
        assert detail["ward_code"] == ward, detail
        assert detail["ward_name"].startswith(("Phường", "Xã"))
    assert EYE_HOSPITAL in await ids(client, ward="19777")
    assert EYE_HOSPITAL not in await ids(client, ward="19789")


async def test_an_unknown_place_is_404(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/v1/health/places/node-1")
    assert answer.status_code == 404


def test_the_table_is_the_one_its_revision_made(app: FastAPI) -> None:
    assert_made_by_its_revision(app.state.engine, HealthPlaceRow)
