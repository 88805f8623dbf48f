"""Find the ward or commune that handles a report: from its point, else the one named."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hue_s.backend.api_errors import APIError
from hue_s.backend.geo import ward_for_point
from hue_s.backend.models import Ward


def ward_for_report(
    session: Session, lat: float | None, lon: float | None, ward_code: str | None
) -> Ward:
    """Return the ward of the point if given (400 outside_city), else of ward_code."""
    if lat is not None and lon is not None:
        ward = ward_for_point(session, lat, lon)
        if ward is None:
            raise APIError(
                400, "outside_city", f"The point ({lat}, {lon}) is not in Huế; pick a place in it."
            )
        return ward
    if not ward_code:
        raise APIError(
            400, "ward_required", "Without lat and long, name the ward in attribute[ward_code]."
        )
    ward = session.get(Ward, ward_code)
    if ward is None:
        raise APIError(400, "ward_not_found", f"No ward or commune has the code {ward_code!r}.")
    return ward
