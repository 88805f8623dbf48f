"""The backend's side of OSM places: tags, the point asked from, the lists' rules (the tables
and rows are checked with their modules' tests, through `tests/kit/tables.py`)."""

from __future__ import annotations

from typing import Any

import pytest

from hue_s.backend.kernel.api_errors import APIError
from hue_s.kit.places import OsmPlace
from hue_s.kit.places_backend import matching_places, near_point, tag


def test_a_tag_is_the_first_with_a_value() -> None:
    assert tag({"phone": " ", "contact:phone": " 0234 "}, "phone", "contact:phone") == "0234"
    assert tag({"phone": 5}, "phone") is None


def test_a_point_needs_both_lat_and_lon() -> None:
    assert near_point(None, None) is None
    assert near_point(16.4, 107.5) == (16.4, 107.5)
    with pytest.raises(APIError) as refused:
        near_point(16.4, None)
    assert (refused.value.status_code, refused.value.code) == (422, "lat_lon_together")


class Rows:
    """Stands in for a session: its statement's rows, in order."""

    def __init__(self, *rows: Any) -> None:
        """Keep the rows."""
        self.rows = rows

    def scalars(self, statement: Any) -> Any:
        """Return the rows whatever is asked."""
        return iter(self.rows)


def place(name: str, distance: float) -> OsmPlace:
    """Return a place at a distance."""
    return OsmPlace(id=f"node-{len(name)}", name=name, lat=16.4, lon=107.5, osm_url="x",
                    distance_m=distance)  # fmt: skip


def test_a_list_keeps_matching_names_then_sorts_nearest_first_and_cuts() -> None:
    rows = Rows(place("Nhà thuốc An", 900), place("Nhà thuốc Bình", 300), place("Phòng khám", 10))
    session: Any = rows

    def view(row: OsmPlace) -> OsmPlace:
        return row

    assert [p.name for p in matching_places(session, None, view, lambda p: True)] == [
        "Nhà thuốc An", "Nhà thuốc Bình", "Phòng khám"
    ]  # fmt: skip
    near = matching_places(session, None, view, lambda p: True, query="nha thuoc", near=(0, 0))
    assert [p.name for p in near] == ["Nhà thuốc Bình", "Nhà thuốc An"]
    kept = matching_places(session, None, view, lambda p: p.distance_m < 500, near=(0, 0), limit=1)  # type: ignore[operator]
    assert [p.name for p in kept] == ["Phòng khám"]
