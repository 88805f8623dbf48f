"""Dossiers go through the one outbox sender, against the real backend in-process: filed once
even when the answer to the first attempt is lost, the draft and its documents dropped (on the
device and on the server) once filed, kept when the ward office refuses it; drafts merge by
time and documents survive closing the store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.i18n import I18n
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.store import Store
from hue_s.app.state.timestamps import utc_now
from hue_s.modules.services.app.api import Attachment, ServicesResource
from hue_s.modules.services.app.filing.drafts import (
    DossierDraft,
    keep_document,
    keep_locally,
    kept_document,
    local_draft,
    newer,
)
from hue_s.modules.services.app.filing.outbox import DossierHandler, dossier_payload, queue_dossier
from hue_s.modules.services.app.views.file import Filing
from hue_s.modules.services.wire import Evidence, Procedure
from hue_s.modules.services.wire_drafts import ServiceDraft

from ..conftest import PDF, WARD

DEVICE = "device-1"
RESIDENCE = "1.004194.000.00.00.H57"
ANSWERS = {"address": "12 Lê Lợi", "from_date": "2026-12-01"}
NO_WAIT = RetryPolicy(max_retries=1000, initial=0.0, max=0.0)


class DroppingTransport(httpx.AsyncBaseTransport):
    """The backend in-process, whose first answer to a filing is lost after it was filed."""

    def __init__(self, app: FastAPI) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.drops = 1
        self.filings = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/services/dossiers"):
            self.filings += 1
            if self.drops:
                self.drops -= 1
                await response.aread()
                raise httpx.ReadError("the connection dropped", request=request)
        return response


@pytest.fixture
async def dropping(app: FastAPI) -> DroppingTransport:
    """The transport of the client under test."""
    return DroppingTransport(app)


@pytest.fixture
async def api(
    dropping: DroppingTransport, people: dict[str, dict[str, str]]
) -> AsyncIterator[ServicesResource]:
    """Citizen A's services resource, without retries of its own (the outbox retries)."""
    headers = people["citizen_a"]
    retry = RetryPolicy(max_retries=0)
    async with HueClient(
        "http://backend.test", transport=dropping, retry=retry, headers=headers
    ) as client:
        yield client.resource(ServicesResource)


def residence_draft(store: Store) -> DossierDraft:
    """Keep a filled-in residence declaration with its document on the device."""
    draft = DossierDraft(procedure_code=RESIDENCE, name="Khai báo cư trú", ward=WARD)
    draft.typed = dict(ANSWERS)
    draft.documents = {"cho-o": {"filename": "nha.pdf", "content_type": "application/pdf"}}
    keep_locally(store, DEVICE, draft)
    keep_document(store, DEVICE, draft.key, Attachment("cho-o", "nha.pdf", "application/pdf", PDF))
    return draft


def queue(store: Store, draft: DossierDraft, answers: dict[str, Any]) -> None:
    """Press Send on a draft."""
    payload = dossier_payload(
        procedure_code=RESIDENCE, ward_code=WARD, answers=answers, documents=["cho-o"]
    )
    queue_dossier(store.outbox, DEVICE, draft.key, payload)


async def test_a_dossier_whose_answer_was_lost_is_filed_once(
    api: ServicesResource, dropping: DroppingTransport, tmp_path: Path
) -> None:
    with Store(tmp_path / "store.db") as store:
        draft = residence_draft(store)
        await api.keep_draft(procedure_code=RESIDENCE, draft=draft.shared())
        queue(store, draft, ANSWERS)
        queue(store, draft, ANSWERS)  # pressed twice: still one item
        sender = OutboxSender(store.outbox, DEVICE, backoff=NO_WAIT)
        sender.register(DossierHandler(api, store))

        first = await sender.flush(everything=True)
        assert first.waiting == [draft.key] and dropping.filings == 1
        assert local_draft(store, DEVICE, RESIDENCE) is not None  # kept until it is known
        second = await sender.flush(everything=True)
        assert second.sent == [draft.key] and dropping.filings == 2

        mine = await api.mine()
        assert len(mine) == 1
        item = store.outbox.get(DEVICE, draft.key)
        assert item is not None and item.server_ref == mine[0].code
        assert local_draft(store, DEVICE, RESIDENCE) is None
        assert kept_document(store, DEVICE, draft.key, "cho-o") is None
        assert await api.drafts() == []
        assert (await sender.flush(everything=True)).sent == []  # nothing left to send


