"""The surveys distribution in Chromium, installed as pip installs it: on a phone, a resident
signs in, answers a survey and supports an idea; on a desktop, a closed survey's chart."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import harness
from .accounts_steps import app_server_with, open_sign_in, sign_in_as_citizen
from .conftest import DESKTOP, FIRST_SCREEN_TIMEOUT, PHONE, STEP_TIMEOUT, AppPage

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CITIZEN_PHONE = "0905 123 481"
OPEN_SURVEY = "Xe buýt nội thành Huế"
CLOSED_SURVEY = "Giờ mở cửa chợ Đông Ba"
IDEA = "Thêm ghế đá dọc bờ sông Hương"
SEED = """
import asyncio, sys
from pathlib import Path
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings
from hue_s.testing.backend import asgi_client, sign_in

app = create_app(BackendSettings(data_dir=Path(sys.argv[1])))
app.state.accounts_settings = AccountsSettings.from_environment(Path(sys.argv[1]))
QUESTIONS = [
    {"name": "bus", "kind": "single", "label": "Bạn có đi xe buýt không?",
     "options": ["Có", "Không"]},
    {"name": "stars", "kind": "scale", "label": "Bạn chấm xe buýt mấy điểm?"},
]

async def seed():
    staff, a, b = (sign_in(app, "0905123490", "operator"), sign_in(app, "0905123491"),
                   sign_in(app, "0905123492"))
    async with asgi_client(app) as http:
        closed = await http.post("/api/v1/surveys", headers=staff,
                                 json={"title": sys.argv[3], "questions": QUESTIONS})
        url = f"/api/v1/surveys/{closed.json()['id']}"
        for who, bus, stars in ((a, "Có", "4"), (b, "Không", "2")):
            body = {"answers": {"bus": [bus], "stars": [stars]}}
            (await http.post(url + "/answers", headers=who, json=body)).raise_for_status()
        (await http.post(url + "/close", headers=staff)).raise_for_status()
        (await http.post("/api/v1/surveys", headers=staff,
                         json={"title": sys.argv[2], "questions": QUESTIONS})).raise_for_status()
        idea = {"title": sys.argv[4], "body": "Người già cần chỗ nghỉ chân.", "ward_code": "19753"}
        (await http.post("/api/v1/ideas", headers=a, json=idea)).raise_for_status()

asyncio.run(seed())
"""


@pytest.fixture(scope="module")
def surveys_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The distribution installed (as pip would) into a folder the app's process is given."""
    target = tmp_path_factory.mktemp("surveys-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT / "examples" / "hue-s-surveys")],
        check=True,
    )  # fmt: skip
    return target


@pytest.fixture
def surveys_app(
    browser_available: None, surveys_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[harness.ServerProcess]:
    """The app with the distribution, a survey open, one closed and an idea; a new one for
    each attempt, so a retry does not meet the first attempt's answer."""
    data_dir = tmp_path_factory.mktemp("hue-s-surveys")
    path = os.pathsep.join([str(surveys_site), str(ROOT)])
    server = app_server_with(data_dir, name="hue-s surveys", env={"PYTHONPATH": path})
    try:
        server.start()
    except harness.ServerError as error:
        pytest.fail(str(error), pytrace=False)
    seed = [sys.executable, "-c", SEED, str(data_dir), OPEN_SURVEY, CLOSED_SURVEY, IDEA]
    done = subprocess.run(seed, env=server.env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        server.stop()
        pytest.fail(f"seeding failed: {done.stderr[-2000:]}", pytrace=False)
    yield server
    server.stop()


def new_page(browser: Browser, server: harness.ServerProcess, size: tuple[int, int]) -> AppPage:
    """Open a device of its own at a viewport size."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.set_default_timeout(STEP_TIMEOUT * 1000)
    return AppPage(context.new_page(), server, f"surveys-{size[0]}x{size[1]}")


def test_a_resident_answers_a_survey_and_supports_an_idea(
    browser: Browser, surveys_app: harness.ServerProcess
) -> None:
    phone = new_page(browser, surveys_app, PHONE).goto("/surveys", wait_for="Khảo sát và ý kiến")
    phone.wait_for_text(OPEN_SURVEY, timeout=FIRST_SCREEN_TIMEOUT)
    phone.screenshot("surveys-home-390x844")
    open_sign_in(phone)
    sign_in_as_citizen(phone, CITIZEN_PHONE)
    if phone.path != "/surveys":
        phone.goto("/surveys", wait_for=OPEN_SURVEY)
    phone.click_text(OPEN_SURVEY)
    phone.wait_for_text("Bạn có đi xe buýt không?")
    phone.wait_until(lambda: harness.click_labelled(phone.page, "Có", ("radio",)), "choice 'Có'")
    phone.wait_until(lambda: harness.click_labelled(phone.page, "4", ("radio",)), "point 4")
    phone.screenshot("surveys-answer-390x844")
    phone.click_button("Gửi câu trả lời")
    phone.wait_for_text("Cảm ơn bạn: câu trả lời của bạn đã được ghi nhận.")
    phone.screenshot("surveys-answered-390x844")

    phone.goto("/ideas", wait_for=IDEA)
    assert "0 người ủng hộ" in phone.texts()
    assert "Người dân · Phường Phú Xuân" in phone.texts()
    phone.click_button("Ủng hộ")
    phone.wait_for_text("Bạn đã ủng hộ ý tưởng này.")
    assert "1 người ủng hộ" in phone.texts()
    phone.screenshot("surveys-idea-supported-390x844")

    wide = new_page(browser, surveys_app, DESKTOP).goto("/surveys", wait_for=CLOSED_SURVEY)
    wide.click_text(CLOSED_SURVEY)
    wide.wait_for_text("Kết quả: 2 người đã trả lời.")
    for line in ("Có: 1 trên 2 (50%)", "Không: 1 trên 2 (50%)", "4: 1 trên 2 (50%)"):
        assert line in wide.texts(), wide.diagnosis(f"no line {line!r}")
    wide.screenshot("surveys-results-1280x800")
