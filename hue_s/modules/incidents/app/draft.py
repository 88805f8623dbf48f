"""IncidentDraft: a report being written (and queued), and the GeoReport form it becomes."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hue_s.app.i18n import N_
from hue_s.modules.incidents.app.models import ServiceAttribute
from hue_s.modules.incidents.app.questions import (
    QUESTIONS_UNANSWERED,
    Answer,
    answer_fields,
    answer_problems,
)

MAX_PHOTOS = 5
MIN_DESCRIPTION = 5
MAX_DESCRIPTION = 4000
MAX_ADDRESS = 400
HUE_CENTRE = (16.4637, 107.5909)
"""Where a map opens before anything better is known: Huế's citadel."""

WHERE_MISSING = N_(
    "Say where it is: use your location, put a pin on the map, or give the ward and the street "
    "or a landmark."
)

PointSource = Literal["gps", "map", "photo"]


class GeoPoint(BaseModel):
    """A WGS84 point."""

    model_config = ConfigDict(frozen=True)

    lat: float = Field(ge=-90, le=90, description="Latitude in degrees.")
    lon: float = Field(ge=-180, le=180, description="Longitude in degrees.")


class DraftPhoto(BaseModel):
    """A photo ready to upload: shrunk and re-encoded without any metadata.

    Where and when it was taken (read from its EXIF before stripping) travel beside it as form
    fields, so the ward can prove a fix was photographed at the place and after the report.
    """

    model_config = ConfigDict(frozen=True)

    jpeg_b64: str = Field(repr=False, description="The bare JPEG, base64 (the store is JSON).")
    width: int = Field(description="Pixels.")
    height: int = Field(description="Pixels.")
    original_bytes: int = Field(description="Size of the file the user picked.")
    place: GeoPoint | None = Field(
        default=None, description="Where the photo's EXIF said it was taken."
    )
    taken_at: datetime | None = Field(
        default=None, description="When its EXIF said it was taken (no zone: camera's clock)."
    )

    @cached_property
    def data(self) -> bytes:
        """Return the JPEG bytes."""
        return base64.b64decode(self.jpeg_b64)

    @classmethod
    def from_jpeg(
        cls,
        jpeg: bytes,
        *,
        width: int,
        height: int,
        original_bytes: int,
        place: GeoPoint | None,
        taken_at: datetime | None = None,
    ) -> DraftPhoto:
        """Wrap prepared JPEG bytes."""
        return cls(
            jpeg_b64=base64.b64encode(jpeg).decode("ascii"),
            width=width,
            height=height,
            original_bytes=original_bytes,
            place=place,
            taken_at=taken_at,
        )

    def place_time_fields(self) -> dict[str, str]:
        """Return where and when it was taken as form fields `taken_at`, `lat`, `long`."""
        fields: dict[str, str] = {}
        if self.taken_at is not None:
            fields["taken_at"] = self.taken_at.isoformat()
        if self.place is not None:
            fields["lat"] = f"{self.place.lat:.7f}"
            fields["long"] = f"{self.place.lon:.7f}"
        return fields


