"""Birth registration and residence forms with conditional questions and repeating groups.

Birth registration (Tờ khai đăng ký khai sinh, Thông tư 04/2020/TT-BTP; Luật Hộ tịch art. 16):
where the child was born decides the proof (a health facility's birth notice and its number, or
a witness's statement or a sworn statement), the parents are one or two people with the same
questions (the form's mother and father parts; the father's is left empty when he is not
known), and certified extracts asked for come with their number. Residence (mẫu CT01,
Thông tư 66/2023/TT-BCA): the household members who change residence with the declarant, as
CT01's table lists them. Why these: migrations/SOURCES.md. The forms are frozen here; the
previous ones come back on downgrade.

Revision ID: services_0006
Revises: services_0005
Create Date: 2026-12-05 06:45:00
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "services_0006"
down_revision: str | None = "services_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def text(vi: str, en: str) -> dict[str, str]:
    """Return a text in both languages."""
    return {"vi": vi, "en": en}


def option(value: str, vi: str, en: str) -> dict[str, Any]:
    """Return one answer of a choice."""
    return {"value": value, "label": text(vi, en)}


SEX = [option("female", "Nữ", "Female"), option("male", "Nam", "Male")]
BIRTH: dict[str, Any] = {
    "fields": [
        {"name": "child_full_name", "kind": "text", "required": True, "max_length": 100,
         "label": text("Họ, chữ đệm và tên của trẻ", "Child's full name")},
        {"name": "child_birth_date", "kind": "date", "required": True,
         "label": text("Ngày sinh", "Date of birth")},
        {"name": "child_sex", "kind": "choice", "required": True, "options": SEX,
         "label": text("Giới tính", "Sex")},
        {"name": "birth_place_kind", "kind": "choice", "required": True,
         "label": text("Trẻ sinh tại", "The child was born"),
         "options": [
             option("health_facility", "Cơ sở y tế", "At a health facility"),
             option("elsewhere", "Nơi khác (tại nhà, trên đường…)",
                    "Elsewhere (at home, on the way…)"),
         ]},
        {"name": "birth_place", "kind": "text", "required": True, "max_length": 200,
         "label": text("Nơi sinh (tên cơ sở y tế hoặc địa chỉ)",
                       "Place of birth (the facility's name or an address)")},
        {"name": "birth_notice_number", "kind": "text", "required": True, "max_length": 30,
         "label": text("Số Giấy chứng sinh", "Birth notice number"),
         "shown_when": {"field": "birth_place_kind", "equals": ["health_facility"]}},
        {"name": "birth_proof", "kind": "choice", "required": True,
         "label": text("Giấy tờ thay Giấy chứng sinh", "Instead of a birth notice"),
         "shown_when": {"field": "birth_place_kind", "equals": ["elsewhere"]},
         "options": [
             option("witness", "Văn bản của người làm chứng", "A witness's statement"),
             option("pledge", "Giấy cam đoan về việc sinh", "A sworn statement of the birth"),
         ]},
        {"name": "parents", "kind": "group", "min_items": 1, "max_items": 2,
         "label": text("Cha, mẹ của trẻ", "The child's parents"),
         "item_label": text("Cha hoặc mẹ", "Parent"),
         "fields": [
             {"name": "role", "kind": "choice", "required": True,
              "label": text("Là", "Is the"),
              "options": [option("mother", "Mẹ", "Mother"), option("father", "Cha", "Father")]},
             {"name": "full_name", "kind": "text", "required": True, "max_length": 100,
              "label": text("Họ, chữ đệm và tên", "Full name")},
             {"name": "birth_year", "kind": "number", "required": True,
              "minimum": 1900, "maximum": 2100, "label": text("Năm sinh", "Year of birth")},
             {"name": "ethnicity", "kind": "text", "max_length": 30,
              "label": text("Dân tộc", "Ethnicity")},
             {"name": "residence", "kind": "text", "max_length": 200,
              "label": text("Nơi cư trú", "Place of residence")},
         ]},
        {"name": "relationship", "kind": "choice", "required": True,
         "label": text("Quan hệ với trẻ", "Your relationship to the child"),
         "options": [
             option("mother", "Mẹ", "Mother"), option("father", "Cha", "Father"),
             option("other", "Người thân khác", "Another relative"),
         ]},
        {"name": "extracts_wanted", "kind": "choice",
         "label": text("Đề nghị cấp bản sao trích lục", "Certified extracts wanted"),
         "options": [option("yes", "Có", "Yes"), option("no", "Không", "No")]},
        {"name": "extracts", "kind": "number", "required": True, "minimum": 1, "maximum": 10,
         "label": text("Số bản sao", "Number of extracts"),
         "shown_when": {"field": "extracts_wanted", "equals": ["yes"]}},
    ]
}  # fmt: skip
RESIDENCE_MEMBERS: dict[str, Any] = {
    "name": "members", "kind": "group", "min_items": 0, "max_items": 10,
    "label": text("Thành viên hộ gia đình cùng thay đổi", "Household members moving with you"),
    "item_label": text("Thành viên", "Member"),
    "fields": [
        {"name": "full_name", "kind": "text", "required": True, "max_length": 100,
         "label": text("Họ, chữ đệm và tên", "Full name")},
        {"name": "birth_date", "kind": "date", "required": True,
         "label": text("Ngày sinh", "Date of birth")},
        {"name": "sex", "kind": "choice", "required": True, "options": SEX,
         "label": text("Giới tính", "Sex")},
        {"name": "id_number", "kind": "text", "max_length": 12,
         "label": text("Số định danh cá nhân", "Personal identification number")},
        {"name": "relation_to_head", "kind": "text", "required": True, "max_length": 30,
         "label": text("Quan hệ với chủ hộ", "Relationship to the household head")},
    ],
}  # fmt: skip
PARTS = sa.table(
    "services_catalogue_parts",
    sa.column("kind", sa.String),
    sa.column("code", sa.String),
    sa.column("document", sa.JSON),
)


def form_of(code: str) -> dict[str, Any]:
    """Return the stored form with this code."""
    query = sa.select(PARTS.c.document).where(PARTS.c.kind == "form", PARTS.c.code == code)
    document: dict[str, Any] = op.get_bind().execute(query).scalar_one()
    return document


def put_form(code: str, document: dict[str, Any]) -> None:
    """Store a form under its code."""
    op.execute(
        PARTS.update().where(PARTS.c.kind == "form", PARTS.c.code == code).values(document=document)
    )


def upgrade() -> None:
    """Store the birth form anew; add the household members to the residence form."""
    put_form("birth", BIRTH)
    residence = form_of("residence")
    kept = [field for field in residence["fields"] if field["name"] != "members"]
    put_form("residence", {**residence, "fields": [*kept, RESIDENCE_MEMBERS]})


def downgrade() -> None:
    """Put back the forms of services_0001."""
    import json
    from pathlib import Path

    frozen = Path(__file__).with_name("services_0001_procedures.json")
    forms = json.loads(frozen.read_text(encoding="utf-8"))["forms"]
    put_form("birth", forms["birth"])
    put_form("residence", forms["residence"])
