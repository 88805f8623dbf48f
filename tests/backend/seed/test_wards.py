"""Tests of hue_s/backend/seed/wards.py and the packaged wards.geojson."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest
import shapely
from shapely.geometry import shape

from hue_s.backend.seed.wards import read_ward_features, ward_from_feature


def test_seed_file_has_40_valid_multipolygons() -> None:
    features = read_ward_features()
    assert len(features) == 40
    assert len({f["properties"]["code"] for f in features}) == 40
    for feature in features:
        geometry = shape(feature["geometry"])
        assert geometry.geom_type == "MultiPolygon"
        assert geometry.is_valid and not geometry.is_empty


@pytest.mark.skipif(not hasattr(shapely, "coverage_is_valid"), reason="needs GEOS >= 3.12")
def test_seed_wards_do_not_overlap() -> None:
    geometries = [shape(f["geometry"]) for f in read_ward_features()]
    assert shapely.coverage_is_valid(geometries)


def test_names_are_nfc_and_kinds_follow_the_unit_type() -> None:
    for feature in read_ward_features():
        properties = feature["properties"]
        assert unicodedata.is_normalized("NFC", properties["name"])
        prefix = "Phường " if properties["kind"] == "ward" else "Xã "
        assert properties["full_name"] == prefix + properties["name"]
        assert properties["name_en"].isascii()


def test_ward_row_has_bbox_around_centroid() -> None:
    ward = ward_from_feature(read_ward_features()[0])
    assert ward.min_lon <= ward.centroid_lon <= ward.max_lon
    assert ward.min_lat <= ward.centroid_lat <= ward.max_lat


def test_seed_is_shipped_with_its_sources() -> None:
    seed = resources.files("hue_s.backend.seed")
    sources = seed.joinpath("SOURCES.md").read_text(encoding="utf-8")
    assert "thanglequoc/vietnamese-provinces-database" in sources
    assert "sapnhap.bando.com.vn" in sources
    assert len(seed.joinpath("wards.geojson").read_bytes()) < 600_000
