"""My dossiers list the dossiers waiting in the outbox (or refused there) and the drafts of this
device and the server, one per procedure, the newer of each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.api.errors import APIConnectionError
from hue_s.app.i18n import I18n
from hue_s.app.state.store import Store
from hue_s.app.state.timestamps import utc_now
from hue_s.modules.services.app.filing.drafts import DossierDraft, keep_locally
from hue_s.modules.services.app.filing.outbox import dossier_payload, queue_dossier
from hue_s.modules.services.app.views.drafts import all_drafts, draft_tiles
from hue_s.modules.services.wire_drafts import ServiceDraft

BIRTH, RESIDENCE, DEATH = "1.001193.000.00.00.H57", "1.004194.000.00.00.H57", "1.000656"


class FakeServices:
    """The server's drafts, or no connection."""

    def __init__(self, drafts: list[ServiceDraft] | None) -> None:
        self.kept = drafts

    async def drafts(self) -> list[ServiceDraft]:
        if self.kept is None:
            raise APIConnectionError("offline")
        return self.kept


def context(store: Store, server: list[ServiceDraft] | None) -> Any:
    """A stand-in session with a store and an API."""
    i18n = I18n("vi")
    services = FakeServices(server)
    api = SimpleNamespace(resource=lambda _kind: services)
    return SimpleNamespace(_=i18n.gettext, i18n=i18n, store=store, device_id="d", api=api)


def texts(control: ft.Control) -> list[str]:
    """Return the words of a tile."""
    tile = control.content if isinstance(control, ft.Card) else control
    found = [getattr(tile, "value", None)]
    for part in ("title", "subtitle"):
        found.append(getattr(getattr(tile, part, None), "value", None))
    return [text for text in found if isinstance(text, str)]


async def test_drafts_of_the_device_and_the_server_the_newer_of_each(tmp_path: Path) -> None:
    with Store(tmp_path / "store.db") as store:
        birth = DossierDraft(procedure_code=BIRTH, name="Đăng ký khai sinh", typed={"a": "old"})
        keep_locally(store, "d", birth)
        residence = DossierDraft(procedure_code=RESIDENCE, name="Đăng ký tạm trú")
        keep_locally(store, "d", residence)
        later = utc_now() + timedelta(minutes=5)
        server = [
            ServiceDraft(procedure_code=BIRTH, draft={"typed": {"a": "new"}}, updated_at=later),
            ServiceDraft(procedure_code=DEATH, draft={"name": "Đăng ký khai tử"}, updated_at=later),
        ]
        found = {d.procedure_code: d for d in await all_drafts(context(store, server))}
        assert set(found) == {BIRTH, RESIDENCE, DEATH}
        assert found[BIRTH].typed == {"a": "new"} and found[BIRTH].key == birth.key
        offline = await all_drafts(context(store, None))
        assert {d.procedure_code for d in offline} == {BIRTH, RESIDENCE}

        payload = dossier_payload(
            procedure_code=RESIDENCE, ward_code="19753", answers={}, documents=[], name="Tạm trú"
        )
        queue_dossier(store.outbox, "d", residence.key, payload)
        tiles = [texts(tile) for tile in await draft_tiles(context(store, []))]
        assert tiles == [
            ["Đang chờ gửi"],
            ["Tạm trú", "Đang chờ gửi"],
            ["Bản nháp"],
            ["Đăng ký khai sinh", "Bản nháp · tiếp tục điền"],
        ]
