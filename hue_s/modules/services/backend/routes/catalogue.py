"""The catalogue, open to everyone: search, topics, a procedure's page and its form's JSON
Schema."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.services.backend.routes.deps import (
    PAGE,
    CatalogueDependency,
    Language,
)
from hue_s.modules.services.form_export import form_json_schema
from hue_s.modules.services.wire import (
    Procedure,
    ProcedureSummary,
    Topics,
)

router = APIRouter(prefix="/api/v1/services", tags=["services"])


@router.get("/procedures", response_model=list[ProcedureSummary])
def list_procedures(
    catalogue: CatalogueDependency,
    lang: Language,
    q: Annotated[str, Query(max_length=100, description="Words, with or without accents")] = "",
    field: Annotated[str | None, Query(max_length=40)] = None,
    life_event: Annotated[str | None, Query(max_length=40)] = None,
    audience: Annotated[str | None, Query(pattern="^(citizen|business)$")] = None,
) -> list[ProcedureSummary]:
    """Search the procedures (public): every word as a word's start, diacritics ignored."""
    return catalogue.search(lang, q, field, life_event, audience)[:PAGE]


@router.get("/topics", response_model=Topics)
def list_topics(catalogue: CatalogueDependency, lang: Language) -> Topics:
    """Return the fields and life events to browse by (public)."""
    return catalogue.topics[lang]


@router.get("/procedures/{procedure_code}", response_model=Procedure)
def read_procedure(
    catalogue: CatalogueDependency,
    lang: Language,
    procedure_code: Annotated[str, Path(max_length=40)],
) -> Procedure:
    """Return one procedure's page (public)."""
    page = catalogue.page(procedure_code, lang)
    if page is None:
        raise APIError(404, "not_found", "No such procedure.")
    return page


@router.get(
    "/procedures/{procedure_code}/form-schema",
    response_class=JSONResponse,
    responses={200: {"content": {"application/schema+json": {}}}},
)
def read_form_schema(
    catalogue: CatalogueDependency,
    lang: Language,
    procedure_code: Annotated[str, Path(max_length=40)],
) -> JSONResponse:
    """Return the JSON Schema (draft 2020-12) of a procedure's online form answers (public;
    404 when it has no online form)."""
    page = catalogue.page(procedure_code, lang)
    if page is None or not page.form:
        raise APIError(404, "not_found", "No such procedure with an online form.")
    schema = form_json_schema(page.form, page.name)
    return JSONResponse(schema, media_type="application/schema+json")
