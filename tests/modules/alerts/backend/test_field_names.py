"""CAP info and area fields bear the same names in the record, the tables and the API JSON."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import inspect

from hue_s.modules.alerts.backend.cap.record import CapArea, CapInfo
from hue_s.modules.alerts.backend.models import AlertArea, AlertInfo
from hue_s.modules.alerts.backend.schemas import AreaOut, InfoOut

ROW_ONLY = {
    "id", "alert_id", "info_id", "position", "min_lat", "min_lon", "max_lat", "max_lon",
    "outline", "time_texts",
}  # fmt: skip
"""Columns that are not CAP fields: keys, order, the bounding box, the list outline and the
times as the sender wrote them."""


def test_info_fields_are_columns_and_json_keys() -> None:
    """Every CapInfo field is an alert_infos column (but areas) and an InfoOut key."""
    names = {field.name for field in fields(CapInfo)}
    assert set(inspect(AlertInfo).columns.keys()) - ROW_ONLY == names - {"areas"}
    assert set(InfoOut.model_fields) == names


def test_area_fields_are_columns_and_json_keys() -> None:
    """Every CapArea field is an alert_areas column and an AreaOut key."""
    names = {field.name for field in fields(CapArea)}
    assert set(inspect(AlertArea).columns.keys()) - ROW_ONLY == names
    assert set(AreaOut.model_fields) == names
