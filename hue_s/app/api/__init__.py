"""Typed client of the Hue-S backend API."""

from hue_s.app.api.auth import SessionAuth
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
from hue_s.app.api.resources import (
    AuthResource,
    MeResource,
    MetaResource,
    Resource,
    WardsResource,
)
from hue_s.app.api.retry import RetryPolicy

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthResource",
    "AuthenticationError",
    "ConflictError",
    "HueAPIError",
    "HueClient",
    "MeResource",
    "MetaResource",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "Resource",
    "ResponseValidationError",
    "RetryPolicy",
    "ServerError",
    "SessionAuth",
    "UnprocessableError",
    "WardsResource",
    "error_for_response",
]
