"""The operator's form: bad input is explained in Vietnamese and nothing typed is lost."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hue_s.app.api.models.wards import Ward
from hue_s.app.i18n import I18n
from hue_s.app.modules.alerts.models import AlertDraft
from hue_s.app.modules.alerts.operator_form import OperatorForm

from .doubles import KIM_LONG, PHU_XUAN, make_alert

WARDS = [
    Ward(code=PHU_XUAN, name="Phú Xuân", full_name="Phường Phú Xuân", kind="ward"),
    Ward(code=KIM_LONG, name="Kim Long", full_name="Phường Kim Long", kind="ward"),
]


async def never(draft: AlertDraft, editing: int | None) -> Any:
    raise AssertionError("nothing is sent in these tests")


def form() -> OperatorForm:
    i18n = I18n("vi")
    ctx: Any = SimpleNamespace(_=i18n.gettext, i18n=i18n)
    return OperatorForm(ctx, WARDS, never)


def test_missing_wards_or_headline_are_explained_and_the_text_stays() -> None:
    operator = form()
    operator.instruction.value = "Di chuyển lên chỗ cao."
    assert operator.draft() == "Hãy chọn ít nhất một phường, xã."
    operator.picker.set_selected({KIM_LONG})
    assert operator.draft() == "Hãy viết tiêu đề."
    assert operator.instruction.value == "Di chuyển lên chỗ cao."
    assert operator.event.value == "Lũ"


def test_a_complete_form_is_a_flood_warning_for_the_chosen_wards() -> None:
    operator = form()
    operator.picker.set_selected({PHU_XUAN, KIM_LONG})
    operator.headline.value = "  Lũ trên sông Hương  "
    draft = operator.draft()
    assert isinstance(draft, AlertDraft)
    assert draft.ward_codes == sorted([PHU_XUAN, KIM_LONG])
    assert (draft.event, draft.headline, draft.severity) == ("Lũ", "Lũ trên sông Hương", "Severe")
    assert draft.language == "vi-VN" and draft.expires.tzinfo is not None


def test_editing_loads_an_issued_alert_for_its_update() -> None:
    operator = form()
    operator.edit(make_alert(7, wards=(KIM_LONG,), severity="Extreme", headline="Lũ lớn"))
    assert operator.editing == 7 and operator.picker.selected == {KIM_LONG}
    assert (operator.headline.value, operator.severity.value) == ("Lũ lớn", "Extreme")
    operator.reset()
    assert operator.editing is None and operator.picker.selected == set()
