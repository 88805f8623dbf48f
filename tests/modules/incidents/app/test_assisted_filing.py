"""Filing for a visitor: the slip's QR code opens the case's public page; errors keep the form."""

from __future__ import annotations

import dataclasses
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import flet as ft
import httpx
import pytest

from hue_s.app.account import complete_sign_in
from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import APIConnectionError
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext
from hue_s.app.modules import discover
from hue_s.app.state.store import Store
from hue_s.app.views.account.sign_in_form import INVALID_PHONE
from hue_s.modules.incidents.app.api import IncidentsResource
from hue_s.modules.incidents.app.tracking.api import TrackingResource
from hue_s.modules.incidents.app.tracking.link import PUBLIC_URL_ENV, public_base_url
from hue_s.modules.incidents.app.tracking.models import TrackedCase
from hue_s.modules.incidents.app.tracking.slip import build_slip
from hue_s.modules.incidents.app.tracking.view import build_tracked_case
from hue_s.modules.incidents.app.views.assisted import (
    EARLIER_VERSION_FILED,
    NOT_SENT,
    VisitorSection,
    build_assisted,
)
from hue_s.modules.incidents.backend.models import Incident
from tests.app.api.accounts_backend import BASE_URL, AccountsBackend, sign_in, signed_client
from tests.app.session_doubles import session_context

from .backend import WARD, incidents_by_uuid, make_staff, point_in, report_draft

VISITOR = ("Hoàng Thị Lan", "0905 124 001")


