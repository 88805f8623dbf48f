"""GeoReport v2 POST requests: a report filed in one transaction on the database's writer.

This is the busiest write of the city. Its caller, language and form are read here from the
request rather than through FastAPI dependencies (each costs about a tenth of a millisecond,
more than the INSERT). With photos, the caller is checked first, in the thread pool, then the
photos are read, checked from their headers and only then decoded and cleaned, and uploaded when
an object store keeps them; then the caller check, the report and its first timeline entry run
in one transaction through db.run_write (an upload whose report is not stored is deleted).
The OpenAPI document describes the same parameters through `openapi_extra`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from hue_s.backend.accounts.deps import (
    api_client_id,
    bearer_scheme,
    loaded_accounts_settings,
    user_for_token,
)
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import object_store_of
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.backend.kernel.idempotency import HEADER
from hue_s.backend.kernel.locale import language_of
from hue_s.modules.incidents.backend.auth import FORM_TYPES, actor_of, given_api_key
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.cases.reporting import clean_photos, file_incident
from hue_s.modules.incidents.backend.cases.submission import (
    MAX_FORM_BYTES,
    Submission,
    read_submission,
    uploaded_media,
)
from hue_s.modules.incidents.backend.client_uuid import client_uuid_of
from hue_s.modules.incidents.backend.open311 import format as open311_format
from hue_s.modules.incidents.backend.open311.params import ResponseFormat, posted_form
from hue_s.modules.incidents.backend.open311.records import service_notice
from hue_s.modules.incidents.backend.photos.storage import (
    KeptPhoto,
    forget_objects,
    keep_photos,
    objects_deleted_on_failure_async,
)
from hue_s.modules.incidents.backend.routes.open311_services import PREFIX
from hue_s.modules.incidents.backend.routes.route_class import Open311Route
from hue_s.modules.incidents.backend.service_cache import cached_service

router = APIRouter(prefix=PREFIX, tags=["open311"], route_class=Open311Route)


@dataclass(frozen=True)
class Poster:
    """Who posts, as the request says: an access token, else a third-party api_key."""

    access_token: str | None = None
    api_key: str | None = None
    settings: AccountsSettings | None = None


async def poster_of(request: Request) -> Poster:
    """Return who posts: the bearer token, else the api_key (403 api_key_required)."""
    credentials = await bearer_scheme(request)
    if credentials is not None:
        settings = await loaded_accounts_settings(request)
        return Poster(access_token=credentials.credentials, settings=settings)
    key = await given_api_key(request)
    if key is None:
        where = "" if sends_form(request) else " (in the query or a form body)"
        raise APIError(
            403, "api_key_required", f"Sign in, or give the api_key of your client{where}."
        )
    return Poster(api_key=key)


def sends_form(request: Request) -> bool:
    """Tell whether a request's body is a form, as the GeoReport POST takes."""
    return request.headers.get("content-type", "").startswith(FORM_TYPES)


def form_body_required(request: Request) -> APIError:
    """Return the 415 for a body that is not a form, e.g. JSON (form_body_required)."""
    given = request.headers.get("content-type")
    this_one = f"this one is {given}" if given else "this one has no Content-Type"
    return APIError(
        415,
        "form_body_required",
        "The Open311 POST takes a form body (application/x-www-form-urlencoded or "
        f"multipart/form-data); {this_one}.",
    )


def actor_posting(session: Session, poster: Poster) -> Actor:
    """Return the actor of a POST: the token's user (401) or the api_key's client (403)."""
    if poster.access_token is not None and poster.settings is not None:
        return actor_of(user_for_token(session, poster.settings, poster.access_token))
    assert poster.api_key is not None
    return Actor(id=None, role="api_client", client_id=api_client_id(session, poster.api_key))


def check_poster(factory: sessionmaker[Session], poster: Poster) -> None:
    """Refuse an unknown caller (401 or 403) before reading its photos (blocking)."""
    with factory() as session:
        actor_posting(session, poster)


