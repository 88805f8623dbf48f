"""The error answers every operation may give, written into the OpenAPI document from one table.

Routes declare their own success answers and special errors; the errors that come from shared
machinery (authentication, roles, ids, Idempotency-Key, body limits, rate limits, full storage,
GeoReport's 400 for invalid input) are declared here once, by what an operation is: does it
take credentials, does it change something.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

Operation = dict[str, Any]
WRITES = frozenset({"post", "put", "patch", "delete"})


def signed(method: str, path: str, operation: Operation) -> bool:
    """Tell whether an operation reads credentials (a bearer token or an API key)."""
    return bool(operation.get("security")) or path.startswith("/open311/v2/requests")


def writes(method: str, path: str, operation: Operation) -> bool:
    """Tell whether an operation changes something (a body, a key, storage)."""
    return method in WRITES


def always(method: str, path: str, operation: Operation) -> bool:
    """Every operation."""
    return True


COMMON_ERRORS: tuple[tuple[int, str, Callable[[str, str, Operation], bool]], ...] = (
    (400, "Invalid request by a rule of the server (GeoReport routes: any invalid input)", always),
    (401, "The access token or API key is missing, expired or unknown", signed),
    (403, "The caller's role, ward or API key may not do this", signed),
    (404, "No such resource, or not one the caller may see", always),
    (409, "Conflict: the object's state forbids it, or its Idempotency-Key is in flight", writes),
    (413, "The body is larger than this operation accepts", writes),
    (415, "The body's media type is not one this operation reads", writes),
    (422, "Invalid input (the body or parameters do not match the schema)", always),
    (429, "Too many requests from this caller or address; retry later", writes),
    (507, "The server's storage is full; retry later", writes),
)


def add_common_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the shared error answers of COMMON_ERRORS to each operation (keeping its own)."""
    has_error_model = "ErrorResponse" in schema.get("components", {}).get("schemas", {})
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status, description, applies in COMMON_ERRORS:
                if str(status) in responses or not applies(method, path, operation):
                    continue
                answer: dict[str, Any] = {"description": description}
                if has_error_model and not path.startswith("/open311/"):
                    reference = {"$ref": "#/components/schemas/ErrorResponse"}
                    answer["content"] = {"application/json": {"schema": reference}}
                responses[str(status)] = answer
    return schema


def document_common_errors(app: FastAPI) -> None:
    """Make the app's /openapi.json list the shared error answers of every operation."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        """Build FastAPI's document once, then add the common errors to it."""
        if app.openapi_schema is None:
            app.openapi_schema = add_common_errors(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
