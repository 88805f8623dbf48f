"""Tests of store.py: each alert stored once; Updates and Cancels act through references."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.cap.record import CapAlert, CapArea, CapInfo, CapReference
from hue_s.modules.alerts.backend.models import Alert, AlertEvent
from hue_s.modules.alerts.backend.storage.store import store_alert

SENT = datetime(2025, 11, 17, 8, 0, tzinfo=UTC)
NOW = datetime.now(UTC)
KIM_LONG_AREA = CapArea(
    area_desc="Kim Long",
    polygons=[[(16.462, 107.545), (16.462, 107.560), (16.470, 107.560), (16.462, 107.545)]],
)


def message(
    identifier: str, msg_type: str = "Alert", *refs: CapAlert, minutes: int = 0
) -> CapAlert:
    """Return a message from the national centre, referencing earlier ones."""
    return CapAlert(
        identifier=identifier,
        sender="nchmf.gov.vn",
        sent=SENT + timedelta(minutes=minutes),
        status="Actual",
        msg_type=msg_type,
        scope="Public",
        references=[CapReference(ref.sender, ref.identifier, ref.sent) for ref in refs],
        infos=[
            CapInfo(
                event="Lũ", urgency="Expected", severity="Severe", certainty="Likely",
                expires=NOW + timedelta(days=1), areas=[KIM_LONG_AREA],
            )
        ]
        if msg_type != "Cancel"
        else [],
    )  # fmt: skip


def state_of(session: Session, identifier: str) -> tuple[str, int | None]:
    """Return an alert's state and what replaced it."""
    alert = session.scalars(select(Alert).where(Alert.identifier == identifier)).one()
    return alert.state, alert.replaced_by_id


def test_same_sender_identifier_and_sent_is_stored_once(db: Callable[[], Session]) -> None:
    with db() as session:
        first = store_alert(session, message("A"), now=NOW)
        session.commit()
        again = store_alert(session, message("A"), now=NOW)
        later = store_alert(session, message("A", minutes=5), now=NOW)  # another sent: new
        session.commit()
        assert (first.created, again.created, later.created) == (True, False, True)
        assert again.alert.id == first.alert.id
        assert session.scalar(select(func.count()).select_from(Alert)) == 2
        assert session.scalar(select(func.count()).select_from(AlertEvent)) == 2
        assert first.alert.wards[0].ward_code == "19774"  # the polygon lies in Kim Long


def test_update_then_cancel_act_on_the_referenced_alerts(db: Callable[[], Session]) -> None:
    original = message("A")
    update = message("B", "Update", original, minutes=10)
    cancel = message("C", "Cancel", update, minutes=20)
    with db() as session:
        store_alert(session, original, now=NOW)
        stored_update = store_alert(session, update, now=NOW)
        assert stored_update.replaced == 1
        assert state_of(session, "A") == ("updated", stored_update.alert.id)
        stored_cancel = store_alert(session, cancel, now=NOW)
        session.commit()
        assert state_of(session, "B") == ("cancelled", stored_cancel.alert.id)
        kinds = list(session.scalars(select(AlertEvent.kind).order_by(AlertEvent.id)))
        assert kinds == ["issued", "updated", "cancelled"]


def test_a_cancel_arriving_before_its_alert_still_applies(db: Callable[[], Session]) -> None:
    original = message("A")
    with db() as session:
        store_alert(session, message("C", "Cancel", original, minutes=30), now=NOW)
        late = store_alert(session, original, now=NOW)
        session.commit()
        assert late.alert.state == "cancelled"
