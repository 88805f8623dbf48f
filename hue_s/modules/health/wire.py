"""What the health API answers, shared by the app and the backend."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hue_s.kit.places import OsmPlace

KINDS = ("hospital", "clinic", "doctors", "dentist", "pharmacy")
"""The kinds of places, in the order the app offers them."""
Kind = Literal["hospital", "clinic", "doctors", "dentist", "pharmacy"]
EMERGENCY_NUMBER = "115"


class HealthPlace(OsmPlace):
    """A place to get care or medicine, as OpenStreetMap describes it."""

    kind: Kind
    opening_hours: str | None = Field(None, description="OSM opening_hours, as tagged.")
    open_now: bool | None = Field(None, description="None: unknown (no hours, or unread).")
    emergency: bool = Field(False, description="Tagged emergency=yes.")
    offers: list[str] = Field(default_factory=list, description="OSM healthcare:speciality.")
