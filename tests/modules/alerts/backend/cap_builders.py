"""CAP 1.2 documents for the tests of bounds, fidelity and feeds: in Huế, or far from it."""

from __future__ import annotations

import math

SENDER = "vnmha@example.vn"
SENT = "2025-11-17T08:00:00+07:00"
KIM_LONG = [(16.462, 107.545), (16.462, 107.560), (16.470, 107.560), (16.470, 107.545)]
"""A small square in Kim Long ward (Huế), without its closing point."""
HUE_CENTRE = (16.463, 107.590)
ALASKA_CENTRE = (61.2, -149.9)


def ring_text(points: list[tuple[float, float]]) -> str:
    """Write a ring as CAP 'lat,lon ...', closed."""
    closed = [*points, points[0]]
    return " ".join(f"{lat:.6f},{lon:.6f}" for lat, lon in closed)


def circle_ring(
    centre: tuple[float, float], radius_deg: float, points: int
) -> list[tuple[float, float]]:
    """Return `points` points on a circle (a many-sided polygon) around a centre."""
    lat, lon = centre
    return [
        (
            lat + radius_deg * math.sin(2 * math.pi * k / points),
            lon + radius_deg * math.cos(2 * math.pi * k / points),
        )
        for k in range(points)
    ]


def area_xml(polygons: list[list[tuple[float, float]]], desc: str = "Area") -> str:
    """Return an <area> with these polygons."""
    rings = "".join(f"<polygon>{ring_text(ring)}</polygon>" for ring in polygons)
    return f"<area><areaDesc>{desc}</areaDesc>{rings}</area>"


def info_xml(areas: str, *, extra: str = "", event: str = "Lũ", tail: str = "") -> str:
    """Return an <info> (Met, Severe, Observed) with the given areas and extra elements."""
    return (
        "<info><language>vi-VN</language><category>Met</category>"
        f"<event>{event}</event>{extra}<urgency>Immediate</urgency><severity>Severe</severity>"
        f"<certainty>Observed</certainty><headline>{event}</headline>{tail}{areas}</info>"
    )


def alert_xml(
    identifier: str,
    infos: str,
    *,
    msg_type: str = "Alert",
    references: str = "",
    sent: str = SENT,
    sender: str = SENDER,
) -> str:
    """Return a CAP 1.2 <alert> (no XML declaration, so it can be embedded)."""
    refs = f"<references>{references}</references>" if references else ""
    return (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{identifier}</identifier><sender>{sender}</sender><sent>{sent}</sent>"
        f"<status>Actual</status><msgType>{msg_type}</msgType><scope>Public</scope>"
        f"{refs}{infos}</alert>"
    )


def hue_alert(identifier: str, **options: str) -> bytes:
    """Return a flood warning for Kim Long (Huế) as a CAP document."""
    return alert_xml(identifier, info_xml(area_xml([KIM_LONG], "Kim Long")), **options).encode()


def alaska_alert(identifier: str, polygons: int = 212, points: int = 400) -> bytes:
    """Return a warning of `polygons` areas of `points` points each, all in Alaska."""
    areas = "".join(
        area_xml([circle_ring((61.0 + 0.02 * n, -150.0 + 0.02 * n), 0.01, points)], f"Zone {n}")
        for n in range(polygons)
    )
    return alert_xml(identifier, info_xml(areas, event="Flood Warning")).encode()


def reference(identifier: str, sent: str = SENT, sender: str = SENDER) -> str:
    """Return one 'sender,identifier,sent' triple."""
    return f"{sender},{identifier},{sent}"
