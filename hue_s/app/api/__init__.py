"""Typed client of the Hue-S backend API."""

from hue_s.app.api.client import HueClient
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
from hue_s.app.api.paging import AsyncPager, Page
from hue_s.app.api.resources import MetaResource, Resource, WardsResource
from hue_s.app.api.retry import RetryPolicy

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthenticationError",
    "ConflictError",
    "HueAPIError",
    "HueClient",
    "MetaResource",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "Resource",
    "ResponseValidationError",
    "RetryPolicy",
    "ServerError",
    "UnprocessableError",
    "WardsResource",
    "error_for_response",
]
