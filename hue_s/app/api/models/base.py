"""Base classes of the wire models: lenient for what comes in, strict for what goes out."""

from pydantic import BaseModel, ConfigDict


class ResponseModel(BaseModel):
    """A model read from the server; fields a newer server adds are kept, not rejected."""

    model_config = ConfigDict(extra="allow")


class RequestModel(BaseModel):
    """A model sent to the server; unknown fields are a bug in the caller and are rejected."""

    model_config = ConfigDict(extra="forbid")
