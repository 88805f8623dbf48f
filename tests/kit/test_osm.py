"""OpenStreetMap's constants live once, in the kit, and every map takes them from there."""

from __future__ import annotations

from pathlib import Path

import pytest

import hue_s
from hue_s.kit import osm
from hue_s.kit.osm import directions_url, element_url, fold, name_matches

PACKAGE = Path(hue_s.__file__).parent


def test_directions_go_to_the_point_on_openstreetmap() -> None:
    assert directions_url(16.4678154, 107.5953985) == (
        "https://www.openstreetmap.org/directions?route=%3B16.467815%2C107.595399"
    )
    assert directions_url(16.5, 107.6, origin=(16.4, 107.5)).endswith(
        "route=16.400000,107.500000%3B16.500000%2C107.600000"
    )


def test_an_element_id_gives_its_osm_page() -> None:
    assert element_url("node-13660373344") == "https://www.openstreetmap.org/node/13660373344"
    assert element_url("way-45") == "https://www.openstreetmap.org/way/45"


@pytest.mark.parametrize(
    ("name", "query", "found"),
    [
        ("Bệnh viện Mắt Huế", "mat", True),  # typed without marks: with or without them
        ("Phòng khám Mặt", "mat", True),
        ("Bệnh viện Mắt Huế", "mặt", False),  # typed with marks: only itself
        ("Trường Tiểu học Thuận Hoà", "tieu hoc", True),
        ("Trường Tiểu học Thuận Hoà", "hoc tieu thuan", True),  # any order, each a word's start
        ("Trường Tiểu học Thuận Hoà", "ieu", False),  # inside a word: no
        ("Đại học Huế", "dai", True),  # đ folds to d
    ],
)
def test_names_match_by_the_start_of_their_words(name: str, query: str, found: bool) -> None:
    assert name_matches(name, query) is found


def test_fold_drops_marks_and_case() -> None:
    assert fold("Bệnh viện Đa khoa") == "benh vien da khoa"


def test_the_osm_constants_are_written_once_in_the_package() -> None:
    """Every other file takes them from the kit (five files had their own copy)."""
    literals = (osm.OSM_TILES, osm.OSM_COPYRIGHT, osm.USER_AGENT_PACKAGE)
    copies = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(f'"{literal}"' in path.read_text(encoding="utf-8") for literal in literals)
    )
    assert copies == ["kit/osm.py"]


def test_every_map_uses_the_kits_tiles() -> None:
    from hue_s.kit import places_view
    from hue_s.modules.alerts.app.views import area_map
    from hue_s.modules.incidents.app.views import map as map_view
    from hue_s.modules.tourism.app import place_map

    for module in (area_map, map_view, place_map, places_view):
        assert module.OSM_TILES is osm.OSM_TILES, module.__name__
