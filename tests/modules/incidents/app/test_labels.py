"""What a queued report says about itself: waiting why, refused why."""

from __future__ import annotations

from hue_s.app.i18n import I18n
from hue_s.app.state.outbox_handler import NETWORK, SIGN_IN, refusal
from hue_s.app.state.store import Store
from hue_s.app.state.timestamps import utc_now
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft
from hue_s.modules.incidents.app.labels import (
    NOT_SENT_YET,
    REFUSAL_NAMES,
    UNKNOWN_REFUSAL,
    WAIT_NAMES,
    action_name,
    queue_state,
)
from hue_s.modules.incidents.app.outbox.queue import ReportQueue

DEVICE = "phone-1"


def queued_with(store: Store, error: str | None, *, final: bool) -> str:
    """Queue a report and record a failed attempt; return what it says about itself."""
    queue = ReportQueue(store, DEVICE)
    draft = IncidentDraft(service_code="waste", description="Rác", point=GeoPoint(lat=16, lon=107))
    item = queue.add(draft)
    if error is not None:
        store.outbox.mark_sending(DEVICE, item.id)
        store.outbox.mark_failed(
            DEVICE, item.id, error=error, next_attempt_at=None if final else utc_now()
        )
    found = queue.get(item.id)
    assert found is not None
    return queue_state(found)


def test_waiting_and_refused_reports_say_why(store: Store) -> None:
    assert queued_with(store, None, final=False) == NOT_SENT_YET
    assert queued_with(store, NETWORK, final=False) == WAIT_NAMES[NETWORK]
    assert queued_with(store, refusal("outside_city"), final=True) == REFUSAL_NAMES["outside_city"]
    assert queued_with(store, refusal("something_new"), final=True) == UNKNOWN_REFUSAL


def test_a_guests_report_waits_for_them_to_sign_in(store: Store) -> None:
    queue = ReportQueue(store, DEVICE)
    draft = IncidentDraft(service_code="waste", description="Rác", point=GeoPoint(lat=16, lon=107))
    assert queue_state(queue.add(draft), guest=True) == WAIT_NAMES[SIGN_IN]


def test_a_case_placed_out_of_the_city_level_is_not_called_transferred() -> None:
    i18n = I18n("vi")
    assert i18n.gettext(action_name("placed")) == "Cấp thành phố đã chuyển về phường, xã"
    assert i18n.gettext(action_name("transferred")) == "Đã chuyển phường, xã khác"
