"""The operator's form: bad input is explained in Vietnamese and nothing typed is lost."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hue_s.app.api.models.wards import Ward
from hue_s.app.i18n import I18n
from hue_s.modules.alerts.app.models import AlertDraft, DrawnPolygon
from hue_s.modules.alerts.app.views.area_drawing import drawn_polygon
from hue_s.modules.alerts.app.views.operator_form import OperatorForm

from .doubles import KIM_LONG, PHU_XUAN, make_alert

WARDS = [
    Ward(code=PHU_XUAN, name="Phú Xuân", full_name="Phường Phú Xuân", kind="ward"),
    Ward(code=KIM_LONG, name="Kim Long", full_name="Phường Kim Long", kind="ward"),
]


async def never(draft: AlertDraft, editing: int | None) -> Any:
    raise AssertionError("nothing is sent in these tests")


async def covers_phu_xuan(polygon: DrawnPolygon) -> list[str]:
    return [PHU_XUAN]


def form() -> OperatorForm:
    i18n = I18n("vi")
    page = SimpleNamespace(tasks=[], run_task=lambda *task: page.tasks.append(task))
    ctx: Any = SimpleNamespace(_=i18n.gettext, i18n=i18n, page=page)
    return OperatorForm(ctx, WARDS, never, covers_phu_xuan)


def test_missing_wards_or_headline_are_explained_and_the_text_stays() -> None:
    operator = form()
    operator.instruction.value = "Di chuyển lên chỗ cao."
    assert operator.draft() == "Hãy chọn ít nhất một phường, xã, hoặc vẽ một vùng."
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


CORNERS = [(16.47, 107.57), (16.47, 107.59), (16.48, 107.59)]


def test_a_drawn_area_of_three_corners_is_enough_and_goes_out_closed() -> None:
    operator = form()
    operator.headline.value = "Sạt lở ven sông"
    operator.drawing.value = True
    operator.area.set_corners(CORNERS[:2])
    assert operator.draft() == "Một vùng cần ít nhất 3 góc."
    assert operator.area.summary.value == "2 góc: cần ít nhất 3 góc để thành một vùng."
    operator.area.set_corners(CORNERS)
    operator.area_name.value = " Ven sông Hương "
    draft = operator.draft()
    assert isinstance(draft, AlertDraft) and draft.ward_codes == []
    assert draft.polygon is not None
    assert draft.polygon.coordinates == [[(107.57, 16.47), (107.59, 16.47), (107.59, 16.48),
                                          (107.57, 16.47)]]  # fmt: skip
    assert draft.area_description == "Ven sông Hương"
    operator.drawing.value = False  # the map switched off: the area is not sent
    assert operator.draft() == "Hãy chọn ít nhất một phường, xã, hoặc vẽ một vùng."


def test_the_wards_an_area_covers_are_named() -> None:
    operator = form()
    operator.area.corners = list(CORNERS)
    operator.area.covered = [PHU_XUAN, KIM_LONG]
    operator.area._redraw()
    assert operator.area.summary.value == "3 góc. Vùng này gồm: Phường Phú Xuân, Phường Kim Long"
    assert len(operator.area.shape.polygons) == 1 and len(operator.area.dots.circles) == 3


def test_editing_an_alert_with_a_drawn_area_loads_its_corners() -> None:
    operator = form()
    ring = [[16.47, 107.57], [16.47, 107.59], [16.48, 107.59], [16.47, 107.57]]
    operator.edit(make_alert(8, wards=(KIM_LONG,), polygon=ring))
    assert operator.picker.selected == {KIM_LONG}
    assert operator.drawing.value and operator.area.corners == CORNERS
    assert operator.area_name.value == "Drawn"
    assert len(operator.ctx.page.tasks) == 1  # the covered wards are asked again
    assert drawn_polygon(CORNERS[:2]) is None
