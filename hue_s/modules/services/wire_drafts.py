"""Half-filled dossiers kept on the server for their signed-in owner, as both sides read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_DRAFT_BYTES = 64 * 1024
"""The largest draft kept, as JSON (answers only: documents stay on the device)."""


class ServiceDraft(BaseModel):
    """One procedure's half-filled dossier: what the app keeps (ward, answers...) as JSON."""

    model_config = ConfigDict(extra="allow")

    procedure_code: str
    draft: dict[str, Any] = Field(description="As the app sent it; answers may hold lists.")
    updated_at: datetime = Field(description="When the server last took it.")


class DraftBody(BaseModel):
    """What the app sends to keep a draft."""

    model_config = ConfigDict(extra="forbid")

    draft: dict[str, Any] = Field(description="The ward, the answers: kept as they are.")
