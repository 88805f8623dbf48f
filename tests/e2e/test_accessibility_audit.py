"""Accessibility audit: every control a person can act on is named, with its question or context.

Read from Flutter's semantics tree in Chromium, which is what a screen reader gets. On home, the
report form (with a category's yes/no question and the ward chooser), its category list, a
report's page, an officer's case, the alerts, a warning, the "I need help" dialog and the
operator's form, every button, field, drop-down, radio, checkbox, switch, link and tap area:
- has a role (a bare tap area is not one: the report map had none),
- has a name (its own, or the tooltip wrapped around it), and
- is not named only by a word that needs its question ("Có", "Không", "Chọn…": a radio says
  its question, the ward button what it chooses);
and every dialog is announced by its title, not Flutter's "Alert" ("Thông báo").
What each screen offered is written to artifacts/e2e/a11y-<screen>.txt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.modules.alerts.e2e.test_alerts_screens import OPERATOR_PHONE, PHU_XUAN_POINT, warned_app

from . import harness
from .accounts_steps import SMS_LINE, backend_url, full_output, texted_code
from .conftest import FIRST_SCREEN_TIMEOUT, PHONE, SHOTS_DIR, AppPage
from .incidents_steps import create_officer, phone_with_gps, point_in_ward, sign_in_at

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

OFFICER_PHONE = "0905 123 731"
CITIZEN_PHONE = "0905 123 732"
DESCRIPTION = "Ổ gà sâu trước số 12 Lê Lợi, xe máy dễ ngã"
HEADLINE = "Tiêu đề"
ALONE_MEANINGLESS = {
    "có", "không", "không trả lời", "chọn…", "chọn", "yes", "no", "no answer", "choose…",
    "choose", "ok", "thông báo", "alert",
}  # fmt: skip
"""Names that say nothing without their question or context."""

# Every node a person can act on, with its own name and the name of a labelled wrapper (a
# tooltip around an icon button). Dialogs: the label Flutter announces for each.
ACTIONABLE_JS = """
() => {
  const ROLES = ['button', 'tab', 'checkbox', 'radio', 'switch', 'link', 'menuitem',
    'menuitemcheckbox', 'menuitemradio', 'option', 'slider', 'combobox', 'spinbutton', 'textbox'];
  const own = (el) => Array.from(el.childNodes)
    .filter((n) => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE
      && !['FLT-SEMANTICS', 'INPUT', 'TEXTAREA'].includes(n.tagName)))
    .map((n) => n.textContent).join('').trim();
  const nodes = [];
  for (const el of document.querySelectorAll('flt-semantics, input, textarea, a')) {
    if (el.closest('[aria-hidden="true"]')) continue;
    const field = ['INPUT', 'TEXTAREA'].includes(el.tagName);
    const role = el.getAttribute('role') || (field ? 'textbox' : el.tagName === 'A' ? 'link' : '');
    if (!ROLES.includes(role) && !el.hasAttribute('flt-tappable')) continue;
    const up = el.parentElement ? el.parentElement.closest('flt-semantics') : null;
    const wrapper = up && !up.getAttribute('role') ? (up.getAttribute('aria-label') || '') : '';
    const name = [el.getAttribute('aria-label') || '', field ? '' : own(el)]
      .filter((part) => part).join('\\n');
    nodes.push({role: role, name: name, wrapper: wrapper});
  }
  const dialogs = Array.from(document.querySelectorAll('[role=dialog], [role=alertdialog]'))
    .map((el) => {
      const first = el.querySelector('flt-semantics[aria-label]');
      return el.getAttribute('aria-label') || (first ? first.getAttribute('aria-label') : '');
    });
  return {nodes: nodes, dialogs: dialogs};
}
"""


def problems_of(tree: dict[str, Any]) -> list[str]:
    """Return what a screen reader user would miss on this screen."""
    found = []
    for node in tree["nodes"]:
        name = node["name"] or node["wrapper"]
        described = f"{node['role'] or 'tap area'} {name!r}"
        if not node["role"]:
            found.append(f"{described}: a tap area without a role")
        if not name.strip():
            found.append(f"{described}: no name")
        elif node["name"] and node["name"].strip().lower() in ALONE_MEANINGLESS:
            found.append(f"{described}: named without its question or context")
    for label in tree["dialogs"]:
        if not label or label.strip().lower() in ALONE_MEANINGLESS:
            found.append(f"dialog announced as {label!r}, not by its title")
    return found


def audit(page: AppPage, screen: str) -> list[str]:
    """Record the screen's actionable nodes and return its problems, each prefixed by `screen`."""
    reads: list[dict[str, Any]] = []

    def settled() -> bool:
        """Say whether two reads in a row agree on a tree with controls (a route fades in)."""
        reads.append(page.page.evaluate(ACTIONABLE_JS))
        return len(reads) > 1 and reads[-1] == reads[-2] and bool(reads[-1]["nodes"])

    page.wait_until(settled, f"{screen}: a settled tree with controls to act on")
    tree = reads[-1]
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    listing = [
        f"{n['role'] or '(no role)'}\t{n['name']!r}\t{n['wrapper']!r}" for n in tree["nodes"]
    ]
    listing += [f"dialog\t{label!r}" for label in tree["dialogs"]]
    (SHOTS_DIR / f"a11y-{screen}.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")
    return [f"{screen}: {problem}" for problem in problems_of(tree)]


