"""Service-level agreements: when a case must be closed, and whether it is late."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row

from hue_s.modules.incidents.backend.cases.status import is_closed
from hue_s.modules.incidents.backend.models import Incident, IncidentService


def sla_hours(service: IncidentService, urgency: str) -> int:
    """Return the hours the service's SLA allows for a case of this urgency."""
    by_urgency = {
        "high": service.sla_hours_high,
        "normal": service.sla_hours_normal,
        "low": service.sla_hours_low,
    }
    return by_urgency[urgency]


def deadline_for(service: IncidentService, urgency: str, start: datetime) -> datetime:
    """Return when a case of this service and urgency, opened at start, is due."""
    return start + timedelta(hours=sla_hours(service, urgency))


def is_overdue(incident: Incident | Row[Any], now: datetime) -> bool:
    """Tell whether an open case (or a row with its status and deadline) is past its deadline."""
    return not is_closed(incident.status) and incident.deadline_at < now