def file_report(
    factory: sessionmaker[Session],
    poster: Poster,
    submission: Submission,
    client_uuid: str | None,
    language: str,
    photos: Sequence[KeptPhoto],
    now: datetime,
) -> tuple[dict[str, str], bool]:
    """Check the caller, store the report; return its service_requests entry and whether it
    is new (not one filed before under its client UUID) (blocking)."""
    with factory() as session:
        submitter = actor_posting(session, poster)
        filed = file_incident(session, submission, submitter, now, client_uuid, photos=photos)
        service = cached_service(session, filed.service_code)  # an earlier report's, if replayed
        assert service is not None
        entry = {
            "service_request_id": str(filed.id),
            "token": filed.token,
            "service_notice": service_notice(service.agency, filed.deadline_at, language),
        }
        session.commit()  # last: a failure before it leaves neither rows nor uploaded objects
        return entry, filed.new


def text_field(description: str) -> dict[str, Any]:
    """Return the OpenAPI schema of an optional text field."""
    return {"type": "string", "description": description}


FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["service_code"],
    "properties": {
        "service_code": text_field("The kind of problem, from services."),
        "lat": {"type": "number", "description": "Latitude (WGS84); give long with it."},
        "long": {"type": "number", "description": "Longitude (WGS84); give lat with it."},
        "address_string": text_field("Where, in words (when there is no point)."),
        "address_id": text_field("An address id of the city's gazetteer."),
        "description": text_field("What is wrong."),
        "email": text_field("Reporter's email."),
        "phone": text_field("Reporter's phone."),
        "first_name": text_field("Reporter's first name."),
        "last_name": text_field("Reporter's last name."),
        "device_id": text_field("Reporter's device."),
        "media_url": text_field("A photo already online."),
        "api_key": text_field("API key of a third-party client (or a query parameter)."),
        "jurisdiction_id": text_field("hue.gov.vn, or left out."),
    },
    "additionalProperties": {
        "type": "string",
        "description": "attribute[CODE] answers to the service's questions.",
    },
}
MULTIPART_SCHEMA: dict[str, Any] = {
    **FORM_SCHEMA,
    "properties": {
        **FORM_SCHEMA["properties"],
        "media": {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
            "description": "Up to 5 photos (JPEG, PNG or WebP).",
        },
    },
}
POST_DOCUMENTATION: dict[str, Any] = {
    "parameters": [
        {
            "in": "query",
            "name": "locale",
            "required": False,
            "description": "Language of names: vi or en.",
            "schema": {"type": "string"},
        },
        {
            "in": "header",
            "name": "accept-language",
            "required": False,
            "schema": {"type": "string"},
        },
        {"in": "header", "name": HEADER, "required": False, "schema": {"type": "string"}},
    ],
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": FORM_SCHEMA},
            "multipart/form-data": {"schema": MULTIPART_SCHEMA},
        },
    },
    "security": [{"HTTPBearer": []}, {}],
}


@router.post(
    "/requests.{response_format}",
    response_class=Response,
    openapi_extra=POST_DOCUMENTATION,
    responses={
        413: {
            "description": f"The body has more than {MAX_FORM_BYTES} bytes, or a photo is too big."
        },
        415: {"description": "The body is not a form (e.g. JSON): form_body_required."},
        503: {"description": "Too many photos are being processed; retry after Retry-After."},
    },
)
async def post_request(request: Request, response_format: ResponseFormat) -> Response:
    """Report a problem (form fields per GeoReport v2; photos as multipart `media`)."""
    poster = await poster_of(request)
    factory = request.app.state.session_factory
    if not sends_form(request):
        await run_in_threadpool(check_poster, factory, poster)  # who asks, before saying why not
        raise form_body_required(request)
    form = await posted_form(request)
    if uploaded_media(form):
        await run_in_threadpool(check_poster, factory, poster)
    submission = await read_submission(form)
    language = language_of(
        request.query_params.get("locale"), request.headers.get("accept-language")
    )
    photos = await run_in_threadpool(clean_photos, submission) if submission.photos else []
    store = object_store_of(request)
    kept = await run_in_threadpool(keep_photos, store, photos) if photos else []
    async with objects_deleted_on_failure_async(store, kept):
        created, new = await run_write(
            request,
            file_report,
            factory,
            poster,
            submission,
            client_uuid_of(request),
            language,
            kept,
            now_of(request),
        )
    if not new and kept:
        await run_in_threadpool(forget_objects, store, kept)
    return open311_format.render([created], "service_requests", response_format)
