"""The one error tree of the typed client, and the mapping from HTTP status codes into it."""

from __future__ import annotations

from typing import Any

import httpx

from hue_s.app.api.retry import parse_retry_after

REQUEST_ID_HEADER = "X-Request-ID"


def request_of(response: httpx.Response) -> httpx.Request | None:
    """Return the request behind a response, or None for a response built by hand."""
    try:
        return response.request
    except RuntimeError:
        return None


class HueAPIError(Exception):
    """Anything that went wrong while talking to the Hue-S backend."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        """Keep the message and the request that failed."""
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(HueAPIError):
    """The backend could not be reached, or the connection broke before a response came."""


class APITimeoutError(APIConnectionError):
    """The backend did not answer in time."""


class ResponseValidationError(HueAPIError):
    """The backend answered with JSON that does not fit the expected model."""

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        """Keep the response and its decoded body next to the message."""
        super().__init__(message, request=request_of(response))
        self.response = response
        self.body = body


class APIStatusError(HueAPIError):
    """The backend answered with a status code outside 2xx."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        code: str | None = None,
    ) -> None:
        """Keep the response, its decoded body and the backend's error code."""
        request = request_of(response)
        super().__init__(message, request=request)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.code = code
        self.request_id = response.headers.get(REQUEST_ID_HEADER) or (
            request.headers.get(REQUEST_ID_HEADER) if request is not None else None
        )

    def __str__(self) -> str:
        """Show the status, the backend's code and its message."""
        code = f" {self.code}" if self.code else ""
        return f"HTTP {self.status_code}{code}: {self.message}"


class AuthenticationError(APIStatusError):
    """401: the request needs a valid sign-in."""


class PermissionDeniedError(APIStatusError):
    """403: the signed-in user may not do this."""


class NotFoundError(APIStatusError):
    """404: there is no such thing (or the user may not know it exists)."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state on the server."""


class UnprocessableError(APIStatusError):
    """400 or 422: the server rejected what was sent."""


class RateLimitError(APIStatusError):
    """429: too many requests; `retry_after` says how many seconds to wait, when known."""

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, code: str | None = None
    ) -> None:
        """Read `Retry-After` from the response as well."""
        super().__init__(message, response=response, body=body, code=code)
        self.retry_after = parse_retry_after(response.headers.get("Retry-After"))


class ServerError(APIStatusError):
    """5xx: the backend failed."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: UnprocessableError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableError,
    429: RateLimitError,
}


def decode_body(response: httpx.Response) -> Any:
    """Return the response's JSON, or its text when it is not JSON."""
    try:
        return response.json()
    except ValueError:
        return response.text


def error_code_and_message(body: Any) -> tuple[str | None, str | None]:
    """Read the code and message from `{"error": {...}}` or FastAPI's `{"detail": ...}`."""
    if not isinstance(body, dict):
        return None, None
    error = body.get("error")
    if isinstance(error, dict):
        code, message = error.get("code"), error.get("message")
        return (
            str(code) if code is not None else None,
            str(message) if message is not None else None,
        )
    detail = body.get("detail")
    if isinstance(detail, str):
        return None, detail
    if detail is not None:
        return None, repr(detail)
    return None, None


def error_for_response(response: httpx.Response) -> APIStatusError:
    """Build the error of the right class for a response whose status is not 2xx."""
    body = decode_body(response)
    code, message = error_code_and_message(body)
    if message is None:
        message = response.reason_phrase or "HTTP error"
    status = response.status_code
    error_class = STATUS_ERRORS.get(status) or (ServerError if status >= 500 else APIStatusError)
    return error_class(message, response=response, body=body, code=code)
