"""GeoReport service definitions: each service's own attributes plus the common ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from hue_s.backend.kernel.models import Ward
from hue_s.modules.incidents.backend.models import IncidentService

URGENCY_NAMES = {
    "high": ("Khẩn cấp", "Urgent"),
    "normal": ("Bình thường", "Normal"),
    "low": ("Không gấp", "Not urgent"),
}
YES_NO = [
    {"key": "yes", "name_vi": "Có", "name_en": "Yes"},
    {"key": "no", "name_vi": "Không", "name_en": "No"},
]

WHO_SEES = [
    {
        "key": "no",
        "name_vi": "Mọi người: phản ánh công khai (mặc định)",
        "name_en": "Everyone: a public report (the default)",
    },
    {
        "key": "yes",
        "name_vi": "Chỉ tôi và cán bộ phường, xã",
        "name_en": "Only me and the ward's staff",
    },
]
"""The answers of `private` (its keys stay: Open311 clients send private=yes)."""


def ward_choices(session: Session) -> list[Ward]:
    """Return the wards by code, with only the columns a choice list needs."""
    query = select(Ward).options(load_only(Ward.code, Ward.full_name, Ward.name_en))
    return list(session.scalars(query.order_by(Ward.code)))


def ward_attribute(wards: list[Ward] | None) -> dict[str, Any]:
    """Return the ward_code attribute: a choice among the wards, or a plain code to check."""
    attribute: dict[str, Any] = {
        "code": "ward_code",
        "datatype": "string" if wards is None else "singlevaluelist",
        "required": False,
        "order": 2,
        "description_vi": "Phường, xã nơi xảy ra (bắt buộc nếu không có vị trí lat/long)",
        "description_en": "Ward or commune where it is (required without lat/long)",
    }
    if wards is not None:
        attribute["values"] = [
            {"key": ward.code, "name_vi": ward.full_name, "name_en": ward.name_en} for ward in wards
        ]
    return attribute


def common_attributes(wards: list[Ward] | None) -> list[dict[str, Any]]:
    """Return the attributes every service has: urgency, ward, privacy choices."""
    return [
        {
            "code": "urgency",
            "datatype": "singlevaluelist",
            "required": False,
            "order": 1,
            "description_vi": "Mức độ khẩn cấp (mặc định: bình thường)",
            "description_en": "How urgent it is (default: normal)",
            "values": [
                {"key": key, "name_vi": vi, "name_en": en}
                for key, (vi, en) in URGENCY_NAMES.items()
            ],
        },
        ward_attribute(wards),
        {
            "code": "hide_name",
            "datatype": "singlevaluelist",
            "required": False,
            "order": 3,
            "description_vi": "Ẩn tên người phản ánh",
            "description_en": "Hide my name",
            "values": YES_NO,
        },
        {
            "code": "private",
            "datatype": "singlevaluelist",
            "required": False,
            "order": 4,
            # Asked positively: "Do not publish: yes/no" beside "hide my name" was a riddle.
            "description_vi": "Ai được xem phản ánh này?",
            "description_en": "Who may see this report?",
            "values": WHO_SEES,
        },
    ]


def attribute_definitions(
    service: IncidentService, wards: list[Ward] | None
) -> list[dict[str, Any]]:
    """Return every attribute definition of a service (texts in vi and en), in order.

    Without wards, ward_code is a plain string (checked when the report is routed).
    """
    definitions = common_attributes(wards) + list(service.attributes)
    return sorted(definitions, key=lambda definition: definition["order"])


def attribute_record(definition: dict[str, Any], language: str) -> dict[str, Any]:
    """Return the GeoReport record of one attribute in one language."""
    record: dict[str, Any] = {
        "variable": True,
        "code": definition["code"],
        "datatype": definition["datatype"],
        "required": definition["required"],
        "datatype_description": None,
        "order": definition["order"],
        "description": definition[f"description_{language}"],
    }
    if "values" in definition:
        record["values"] = [
            {"key": value["key"], "name": value[f"name_{language}"]}
            for value in definition["values"]
        ]
    return record


def definition_record(service: IncidentService, wards: list[Ward], language: str) -> dict[str, Any]:
    """Return the GeoReport service definition of a service."""
    return {
        "service_code": service.code,
        "attributes": [
            attribute_record(definition, language)
            for definition in attribute_definitions(service, wards)
        ],
    }
