"""JSON of check-ins during an alert: what a person sends, what they get back, ward counts."""

from __future__ import annotations

from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hue_s.modules.alerts.backend.models import AlertCheckin
from hue_s.modules.alerts.backend.storage.drafts import Text
from hue_s.modules.alerts.wire import CheckinStatus


class CheckinIn(BaseModel):
    """ "I'm safe" or "I need help" during an alert, with where the person is."""

    model_config = ConfigDict(extra="forbid")

    status: CheckinStatus = Field(description="'safe', or 'help' to file an urgent case.")
    lat: float | None = Field(default=None, ge=-90, le=90, description="With lon: where I am.")
    lon: float | None = Field(default=None, ge=-180, le=180)
    ward_code: str | None = Field(
        default=None, pattern=r"^\d{5}$", description="My ward, when the point is not known."
    )
    phone: str | None = Field(
        default=None,
        max_length=40,
        description="Mobile number to call back; required for help without an account.",
    )
    details: Text | None = Field(default=None, max_length=1000, description="What is happening.")
    people_count: int | None = Field(default=None, ge=1, le=1000, description="People in need.")

    @model_validator(mode="after")
    def check_point(self) -> Self:
        """Require lat and lon together."""
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


class CheckinOut(BaseModel):
    """A person's own check-in during one alert."""

    id: int = Field(description="Id of the check-in.")
    alert_id: int
    status: CheckinStatus
    ward_code: str | None = Field(description="The ward it counts in; None if unknown.")
    case_id: str | None = Field(description="The urgent case filed for help (Open311 id).")
    verified: bool = Field(
        description="Counted as verified: signed in, or a device key this server issued."
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: AlertCheckin) -> CheckinOut:
        """Build the JSON of a check-in row."""
        return cls(
            id=row.id,
            alert_id=row.alert_id,
            status="help" if row.status == "help" else "safe",
            ward_code=row.ward_code,
            case_id=None if row.case_id is None else str(row.case_id),
            verified=row.verified,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


VERIFIED = "verified: signed in, or with a device key this server issued"
UNVERIFIED = "unverified: with a device key this server did not issue (older app versions)"


class WardCount(BaseModel):
    """How many people of one ward said they are safe or need help, verified or not."""

    ward_code: str | None = Field(description="None: people whose place is unknown.")
    ward_name: str | None = Field(description="E.g. 'Phường Kim Long'.")
    safe: int = Field(default=0, description=f"People safe, {VERIFIED}.")
    help: int = Field(default=0, description=f"People asking for help, {VERIFIED}.")
    safe_unverified: int = Field(default=0, description=f"People safe, {UNVERIFIED}.")
    help_unverified: int = Field(default=0, description=f"People asking for help, {UNVERIFIED}.")


class CheckinSummary(BaseModel):
    """Counts of an alert's check-ins per ward; never who checked in."""

    alert_id: int
    safe: int = Field(description=f"People safe in the wards shown, {VERIFIED}.")
    help: int = Field(description=f"People asking for help in the wards shown, {VERIFIED}.")
    safe_unverified: int = Field(description=f"People safe in the wards shown, {UNVERIFIED}.")
    help_unverified: int = Field(
        description=f"People asking for help in the wards shown, {UNVERIFIED}."
    )
    wards: list[WardCount] = Field(description="Most people asking for help first.")
    as_of: datetime


class DeviceKeyOut(BaseModel):
    """A key for one app install's anonymous check-ins: ask once, keep it, send it as
    X-Device-Key."""

    device_key: str = Field(description="46 URL-safe characters; secret to this install.")
