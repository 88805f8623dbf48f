"""TrackingResource: follow a case by its public code, claim one filed for you; officers file."""

from __future__ import annotations

from urllib.parse import quote

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.models import CaseDetail
from hue_s.modules.incidents.app.tracking.models import TrackedCase

INCIDENTS = f"{API_V1}/incidents"


class TrackingResource(Resource):
    """Public tracking codes, and the ward office's filing for a visitor."""

    async def track(self, *, code: str) -> TrackedCase:
        """Return the case a tracking code stands for (NotFoundError for an unknown code)."""
        path = f"{INCIDENTS}/track/{quote(code.strip(), safe='')}"
        return await self._client.request("GET", path, model=TrackedCase)

    async def claim(self, *, code: str) -> CaseDetail:
        """Add a case filed for the signed-in citizen at a ward office to their reports."""
        path = f"{INCIDENTS}/track/{quote(code.strip(), safe='')}/claim"
        return await self._client.request("POST", path, model=CaseDetail)

    async def file_for_visitor(
        self,
        *,
        draft: IncidentDraft,
        visitor_name: str = "",
        visitor_phone: str = "",
        idempotency_key: str,
    ) -> TrackedCase:
        """File a report for a visitor (officers only); the same key always gives one case."""
        fields = draft.form_fields()
        if visitor_name.strip():
            fields["visitor_name"] = visitor_name.strip()
        if visitor_phone.strip():
            fields["visitor_phone"] = visitor_phone.strip()
        files = draft.media_files()
        return await self._client.request(
            "POST",
            f"{INCIDENTS}/assisted",
            data=fields,
            files=files or None,
            idempotency_key=idempotency_key,
            model=TrackedCase,
        )
