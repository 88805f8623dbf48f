"""A school's levels from OSM's grades, its amenity and its Vietnamese name."""

from __future__ import annotations

import pytest

from hue_s.modules.education.backend.levels import levels_of


@pytest.mark.parametrize(
    ("name", "amenity", "tags", "expected"),
    [
        ("Trường Tiểu học Thuận Hoà", "school", {"grades": "1-5"}, ["primary"]),
        ("Trường Trung học cơ sở Phú Bài", "school", {"grades": "6-9"}, ["lower_secondary"]),
        ("Trường THPT Nguyễn Huệ", "school", {}, ["upper_secondary"]),
        ("Trường Trung học phổ thông Phú Bài", "school", {"grades": "10-12"}, ["upper_secondary"]),
        (
            "Trường Trung học cơ sở & Trung học phổ thông Huế Star",
            "school",
            {},
            ["lower_secondary", "upper_secondary"],
        ),
        ("Liên cấp Huế", "school", {"grades": "1-12"},
         ["primary", "lower_secondary", "upper_secondary"]),
        ("Trường Mầm non Hoa Sen", "school", {}, ["preschool"]),
        ("Hoa Hồng", "kindergarten", {}, ["preschool"]),
        ("Trường Đại học Y Dược Huế", "university", {}, ["higher"]),
        ("Trường Cao đẳng Du lịch Huế", "college", {}, ["higher"]),
        ("Học viện Âm nhạc Huế", "university", {}, ["higher"]),
        ("Trường Trung cấp Văn hóa Nghệ thuật Huế", "school", {}, ["other"]),
        ("Nguyễn Trường Tộ", "school", {"grades": "unknown"}, ["other"]),
    ],
)  # fmt: skip
def test_levels(name: str, amenity: str, tags: dict[str, str], expected: list[str]) -> None:
    assert levels_of(name, amenity, tags) == expected
