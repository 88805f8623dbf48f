"""The kiosk countdown offers to send the report being written, and sends it only if complete."""

from __future__ import annotations

from functools import partial
from typing import Any

import flet as ft

from hue_s.app.account import complete_sign_in
from hue_s.app.context import AppContext
from hue_s.app.state.store import Store
from hue_s.app.views.kiosk_countdown import KioskCountdown, can_send_now, unsent_counts
from hue_s.modules.incidents.app.kiosk_draft import send_finished_draft
from hue_s.modules.incidents.app.session import DRAFT_KEY, incidents_session
from tests.app.api.accounts_backend import AccountsBackend, sign_in, signed_client
from tests.app.session_doubles import session_context

from .backend import incidents_by_uuid, point_in, report_draft


async def visitor(backend: AccountsBackend, store: Store, phone: str) -> AppContext:
    """Return a kiosk session of a signed-in citizen, with the module's draft and outbox
    senders (as the module's setup gives them)."""
    client = signed_client(backend)
    grant = await sign_in(backend, client.api, phone)
    ctx = session_context(store, client.api, credentials=client.credentials)
    await complete_sign_in(ctx, grant, remember=False)
    ctx.draft_senders[DRAFT_KEY] = partial(send_finished_draft, ctx)
    ctx.outbox_sender.register(incidents_session(ctx).handler)
    return ctx


def last_message(ctx: AppContext) -> str:
    """Return the text of the last snack bar shown."""
    page: Any = ctx.page
    bar = page.dialogs[-1]
    assert isinstance(bar, ft.SnackBar) and isinstance(bar.content, ft.Text)
    return str(bar.content.value)


async def noop() -> None:
    """An action that does nothing."""


def countdown_buttons(ctx: AppContext) -> list[str | None]:
    """Return the keys of the countdown's buttons."""
    dialog = KioskCountdown(ctx, still_here=noop, send_now=noop, end_now=noop)._build()
    return [action.key for action in dialog.actions or []]


async def test_a_complete_draft_is_offered_and_sent(backend: AccountsBackend, store: Store) -> None:
    ctx = await visitor(backend, store, "0905 124 201")
    assert not can_send_now(ctx)
    draft = report_draft(point_in(backend))
    incidents_session(ctx).save_draft(draft, photos=True)
    assert can_send_now(ctx) and "kiosk-send-now" in countdown_buttons(ctx)
    assert unsent_counts(ctx) == (1, 0)  # the draft and its photos: one report

    await send_finished_draft(ctx)

    assert incidents_by_uuid(backend).get(draft.client_id) == 1
    assert store.drafts.get(ctx.device_id, DRAFT_KEY) is None
    assert last_message(ctx).startswith("Đã gửi phản ánh")


async def test_an_unfinished_draft_is_kept_and_the_visitor_told(
    backend: AccountsBackend, store: Store
) -> None:
    ctx = await visitor(backend, store, "0905 124 202")
    draft = report_draft(None, description="Ổ gà lớn")  # no place yet
    incidents_session(ctx).save_draft(draft)

    await send_finished_draft(ctx)

    assert draft.client_id not in incidents_by_uuid(backend)
    assert store.drafts.get(ctx.device_id, DRAFT_KEY) is not None
    assert last_message(ctx).startswith("Phản ánh chưa điền xong")
