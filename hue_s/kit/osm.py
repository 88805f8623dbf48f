"""OpenStreetMap's constants and words: tiles, credit, links, names searched without marks."""

from __future__ import annotations

import unicodedata

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"
USER_AGENT_PACKAGE = "vn.gov.hue.hue_s"
"""How the app names itself to the tile servers (their usage policy asks for it)."""
CONTRIBUTORS = "OpenStreetMap contributors"
ATTRIBUTION = f"© {CONTRIBUTORS}"
"""The credit ODbL asks for wherever OSM data is shown."""


def fold(text: str) -> str:
    """Return text lowercased without Vietnamese diacritics ('Bệnh viện' -> 'benh vien')."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_matches(name: str, query: str) -> bool:
    """Say whether every word of `query` starts a word of `name`; a word typed without marks
    matches with or without them ('mat' finds Mắt and Mặt), one typed with marks only itself."""
    plain, marked = fold(name).split(), name.lower().split()
    for word in query.lower().split():
        words = plain if fold(word) == word else marked
        if not any(candidate.startswith(word) for candidate in words):
            return False
    return True


def directions_url(lat: float, lon: float, origin: tuple[float, float] | None = None) -> str:
    """Return OpenStreetMap's directions to a point (from `origin` if known, else asked there)."""
    start = f"{origin[0]:.6f},{origin[1]:.6f}" if origin else ""
    return f"https://www.openstreetmap.org/directions?route={start}%3B{lat:.6f}%2C{lon:.6f}"


def element_url(element_id: str) -> str:
    """Return an OSM element's page from its id as the modules store it ('node-123')."""
    osm_type, osm_id = element_id.split("-", 1)
    return f"https://www.openstreetmap.org/{osm_type}/{osm_id}"
