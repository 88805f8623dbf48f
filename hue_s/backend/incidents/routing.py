"""Find the ward or commune that handles a report: from its point, else the one named."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.api_errors import APIError
from hue_s.backend.geo import code_holding_point, ward_shapes
from hue_s.backend.models import Ward


def ward_code_for_report(
    session: Session, lat: float | None, lon: float | None, ward_code: str | None
) -> str:
    """Return the code of the point's ward if given (400 outside_city), else of ward_code."""
    if lat is not None and lon is not None:
        found = code_holding_point(ward_shapes(session), lat, lon)
        if found is None:
            raise APIError(
                400, "outside_city", f"The point ({lat}, {lon}) is not in Huế; pick a place in it."
            )
        return found
    if not ward_code:
        raise APIError(
            400, "ward_required", "Without lat and long, name the ward in attribute[ward_code]."
        )
    if session.scalar(select(Ward.code).where(Ward.code == ward_code)) is None:
        raise APIError(400, "ward_not_found", f"No ward or commune has the code {ward_code!r}.")
    return ward_code
