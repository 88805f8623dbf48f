"""The base of services' wire models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Wire(BaseModel):
    """A model both sides read: unknown fields are kept (a newer server may add some)."""

    model_config = ConfigDict(extra="allow")
