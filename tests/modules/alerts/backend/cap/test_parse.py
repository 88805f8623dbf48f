"""Tests of hue_s/modules/alerts/backend/cap/parse.py and values.py: lenient, refusing the
unusable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from hue_s.modules.alerts.backend.cap.parse import parse_alert
from hue_s.modules.alerts.backend.cap.safe_xml import CapError
from hue_s.modules.alerts.backend.cap.values import (
    format_cap_time,
    parse_cap_time,
    parse_polygon,
    parse_references,
)

from ..helpers import cap_sample

CAP12 = "urn:oasis:names:tc:emergency:cap:1.2"


def alert_of(xml: str) -> etree._Element:
    """Parse a test document (trusted, written here)."""
    return etree.fromstring(xml.encode("utf-8"))


def minimal(body: str, namespace: str = CAP12) -> str:
    """Return an alert with the given children."""
    return f'<alert xmlns="{namespace}">{body}</alert>'


ENVELOPE = (
    "<identifier>HUE-1</identifier><sender>hueioc@hue.gov.vn</sender>"
    "<sent>2025-11-17T08:00:00+07:00</sent><status>Actual</status><msgType>Alert</msgType>"
    "<scope>Public</scope>"
)
INFO = (
    "<info><category>Met</category><event>Lũ</event><urgency>Immediate</urgency>"
    "<severity>Severe</severity><certainty>Observed</certainty>"
    "<area><areaDesc>Phú Xuân</areaDesc>"
    "<polygon>16.47,107.57 16.47,107.60 16.45,107.60 16.45,107.57 16.47,107.57</polygon>"
    "<circle>16.46,107.58 2.5</circle>"
    "<geocode><valueName>vn-dvhc-2025</valueName><value>19753</value></geocode></area></info>"
)


def test_reads_every_field_of_a_real_cap12_alert() -> None:
    alert = parse_alert(etree.fromstring(cap_sample("google-cap-library/canada.cap")))
    assert (alert.identifier, alert.sender, alert.version) == (
        "2.49.0.1.124.6bddbc91.2012",
        "cap@ec.gc.ca",
        "1.2",
    )
    assert (alert.status, alert.msg_type, alert.scope) == ("Actual", "Update", "Public")
    assert alert.sent == datetime(2012, 5, 2, 23, 21, 4, tzinfo=UTC)
    assert [info.language for info in alert.infos] == ["en-CA", "fr-CA"]
    assert alert.area_count == 4
    assert alert.references[0].sender == "cap@ec.gc.ca"
    first = alert.infos[0]
    assert (first.urgency, first.severity, first.certainty) == ("Past", "Minor", "Observed")
    assert first.areas[0].polygons[0][0] == pytest.approx((42.3481, -82.9314))
    assert first.areas[0].geocodes[:2] == [
        ("layer:EC-MSC-SMC:1.0:CLC", "041420"),
        ("profile:CAP-CP:Location:0.3", "3537001"),
    ]
    assert "<identifier>2.49.0.1.124.6bddbc91.2012</identifier>" in alert.raw_xml


def test_cap11_in_another_encoding_is_read() -> None:
    alert = parse_alert(etree.fromstring(cap_sample("google-cap-library/earthquake_signed.cap")))
    assert alert.version == "1.1"
    assert alert.infos[0].event == "Earthquake"


def test_elements_out_of_order_and_foreign_ones_are_accepted() -> None:
    shuffled = (
        "<scope>Public</scope><x:extra xmlns:x='urn:other'>ignored</x:extra>"
        + INFO
        + "<msgType>alert</msgType><status>ACTUAL</status><sent>2025-11-17T08:00:00Z</sent>"
        "<sender>hueioc@hue.gov.vn</sender><identifier>HUE-2</identifier>"
    )
    alert = parse_alert(alert_of(minimal(shuffled)))
    assert (alert.identifier, alert.status, alert.msg_type) == ("HUE-2", "Actual", "Alert")
    area = alert.infos[0].areas[0]
    assert area.circles[0].radius_km == 2.5
    assert area.geocodes == [("vn-dvhc-2025", "19753")]


def test_missing_optional_fields_get_defaults_and_odd_values_read_as_unknown() -> None:
    info = "<info><event>Lũ</event><urgency></urgency><severity>Bad</severity></info>"
    alert = parse_alert(alert_of(minimal(ENVELOPE + info)))
    parsed = alert.infos[0]
    assert (parsed.language, parsed.categories) == ("en-US", [])  # category: not guessed
    assert (parsed.urgency, parsed.severity, parsed.certainty) == ("Unknown", "Unknown", None)
    assert len(alert.warnings) == 3


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (ENVELOPE.replace("<scope>Public</scope>", "") + INFO, "missing_field"),
        (ENVELOPE.replace("HUE-1", "HUE, 1") + INFO, "invalid_field"),
        (ENVELOPE.replace("2025-11-17T08:00:00+07:00", "yesterday") + INFO, "invalid_field"),
        (ENVELOPE.replace("Actual", "Real") + INFO, "invalid_field"),
        (ENVELOPE, "missing_info"),
        (ENVELOPE.replace(">Alert<", ">Cancel<"), "missing_references"),
        (ENVELOPE + "<info><urgency>Immediate</urgency></info>", "missing_field"),
    ],
)
def test_unusable_alerts_are_refused_with_a_stable_code(body: str, code: str) -> None:
    with pytest.raises(CapError) as refused:
        parse_alert(alert_of(minimal(body)))
    assert refused.value.code == code
    assert refused.value.message.startswith("Refused")


def test_a_wrong_namespace_is_refused() -> None:
    bad = etree.fromstring(cap_sample("capparselib/invalid_xmlns.cap"))
    with pytest.raises(CapError) as refused:
        parse_alert(bad)
    assert refused.value.code == "bad_namespace"
    assert "urn:oasis:names:tc:emergency:alerts:1.2" in refused.value.message


def test_a_cancel_needs_no_info_but_references() -> None:
    alert = parse_alert(etree.fromstring(cap_sample("capparselib/no_info_tag.cap")))
    assert (alert.msg_type, alert.infos) == ("Cancel", [])
    assert alert.references[0].identifier == "1017033100951096-517189320160225203219800"
    assert alert.references[0].sent == datetime(
        2016, 2, 25, 12, 32, 19, tzinfo=timezone(timedelta(hours=-8))
    )


def test_broken_polygons_are_dropped_or_repaired() -> None:
    alert = parse_alert(etree.fromstring(cap_sample("google-cap-library/noaa_errors.cap")))
    polygons = alert.infos[0].areas[0].polygons
    assert len(polygons) == 1  # the empty second polygon is gone; trailing commas tolerated
    assert polygons[0][0] == polygons[0][-1]
    assert parse_polygon("16.4,107.5 16.5,107.6") is None
    assert parse_polygon("(16.4,107.5) 16.5,107.6 16.4,107.7") == [
        (16.4, 107.5), (16.5, 107.6), (16.4, 107.7), (16.4, 107.5),
    ]  # fmt: skip


def test_times_keep_their_offset_and_write_utc_as_minus_zero() -> None:
    moment = parse_cap_time("2025-11-17T08:00:00+07:00")
    assert moment is not None and moment.utcoffset() == timedelta(hours=7)
    assert format_cap_time(moment) == "2025-11-17T08:00:00+07:00"
    assert format_cap_time(datetime(2025, 11, 17, 1, 0, 0, 123, tzinfo=UTC)) == (
        "2025-11-17T01:00:00-00:00"
    )
    assert parse_cap_time("not a time") is None
    assert [ref.identifier for ref in parse_references("a,b,2025-01-01T00:00:00Z junk c,d")] == [
        "b",
        "d",
    ]
