"""The public-services API resource: typed calls to the backend, nothing about screens."""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from typing import Any

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.services.wire import (
    Dossier,
    Procedure,
    ProcedureSummary,
    StaffAction,
    Topics,
    TrackedDossier,
)
from hue_s.modules.services.wire_drafts import DraftBody, ServiceDraft

SERVICES = f"{API_V1}/services"


@dataclass(frozen=True)
class Attachment:
    """A document to send: which one the procedure asks for, its name, type and bytes."""

    evidence_code: str
    filename: str
    content_type: str
    content: bytes


def file_parts(
    attachments: builtins.list[Attachment],
) -> builtins.list[tuple[str, tuple[str, bytes, str]]]:
    """Return the multipart file parts of documents (`document:<code>`)."""
    return [
        (f"document:{item.evidence_code}", (item.filename, item.content, item.content_type))
        for item in attachments
    ]


class ServicesResource(Resource):
    """The catalogue, dossiers, tracking by code and the ward's actions."""

    async def search(
        self, *, q: str = "", field: str | None = None, life_event: str | None = None
    ) -> builtins.list[ProcedureSummary]:
        """Return the procedures matching the words (accents optional) and filters."""
        params = {"q": q} | ({"field": field} if field else {})
        params |= {"life_event": life_event} if life_event else {}
        return await self._client.request(
            "GET", f"{SERVICES}/procedures", params=params, model=builtins.list[ProcedureSummary]
        )

    async def topics(self) -> Topics:
        """Return the fields and life events to browse by."""
        return await self._client.request("GET", f"{SERVICES}/topics", model=Topics)

    async def procedure(self, *, code: str) -> Procedure:
        """Return one procedure's page."""
        return await self._client.request("GET", f"{SERVICES}/procedures/{code}", model=Procedure)

    async def file(
        self,
        *,
        procedure_code: str,
        ward_code: str,
        answers: dict[str, Any],
        attachments: builtins.list[Attachment],
        idempotency_key: str,
    ) -> Dossier:
        """File a dossier; the same key gives back the same dossier."""
        data = {
            "procedure_code": procedure_code,
            "ward_code": ward_code,
            "answers": json.dumps(answers, ensure_ascii=False),
        }
        return await self._client.request(
            "POST",
            f"{SERVICES}/dossiers",
            data=data,
            files=file_parts(attachments) or None,
            idempotency_key=idempotency_key,
            model=Dossier,
        )

    async def file_for_visitor(
        self,
        *,
        procedure_code: str,
        answers: dict[str, Any],
        attachments: builtins.list[Attachment],
        visitor_name: str,
        visitor_phone: str,
        idempotency_key: str,
    ) -> Dossier:
        """File a dossier at the signed-in officer's ward office for a visitor (nobody's: the
        visitor follows it by code); the same key gives back the same dossier."""
        data = {
            "procedure_code": procedure_code,
            "answers": json.dumps(answers, ensure_ascii=False),
            "visitor_name": visitor_name,
        } | ({"visitor_phone": visitor_phone} if visitor_phone else {})
        return await self._client.request(
            "POST",
            f"{SERVICES}/assisted-dossiers",
            data=data,
            files=file_parts(attachments) or None,
            idempotency_key=idempotency_key,
            model=Dossier,
        )

    async def drafts(self) -> builtins.list[ServiceDraft]:
        """Return the signed-in person's drafts kept on the server, last changed first."""
        return await self._client.request(
            "GET", f"{SERVICES}/drafts", model=builtins.list[ServiceDraft]
        )

    async def draft(self, *, procedure_code: str) -> ServiceDraft:
        """Return the signed-in person's draft of a procedure (NotFoundError when none)."""
        path = f"{SERVICES}/drafts/{procedure_code}"
        return await self._client.request("GET", path, model=ServiceDraft)

    async def keep_draft(self, *, procedure_code: str, draft: dict[str, Any]) -> ServiceDraft:
        """Keep (replace) the signed-in person's draft of a procedure on the server."""
        body = DraftBody(draft=draft).model_dump(mode="json")
        path = f"{SERVICES}/drafts/{procedure_code}"
        return await self._client.request("PUT", path, json=body, model=ServiceDraft)

    async def forget_draft(self, *, procedure_code: str) -> None:
        """Drop the signed-in person's draft of a procedure on the server."""
        await self._client.response("DELETE", f"{SERVICES}/drafts/{procedure_code}")

    async def mine(self) -> builtins.list[TrackedDossier]:
        """Return the signed-in person's dossiers, newest first."""
        return await self._client.request(
            "GET", f"{SERVICES}/dossiers/mine", model=builtins.list[TrackedDossier]
        )

    async def dossier(self, *, code: str) -> Dossier:
        """Return a dossier of one's own (or of one's ward, for staff)."""
        return await self._client.request("GET", f"{SERVICES}/dossiers/{code}", model=Dossier)

    async def track(self, *, code: str) -> TrackedDossier:
        """Return where a dossier stands, for anyone with its code."""
        return await self._client.request("GET", f"{SERVICES}/track/{code}", model=TrackedDossier)

    async def supplement(
        self, *, code: str, attachments: builtins.list[Attachment], note: str | None
    ) -> Dossier:
        """Send the documents the ward asked for."""
        return await self._client.request(
            "POST",
            f"{SERVICES}/dossiers/{code}/supplement",
            data={"note": note} if note else {},
            files=file_parts(attachments) or None,
            model=Dossier,
        )

    async def supplement_at_office(
        self, *, code: str, attachments: builtins.list[Attachment], note: str | None
    ) -> Dossier:
        """Add, as the ward's officer, the documents a visitor brought for their dossier."""
        return await self._client.request(
            "POST",
            f"{SERVICES}/dossiers/{code}/supplement-at-office",
            data={"note": note} if note else {},
            files=file_parts(attachments) or None,
            model=Dossier,
        )

    async def inbox(self) -> builtins.list[Dossier]:
        """Return the dossiers of the wards staff handle, open and soonest due first."""
        return await self._client.request("GET", f"{SERVICES}/inbox", model=builtins.list[Dossier])

    async def act(self, *, code: str, action: StaffAction, note: str | None = None) -> Dossier:
        """Apply a ward action to a dossier."""
        path = f"{SERVICES}/dossiers/{code}/{action.replace('_', '-')}"
        return await self._client.request("POST", path, json={"note": note}, model=Dossier)

    async def result_pdf(self, *, code: str) -> bytes:
        """Return an approved dossier's result document (PDF bytes), to its owner or staff."""
        path = f"{SERVICES}/dossiers/{code}/result"
        return await self._client.get_bytes(path, accept="application/pdf")

    async def approve(self, *, code: str, note: str | None, result: Attachment) -> Dossier:
        """Approve a dossier with the officer's result PDF."""
        return await self._client.request(
            "POST",
            f"{SERVICES}/dossiers/{code}/approve",
            data={"note": note} if note else {},
            files=[("result", (result.filename, result.content, result.content_type))],
            model=Dossier,
        )
