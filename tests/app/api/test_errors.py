"""Tests of the error tree and the status-code mapping."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hue_s.app.api.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    HueAPIError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnprocessableError,
    error_for_response,
)

from .samples import error_body


def response(
    status: int, *, json: Any = None, text: str | None = None, **headers: str
) -> httpx.Response:
    """Return a response to a GET of /api/v1/wards."""
    request = httpx.Request(
        "GET", "http://hue.test/api/v1/wards", headers={"X-Request-ID": "req-1"}
    )
    if json is not None:
        return httpx.Response(status, json=json, headers=headers, request=request)
    return httpx.Response(status, text=text or "", headers=headers, request=request)


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, UnprocessableError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (504, ServerError),
    ],
)
def test_each_status_maps_to_its_class(status: int, error_class: type[APIStatusError]) -> None:
    error = error_for_response(response(status, json=error_body("some_code", "Some message")))
    assert type(error) is error_class
    assert error.status_code == status
    assert error.code == "some_code"
    assert error.message == "Some message"
    assert error.body == error_body("some_code", "Some message")


@pytest.mark.parametrize("status", [402, 405, 408, 410, 413, 418])
def test_other_statuses_are_plain_status_errors(status: int) -> None:
    assert type(error_for_response(response(status, text="nope"))) is APIStatusError


def test_fastapi_detail_string_becomes_the_message() -> None:
    error = error_for_response(response(404, json={"detail": "Not Found"}))
    assert isinstance(error, NotFoundError)
    assert (error.code, error.message) == (None, "Not Found")


def test_fastapi_validation_detail_list_is_kept_readable() -> None:
    detail = [{"loc": ["query", "lat"], "msg": "field required", "type": "missing"}]
    error = error_for_response(response(422, json={"detail": detail}))
    assert isinstance(error, UnprocessableError)
    assert "field required" in error.message
    assert error.body == {"detail": detail}


@pytest.mark.parametrize(
    "body",
    [["a", "list"], {"error": "just a string"}, {"unrelated": 1}, "plain", 42],
)
def test_odd_json_bodies_fall_back_to_the_reason_phrase(body: Any) -> None:
    error = error_for_response(response(500, json=body))
    assert isinstance(error, ServerError)
    assert error.message == "Internal Server Error"
    assert error.body == body


def test_html_body_is_kept_as_text() -> None:
    error = error_for_response(response(502, text="<html>Bad gateway</html>"))
    assert error.body == "<html>Bad gateway</html>"
    assert error.message == "Bad Gateway"


def test_request_id_comes_from_the_response_then_the_request() -> None:
    echoed = error_for_response(response(500, text="", **{"X-Request-ID": "server-7"}))
    assert echoed.request_id == "server-7"
    assert error_for_response(response(500, text="")).request_id == "req-1"


def test_str_shows_status_code_and_message() -> None:
    error = error_for_response(response(404, json=error_body("ward_not_found", "No ward here")))
    assert str(error) == "HTTP 404 ward_not_found: No ward here"


def test_rate_limit_error_reads_retry_after() -> None:
    error = error_for_response(response(429, text="", **{"Retry-After": "7"}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0
    assert RateLimitError.__mro__[1] is APIStatusError


def test_rate_limit_error_without_retry_after() -> None:
    error = error_for_response(response(429, text=""))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None


def test_response_built_without_request_is_tolerated() -> None:
    error = error_for_response(httpx.Response(500, text="boom"))
    assert error.request is None
    assert error.request_id is None


def test_tree_shape() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, HueAPIError)
    assert issubclass(APIStatusError, HueAPIError)
    assert issubclass(ResponseValidationError, HueAPIError)
    for status_class in (AuthenticationError, NotFoundError, ServerError, RateLimitError):
        assert issubclass(status_class, APIStatusError)
