"""Wire models of check-ins during an alert: "I'm safe" / "I need help", and ward counts."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hue_s.app.api.models.base import RequestModel, ResponseModel
from hue_s.modules.alerts.wire import CheckinStatus


class CheckinRequest(RequestModel):
    """What a person says during an alert, with where they are."""

    status: CheckinStatus = Field(description="'safe', or 'help' for an urgent case.")
    lat: float | None = Field(default=None, description="With lon: where the person is.")
    lon: float | None = Field(default=None, description="Longitude.")
    ward_code: str | None = Field(default=None, description="Their ward, without a point.")
    phone: str | None = Field(default=None, description="Number to call back.")
    details: str | None = Field(default=None, max_length=1000, description="What is happening.")
    people_count: int | None = Field(default=None, ge=1, le=1000, description="People in need.")


class Checkin(ResponseModel):
    """A person's own check-in as the backend keeps it."""

    id: int = Field(description="Id of the check-in.")
    alert_id: int = Field(description="The alert it belongs to.")
    status: CheckinStatus = Field(description="'safe' or 'help'.")
    ward_code: str | None = Field(default=None, description="The ward it counts in.")
    case_id: str | None = Field(default=None, description="The urgent case filed for help.")
    verified: bool | None = Field(
        default=None, description="Counted as verified (signed in, or a key the city issued)."
    )
    updated_at: datetime | None = Field(default=None, description="When it was last said.")


class WardCount(ResponseModel):
    """How many people of one ward are safe or need help, verified or not."""

    ward_code: str | None = Field(default=None, description="None: place unknown.")
    ward_name: str | None = Field(default=None, description="E.g. 'Phường Kim Long'.")
    safe: int = Field(description="Verified people who said they are safe.")
    help: int = Field(description="Verified people who asked for help.")
    safe_unverified: int = Field(default=0, description="Unverified 'I'm safe'.")
    help_unverified: int = Field(default=0, description="Unverified requests for help.")


class CheckinSummary(ResponseModel):
    """An alert's check-ins counted per ward (never who); verified means signed in or sent
    with a device key the city issued."""

    alert_id: int = Field(description="The alert.")
    safe: int = Field(description="Verified people safe in the wards shown.")
    help: int = Field(description="Verified people asking for help in the wards shown.")
    safe_unverified: int = Field(default=0, description="Unverified 'I'm safe' shown.")
    help_unverified: int = Field(default=0, description="Unverified requests for help shown.")
    wards: list[WardCount] = Field(default_factory=list, description="Most in need first.")
    as_of: datetime | None = Field(default=None, description="When it was counted.")


class DeviceKey(ResponseModel):
    """The key the city issues to one install for its anonymous check-ins."""

    device_key: str = Field(description="Kept in the store; sent as X-Device-Key.")
