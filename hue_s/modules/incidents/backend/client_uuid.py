"""A new case's client UUID: the Idempotency-Key the app's outbox sends it with."""

from __future__ import annotations

import uuid

from starlette.requests import Request

from hue_s.backend.kernel.idempotency import HEADER


def client_uuid_of(request: Request) -> str | None:
    """Return the Idempotency-Key when it is a UUID (the app's outbox key for a new case)."""
    try:
        return str(uuid.UUID(request.headers.get(HEADER, "").strip().strip('"')))
    except ValueError:
        return None
