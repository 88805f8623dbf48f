"""The question of who may see a report is asked positively, in both languages."""

from __future__ import annotations

from hue_s.modules.incidents.backend.open311.definitions import common_attributes


def test_who_may_see_a_report_is_asked_without_a_double_negative() -> None:
    private = next(a for a in common_attributes(None) if a["code"] == "private")
    assert private["description_vi"] == "Ai được xem phản ánh này?"
    assert private["description_en"] == "Who may see this report?"
    answers = {value["key"]: value["name_vi"] for value in private["values"]}
    # The keys Open311 clients send stay: private=yes keeps a report off the public lists.
    assert answers == {
        "no": "Mọi người: phản ánh công khai (mặc định)",
        "yes": "Chỉ tôi và cán bộ phường, xã",
    }
    assert not any("Không" in text for text in (private["description_vi"], *answers.values()))
