"""The normalised CAP alert: what the backend keeps of a CAP 1.1 or 1.2 message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

CAP_NAMESPACES = {
    "urn:oasis:names:tc:emergency:cap:1.2": "1.2",
    "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
}
CAP12_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MESSAGE_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
CATEGORIES = (
    "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
    "CBRNE", "Other",
)  # fmt: skip
RESPONSE_TYPES = (
    "Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None",
)  # fmt: skip
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")

NamedValues = list[tuple[str, str]]
"""(valueName, value) pairs: eventCode, parameter, geocode."""
Ring = list[tuple[float, float]]
"""A closed ring of (lat, lon) points, as CAP writes them."""


def severity_rank(severity: str) -> int:
    """Return 0 for Extreme up to 4 for Unknown (lower is more severe)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES) - 1


def urgency_rank(urgency: str) -> int:
    """Return 0 for Immediate up to 4 for Unknown (lower is more urgent)."""
    return URGENCIES.index(urgency) if urgency in URGENCIES else len(URGENCIES) - 1


@dataclass(frozen=True)
class CapReference:
    """One earlier message an Update, Cancel, Ack or Error refers to."""

    sender: str
    identifier: str
    sent: datetime | None
    """None when the referenced time could not be read; then sender + identifier match."""


@dataclass(frozen=True)
class CapCircle:
    """A circle: centre (WGS84) and radius in kilometres."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class CapResource:
    """A <resource>: a file (map, image, audio) that goes with an info, by link or inline."""

    resource_desc: str
    mime_type: str | None = None
    """Required by CAP 1.2, optional in 1.1: None when the sender gave none."""
    size: int | None = None
    uri: str | None = None
    deref_uri: str | None = None
    """The file itself, base64-encoded, when the sender embedded it."""
    digest: str | None = None


@dataclass
class CapArea:
    """One <area>: a description and any polygons, circles and geocodes.

    The fields of CapArea and CapInfo name the alert_areas and alert_infos columns and the keys
    of the API's AreaOut and InfoOut, which are copied from them by name.
    """

    area_desc: str
    polygons: list[Ring] = field(default_factory=list)
    circles: list[CapCircle] = field(default_factory=list)
    geocodes: NamedValues = field(default_factory=list)
    altitude: float | None = None
    ceiling: float | None = None


@dataclass
class CapInfo:
    """One <info> block: the event in one language, and where it applies."""

    event: str
    urgency: str
    severity: str
    certainty: str | None
    """None when the sender gave none (or none CAP knows): it is not guessed."""
    language: str = "en-US"
    categories: list[str] = field(default_factory=lambda: ["Other"])
    response_types: list[str] = field(default_factory=list)
    audience: str | None = None
    event_codes: NamedValues = field(default_factory=list)
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    sender_name: str | None = None
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    parameters: NamedValues = field(default_factory=list)
    resources: list[CapResource] = field(default_factory=list)
    areas: list[CapArea] = field(default_factory=list)

    @property
    def ends_event(self) -> bool:
        """Tell whether this info says the danger is over (responseType AllClear, urgency Past)."""
        return "AllClear" in self.response_types or self.urgency == "Past"


@dataclass
class CapAlert:
    """A CAP message: identity, handling, the infos, and the XML it was read from."""

    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    version: str = "1.2"
    source: str | None = None
    restriction: str | None = None
    addresses: str | None = None
    codes: list[str] = field(default_factory=list)
    note: str | None = None
    references: list[CapReference] = field(default_factory=list)
    incidents: str | None = None
    infos: list[CapInfo] = field(default_factory=list)
    raw_xml: str = ""
    warnings: list[str] = field(default_factory=list)
    """What lenient parsing repaired or dropped, in English."""

    @property
    def area_count(self) -> int:
        """Count the areas of every info."""
        return sum(len(info.areas) for info in self.infos)

    @property
    def expires(self) -> datetime | None:
        """Return when the last info expires; None if any info never expires (or no info)."""
        ends = [info.expires for info in self.infos]
        if not ends or any(end is None for end in ends):
            return None
        return max(end for end in ends if end is not None)

    @property
    def all_clear(self) -> bool:
        """Tell whether every info says the danger is over (an Alert or Update ending it)."""
        return bool(self.infos) and all(info.ends_event for info in self.infos)

    @property
    def ends_at(self) -> datetime | None:
        """Return when the alert stops being active: an all-clear when sent, else its expiry."""
        return self.sent if self.all_clear else self.expires
