"""Incidents' route classes: the kernel's IdempotentRoute with the api_key in the key's scope,
and Open311Route (jurisdiction checked, errors in the GeoReport format).
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hue_s.backend.kernel.api_errors import CODES_BY_STATUS, APIError
from hue_s.backend.kernel.idempotent_route import IdempotentRoute
from hue_s.modules.incidents.backend.auth import given_api_key
from hue_s.modules.incidents.backend.open311 import format as open311_format
from hue_s.modules.incidents.backend.open311.params import checked_jurisdiction


class IncidentsRoute(IdempotentRoute):
    """The kernel's idempotent route, an Open311 api_key (query or form) scoping keys too."""

    async def other_credentials(self, request: Request) -> str:
        """Return the api_key the caller gave, if any."""
        return await given_api_key(request) or ""


class Open311Route(IncidentsRoute):
    """A GeoReport v2 route: jurisdiction_id checked; errors as the spec's {code, description}."""

    async def check(self, request: Request) -> None:
        """Refuse a jurisdiction other than Huế's (404)."""
        await checked_jurisdiction(request)

    async def render_error(self, request: Request, error: Exception) -> Response:
        """Render an expected error in the GeoReport error format of the path's format."""
        path = request.url.path
        headers = getattr(error, "headers", None)
        if isinstance(error, APIError):
            status, code, message = error.status_code, error.code, error.message
        elif isinstance(error, RequestValidationError):
            problems = "; ".join(
                f"{'.'.join(str(part) for part in item.get('loc', ()))}: {item.get('msg', '')}"
                for item in error.errors()
            )
            status, code, message = 400, "validation_error", f"Invalid request: {problems}"
        else:
            assert isinstance(error, HTTPException)
            status = error.status_code
            code = CODES_BY_STATUS.get(status, "http_error")
            message = error.detail if isinstance(error.detail, str) else HTTPStatus(status).phrase
        response = open311_format.render_error(status, code, message, path)
        response.headers.update(headers or {})  # WWW-Authenticate, Retry-After
        return response
