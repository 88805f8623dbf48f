"""The iCalendar reader: unfolding, escaping, zones, all-day dates, durations, bad events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hue_s.modules.tourism.backend.ical import HUE_ZONE, parse_line, read_events

CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hue//Festival//VI\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:festival-2026-open@hue\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20261210T193000\r\n"
    "DTEND;TZID=Asia/Ho_Chi_Minh:20261210T220000\r\n"
    "SUMMARY:Khai mạc Festival Huế\\, đêm hoàng cung\r\n"
    "LOCATION:Đại Nội\\, Huế\r\nSTATUS:CONFIRMED\r\n"
    'ORGANIZER;CN="Trung tâm Bảo tồn Di tích Cố đô Huế":mailto:info@hue.example\r\n'
    "DESCRIPTION:Dòng một\\nDòng hai rất dài được gấp\r\n  lại theo RFC 5545\r\n"
    "X-PRICE:200000 VND\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:not the event's\r\nTRIGGER:-PT15M\r\n"
    "END:VALARM\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:market-night@hue\r\nDTSTART;VALUE=DATE:20261212\r\nDURATION:P1D\r\n"
    "SUMMARY:Chợ đêm\r\nSTATUS:TENTATIVE\r\nORGANIZER:mailto:cho@hue.example\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:no-start@hue\r\nSUMMARY:Không có giờ\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:utc@hue\r\nDTSTART:20261220T010000Z\r\nDTEND:20261220T030000Z\r\n"
    "SUMMARY:Cancelled concert\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_a_calendar_gives_its_events_as_schema_org_fields() -> None:
    events, skipped = read_events(CALENDAR)
    assert skipped == 1  # no DTSTART
    opening, market, concert = events
    assert opening.name == "Khai mạc Festival Huế, đêm hoàng cung"
    assert opening.start == datetime(2026, 12, 10, 12, 30, tzinfo=UTC)
    assert opening.end == datetime(2026, 12, 10, 15, 0, tzinfo=UTC)
    assert opening.place == "Đại Nội, Huế"
    assert opening.status == "scheduled"
    assert opening.organizer == "Trung tâm Bảo tồn Di tích Cố đô Huế"
    assert opening.price == "200000 VND"
    assert opening.description == "Dòng một\nDòng hai rất dài được gấp lại theo RFC 5545"
    assert market.start == datetime(2026, 12, 12, tzinfo=HUE_ZONE)
    assert market.end == market.start + timedelta(days=1)
    assert (market.status, market.organizer) == ("tentative", "cho@hue.example")
    assert concert.status == "cancelled" and concert.start.hour == 1


def test_plain_line_breaks_and_a_floating_time_are_read_as_hue_time() -> None:
    text = (
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261224T200000\nSUMMARY:Đêm\n\t nhạc\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    (event,), skipped = read_events(text)
    assert skipped == 0 and event.name == "Đêm nhạc"
    assert event.start == datetime(2026, 12, 24, 13, 0, tzinfo=UTC)
    assert event.uid == f"Đêm nhạc@{event.start.isoformat()}"


def test_an_event_ending_before_it_starts_or_with_a_bad_date_is_skipped() -> None:
    text = (
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261224T200000\nDTEND:20261224T100000\n"
        "SUMMARY:x\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:2026-12-24\nSUMMARY:y\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    assert read_events(text) == ([], 2)


def test_a_quoted_parameter_may_hold_a_colon() -> None:
    line = parse_line('ORGANIZER;CN="Sở: Du lịch";ROLE=CHAIR:mailto:a@b.vn')
    assert line.params == {"CN": "Sở: Du lịch", "ROLE": "CHAIR"}
    assert line.value == "mailto:a@b.vn"


def test_text_that_is_no_calendar_is_refused() -> None:
    with pytest.raises(ValueError, match="not an iCalendar"):
        read_events("SUMMARY:hello\nDTSTART:20261224T200000\n")