class IncidentDraft(BaseModel):
    """What the citizen is reporting; saved locally as typed, queued as a whole when sent."""

    model_config = ConfigDict(extra="ignore")

    client_id: str = Field(
        default_factory=lambda: str(uuid.uuid4()),
        description="The UUID it is first queued under, so filing it twice queues it once.",
    )
    service_code: str = Field(default="", description="Category code.")
    service_name: str = Field(default="", description="Category name, to show while offline.")
    description: str = Field(default="", description="What is wrong.")
    point: GeoPoint | None = Field(default=None, description="Where, as a point.")
    point_source: PointSource | None = Field(default=None, description="How the point was set.")
    ward_code: str = Field(default="", description="Ward, when there is no point.")
    ward_name: str = Field(default="", description="Ward name, to show.")
    street: str = Field(default="", description="Street and house number, when no point.")
    landmark: str = Field(default="", description="A landmark near the place, when no point.")
    hide_name: bool = Field(default=False, description="Keep the name from the ward's staff.")
    photos: list[DraftPhoto] = Field(default_factory=list, description="At most five.")
    questions: list[ServiceAttribute] = Field(
        default_factory=list, description="The category's extra questions, as last fetched."
    )
    answers: dict[str, Answer] = Field(
        default_factory=dict, description="Answers to the questions, by attribute code."
    )

    def problems(self) -> list[str]:
        """Return what stops the report from being sent, as gettext markers (empty: none)."""
        found: list[str] = []
        if not self.service_code:
            found.append(N_("Choose what kind of problem it is."))
        text = self.description.strip()
        if len(text) < MIN_DESCRIPTION:
            found.append(N_("Describe the problem in a few words."))
        elif len(text) > MAX_DESCRIPTION:
            found.append(N_("The description is too long (at most 4000 characters)."))
        if self.point is None and not (self.ward_code and self.address_string()):
            found.append(WHERE_MISSING)
        if len(self.address_string()) > MAX_ADDRESS:
            found.append(N_("The street and landmark are too long (at most 400 characters)."))
        if len(self.photos) > MAX_PHOTOS:
            found.append(N_("At most 5 photos per report."))
        if self.answer_problems():
            found.append(QUESTIONS_UNANSWERED)
        return found

    def answer_problems(self) -> dict[str, str]:
        """Return the problems of the answers to the category's questions, by question code."""
        return answer_problems(self.questions, self.answers)

    def address_string(self) -> str:
        """Return the street and landmark as one address line."""
        return ", ".join(part.strip() for part in (self.street, self.landmark) if part.strip())

    def form_fields(self) -> dict[str, Answer]:
        """Return the GeoReport v2 form fields of this report (photo files apart).

        Answers go as `attribute[code]` (`attribute[code][]` for a multiple choice); each photo's
        place and time as `media_taken_at[i]`, `media_lat[i]`, `media_long[i]` (i from 0, the
        photo's position among the `media` files).
        """
        fields: dict[str, Answer] = answer_fields(self.questions, self.answers)
        fields |= {"service_code": self.service_code, "description": self.description.strip()}
        if self.point is not None:
            fields["lat"] = f"{self.point.lat:.7f}"
            fields["long"] = f"{self.point.lon:.7f}"
        elif self.ward_code:
            fields["attribute[ward_code]"] = self.ward_code
        address = self.address_string()
        if address:
            fields["address_string"] = address
        if self.hide_name:
            fields["attribute[hide_name]"] = "yes"
        for index, photo in enumerate(self.photos):
            for name, value in photo.place_time_fields().items():
                fields[f"media_{name}[{index}]"] = value
        return fields

    def plain_fields(self, *, marker: str) -> dict[str, Answer]:
        """Return only the fields of the GeoReport v2 spec, for a server that refuses others.

        The description ends with `marker`, the device's own mark of this report, by which it
        is found again on a server that cannot tell whether an interrupted POST arrived.
        """
        fields: dict[str, Answer] = answer_fields(self.questions, self.answers)
        description = f"{self.description.strip()}\n\n{marker}"
        fields |= {"service_code": self.service_code, "description": description}
        if self.point is not None:
            fields["lat"] = f"{self.point.lat:.7f}"
            fields["long"] = f"{self.point.lon:.7f}"
        address = ", ".join(part for part in (self.address_string(), self.ward_name) if part)
        if address:
            fields["address_string"] = address
        return fields

    def media_files(self) -> list[tuple[str, tuple[str, bytes, str]]]:
        """Return the photos as multipart `media` files."""
        return [
            ("media", (f"photo-{index + 1}.jpg", photo.data, "image/jpeg"))
            for index, photo in enumerate(self.photos)
        ]

    def upload_bytes(self) -> int:
        """Return how many photo bytes the report uploads."""
        return sum(len(photo.data) for photo in self.photos)

    def photo_place(self) -> GeoPoint | None:
        """Return the first place a photo's EXIF suggested, if any."""
        return next((photo.place for photo in self.photos if photo.place is not None), None)
