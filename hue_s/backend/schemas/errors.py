"""The one JSON shape of every error response."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ValidationProblem(BaseModel):
    """One invalid input of a request."""

    location: list[str | int] = Field(description='Where the input is, e.g. ["query", "lat"].')
    message: str = Field(description="What is wrong with it, in English.")
    type: str = Field(description="Machine-readable kind of problem, e.g. 'missing'.")


class ErrorDetail(BaseModel):
    """What went wrong: a stable code for the app to translate and an English message."""

    code: str = Field(description="Stable error code, e.g. 'ward_not_found'.")
    message: str = Field(description="English explanation for logs and developers.")
    details: list[ValidationProblem] | None = Field(
        default=None, description="The invalid inputs, for code 'validation_error' only."
    )


class ErrorResponse(BaseModel):
    """Body of every error response: {"error": {"code": ..., "message": ...}}."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid request"},
}
