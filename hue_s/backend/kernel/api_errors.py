"""Turn every failure into the one JSON error shape: {"error": {"code", "message"}}."""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator, Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hue_s.backend.schemas.errors import ErrorDetail, ErrorResponse, ValidationProblem

logger = logging.getLogger(__name__)
CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    503: "unavailable",
    507: "storage_full",
}
STORAGE_FULL_MESSAGES = ("database or disk is full", "no space left on device")
STORAGE_FULL_SQLSTATE = "53100"  # PostgreSQL disk_full


class APIError(Exception):
    """An error a router raises on purpose, with its status, code and English message."""

    def __init__(
        self, status_code: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        """Remember the status, the stable code, the message and any response headers."""
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status_code: int, detail: ErrorDetail, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """Render an error detail as the JSON error body."""
    body = ErrorResponse(error=detail).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status_code, headers=headers)


async def handle_api_error(_request: Request, error: Exception) -> JSONResponse:
    """Render an APIError."""
    assert isinstance(error, APIError)
    detail = ErrorDetail(code=error.code, message=error.message)
    return error_response(error.status_code, detail, error.headers)


async def handle_http_exception(_request: Request, error: Exception) -> JSONResponse:
    """Render Starlette's HTTP errors (unknown route, wrong method, ...)."""
    assert isinstance(error, StarletteHTTPException)
    status = error.status_code
    code = CODES_BY_STATUS.get(status, "server_error" if status >= 500 else "http_error")
    message = error.detail if isinstance(error.detail, str) else HTTPStatus(status).phrase
    return error_response(status, ErrorDetail(code=code, message=message), error.headers)


async def handle_validation_error(_request: Request, error: Exception) -> JSONResponse:
    """Render a request validation failure as a 422 listing each invalid input."""
    assert isinstance(error, RequestValidationError)
    problems = [
        ValidationProblem(
            location=[part for part in item.get("loc", ()) if isinstance(part, str | int)],
            message=str(item.get("msg", "")),
            type=str(item.get("type", "")),
        )
        for item in error.errors()
    ]
    detail = ErrorDetail(
        code="validation_error", message="The request is invalid.", details=problems
    )
    return error_response(422, detail)


def causes(error: BaseException) -> Iterator[BaseException]:
    """Yield an exception and the exceptions it was raised from or during."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def storage_is_full(error: BaseException) -> bool:
    """Tell whether an error comes from a full disk (SQLite, PostgreSQL or the file system)."""
    for cause in causes(error):
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            return True
        if getattr(cause, "sqlstate", None) == STORAGE_FULL_SQLSTATE:
            return True
        if any(text in str(cause).lower() for text in STORAGE_FULL_MESSAGES):
            return True
    return False


async def handle_unexpected_error(request: Request, error: Exception) -> JSONResponse:
    """Log an unhandled exception and answer 500 (507 if storage is full) without details."""
    if storage_is_full(error):
        logger.error("Storage full on %s %s: %s", request.method, request.url.path, error)
        detail = ErrorDetail(
            code="storage_full",
            message="The server has no storage left to save this; try again later.",
        )
        return error_response(507, detail, {"Retry-After": "600"})
    logger.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    detail = ErrorDetail(code="internal_error", message="Something went wrong on the server.")
    return error_response(500, detail)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of the app use the one JSON error shape."""
    app.add_exception_handler(APIError, handle_api_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected_error)
