"""The app's screens against the real backend: answering (a second time refused in words),
a closed survey's chart, the ideas as the public sees them; every word translated."""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import httpx
import pytest
from fastapi import FastAPI
from surveys_world import WARD

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store

BASE = "http://hue-s.test"
PACKAGE = Path(__file__).resolve().parents[1] / "hue_s_surveys"
QUESTIONS = [
    {"name": "bus", "kind": "single", "label": "Bạn có đi xe buýt không?",
     "options": ["Có", "Không"]},
    {"name": "stars", "kind": "scale", "label": "Bạn chấm mấy điểm?"},
]  # fmt: skip


class Page:
    """Stands in for ft.Page: records the routes pushed."""

    web = True
    route = "/"

    def __init__(self) -> None:
        """Start with no navigation."""
        self.routes: list[str] = []

    async def push_route(self, route: str) -> None:
        """Record a navigation."""
        self.routes.append(route)


def walk(control: Any) -> list[Any]:
    """Return a control and every control inside it."""
    found = [control]
    for name in ("controls", "content", "title", "subtitle"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += walk(child)
    return found


def texts(control: Any) -> list[str]:
    """Return every text shown inside a control."""
    return [c.value for c in walk(control) if isinstance(c, ft.Text) and c.value]


def keyed(control: Any, key: str) -> Any:
    """Return the control with this key inside a control."""
    return next(c for c in walk(control) if getattr(c, "key", None) == key)


@pytest.fixture
async def ctx(app: FastAPI, people: Any, tmp_path: Path) -> AsyncIterator[AppContext]:
    """An's app session, in Vietnamese, talking to the test backend in-process."""
    transport = httpx.ASGITransport(app=app)
    async with HueClient(BASE, transport=transport, headers=people["an"]) as api:
        with Store(tmp_path / "state.sqlite3") as store:
            config = AppConfig(kiosk=False, data_dir=tmp_path)
            services = AppServices(config, Registry(), store, BASE)
            settings = load_settings(store, "phone-1", language="vi")
            page: Any = Page()
            context = AppContext(
                page=page, services=services, device_id="phone-1", settings=settings,
                i18n=I18n("vi"), api=api, credentials=Credentials(),
            )  # fmt: skip
            context.session.role = "citizen"
            yield context


async def test_answering_twice_is_refused_in_words_then_the_chart_shows_the_counts(
    ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    from hue_s_surveys.app.surveys import build_survey

    made = await client.post("/api/v1/surveys", headers=people["operator"],
                             json={"title": "Xe buýt", "questions": QUESTIONS})  # fmt: skip
    survey = str(made.json()["id"])
    first = await build_survey(ctx, {"id": survey})
    keyed(first, "survey-bus").value = "Có"
    keyed(first, "survey-stars").value = "4"
    again = await build_survey(ctx, {"id": survey})  # the same form, opened on two tabs
    keyed(again, "survey-bus").value = "Không"
    keyed(again, "survey-stars").value = "1"
    await keyed(first, "survey-send").on_click(None)
    assert keyed(first, "survey-problem").value == ""
    await keyed(again, "survey-send").on_click(None)
    refused = keyed(again, "survey-problem").value
    assert refused == "Bạn đã trả lời khảo sát này rồi: mỗi người chỉ trả lời một lần."
    assert "Cảm ơn bạn: câu trả lời của bạn đã được ghi nhận." in texts(
        await build_survey(ctx, {"id": survey})
    )
    for name, bus in (("binh", "Có"), ("chi", "Không")):
        body = {"answers": {"bus": [bus], "stars": ["5"]}}
        await client.post(f"/api/v1/surveys/{survey}/answers", json=body, headers=people[name])
    await client.post(f"/api/v1/surveys/{survey}/close", headers=people["operator"])
    shown = texts(await build_survey(ctx, {"id": survey}))
    assert "Kết quả: 3 người đã trả lời." in shown
    assert "Có: 2 trên 3 (67%)" in shown and "Không: 1 trên 3 (33%)" in shown
    assert "4: 1 trên 3 (33%)" in shown and "5: 2 trên 3 (67%)" in shown


async def test_ideas_show_a_resident_of_a_ward_and_the_support_count(
    ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    from hue_s_surveys.app.ideas import build_ideas

    idea = {"title": "Thêm ghế đá", "body": "Người già cần chỗ nghỉ.", "ward_code": WARD}
    made = (await client.post("/api/v1/ideas", json=idea, headers=people["binh"])).json()
    page = await build_ideas(ctx, {})
    assert "Người dân · Phường Phú Xuân" in texts(page)
    assert keyed(page, f"idea-{made['id']}-count").value == "0 người ủng hộ"
    await client.post(f"/api/v1/ideas/{made['id']}/support", headers=people["an"])
    stale = keyed(page, f"idea-{made['id']}-support")  # the screen drawn before the support
    await stale.on_click(None)
    problem = keyed(page, f"idea-{made['id']}-problem").value
    assert problem == "Bạn đã ủng hộ ý tưởng này rồi: mỗi người chỉ ủng hộ một lần."


def marked_messages() -> set[str]:
    """Return every message the package marks with N_()."""
    found: set[str] = set()
    for source in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"
                    and node.args and isinstance(node.args[0], ast.Constant)):  # fmt: skip
                found.add(str(node.args[0].value))
    return found


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_message_has_a_translation(language: str) -> None:
    from hue_s_surveys.app.words import DOMAIN, TRANSLATIONS

    i18n = I18n(language)
    missing = [
        message for message in sorted(marked_messages())
        if language == "vi" and i18n.gettext_from(TRANSLATIONS, DOMAIN, message) == message
    ]  # fmt: skip
    assert not missing
    catalog = (TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po").read_text()
    absent = [m for m in marked_messages() if f'msgid "{m}"' not in catalog.replace('\\"', '"')]
    assert not absent


async def test_staff_write_publish_and_close_a_survey_then_hide_an_idea(
    app: FastAPI, ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    from hue_s_surveys.app.publish import build_publish

    assert "Chỉ cán bộ của thành phố mới đăng khảo sát." in texts(await build_publish(ctx, {}))
    ctx.session.role = "officer"
    transport = httpx.ASGITransport(app=app)
    async with HueClient(BASE, transport=transport, headers=people["officer_x"]) as api:
        ctx.api = api
        await staff_journey(ctx, client, people)


async def staff_journey(ctx: AppContext, client: httpx.AsyncClient, people: Any) -> None:
    """Officer X writes, publishes and closes a survey, then hides an idea."""
    from hue_s_surveys.app.ideas import build_ideas
    from hue_s_surveys.app.publish import build_publish
    from hue_s_surveys.app.surveys import build_survey

    writer = await build_publish(ctx, {})
    keyed(writer, "publish-title").value = "Chợ đêm"
    keyed(writer, "publish-question").value = "Bạn có muốn chợ đêm không?"
    keyed(writer, "publish-options").value = "Có\nKhông\n"
    keyed(writer, "publish-add").on_click(None)
    assert texts(keyed(writer, "publish-added")) == ["1. Bạn có muốn chợ đêm không? (Chọn một)"]
    await keyed(writer, "publish-send").on_click(None)
    survey = ctx.page.routes[-1].rsplit("/", 1)[-1]  # type: ignore[attr-defined]  # a Page
    shown = (await client.get(f"/api/v1/surveys/{survey}")).json()
    assert shown["ward_code"] == WARD and shown["questions"][0]["options"] == ["Có", "Không"]
    await keyed(await build_survey(ctx, {"id": survey}), "survey-close").on_click(None)
    assert (await client.get(f"/api/v1/surveys/{survey}")).json()["status"] == "closed"

    idea = {"title": "Thêm đèn đường", "body": "Kiệt 12 tối quá vào ban đêm.", "ward_code": WARD}
    made = (await client.post("/api/v1/ideas", json=idea, headers=people["binh"])).json()
    page = await build_ideas(ctx, {})
    keyed(page, f"idea-{made['id']}-staff-text").value = "Có lời lẽ không phù hợp"
    hide = keyed(page, f"idea-{made['id']}-hide")
    await hide.on_click(SimpleNamespace(control=hide))
    assert (await client.get(f"/api/v1/ideas/{made['id']}")).status_code == 404
    own = (await client.get("/api/v1/ideas", headers=people["binh"])).json()
    assert own[0]["hidden_reason"] == "Có lời lẽ không phù hợp"
