"""GET /api/v1/alerts/stream: alert events as Server-Sent Events, resumable by event id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import StreamingResponse

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.event_hub import STREAM_RESPONSES, event_stream, resume_point
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse
from hue_s.modules.alerts.backend.runtime import runtime_of
from hue_s.modules.alerts.backend.stream.hub import AlertHub, StreamEvent

router = APIRouter(prefix="/api/v1/alerts", tags=["alerts"], responses=ERROR_RESPONSES)


def running_hub(request: Request) -> AlertHub:
    """Return this process's hub; 503 stream_unavailable when the app was not started with it."""
    runtime = runtime_of(request)
    if runtime is None:
        raise APIError(503, "stream_unavailable", "Alert streaming is not running.")
    return runtime.hub


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={
        **STREAM_RESPONSES,
        503: {"model": ErrorResponse, "description": "Streaming not running"},
    },
)
async def stream_alerts(
    hub: Annotated[AlertHub, Depends(running_hub)],
    after_id: Annotated[int | None, Depends(resume_point)],
    ward: Annotated[
        str | None, Query(pattern=r"^\d{5}$", description="Only alerts covering this ward.")
    ] = None,
) -> StreamingResponse:
    """Stream alert events: `issued`, `updated`, `cancelled`; data is the alert's JSON.

    Each event has an id; a client that reconnects with Last-Event-ID (or ?after=) first
    gets what it missed. A comment opens the stream so clients know they are connected.
    """

    def frame_of(event: StreamEvent) -> bytes | None:
        return event.frame if ward is None or ward in event.ward_codes else None

    return event_stream(hub, after_id, frame_of)
