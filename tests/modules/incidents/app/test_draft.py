"""IncidentDraft: what stops a report, and the GeoReport form it becomes."""

from __future__ import annotations

from datetime import datetime

from hue_s.modules.incidents.app.draft import WHERE_MISSING, DraftPhoto, GeoPoint, IncidentDraft

POINT = GeoPoint(lat=16.4637, lon=107.5909)


def test_an_empty_draft_says_everything_it_lacks() -> None:
    problems = IncidentDraft().problems()
    assert "Choose what kind of problem it is." in problems
    assert "Describe the problem in a few words." in problems
    assert WHERE_MISSING in problems


def test_a_ward_needs_a_street_or_landmark_and_a_point_is_enough() -> None:
    base = IncidentDraft(service_code="waste", description="Rác chưa thu gom 3 ngày")
    assert base.model_copy(update={"ward_code": "19753"}).problems() == [WHERE_MISSING]
    assert (
        base.model_copy(update={"ward_code": "19753", "landmark": "Chợ Đông Ba"}).problems() == []
    )
    assert base.model_copy(update={"point": POINT}).problems() == []


def test_the_form_has_the_point_or_the_ward_and_address() -> None:
    at_point = IncidentDraft(
        service_code="road_pothole", description=" Ổ gà ", point=POINT, hide_name=True
    )
    assert at_point.form_fields() == {
        "service_code": "road_pothole",
        "description": "Ổ gà",
        "lat": "16.4637000",
        "long": "107.5909000",
        "attribute[hide_name]": "yes",
    }
    in_words = IncidentDraft(
        service_code="waste", description="Rác", ward_code="19753", street="12 Lê Lợi", landmark=""
    )
    assert in_words.form_fields() == {
        "service_code": "waste",
        "description": "Rác",
        "attribute[ward_code]": "19753",
        "address_string": "12 Lê Lợi",
    }


def test_photos_become_media_files_and_suggest_their_place() -> None:
    photo = DraftPhoto.from_jpeg(b"\xff\xd8x", width=1, height=1, original_bytes=50, place=POINT)
    draft = IncidentDraft(photos=[photo, photo])
    assert [name for name, _file in draft.media_files()] == ["media", "media"]
    assert draft.media_files()[1][1] == ("photo-2.jpg", b"\xff\xd8x", "image/jpeg")
    assert draft.upload_bytes() == 6 and draft.photo_place() == POINT


def test_each_photo_sends_where_and_when_it_was_taken_by_its_position() -> None:
    taken = datetime(2026, 11, 26, 8, 30)
    located = DraftPhoto.from_jpeg(
        b"\xff\xd8x", width=1, height=1, original_bytes=50, place=POINT, taken_at=taken
    )
    bare = DraftPhoto.from_jpeg(b"\xff\xd8x", width=1, height=1, original_bytes=50, place=None)
    fields = IncidentDraft(service_code="waste", description="Rác", photos=[bare, located])
    sent = fields.form_fields()
    assert sent["media_taken_at[1]"] == "2026-11-26T08:30:00"
    assert (
        sent["media_lat[1]"] == f"{POINT.lat:.7f}" and sent["media_long[1]"] == f"{POINT.lon:.7f}"
    )
    assert not any(name.endswith("[0]") for name in sent), "the bare photo sends nothing"


def test_a_stored_draft_reads_back_the_same() -> None:
    photo = DraftPhoto.from_jpeg(b"\xff\xd8x", width=1, height=1, original_bytes=50, place=None)
    draft = IncidentDraft(service_code="waste", description="Rác", photos=[photo])
    again = IncidentDraft.model_validate(draft.model_dump(mode="json"))
    assert again == draft and again.client_id == draft.client_id
