"""Places from the frozen OSM data: categories, words without accents, near a point, detail."""

from __future__ import annotations

import httpx

from hue_s.modules.tourism.wire import CATEGORIES, Place, PlaceDetail

PLACES = "/api/v1/tourism/places"
NGO_MON = (16.4677072, 107.5791676)
"""The Noon Gate (way/172657562), from the curated landmarks."""


async def test_the_frozen_places_are_served_key_sights_first(client: httpx.AsyncClient) -> None:
    answer = await client.get(PLACES, params={"limit": 300})
    assert answer.status_code == 200
    places = [Place.model_validate(item) for item in answer.json()]
    assert len(places) == 209
    assert {place.category for place in places} == set(CATEGORIES)
    featured = [place.featured for place in places]
    assert featured == sorted(featured, reverse=True) and sum(featured) == 24
    assert not any("illegal" in place.name.lower() for place in places)


async def test_a_category_filters(client: httpx.AsyncClient) -> None:
    answer = await client.get(PLACES, params={"category": "market", "limit": 300})
    names = {item["name"] for item in answer.json()}
    assert {item["category"] for item in answer.json()} == {"market"}
    assert "Chợ An Cựu" in names
    bad = await client.get(PLACES, params={"category": "casino"})
    assert bad.status_code == 422


async def test_words_find_names_without_accents_in_any_language(
    client: httpx.AsyncClient,
) -> None:
    plain = await client.get(PLACES, params={"q": "chua thien mu"})
    accented = await client.get(PLACES, params={"q": "Chùa Thiên Mụ"})
    assert [p["id"] for p in plain.json()] == [p["id"] for p in accented.json()]
    assert any(p["name"] == "Chùa Thiên Mụ" for p in plain.json())
    english = await client.get(PLACES, params={"q": "imperial citadel"})
    assert any(p["names"].get("en") == "Imperial Citadel" for p in english.json())
    dong = await client.get(PLACES, params={"q": "dong ba"})
    assert any(p["name"] == "Chợ Đông Ba" for p in dong.json())  # đ folds to d


async def test_near_a_point_the_nearest_come_first_with_their_distance(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get(
        PLACES, params={"lat": NGO_MON[0], "lon": NGO_MON[1], "within_m": 800}
    )
    assert answer.status_code == 200
    places = [Place.model_validate(item) for item in answer.json()]
    distances = [place.distance_m or 0.0 for place in places]
    assert places[0].name == "Ngọ Môn" and distances[0] < 1
    assert distances == sorted(distances) and distances[-1] <= 800
    thien_mu = await client.get(
        PLACES, params={"q": "thien mu", "lat": NGO_MON[0], "lon": NGO_MON[1]}
    )
    # Thiên Mụ pagoda is about 3.5 km up the river from the Noon Gate
    assert 3000 < thien_mu.json()[0]["distance_m"] < 4500
    half = await client.get(PLACES, params={"lat": NGO_MON[0]})
    assert half.status_code == 422


async def test_one_place_has_its_hours_and_directions(client: httpx.AsyncClient) -> None:
    answer = await client.get(f"{PLACES}/way/172657562")
    assert answer.status_code == 200
    place = PlaceDetail.model_validate(answer.json())
    assert place.name == "Ngọ Môn" and place.opening_hours == "Mo-Su 07:00-17:00"
    assert place.directions_google.endswith("destination=16.467707,107.579168")
    assert "route=%3B16.467707%2C107.579168" in place.directions_osm
    assert place.osm_url == "https://www.openstreetmap.org/way/172657562"
    missing = await client.get(f"{PLACES}/node/1")
    assert missing.status_code == 404
    malformed = await client.get(f"{PLACES}/street/1")
    assert malformed.status_code == 422
