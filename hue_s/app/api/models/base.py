"""Base classes of the wire models: lenient for what comes in, strict for what goes out."""

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


class ResponseModel(BaseModel):
    """A model read from the server; fields a newer server adds are kept, not rejected."""

    model_config = ConfigDict(extra="allow")


class RequestModel(BaseModel):
    """A model sent to the server; unknown fields are a bug in the caller and are rejected."""

    model_config = ConfigDict(extra="forbid")


def id_text(value: Any) -> Any:
    """Return a number as its text: servers send ids as numbers (638349) or strings alike."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


IdStr = Annotated[str, BeforeValidator(id_text)]
"""An id (or code) kept as a string whatever its JSON type."""
