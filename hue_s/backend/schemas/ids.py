"""A row's id in a route's path: a positive PostgreSQL INTEGER (a larger one is a 422, not 500)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="Id of the row.")]
