"""When an alert counts as active, and how alerts are ranked for the citizen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_

from hue_s.modules.alerts.backend.cap.record import severity_rank, urgency_rank
from hue_s.modules.alerts.backend.models import Alert, AlertInfo

ACTIVE_MESSAGE_TYPES = ("Alert", "Update")


def is_active(alert: Alert, now: datetime) -> bool:
    """Tell whether a citizen should see the alert now: current, real, public, not expired."""
    return (
        alert.state == "current"
        and alert.msg_type in ACTIVE_MESSAGE_TYPES
        and alert.status == "Actual"
        and alert.scope == "Public"
        and (alert.expires_at is None or alert.expires_at > now)
    )


def active_condition(now: datetime) -> ColumnElement[bool]:
    """Return the SQL condition matching what is_active accepts."""
    return and_(
        Alert.state == "current",
        Alert.msg_type.in_(ACTIVE_MESSAGE_TYPES),
        Alert.status == "Actual",
        Alert.scope == "Public",
        or_(Alert.expires_at.is_(None), Alert.expires_at > now),
    )


def most_severe_info(alert: Alert) -> AlertInfo | None:
    """Return the info that is most severe, then most urgent (first one on ties)."""
    if not alert.infos:
        return None
    return min(
        alert.infos, key=lambda info: (severity_rank(info.severity), urgency_rank(info.urgency))
    )


def listing_order(alert: Alert) -> tuple[int, int, float]:
    """Sort key: most severe first, then most urgent, then newest."""
    return (alert.severity_rank, alert.urgency_rank, -alert.sent.timestamp())