def descendants(control: Any) -> Iterator[Any]:
    """Yield a control and every control inside it."""
    yield control
    for name in ("controls", "content", "actions"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                yield from descendants(child)


def by_key(control: ft.Control, key: str) -> Any:
    """Return the control with this key inside `control`."""
    found = [c for c in descendants(control) if c.key == key]
    assert found, f"no control keyed {key!r}"
    return found[0]


def texts(control: ft.Control) -> list[str]:
    """Return every text shown inside `control`."""
    return [c.value for c in descendants(control) if isinstance(c, ft.Text) and c.value]


def decoded_qr(png: bytes) -> str:
    """Read a QR code with a real decoder."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1
    return str(found[0].text)


async def officer_context(backend: AccountsBackend, store: Store, phone: str) -> AppContext:
    """Return the session of an officer of the ward, signed in."""
    make_staff(backend, phone, "officer", WARD)
    client = signed_client(backend)
    grant = await sign_in(backend, client.api, phone)
    ctx = session_context(store, client.api, credentials=client.credentials)
    await complete_sign_in(ctx, grant, remember=False)
    return ctx


async def file_one(backend: AccountsBackend, ctx: AppContext) -> TrackedCase:
    """File a pothole report for the visitor."""
    return await ctx.api.resource(TrackingResource).file_for_visitor(
        draft=report_draft(point_in(backend)),
        visitor_name=VISITOR[0],
        visitor_phone=VISITOR[1],
        idempotency_key=str(uuid.uuid4()),
    )


async def nothing() -> None:
    """An action that does nothing."""


async def test_the_slip_qr_opens_the_public_page_of_that_case(
    backend: AccountsBackend, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = await officer_context(backend, store, "0905 124 101")
    filing = await file_one(backend, ctx)
    monkeypatch.setenv(PUBLIC_URL_ENV, "https://hue-s.example.vn/app/")
    base = await public_base_url(ctx)
    slip = build_slip(ctx, filing, phone_given=True, base=base, on_done=nothing)
    assert by_key(slip, "slip-code").value == filing.tracking_code
    url = decoded_qr(by_key(slip, "slip-qr").src)
    assert url == f"https://hue-s.example.vn/app/incidents/track/{filing.tracking_code}"
    assert "19001075" in " ".join(texts(slip))
    assert not any(VISITOR[0] in text or "124 001" in text for text in texts(slip))

    path = urlsplit(url).path.removeprefix("/app")
    found = discover(builtins=["hue_s.modules.incidents.app"]).find(path)
    assert found is not None
    _manifest, route, params = found
    guest_api = HueClient(BASE_URL, transport=httpx.ASGITransport(app=backend.app))
    guest = session_context(store, guest_api, device_id="visitor-phone")
    page = await route.build(guest, params)
    shown = by_key(page, f"tracked-case-{filing.id}")
    assert f"Mã theo dõi {filing.tracking_code}" in texts(shown)
    assert by_key(shown, "track-sign-in") is not None
    assert not any(VISITOR[0] in text or "124001" in text for text in texts(shown))


async def test_without_a_setting_the_qr_never_leads_where_a_phone_cannot_go(
    backend: AccountsBackend, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)
    ctx = await officer_context(backend, store, "0905 124 102")
    filing = await file_one(backend, ctx)
    page: Any = ctx.page

    async def slip() -> ft.Control:
        base = await public_base_url(ctx)
        return build_slip(ctx, filing, phone_given=False, base=base, on_done=nothing)

    for unreachable in (
        "http://127.0.0.1:8620",  # a kiosk's own loopback address (the QR it used to print)
        "ws://10.0.0.5:8550",
        "http://192.168.1.20:8550",
        "http://localhost:8550",
        "http://kiosk-3:8550",
        "tcp://127.0.0.1:50123",  # a desktop window: no web address at all
    ):
        page.url = unreachable
        shown = await slip()
        refusal = by_key(shown, "slip-no-qr").value
        assert "HUE_S_PUBLIC_URL" in refusal and "Không có mã QR" in refusal, unreachable
        assert by_key(shown, "slip-code").value == filing.tracking_code
        assert not [c for c in descendants(shown) if c.key == "slip-qr"], unreachable

    page.url = "https://hue-s.hue.gov.vn"  # served where phones can reach it
    assert decoded_qr(by_key(await slip(), "slip-qr").src) == (
        f"https://hue-s.hue.gov.vn/incidents/track/{filing.tracking_code}"
    )

    page.url = "http://127.0.0.1:8620"  # the city's backend says where the app is public
    monkeypatch.setattr(
        backend.app.state,
        "settings",
        dataclasses.replace(backend.app.state.settings, public_url="https://hue-s.example.vn"),
    )
    assert decoded_qr(by_key(await slip(), "slip-qr").src) == (
        f"https://hue-s.example.vn/incidents/track/{filing.tracking_code}"
    )


async def test_the_form_is_for_officers_only(backend: AccountsBackend, store: Store) -> None:
    guest_api = HueClient(BASE_URL, transport=httpx.ASGITransport(app=backend.app))
    guest = session_context(store, guest_api)
    screen = await build_assisted(guest, {})
    assert screen.key == "assisted-officers-only"
    ctx = await officer_context(backend, store, "0905 124 103")
    form = await build_assisted(ctx, {})
    assert by_key(form, "assisted-visitor-phone").label.startswith("Số di động")
    assert by_key(form, "incident-hide-name").visible is False


def test_a_malformed_phone_or_no_network_is_said_and_nothing_is_lost(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=True))

        async def filed(filing: TrackedCase, phone_given: bool) -> None:
            raise AssertionError("nothing is filed here")

        section = VisitorSection(ctx, filed)
        section.name.value, section.phone.value = VISITOR[0], "12345"
        assert section.problems() == [INVALID_PHONE]
        section.phone.value = VISITOR[1]
        assert section.problems() == []
        message = section.failure(APIConnectionError("down"))
        assert message == ctx._(NOT_SENT) and message.startswith("Chưa gửi được")
        assert (section.name.value, section.phone.value) == VISITOR


class AnswerLost(httpx.AsyncBaseTransport):
    """Delivers the first assisted filing to the server, then drops its answer."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.dropped = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send; lose the first answer to a filing as a broken connection would."""
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/incidents/assisted") and not self.dropped:
            self.dropped += 1
            await response.aread()
            raise httpx.ConnectError("connection reset after sending", request=request)
        return response


async def test_an_edit_after_a_lost_answer_shows_the_slip_of_what_was_filed(
    backend: AccountsBackend, store: Store
) -> None:
    make_staff(backend, "0905 124 104", "officer", WARD)
    client = signed_client(backend)
    client.transport._inner = AnswerLost(client.transport._inner)  # type: ignore[assignment]
    grant = await sign_in(backend, client.api, "0905 124 104")
    ctx = session_context(store, client.api, credentials=client.credentials)
    await complete_sign_in(ctx, grant, remember=False)
    slips: list[TrackedCase] = []

    async def filed(filing: TrackedCase, phone_given: bool) -> None:
        slips.append(filing)

    section = VisitorSection(ctx, filed)
    messages: list[str | None] = []
    section._show = lambda *, sending, message=None: messages.append(message)  # type: ignore[method-assign]
    section.name.value, section.phone.value = VISITOR
    draft = report_draft(point_in(backend), description="Ổ gà trước số 12")
    await section.submit(draft)
    assert slips == [] and messages[-1] == ctx._(NOT_SENT)  # it reached the ward, unknown here

    await section.submit(draft.model_copy(update={"description": "Ổ gà trước số 14"}))
    assert len(slips) == 1, messages
    cases = incidents_by_uuid(backend)
    assert cases[draft.client_id] == 1  # one case for the key: no duplicate filed
    with backend.app.state.session_factory() as session:
        assert session.get(Incident, slips[0].id).description == "Ổ gà trước số 12"
    shown = [d.content.value for d in ctx.page.dialogs if isinstance(d, ft.SnackBar)]
    assert shown == [ctx._(EARLIER_VERSION_FILED)] and "bản gửi trước" in shown[0]


async def test_the_visitor_adds_the_case_to_my_reports_on_its_page(
    backend: AccountsBackend, store: Store
) -> None:
    officer = await officer_context(backend, store, "0905 124 105")
    filing = await file_one(backend, officer)
    client = signed_client(backend)
    grant = await sign_in(backend, client.api, VISITOR[1])
    visitor = session_context(
        store, client.api, credentials=client.credentials, device_id="visitor-phone"
    )
    await complete_sign_in(visitor, grant, remember=False)
    assert await client.api.resource(IncidentsResource).mine() == []  # the phone alone: nothing

    page = await build_tracked_case(visitor, {"code": filing.tracking_code})
    await by_key(page, "track-claim").on_click(None)
    assert visitor.page.routes[-1] == "/incidents"
    mine = await client.api.resource(IncidentsResource).mine()
    assert [case.id for case in mine] == [filing.id]
