"""Sample payloads of the backend contract, shared by the client tests."""

from typing import Any

WARD_PHU_XUAN: dict[str, Any] = {
    "code": "19753",
    "name": "Phường Phú Xuân",
    "name_en": "Phu Xuan Ward",
    "kind": "ward",
    "area_km2": 12.3,
    "centroid": {"lat": 16.4698, "lon": 107.5786},
}

WARD_PHONG_DIEN: dict[str, Any] = {
    "code": "19819",
    "name": "Phường Phong Điền",
    "name_en": "Phong Dien Ward",
    "kind": "ward",
    "area_km2": 201.95,
    "centroid": {"lat": 16.5712, "lon": 107.3389},
}

META: dict[str, Any] = {
    "city": {"code": "46", "name": "Thành phố Huế", "name_en": "Huế City"},
    "version": "0.1.0",
    "modules": ["incidents", "alerts"],
}


def error_body(code: str, message: str) -> dict[str, Any]:
    """Return the backend's error body."""
    return {"error": {"code": code, "message": message}}
