"""IncidentsSession: a draft typed offline survives a restart and is filed exactly once."""

from __future__ import annotations

from pathlib import Path

import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.session import IncidentsSession
from tests.app.api.accounts_backend import AccountsBackend
from tests.app.session_doubles import session_context

from .backend import incidents_by_uuid, point_in, report_draft, signed_in


async def test_a_draft_typed_offline_is_there_tomorrow_and_filed_once(
    tmp_path: Path, backend: AccountsBackend
) -> None:
    citizen = await signed_in(backend, "0905 321 090")
    path = tmp_path / "app-state.sqlite3"
    config = AppConfig(kiosk=False)

    with Store(path) as store:  # on the bus: typed, then the app is closed
        ctx = session_context(store, citizen.api, config=config, device_id="phone-1")
        typed = report_draft(point_in(backend))
        IncidentsSession(ctx).save_draft(typed, photos=True)

    with Store(path) as store:  # tomorrow: the draft is back, and it is filed
        ctx = session_context(store, citizen.api, config=config, device_id="phone-1")
        ctx.session.role = "citizen"
        session = IncidentsSession(ctx)
        ctx.outbox_sender.register(session.handler)
        draft = session.saved_draft()
        assert draft.description == typed.description and draft.client_id == typed.client_id
        first = session.file(draft)
        assert session.file(draft) == first  # a second tap, or a crash before the form cleared
        assert session.saved_draft().description == ""
        await ctx.outbox_sender.flush()
        await ctx.outbox_sender.flush(everything=True)

    assert incidents_by_uuid(backend).get(typed.client_id) == 1
    mine = await citizen.api.resource(type(session.api)).mine()
    assert [case.description for case in mine] == [typed.description]


def offline_client() -> HueClient:
    """Return a client whose every request fails to connect."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network", request=request)

    return HueClient(
        "http://backend.test", transport=httpx.MockTransport(refuse), retry=RetryPolicy(0)
    )


async def test_categories_are_kept_for_offline_use(
    tmp_path: Path, backend: AccountsBackend
) -> None:
    citizen = await signed_in(backend, "0905 321 091")
    with Store(tmp_path / "app-state.sqlite3") as store:
        ctx = session_context(store, citizen.api, device_id="phone-2")
        online = await IncidentsSession(ctx).services()
        ctx = session_context(store, offline_client(), device_id="phone-2")
        offline = await IncidentsSession(ctx).services()
    assert [s.service_code for s in offline] == [s.service_code for s in online]
