"""CasesResource and HotlineResource: the ward's case inbox and the hotline log."""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any
from urllib.parse import quote

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.incidents.app.draft import DraftPhoto
from hue_s.modules.incidents.app.models import CaseDetail, CaseSummary, ReasonBody
from hue_s.modules.incidents.app.staff.models import (
    AcceptBody,
    Call,
    CallIn,
    CallToCase,
    DailyCalls,
    NoteBody,
    TransferBody,
)

CASES = f"{API_V1}/cases"
HOTLINE = f"{API_V1}/hotline"


def _id(value: int | str) -> str:
    """Return a path segment for an id."""
    return quote(str(value), safe="")


class CasesResource(Resource):
    """A ward's cases: the inbox by deadline, and what officers do to one case."""

    async def inbox(
        self, *, ward_code: str | None = None, statuses: builtins.list[str] | None = None
    ) -> builtins.list[CaseSummary]:
        """Return the open cases of the officer's ward (or `statuses`), by deadline."""
        params: dict[str, Any] = {"limit": 200}
        if ward_code:
            params["ward_code"] = ward_code
        if statuses:
            params["status"] = statuses
        return await self._client.request(
            "GET", CASES, params=params, model=builtins.list[CaseSummary]
        )

    async def get(self, *, case_id: int) -> CaseDetail:
        """Return a case with its reporter, photos and whole timeline."""
        return await self._client.request("GET", f"{CASES}/{_id(case_id)}", model=CaseDetail)

    async def _act(self, case_id: int, action: str, body: Any, key: str) -> CaseDetail:
        """POST an action on a case; the key makes a repeated tap harmless."""
        return await self._client.request(
            "POST",
            f"{CASES}/{_id(case_id)}/{action}",
            json=body.model_dump(exclude_none=True),
            idempotency_key=key,
            model=CaseDetail,
        )

    async def accept(self, *, case_id: int, note: str | None, idempotency_key: str) -> CaseDetail:
        """Take a received or transferred case on."""
        return await self._act(case_id, "accept", AcceptBody(note=note), idempotency_key)

    async def start(self, *, case_id: int, note: str | None, idempotency_key: str) -> CaseDetail:
        """Mark an accepted case as being worked on."""
        return await self._act(case_id, "start", AcceptBody(note=note), idempotency_key)

    async def transfer(
        self, *, case_id: int, transfer: TransferBody, idempotency_key: str
    ) -> CaseDetail:
        """Hand a case to another ward, with a reason."""
        return await self._act(case_id, "transfer", transfer, idempotency_key)

    async def note(self, *, case_id: int, note: NoteBody, idempotency_key: str) -> CaseDetail:
        """Add a note to the timeline."""
        return await self._act(case_id, "notes", note, idempotency_key)

    async def reject(self, *, case_id: int, reason: ReasonBody, idempotency_key: str) -> CaseDetail:
        """Close a case without action, with the reason the reporter will read."""
        return await self._act(case_id, "reject", reason, idempotency_key)

    async def resolve(
        self, *, case_id: int, after_photo: DraftPhoto, note: str | None, idempotency_key: str
    ) -> CaseDetail:
        """Close a case as fixed, with the photo after the fix and where and when it was taken.

        The backend checks that photo against the report's (near it, after it) where both say
        where and when they were taken: 422 after_photo_too_far / after_photo_too_early.
        """
        data = after_photo.place_time_fields()
        if note:
            data["note"] = note
        return await self._client.request(
            "POST",
            f"{CASES}/{_id(case_id)}/resolve",
            data=data or None,
            files=[("photo", ("after.jpg", after_photo.data, "image/jpeg"))],
            idempotency_key=idempotency_key,
            model=CaseDetail,
        )


class HotlineResource(Resource):
    """The 19001075 hotline log: calls, cases made of them, daily counts."""

    async def log_call(self, *, call: CallIn, idempotency_key: str) -> Call:
        """Log a call taken or made."""
        return await self._client.request(
            "POST",
            f"{HOTLINE}/calls",
            json=call.model_dump(exclude_none=True),
            idempotency_key=idempotency_key,
            model=Call,
        )

    async def calls(self, *, day: date | None = None) -> builtins.list[Call]:
        """Return the calls of one day (today by default), oldest first."""
        params = {"day": day.isoformat()} if day else None
        return await self._client.request(
            "GET", f"{HOTLINE}/calls", params=params, model=builtins.list[Call]
        )

    async def to_case(
        self, *, call_id: int, details: CallToCase, idempotency_key: str
    ) -> CaseDetail:
        """Turn a call into a case."""
        return await self._client.request(
            "POST",
            f"{HOTLINE}/calls/{_id(call_id)}/case",
            json=details.model_dump(exclude_none=True),
            idempotency_key=idempotency_key,
            model=CaseDetail,
        )

    async def daily(
        self, *, first: date | None = None, last: date | None = None
    ) -> builtins.list[DailyCalls]:
        """Return the calls per day (the last 7 days by default)."""
        params: dict[str, str] = {}
        if first:
            params["from"] = first.isoformat()
        if last:
            params["to"] = last.isoformat()
        return await self._client.request(
            "GET", f"{HOTLINE}/daily", params=params or None, model=builtins.list[DailyCalls]
        )
