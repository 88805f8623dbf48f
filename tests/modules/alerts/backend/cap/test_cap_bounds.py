"""CAP ingest is bounded (#11.7, #12): areas, points, time; boxes before shapes; list outlines."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend import geometry
from hue_s.modules.alerts.backend.cap.documents import read_cap_document
from hue_s.modules.alerts.backend.cap.limits import MAX_AREAS_PER_INFO, ParseBudget
from hue_s.modules.alerts.backend.cap.parse import parse_alert
from hue_s.modules.alerts.backend.cap.safe_xml import CapError
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor

from ..cap_builders import (
    HUE_CENTRE,
    alaska_alert,
    alert_xml,
    area_xml,
    circle_ring,
    info_xml,
)


def refusal(document: bytes, budget: ParseBudget | None = None) -> CapError:
    """Return why the one alert of a document is refused."""
    alert = read_cap_document(document).items[0].alert
    assert alert is not None
    with pytest.raises(CapError) as refused:
        parse_alert(alert, budget)
    return refused.value


def test_twenty_thousand_areas_are_refused_before_any_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    areas = "<area><areaDesc>x</areaDesc><polygon>1,1 1,2 2,2 1,1</polygon></area>" * 20_000
    document = alert_xml("MANY", info_xml(areas)).encode()
    assert len(document) > 1_000_000
    read: list[int] = []
    monkeypatch.setattr(
        "hue_s.modules.alerts.backend.cap.parse.parse_area", lambda *a: read.append(1)
    )
    error = refusal(document)
    assert error.code == "too_many_areas" and str(MAX_AREAS_PER_INFO) in error.message
    assert read == []


def test_areas_are_bounded_over_all_infos() -> None:
    info = info_xml("<area><areaDesc>x</areaDesc></area>" * 600)
    assert refusal(alert_xml("SPREAD", info * 4).encode()).code == "too_many_areas"


def test_a_polygon_of_100000_points_is_refused() -> None:
    ring = circle_ring(HUE_CENTRE, 0.05, 100_000)
    error = refusal(alert_xml("LONG", info_xml(area_xml([ring], "Huế"))).encode())
    assert error.code == "too_many_points" and "'Huế'" in error.message


def test_the_points_of_all_polygons_are_bounded() -> None:
    budget = ParseBudget(max_total_points=10_000)
    error = refusal(alaska_alert("AK", polygons=30, points=400), budget)
    assert error.code == "too_many_points" and "10000" in error.message


def test_reading_an_alert_is_bounded_in_time() -> None:
    ticks = itertools.count()
    budget = ParseBudget(clock=lambda: float(next(ticks)), max_seconds=5)
    assert refusal(alaska_alert("AK", polygons=20, points=10), budget).code == "too_slow"


async def test_areas_far_from_the_city_never_become_shapes(
    db: Callable[[], Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    real_shape = geometry.cap_area_shape

    def counted(area: geometry.CapArea) -> object:
        built.append(1)
        return real_shape(area)

    monkeypatch.setattr(geometry, "cap_area_shape", counted)
    async with httpx.AsyncClient() as client:
        ingestor = Ingestor(db, client)
        far = await ingestor.ingest_document(alaska_alert("AK", polygons=212, points=40), None)
        assert far[0].created and not far[0].in_city
        assert built == []  # no repair, no union: the box is off the city
        near = alert_xml("HUE", info_xml(area_xml([circle_ring(HUE_CENTRE, 0.01, 40)])))
        assert (await ingestor.ingest_document(near.encode(), None))[0].in_city
    assert built == [1]


async def test_lists_carry_an_outline_and_the_detail_every_point(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    ring = circle_ring(HUE_CENTRE, 0.05, 5_000)
    document = alert_xml("WIDE", info_xml(area_xml([ring], "Huế"))).encode()
    async with httpx.AsyncClient() as client:
        stored = (await Ingestor(db, client).ingest_document(document, None))[0]
    listed = (await api.get("/api/v1/alerts")).json()
    assert [alert["id"] for alert in listed] == [stored.alert_id]
    outline = listed[0]["infos"][0]["areas"][0]["polygons"]
    assert 4 <= sum(len(ring) for ring in outline) <= geometry.MAX_OUTLINE_POINTS
    point = (await api.get(f"/api/v1/alerts/{stored.alert_id}")).json()
    assert len(point["infos"][0]["areas"][0]["polygons"][0]) == 5_001
    cap = (await api.get(f"/alerts/{stored.alert_id}.cap")).text
    assert cap.count(",") >= 5_001
    assert (await api.get("/api/v1/alerts", params={"lat": 16.463, "lon": 107.59})).json()
