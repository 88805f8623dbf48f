"""Find the ward or commune that handles a report: from its point, the one named, or its address.

What none of them places goes to the city tier (no ward), where city-level staff triage it.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.geo import code_holding_point, ward_shapes
from hue_s.backend.kernel.models import Ward

NOT_A_LETTER = re.compile(r"[\W_]+")


def plain_words(text: str) -> str:
    """Return text in lower case without diacritics or punctuation ("Thuận Hóa" -> "thuan hoa")."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(NOT_A_LETTER.sub(" ", letters).split())


def ward_named_in(session: Session, address: str | None) -> str | None:
    """Return the code of the one ward or commune whose name the address has, else None."""
    words = f" {plain_words(address or '')} "
    found = {
        plain_words(name): code
        for code, name in session.execute(select(Ward.code, Ward.name))
        if f" {plain_words(name)} " in words
    }
    longest = [name for name in found if not any(name in other for other in found if other != name)]
    return found[longest[0]] if len(longest) == 1 else None


def ward_code_for_report(
    session: Session,
    lat: float | None,
    lon: float | None,
    ward_code: str | None,
    address: str | None = None,
) -> str | None:
    """Return the point's ward, else ward_code's, else the address's; None: the city tier."""
    if lat is not None and lon is not None:
        found = code_holding_point(ward_shapes(session), lat, lon)
        if found is None:
            raise APIError(
                400, "outside_city", f"The point ({lat}, {lon}) is not in Huế; pick a place in it."
            )
        return found
    if not ward_code:
        return ward_named_in(session, address)
    if session.scalar(select(Ward.code).where(Ward.code == ward_code)) is None:
        raise APIError(400, "ward_not_found", f"No ward or commune has the code {ward_code!r}.")
    return ward_code
