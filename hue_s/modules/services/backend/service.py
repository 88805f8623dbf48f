"""What other modules may use of public services: the name of a procedure in the catalogue."""

from __future__ import annotations

from fastapi import Request

from hue_s.modules.services.backend.catalogue import catalogue_of


async def procedure_name(request: Request, code: str, language: str) -> str | None:
    """Return a procedure's name in vi or en, or None when the catalogue has no such code."""
    page = (await catalogue_of(request)).page(code, language)
    return page.name if page is not None else None
