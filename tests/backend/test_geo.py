"""Tests of hue_s/backend/kernel/geo.py: which ward holds a point, on both databases."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.geo import forget_ward_boundaries, ward_for_point
from hue_s.backend.kernel.models import Ward
from hue_s.backend.startup import prepare_database

# (lat, lon, expected ward code): OpenStreetMap points (© OpenStreetMap contributors, ODbL)
# whose ward was found on the unsimplified official boundaries (testdata poi/ files).
KNOWN_POINTS = [
    pytest.param(16.4698, 107.5786, "19753", id="dai-noi-imperial-city"),
    pytest.param(16.4728804, 107.5891393, "19753", id="cho-dong-ba"),
    pytest.param(16.4531012, 107.5446902, "19774", id="chua-thien-mu"),
    pytest.param(16.4327161, 107.5659438, "19813", id="lang-tu-duc"),
    pytest.param(16.4625238, 107.587627, "19789", id="benh-vien-trung-uong-hue"),
    pytest.param(16.4794239, 107.5958219, "19777", id="vy-da-health-station"),
    pytest.param(16.4667921, 107.6426953, "19969", id="cau-ngoi-thanh-toan"),
    pytest.param(16.3988919, 107.7042161, "19960", id="san-bay-phu-bai"),
    pytest.param(16.5740947, 107.5094706, "19867", id="quang-dien-commune"),
]
OUTSIDE_POINTS = [
    pytest.param(21.0285, 105.8542, id="ha-noi"),
    pytest.param(16.0544, 108.2022, id="da-nang"),
    pytest.param(16.62, 107.80, id="east-sea"),
]


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    """A session on a migrated and seeded database."""
    engine = prepare_database(database_url)
    with Session(engine) as opened:
        yield opened
    engine.dispose()


@pytest.mark.parametrize(("lat", "lon", "code"), KNOWN_POINTS)
def test_known_points_are_in_their_ward(
    session: Session, lat: float, lon: float, code: str
) -> None:
    ward = ward_for_point(session, lat, lon)
    assert ward is not None
    assert ward.code == code


@pytest.mark.parametrize(("lat", "lon"), OUTSIDE_POINTS)
def test_points_outside_hue_have_no_ward(session: Session, lat: float, lon: float) -> None:
    assert ward_for_point(session, lat, lon) is None


def test_point_just_off_the_coast_snaps_to_the_nearest_ward(session: Session) -> None:
    easternmost = session.scalars(select(Ward).order_by(Ward.max_lon.desc())).first()
    assert easternmost is not None
    boundary = shape(json.loads(easternmost.boundary))
    lon, lat = max(point for polygon in boundary.geoms for point in polygon.exterior.coords)
    ten_metres, two_hundred_metres = 0.0001, 0.002
    near = ward_for_point(session, lat, lon + ten_metres)
    assert near is not None and near.code == easternmost.code
    assert ward_for_point(session, lat, lon + two_hundred_metres) is None


def test_answers_stay_right_after_the_cache_is_dropped(session: Session) -> None:
    forget_ward_boundaries()
    first = ward_for_point(session, 16.4531012, 107.5446902)
    second = ward_for_point(session, 16.4531012, 107.5446902)
    assert first is not None and second is not None
    assert first.code == second.code == "19774"