@dataclass
class Town:
    """The app, a citizen's report and a warning in force."""

    server: harness.ServerProcess
    case_id: int
    alert_id: int


def file_pothole(server: harness.ServerProcess) -> int:
    """File a pothole as the citizen, through the API; return its id."""
    backend = backend_url(server)
    lat, lon = point_in_ward(backend)
    with httpx.Client(base_url=backend, timeout=30) as api:
        codes_before = len(SMS_LINE.findall(full_output(server)))
        api.post("/api/v1/auth/otp", json={"phone": CITIZEN_PHONE}).raise_for_status()
        code = texted_code(server, after=codes_before)
        grant = api.post("/api/v1/auth/token", json={"phone": CITIZEN_PHONE, "code": code})
        grant.raise_for_status()
        headers = {
            "Authorization": f"Bearer {grant.json()['access_token']}",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        fields = {"service_code": "road_pothole", "description": DESCRIPTION}
        answer = api.post(
            "/open311/v2/requests.json",
            data=fields | {"lat": str(lat), "long": str(lon)},
            headers=headers,
        )
        assert answer.status_code in (200, 201), answer.text
        return int(answer.json()[0]["service_request_id"])


@pytest.fixture
def town(browser_available: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Town]:
    """Start the app (a stand-in weather service), with an officer, an operator, a citizen's
    report and two warnings in force."""
    with warned_app(tmp_path_factory.mktemp("hue-s-a11y"), "hue-s a11y") as (server, alerts):
        try:
            create_officer(server, OFFICER_PHONE)
            yield Town(server, file_pothole(server), int(alerts[0]["id"]))
        finally:
            log = SHOTS_DIR / "a11y-server.log"
            log.write_text(full_output(server), encoding="utf-8")


def device(browser: Browser, town: Town, name: str) -> AppPage:
    """Open a phone of its own in Phú Xuân (location allowed)."""
    return phone_with_gps(browser, town.server, name, PHU_XUAN_POINT, size=PHONE)


def test_every_control_is_named_with_its_question(browser: Browser, town: Town) -> None:
    problems: list[str] = []
    guest = device(browser, town, "a11y-guest")
    try:
        guest.goto("/", wait_for="Xin chào! Huế có thể giúp gì cho bạn hôm nay?")
        problems += audit(guest, "home")

        guest.goto("/incidents/new", wait_for="Loại sự việc")
        guest.wait_until(
            lambda: any(
                harness.click_labelled(guest.page, name)
                for name in ("Loại sự việc: Chọn…", "Chọn…")  # the second: before the fix
            ),
            "the category button",
        )
        guest.wait_for_text("Sự cố cấp nước")
        problems += audit(guest, "report-form-categories")
        guest.click_text("Sự cố cấp nước")
        guest.wait_for_text("Có vỡ ống không?")
        guest.wait_for_text("Chưa có vị trí.")
        problems += audit(guest, "report-form-map")
        guest.page.get_by_role("switch").first.click(force=True)  # describe the place in words
        guest.wait_until(lambda: "Phường, xã" in guest.texts(), "the ward chooser")
        guest.screenshot("a11y-report-form-phone-390x844")
        problems += audit(guest, "report-form")

        guest.goto("/alerts", wait_for="Tôi an toàn")
        problems += audit(guest, "alerts")
        guest.goto(f"/alerts/{town.alert_id}", wait_for="Tôi cần giúp đỡ")
        problems += audit(guest, "alert-detail")
        guest.click_button("Tôi cần giúp đỡ")
        guest.wait_for_text("Số di động để gọi lại cho bạn")
        guest.screenshot("a11y-help-dialog-phone-390x844")
        problems += audit(guest, "help-dialog")
    finally:
        guest.page.context.close()

    citizen = device(browser, town, "a11y-citizen")
    try:
        sign_in_at(citizen, f"/incidents/{town.case_id}", CITIZEN_PHONE)
        citizen.wait_until(
            lambda: any(DESCRIPTION in line for line in citizen.texts()), "the report's page"
        )
        problems += audit(citizen, "report-detail")
    finally:
        citizen.page.context.close()

    officer = device(browser, town, "a11y-officer")
    try:
        sign_in_at(officer, f"/officer/cases/{town.case_id}", OFFICER_PHONE)
        officer.wait_until(
            lambda: any(DESCRIPTION in line for line in officer.texts()), "the officer's case"
        )
        problems += audit(officer, "officer-case")
    finally:
        officer.page.context.close()

    operator = device(browser, town, "a11y-operator")
    try:
        sign_in_at(operator, "/alerts/operator", OPERATOR_PHONE)
        operator.wait_until(
            lambda: operator.has_field(HEADLINE),
            "the operator's form",
            timeout=FIRST_SCREEN_TIMEOUT,
        )
        operator.screenshot("a11y-operator-form-phone-390x844")
        problems += audit(operator, "operator-form")
    finally:
        operator.page.context.close()

    assert not problems, "controls a screen reader cannot tell apart:\n" + "\n".join(problems)
