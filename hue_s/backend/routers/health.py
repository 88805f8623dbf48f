"""GET /healthz: the service answers and its database works."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.schemas.errors import ErrorResponse
from hue_s.backend.schemas.meta import HealthStatus

logger = logging.getLogger(__name__)
router = APIRouter(tags=["meta"])


@router.get(
    "/healthz",
    response_model=HealthStatus,
    responses={503: {"model": ErrorResponse, "description": "The database does not answer"}},
)
def healthz(session: Annotated[Session, Depends(get_session)]) -> HealthStatus:
    """Answer ok when a trivial database query works, else 503 database_unavailable."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        logger.warning("Health check failed: %s", error)
        raise APIError(503, "database_unavailable", "The database does not answer.") from None
    return HealthStatus(status="ok")
