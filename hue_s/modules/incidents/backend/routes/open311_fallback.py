"""Any other path under /open311/v2: 404 or 405 in the GeoReport error format."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response
from starlette.routing import Match

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.routes.open311_services import PREFIX
from hue_s.modules.incidents.backend.routes.route_class import Open311Route

ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
router = APIRouter(prefix=PREFIX, tags=["open311"], route_class=Open311Route)


@router.api_route("/{path:path}", methods=ALL_METHODS, include_in_schema=False)
def unknown_path(request: Request, path: str) -> Response:
    """Answer 405 for a known path with another method, else 404."""
    for route in request.app.router.routes:
        if route.matches(request.scope)[0] == Match.PARTIAL:
            raise APIError(405, "method_not_allowed", "This method is not allowed here.")
    raise APIError(404, "not_found", f"There is no GeoReport resource at {path!r}.")
