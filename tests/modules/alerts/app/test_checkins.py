"""Check-ins through the one outbox sender: retries, refusals kept, older help requests sent."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import flet as ft
import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import RateLimitError, UnprocessableError
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.i18n import I18n
from hue_s.app.state.outbox import OutboxItem
from hue_s.app.state.outbox_handler import Verdict
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.session import UserSession
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.api import AlertsResource
from hue_s.modules.alerts.app.checkins.checkin_counts import summary_lines
from hue_s.modules.alerts.app.checkins.checkin_models import CheckinSummary, WardCount
from hue_s.modules.alerts.app.checkins.checkins import (
    KINDS,
    LEGACY_HELP_KIND,
    CheckinHandler,
    CheckinNote,
    checkin_for,
    queue_checkin,
)
from hue_s.modules.alerts.app.device_state import AlertsDeviceState
from hue_s.modules.alerts.app.places import Subscriptions
from hue_s.modules.alerts.app.views.help_dialog import HelpDialog, refusal_text

from .doubles import PHU_XUAN, make_alert

CHECKIN = {"id": 7, "alert_id": 3, "status": "safe", "ward_code": PHU_XUAN, "case_id": None}


class Backend:
    """Check-in and device-key endpoints that are down until told otherwise, recording what
    they get."""

    def __init__(self) -> None:
        self.down = True
        self.refuse = False
        self.limit_keys = False
        self.verified = True
        self.garbage: set[str] = set()
        """Paths whose 2xx answer no client can read."""
        self.posts: list[httpx.Request] = []
        self.keys: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("no network")
        if request.url.path.rsplit("/", 1)[-1] in self.garbage:
            if request.url.path.endswith("/checkins"):
                self.posts.append(request)
            return httpx.Response(201, text="<html>OK</html>")
        if request.url.path == "/api/v1/alerts/devices":
            if self.limit_keys:
                error = {"code": "rate_limited", "message": "Too many."}
                return httpx.Response(429, json={"error": error}, headers={"Retry-After": "60"})
            self.keys.append(f"issued-{len(self.keys)}".ljust(46, "k"))
            return httpx.Response(201, json={"device_key": self.keys[-1]})
        self.posts.append(request)
        if self.refuse:
            error = {"code": "phone_required", "message": "Give a number."}
            return httpx.Response(422, json={"error": error})
        body = json.loads(request.content)
        answer = {**CHECKIN, "status": body["status"], "verified": self.verified}
        if body["status"] == "help":
            answer["case_id"] = "41"
        return httpx.Response(201, json=answer)


class Checkins:
    """The phone's check-ins, sent by the one outbox sender with the module's handler."""

    def __init__(self, store: Store, client: HueClient) -> None:
        self.store = store
        self.sender = OutboxSender(store.outbox, "phone")
        device = AlertsDeviceState(store, "phone")
        self.sender.register(CheckinHandler(client.resource(AlertsResource), device))

    def queue(self, note: CheckinNote) -> OutboxItem:
        """Queue a check-in, as the screens do."""
        return queue_checkin(self.store.outbox, "phone", note)

    async def send_due(self) -> dict[str, Verdict]:
        """Send the due check-ins; return what came of each."""
        return (await self.sender.flush(kinds=KINDS)).verdicts

    def pending(self) -> list[OutboxItem]:
        """Return the check-ins not sent yet (failed ones included)."""
        items = self.store.outbox.entries("phone", states=("pending", "sending", "failed"))
        return [item for item in items if item.kind in KINDS]


def sender_of(store: Store, backend: Backend) -> tuple[Checkins, HueClient]:
    client = HueClient("http://hue.test", transport=httpx.MockTransport(backend),
                       retry=RetryPolicy(max_retries=0))  # fmt: skip
    return Checkins(store, client), client


def due_now(store: Store) -> None:
    """Make every failed item due at once (instead of waiting for its retry time)."""
    with store.transaction() as connection:
        connection.execute("UPDATE outbox SET next_attempt_at = created_at")


def test_a_check_in_drops_blank_texts() -> None:
    note = checkin_for(make_alert(3), "help", lat=16.47, lon=107.58, details="  ", phone=" 0905 ")
    assert (note.details, note.phone, note.headline) == (None, "0905", "Lũ trên sông Hương")
    sent = note.request().model_dump(exclude_none=True)
    assert sent == {"status": "help", "lat": 16.47, "lon": 107.58, "phone": "0905"}


async def test_queued_check_ins_wait_for_the_network_and_go_once(store: Store) -> None:
    backend = Backend()
    sender, client = sender_of(store, backend)
    safe = sender.queue(checkin_for(make_alert(3), "safe", lat=16.47, lon=107.58))
    results = await sender.send_due()
    assert list(results) == [safe.id] and not results[safe.id].sent
    assert [i.state for i in sender.pending()] == ["failed"]
    due_now(store)
    backend.down = False
    help_item = sender.queue(checkin_for(make_alert(3), "help", ward_code=PHU_XUAN))
    results = await sender.send_due()
    assert list(results) == [safe.id, help_item.id] and all(r.sent for r in results.values())
    assert [json.loads(post.content)["status"] for post in backend.posts] == ["safe", "help"]
    assert await sender.send_due() == {}
    assert sender.pending() == []
    assert store.outbox.get("phone", help_item.id).server_ref == "41"  # type: ignore[union-attr]
    first, second = backend.posts
    assert first.headers["Idempotency-Key"] == safe.id
    assert first.url.path == "/api/v1/alerts/3/checkins"
    assert first.headers["X-Device-Key"] == second.headers["X-Device-Key"] == backend.keys[0]
    await client.aclose()


async def test_the_device_key_is_asked_once_per_install_and_kept(store: Store) -> None:
    backend = Backend()
    sender, client = sender_of(store, backend)
    sender.queue(checkin_for(make_alert(3), "safe", ward_code=PHU_XUAN))
    await sender.send_due()  # offline: nothing asked, the check-in waits
    assert backend.keys == [] and AlertsDeviceState(store, "phone").device_key() is None
    backend.down = False
    due_now(store)
    sender.queue(checkin_for(make_alert(4), "safe", ward_code=PHU_XUAN))
    assert len(await sender.send_due()) == 2
    await client.aclose()
    restarted, client = sender_of(store, backend)  # the app opened again later
    restarted.queue(checkin_for(make_alert(5), "help", ward_code=PHU_XUAN))
    await restarted.send_due()
    assert len(backend.keys) == 1  # asked once, ever
    assert [post.headers["X-Device-Key"] for post in backend.posts] == backend.keys * 3
    assert AlertsDeviceState(store, "phone").device_key() == backend.keys[0]
    await client.aclose()


async def test_a_refused_or_forgotten_key_is_asked_again_later(store: Store) -> None:
    backend = Backend()
    backend.down, backend.limit_keys = False, True
    sender, client = sender_of(store, backend)
    item = sender.queue(checkin_for(make_alert(3), "safe", ward_code=PHU_XUAN))
    [refused] = (await sender.send_due()).values()
    assert isinstance(refused.error, RateLimitError) and backend.posts == []
    assert not refused.final and refused.retry_after == 60
    [waiting] = sender.pending()
    assert (waiting.id, waiting.state, waiting.next_attempt_at is not None) == (
        item.id,
        "failed",
        True,
    )
    backend.limit_keys, backend.verified = False, False  # the backend's secret changed since
    due_now(store)
    await sender.send_due()
    assert len(backend.keys) == 1 and AlertsDeviceState(store, "phone").device_key() is None
    backend.verified = True
    sender.queue(checkin_for(make_alert(4), "safe", ward_code=PHU_XUAN))
    await sender.send_due()
    assert [post.headers["X-Device-Key"] for post in backend.posts] == backend.keys
    assert len(backend.keys) == 2
    await client.aclose()


async def test_a_refused_check_in_is_not_retried_and_says_why(store: Store) -> None:
    backend = Backend()
    backend.down, backend.refuse = False, True
    sender, client = sender_of(store, backend)
    item = sender.queue(checkin_for(make_alert(3), "help", ward_code=PHU_XUAN))
    results = await sender.send_due()
    assert isinstance(results[item.id].error, UnprocessableError) and results[item.id].final
    [failed] = sender.pending()
    assert failed.state == "failed" and failed.next_attempt_at is None
    assert await sender.send_due() == {}
    await client.aclose()


async def test_a_help_request_queued_by_an_older_version_is_sent_as_help(store: Store) -> None:
    backend = Backend()
    backend.down = False
    sender, client = sender_of(store, backend)
    old = {"alert_id": 3, "headline": "Lũ", "lat": None, "lon": None, "ward_code": PHU_XUAN,
           "details": "Nước vào nhà", "place_name": "Phường Phú Xuân", "phone": None}  # fmt: skip
    store.outbox.enqueue("phone", kind=LEGACY_HELP_KIND, payload=old)
    await sender.send_due()
    [post] = backend.posts
    assert json.loads(post.content) == {
        "status": "help", "ward_code": PHU_XUAN, "details": "Nước vào nhà",
    }  # fmt: skip
    await client.aclose()


async def test_an_unreadable_2xx_is_a_delivery_but_an_unreadable_key_is_not(store: Store) -> None:
    backend = Backend()
    backend.down, backend.garbage = False, {"devices"}
    sender, client = sender_of(store, backend)
    item = sender.queue(checkin_for(make_alert(3), "help", ward_code=PHU_XUAN))
    [waiting] = (await sender.send_due()).values()  # no key to send with: not the check-in's
    assert not waiting.sent and not waiting.final and backend.posts == []
    backend.garbage = {"checkins"}
    due_now(store)
    [delivered] = (await sender.send_due()).values()
    assert delivered.sent and delivered.server_ref is None
    due_now(store)
    assert await sender.send_due() == {} and len(backend.posts) == 1  # never sent again
    sent = store.outbox.get("phone", item.id)
    assert sent is not None and sent.state == "sent"
    assert sent.payload["receipt"] == {"raw": "<html>OK</html>"}
    await client.aclose()


def help_dialog(guest: bool, width: float = 390) -> Any:
    """Return the help form of a guest or of a signed-in person (no page needed to check it)."""
    i18n = I18n("vi")
    ctx: Any = SimpleNamespace(_=i18n.gettext, i18n=i18n, page=SimpleNamespace(width=width),
        session=UserSession(role="guest" if guest else "citizen"))  # fmt: skip
    session: Any = SimpleNamespace(subscriptions=Subscriptions())
    return HelpDialog(ctx, session, make_alert(3), lambda: None, [])


def test_the_help_form_asks_a_guest_for_a_mobile_number_and_keeps_what_was_typed() -> None:
    guest = help_dialog(guest=True)
    guest.details.value = "Nước ngập tới mái"
    assert guest.checked() == "Hãy nhập số di động để phường, xã gọi lại cho bạn."
    guest.phone.value = "12345"
    assert guest.checked() == "Đây không phải số di động Việt Nam (0xxxxxxxxx)."
    guest.phone.value, guest.people.value = "0905 111 333", "ba"
    assert guest.checked() == "Hãy ghi số người bằng chữ số, ví dụ 3."
    guest.people.value = "3"
    assert guest.checked() == ("0905111333", 3)
    assert guest.details.value == "Nước ngập tới mái"
    signed_in = help_dialog(guest=False)
    assert signed_in.checked() == (None, None)  # the ward calls the account's number


def test_a_refusal_is_said_in_words_the_person_can_act_on() -> None:
    i18n = I18n("vi")
    ctx: Any = SimpleNamespace(_=i18n.gettext)
    response = httpx.Response(429, request=httpx.Request("POST", "http://hue.test/x"))
    limited = RateLimitError("slow down", response=response, body=None, code="rate_limited")
    assert refusal_text(ctx, limited) == (
        "Số này đã xin cứu trợ nhiều lần trong giờ qua. Hãy gọi 114."
    )


def texts_of(controls: list[Any]) -> list[str]:
    """Return the words shown by controls, rows flattened."""
    found: list[str] = []
    for control in controls:
        if isinstance(control, ft.Text):
            found.append(str(control.value))
        elif isinstance(control, ft.Row):
            found.extend(texts_of(list(control.controls)))
    return found


def test_operators_see_verified_and_unverified_counts_apart() -> None:
    i18n = I18n("vi")
    ctx: Any = SimpleNamespace(_=i18n.gettext)
    summary = CheckinSummary(
        alert_id=3, safe=2, help=1, safe_unverified=300, help_unverified=0,
        wards=[
            WardCount(ward_code=PHU_XUAN, ward_name="Phường Phú Xuân", safe=2, help=1,
                      safe_unverified=300),
            WardCount(ward_code="19774", ward_name="Phường Kim Long", safe=0, help=0,
                      help_unverified=0, safe_unverified=0),
        ],
    )  # fmt: skip
    shown = texts_of(summary_lines(ctx, summary))
    assert shown[:2] == [
        "Đã xác minh: 2 an toàn · 1 cần giúp",
        "Chưa xác minh: 300 an toàn · 0 cần giúp",
    ]
    assert "Báo cáo chưa xác minh có thể là giả." in shown[2]
    assert shown[3:] == [
        "Phường Phú Xuân: 2 an toàn, 1 cần giúp (chưa xác minh: 300 an toàn, 0 cần giúp)",
        "Phường Kim Long: 0 an toàn, 0 cần giúp",
    ]


def test_the_help_form_takes_the_whole_width_of_a_phone() -> None:
    on_phone = help_dialog(guest=True).dialog
    assert on_phone.inset_padding == ft.Padding.all(0)  # no 40-pixel margins at 200% text
    assert on_phone.shape == ft.RoundedRectangleBorder(radius=0)
    on_desktop = help_dialog(guest=True, width=1280).dialog
    assert on_desktop.inset_padding is None and on_desktop.shape is None
