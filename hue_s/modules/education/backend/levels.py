"""A school's levels, read from OSM's `grades` and `amenity` and from its Vietnamese name."""

from __future__ import annotations

import re
from typing import Any

from hue_s.kit.osm import fold
from hue_s.modules.education.wire import LEVELS, Level

NAME_WORDS: tuple[tuple[Level, tuple[str, ...]], ...] = (
    ("preschool", ("mam non", "mau giao", "nha tre", "kindergarten")),
    ("primary", ("tieu hoc", "primary school")),
    ("lower_secondary", ("trung hoc co so", "thcs")),
    ("upper_secondary", ("trung hoc pho thong", "thpt")),
    ("higher", ("dai hoc", "cao dang", "hoc vien", "university", "college")),
)
GRADE_LEVELS: tuple[tuple[range, Level], ...] = (
    (range(1, 6), "primary"), (range(6, 10), "lower_secondary"), (range(10, 13), "upper_secondary")
)  # fmt: skip
_GRADES = re.compile(r"^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$")


def _from_grades(grades: str) -> set[Level]:
    matched = _GRADES.match(grades)
    if matched is None:
        return set()
    first, last = int(matched.group(1)), int(matched.group(2))
    return {level for span, level in GRADE_LEVELS if first <= span[-1] and last >= span[0]}


def levels_of(name: str, amenity: str, tags: dict[str, Any]) -> list[Level]:
    """Return a school's levels in LEVELS' order; ['other'] when nothing tells (Trung cấp...)."""
    found: set[Level] = set()
    grades = tags.get("grades")
    if isinstance(grades, str):
        found |= _from_grades(grades)
    folded = fold(name)
    found |= {level for level, words in NAME_WORDS if any(word in folded for word in words)}
    if amenity == "kindergarten":
        found.add("preschool")
    if amenity in ("university", "college") and not found:
        found.add("higher")
    return [level for level in LEVELS if level in found] or ["other"]
