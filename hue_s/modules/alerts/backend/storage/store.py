"""Store CAP alerts once each, and let Updates and Cancels act on the alerts they reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.cap.record import CapAlert, CapReference
from hue_s.modules.alerts.backend.cap.values import parse_references
from hue_s.modules.alerts.backend.geometry import city_box, wards_of_area
from hue_s.modules.alerts.backend.models import Alert, AlertWard
from hue_s.modules.alerts.backend.storage.rows import alert_row
from hue_s.modules.alerts.backend.stream.events import record_event

REPLACING_STATES = {"Update": "updated", "Cancel": "cancelled"}
ENDING_URGENCY = "Past"
ALL_CLEAR = "AllClear"


def replacing_state(msg_type: str, all_clear: bool) -> str | None:
    """Return what a message does to the alerts it references: update, cancel, or nothing.

    An all-clear ends them, sent as an Update or as a new Alert (as some senders do).
    """
    ends = all_clear and msg_type in ("Alert", "Update")
    return REPLACING_STATES.get(msg_type) or ("updated" if ends else None)


def row_is_all_clear(alert: Alert) -> bool:
    """Tell whether every info of a stored alert says the danger is over."""
    return bool(alert.infos) and all(
        ALL_CLEAR in info.response_types or info.urgency == ENDING_URGENCY for info in alert.infos
    )


@dataclass(frozen=True)
class StoredAlert:
    """The outcome of storing one alert."""

    alert: Alert
    created: bool
    """False when the same sender + identifier + sent was stored before (nothing changed)."""
    replaced: int
    """How many stored alerts this Update or Cancel replaced."""


def find_alert(session: Session, sender: str, identifier: str, sent: datetime) -> Alert | None:
    """Return the stored alert with this identity, if any."""
    query = select(Alert).where(
        Alert.sender == sender, Alert.identifier == identifier, Alert.sent == sent
    )
    return session.scalars(query).first()


def referenced_alerts(session: Session, reference: CapReference) -> list[Alert]:
    """Return the stored alerts a reference names (any sent time if the reference lacks one)."""
    query = select(Alert).where(
        Alert.sender == reference.sender, Alert.identifier == reference.identifier
    )
    if reference.sent is not None:
        query = query.where(Alert.sent == reference.sent)
    return list(session.scalars(query))


def _replace_referenced(session: Session, alert: Alert, cap: CapAlert) -> list[Alert]:
    """Mark the current alerts an Update, Cancel or all-clear references as replaced by it."""
    new_state = replacing_state(cap.msg_type, cap.all_clear)
    if new_state is None:
        return []
    replaced = []
    for reference in cap.references:
        for target in referenced_alerts(session, reference):
            if target.state == "current" and target.id != alert.id:
                target.state, target.replaced_by_id = new_state, alert.id
                replaced.append(target)
    return replaced


def _apply_earlier_replacements(session: Session, alert: Alert) -> None:
    """Mark a late-arriving alert replaced if an Update, Cancel or all-clear stored before
    names it."""
    pattern = f"%{alert.sender},{alert.identifier}%"
    query = (
        select(Alert)
        .where(Alert.references.like(pattern), Alert.id != alert.id)
        .order_by(Alert.sent.desc())
    )
    for replacing in session.scalars(query):
        new_state = replacing_state(replacing.msg_type, row_is_all_clear(replacing))
        if new_state is None:
            continue
        names_it = any(
            ref.sender == alert.sender
            and ref.identifier == alert.identifier
            and (ref.sent is None or ref.sent == alert.sent)
            for ref in parse_references(replacing.references or "")
        )
        if names_it:
            alert.state, alert.replaced_by_id = new_state, replacing.id
            return


def store_alert(
    session: Session,
    cap: CapAlert,
    *,
    now: datetime,
    origin: str = "ingested",
    source_url: str | None = None,
    issued_by: str | None = None,
) -> StoredAlert:
    """Store an alert unless stored already; apply its references; log its event (no commit)."""
    existing = find_alert(session, cap.sender, cap.identifier, cap.sent)
    if existing is not None:
        return StoredAlert(alert=existing, created=False, replaced=0)
    alert = alert_row(cap, origin=origin, source_url=source_url, issued_by=issued_by)
    alert.received_at = now
    city = city_box(session)
    codes = set().union(*(wards_of_area(session, a, city) for i in cap.infos for a in i.areas))
    alert.wards = [AlertWard(ward_code=code) for code in sorted(codes)]
    session.add(alert)
    session.flush()
    replaced = _replace_referenced(session, alert, cap)
    if not codes:  # a Cancel (or an Update without areas) covers what it replaces
        codes = {link.ward_code for target in replaced for link in target.wards}
        alert.wards = [AlertWard(ward_code=code) for code in sorted(codes)]
    _apply_earlier_replacements(session, alert)
    record_event(session, alert, now)
    return StoredAlert(alert=alert, created=True, replaced=len(replaced))
