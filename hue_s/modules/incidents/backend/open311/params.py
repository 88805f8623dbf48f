"""Parameters every GeoReport endpoint shares: format, language, jurisdiction, posted form."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from starlette.datastructures import FormData

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.locale import request_language
from hue_s.modules.incidents.backend.auth import FORM_TYPES
from hue_s.modules.incidents.backend.cases.submission import Submission, read_submission

JURISDICTION_ID = "hue.gov.vn"


async def posted_form(request: Request) -> FormData:
    """Return the form body of a request (empty if the body is not a form)."""
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        return await request.form()
    return FormData()


async def checked_jurisdiction(request: Request) -> None:
    """Refuse a jurisdiction_id other than Huế's (404 jurisdiction_not_found)."""
    given = request.query_params.get("jurisdiction_id")
    if given is None:
        posted = (await posted_form(request)).get("jurisdiction_id")
        given = posted if isinstance(posted, str) else None
    if given and given != JURISDICTION_ID:
        raise APIError(404, "jurisdiction_not_found", f"This server serves only {JURISDICTION_ID}.")


async def posted_submission(form: Annotated[FormData, Depends(posted_form)]) -> Submission:
    """Return the checked fields of a GeoReport POST."""
    return await read_submission(form)


ResponseFormat = Annotated[
    str, Path(pattern="^(json|xml)$", description="Response format: json or xml.")
]
Language = Annotated[str, Depends(request_language)]
PostedSubmission = Annotated[Submission, Depends(posted_submission)]
