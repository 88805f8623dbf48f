"""What the education API answers, shared by the app and the backend."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hue_s.kit.places import OsmPlace

LEVELS = ("preschool", "primary", "lower_secondary", "upper_secondary", "higher", "other")
"""School levels, in the order the app offers them."""
Level = Literal["preschool", "primary", "lower_secondary", "upper_secondary", "higher", "other"]
NEWS_CATEGORY = "education"
"""The news module's category of enrolment and school announcements."""


class School(OsmPlace):
    """A school, college or university, as OpenStreetMap describes it."""

    levels: list[Level]
    grades: str | None = Field(None, description="OSM grades, as tagged ('1-5').")
