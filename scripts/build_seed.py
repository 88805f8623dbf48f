"""Regenerate hue_s/backend/seed/wards.geojson from the Huế testdata folder (a dev script).

Usage: python scripts/build_seed.py [../shared/testdata/hue] [--tolerance 0.0003]

Reads the official list (admin/hue_communes_2025.csv, names as Công văn 1027/CTK-CSCL writes
them) and the 40 unsimplified ward boundaries, simplifies them as one coverage (shared borders
stay shared, so no gaps or overlaps appear between neighbours), checks every ward is valid,
checks the OSM POIs still fall in their recorded ward, and writes one FeatureCollection.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TESTDATA = REPO_ROOT.parent / "shared" / "testdata" / "hue"
DEFAULT_OUTPUT = REPO_ROOT / "hue_s" / "backend" / "seed" / "wards.geojson"
GRID_SIZE = 1e-6  # the source precision: six decimals, about 0.1 m
KIND_BY_TYPE = {"phường": ("ward", "Phường "), "xã": ("commune", "Xã ")}
EXPECTED_UNITS = {"ward": 21, "commune": 19}
METADATA = {
    "title": "Commune-level administrative units of Thành phố Huế (from 1 July 2025)",
    "province_code": "46",
    "codes_and_names": "Công văn 1027/CTK-CSCL (Cục Thống kê, 25/6/2025), via "
    "github.com/dvhcvn/20250701 @ dd94887ce32324380bc5bb0a76fe39867dafc73b",
    "boundaries": "github.com/thanglequoc/vietnamese-provinces-database "
    "@ cd58063299585146ded3981f2272946ef19ced54 (MIT), json/geojson/46_hue/wards/; "
    "geometry from sapnhap.bando.com.vn",
    "simplification": "",
    "attribution": "Boundaries: thanglequoc/vietnamese-provinces-database (MIT), "
    "geometry from sapnhap.bando.com.vn",
}


def read_official_units(testdata: Path) -> list[dict[str, str]]:
    """Return the rows of admin/hue_communes_2025.csv, in official (STT) order."""
    with (testdata / "admin" / "hue_communes_2025.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(rows, key=lambda row: int(row["stt_1027"]))


def check_against_1027_excerpt(testdata: Path, rows: list[dict[str, str]]) -> int:
    """Compare official names with the 1027 excerpt rows present; return how many matched."""
    text = (testdata / "admin" / "1027_CTK-CSCL_hue_excerpt.md").read_text(encoding="utf-8")
    official = {row["code"]: row["name_official_1027"] for row in rows}
    checked = 0
    for match in re.finditer(r"^\|\s*\d+\s*\|\s*(\d{5})\s*\|\s*(.+?)\s*\|", text, re.M):
        code, name = match.group(1), re.sub(r"\s+", " ", match.group(2).replace("<br>", " "))
        if official.get(code) != name:
            csv_name = official.get(code)
            raise SystemExit(f"1027 excerpt says {code} is {name!r}, the CSV says {csv_name!r}")
        checked += 1
    return checked


def read_boundary(testdata: Path, row: dict[str, str]) -> Any:
    """Return the unsimplified shapely geometry of one unit, checking its code."""
    data = json.loads((testdata / row["geojson_file"]).read_text(encoding="utf-8"))
    (feature,) = data["features"]
    if str(feature["id"]) != row["code"]:
        raise SystemExit(f"{row['geojson_file']} holds {feature['id']}, expected {row['code']}")
    return shape(feature["geometry"])


def as_multipolygon(geometry: Any) -> MultiPolygon:
    """Return the geometry as a MultiPolygon (a simplified ward may collapse to a Polygon)."""
    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    if isinstance(geometry, MultiPolygon):
        return geometry
    raise SystemExit(f"unexpected geometry type {geometry.geom_type}")


def simplify_coverage(geometries: list[Any], tolerance: float) -> list[Any]:
    """Simplify all wards together so shared borders stay identical, then snap to the grid."""
    if hasattr(shapely, "coverage_simplify"):
        simplified = list(shapely.coverage_simplify(geometries, tolerance))
    else:  # GEOS < 3.12: per-ward simplification, small gaps may appear between neighbours
        print("warning: no coverage_simplify; using simplify(preserve_topology=True)")
        simplified = [g.simplify(tolerance, preserve_topology=True) for g in geometries]
    return [shapely.set_precision(g, GRID_SIZE) for g in simplified]


def check_wards(codes: list[str], originals: list[Any], simplified: list[Any]) -> None:
    """Fail unless every simplified ward is valid, non-empty and close to its original area."""
    for code, original, geometry in zip(codes, originals, simplified, strict=True):
        if geometry.is_empty or not geometry.is_valid:
            raise SystemExit(f"ward {code} is empty or invalid after simplification")
        change = abs(geometry.area - original.area) / original.area
        if change > 0.01:
            raise SystemExit(f"ward {code} area changed by {change:.2%}")
    if not shapely.coverage_is_valid(simplified):
        print("warning: the simplified wards overlap or leave gaps")


def check_pois(testdata: Path, codes: list[str], simplified: list[Any]) -> None:
    """Print how many OSM POIs still fall in the ward recorded in their ward_2025_code."""
    path = testdata / "poi" / "osm_hue_pois.geojson"
    if not path.exists():
        return
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    agreed = total = 0
    for feature in features:
        expected = feature["properties"].get("ward_2025_code")
        if not expected:
            continue
        lon, lat = feature["geometry"]["coordinates"]
        pairs = zip(codes, simplified, strict=True)
        hits = [code for code, ward in pairs if shapely.intersects_xy(ward, lon, lat)]
        total += 1
        agreed += hits == [expected]
    print(f"POIs in their recorded ward after simplification: {agreed}/{total}")


def build_feature(row: dict[str, str], geometry: Any) -> dict[str, Any]:
    """Return one GeoJSON Feature with the unit's official identity and simplified boundary."""
    kind, prefix = KIND_BY_TYPE[row["type"]]
    full_name = row["name_official_1027"]
    if not full_name.startswith(prefix):
        raise SystemExit(f"{full_name!r} does not start with {prefix!r}")
    properties = {
        "code": row["code"],
        "name": full_name.removeprefix(prefix),
        "full_name": full_name,
        "name_en": row["name_en"],
        "kind": kind,
        "area_km2": float(row["area_km2_bando"]),
    }
    return {
        "type": "Feature",
        "id": row["code"],
        "properties": properties,
        "geometry": mapping(as_multipolygon(geometry)),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the seed file and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("testdata", nargs="?", type=Path, default=DEFAULT_TESTDATA)
    parser.add_argument("--tolerance", type=float, default=0.0003, help="degrees (~33 m)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    rows = read_official_units(args.testdata)
    checked = check_against_1027_excerpt(args.testdata, rows)
    print(f"names checked against the 1027 excerpt: {checked}")
    codes = [row["code"] for row in rows]
    originals = [read_boundary(args.testdata, row) for row in rows]
    simplified = simplify_coverage(originals, args.tolerance)
    check_wards(codes, originals, simplified)
    check_pois(args.testdata, codes, simplified)

    features = [build_feature(row, g) for row, g in zip(rows, simplified, strict=True)]
    kinds = {k: sum(f["properties"]["kind"] == k for f in features) for k in EXPECTED_UNITS}
    if kinds != EXPECTED_UNITS:
        raise SystemExit(f"expected {EXPECTED_UNITS}, got {kinds}")
    metadata = dict(
        METADATA,
        simplification=f"shapely coverage_simplify, tolerance "
        f"{args.tolerance} degrees, coordinates rounded to {GRID_SIZE} degrees",
    )
    collection = {"type": "FeatureCollection", "metadata": metadata, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    vertices = sum(shapely.get_num_coordinates(simplified))
    before = sum(shapely.get_num_coordinates(originals))
    size_kb = args.output.stat().st_size / 1024
    print(
        f"wrote {args.output}: {len(features)} units {kinds}, {vertices} of {before} vertices, "
        f"{size_kb:.0f} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