async def test_a_refused_dossier_keeps_its_draft(
    api: ServicesResource, dropping: DroppingTransport, tmp_path: Path
) -> None:
    dropping.drops = 0
    with Store(tmp_path / "store.db") as store:
        draft = residence_draft(store)
        queue(store, draft, {"address": "12 Lê Lợi"})  # the date is missing
        sender = OutboxSender(store.outbox, DEVICE, backoff=NO_WAIT)
        sender.register(DossierHandler(api, store))
        result = await sender.flush(everything=True)
        assert result.refused == [draft.key]
        item = store.outbox.get(DEVICE, draft.key)
        assert item is not None and item.last_error == "refused:form_invalid"
        assert local_draft(store, DEVICE, RESIDENCE) is not None
        assert kept_document(store, DEVICE, draft.key, "cho-o") is not None
        assert await api.mine() == []


async def test_nobody_signed_in_keeps_the_dossier_waiting(
    api: ServicesResource, dropping: DroppingTransport, tmp_path: Path
) -> None:
    with Store(tmp_path / "store.db") as store:
        queue(store, residence_draft(store), ANSWERS)
        sender = OutboxSender(store.outbox, DEVICE, backoff=NO_WAIT)
        sender.register(DossierHandler(api, store, ready=lambda: False))
        assert (await sender.flush(everything=True)).waiting and dropping.filings == 0


def test_the_newer_draft_wins_and_keeps_the_devices_key() -> None:
    now = utc_now()
    local = DossierDraft(procedure_code=RESIDENCE, ward=WARD, typed={"address": "old"})
    local.updated_at = now
    later = ServiceDraft(
        procedure_code=RESIDENCE,
        draft={"ward": "19813", "typed": {"address": "new"}, "name": "Khai báo"},
        updated_at=now + timedelta(minutes=1),
    )
    taken = newer(local, later)
    assert taken is not None and taken.typed == {"address": "new"} and taken.ward == "19813"
    assert taken.key == local.key
    earlier = later.model_copy(update={"updated_at": now - timedelta(minutes=1)})
    local.typed = {"address": "mine"}
    kept = newer(local, earlier)
    assert kept is not None and kept.typed == {"address": "mine"}
    fresh = newer(None, later)
    assert fresh is not None and fresh.typed == {"address": "new"}
    assert newer(None, None) is None


def test_documents_survive_closing_the_store(tmp_path: Path) -> None:
    page = Procedure.model_construct(
        code=RESIDENCE,
        name="Khai báo cư trú",
        form=[],
        documents=[
            Evidence.model_construct(code="cho-o", name="Giấy tờ", online=True, required=True)
        ],
    )
    with Store(tmp_path / "store.db") as store:
        first = Filing(context(store), page, [])
        first.documents.take(first.documents.documents[0], "nha.pdf", PDF)
    with Store(tmp_path / "store.db") as store:  # the app closed and opened again
        again = Filing(context(store), page, [])
        assert again.key == first.key
        assert again.documents.attached["cho-o"].content == PDF
        assert again.documents.attached["cho-o"].filename == "nha.pdf"


def context(store: Store) -> Any:
    """A stand-in session with a store, a device and words."""
    i18n = I18n("vi")
    return SimpleNamespace(_=i18n.gettext, i18n=i18n, store=store, device_id=DEVICE)
