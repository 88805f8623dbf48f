"""Tests of the wire models: lenient responses, strict requests."""

from __future__ import annotations

import pytest
from pydantic import Field, ValidationError

from hue_s.app.api.models import City, LatLon, Meta, RequestModel, ResponseModel, Ward

from ..samples import META, WARD_PHU_XUAN


def test_meta_parses_the_contract_example() -> None:
    meta = Meta.model_validate(META)
    assert meta.city == City(code="46", name="Thành phố Huế", name_en="Huế City")
    assert meta.version == "0.1.0"


def test_ward_optional_fields_may_be_missing_or_null() -> None:
    ward = Ward.model_validate(
        {"code": "19900", "name": "Phường Thuận An", "kind": "ward", "name_en": None}
    )
    assert ward.area_km2 is None and ward.centroid is None and ward.geometry is None


def test_ward_needs_code_name_and_kind() -> None:
    with pytest.raises(ValidationError):
        Ward.model_validate({"name": "Phường Phú Xuân"})


def test_response_models_keep_unknown_fields() -> None:
    ward = Ward.model_validate({**WARD_PHU_XUAN, "old_units": ["19753", "19756"]})
    assert ward.model_extra == {"old_units": ["19753", "19756"]}


def test_request_models_reject_unknown_fields() -> None:
    class Draft(RequestModel):
        description: str = Field(description="What is wrong.")

    with pytest.raises(ValidationError):
        Draft.model_validate({"description": "Ổ gà", "surprise": 1})


def test_every_field_is_described() -> None:
    for model in (City, LatLon, Meta, Ward):
        assert issubclass(model, ResponseModel)
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
