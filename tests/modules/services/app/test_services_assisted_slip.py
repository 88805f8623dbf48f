"""Filing for a visitor at the ward office (issue #14, kiosk): the slip holds the code, the
procedure, the ward office, the due day and a QR code of the public tracking page, never the
visitor's phone; the filing screen checks the visitor's name and phone, files at once (nothing
in the outbox) and "Done" gives an empty screen for the next visitor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.session import UserSession
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.kit.public_link import PUBLIC_URL_ENV
from hue_s.modules.services.app.api import Attachment, ServicesResource
from hue_s.modules.services.app.views.assisted import AssistedFiling, build_assisted
from hue_s.modules.services.app.views.slip import dossier_slip
from hue_s.modules.services.wire import Dossier, Procedure, TimelineEntry

from .test_services_receipt_qr import decoded_qr, keyed

CODE = "19753-261204-K7Q2ZA"
FILED = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
BASE = "https://hue-s.hue.gov.vn"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A ward officer's Vietnamese session on a kiosk (no backend: calls are replaced)."""
    with Store(tmp_path / "state.sqlite3") as store:
        config = AppConfig(kiosk=True, data_dir=tmp_path)
        services = AppServices(config, Registry(), store, "http://hue-s.test")
        page: Any = SimpleNamespace(url="http://127.0.0.1:8550")
        yield AppContext(
            page=page, services=services, device_id="kiosk-1",
            settings=load_settings(store, "kiosk-1", language="vi"), i18n=I18n("vi"),
            api=HueClient("http://hue-s.test"), credentials=Credentials(),
            session=UserSession(role="officer", user_id="7", display_name="Cán bộ Hà"),
        )  # fmt: skip


def filed_dossier() -> Dossier:
    """Return a dossier an officer just filed for a visitor."""
    return Dossier(
        code=CODE, procedure_code="1.001193.000.00.00.H57", procedure_name="Đăng ký khai sinh",
        ward_name="Phường Phú Xuân", status="submitted", submitted_at=FILED,
        due_on=date(2026, 12, 7), ward_code="19753", answers={"child_full_name": "An"},
        documents=[], visitor_name="Lê Thị Bích", visitor_phone="+84905123456",
        timeline=[TimelineEntry(at=FILED, action="submit", status="submitted", by="Cán bộ Hà")],
    )  # fmt: skip


def procedure() -> Procedure:
    """Return a procedure with one required question and one required document."""
    return Procedure.model_validate({
        "code": "1.001193.000.00.00.H57", "name": "Đăng ký khai sinh", "field": "hotich",
        "field_name": "Hộ tịch", "authority": "UBND phường", "level": "full", "audience": "citizen",
        "life_events": [], "online": True, "processing_time": "P1D", "fee_text": "Miễn phí",
        "steps": [], "channels": [], "conditions": [], "legal_basis": [], "result": "Trích lục",
        "documents": [{"code": "giay-chung-sinh", "name": "Giấy chứng sinh", "copies": "1",
                       "required": True, "online": True}],
        "form": [{"name": "child_full_name", "kind": "text", "label": "Họ tên trẻ",
                  "required": True}],
    })  # fmt: skip


def texts(control: ft.Control) -> list[str]:
    """Return every text value shown inside a control."""
    from .test_services_receipt_qr import descendants

    return [str(c.value) for c in descendants(control) if isinstance(c, ft.Text) and c.value]


def test_the_slip_shows_code_procedure_ward_due_day_and_the_tracking_qr(ctx: AppContext) -> None:
    slip = dossier_slip(ctx, filed_dossier(), BASE)
    assert keyed(slip, "services-slip-code")[0].value == CODE
    assert keyed(slip, "services-slip-procedure")[0].value == "Đăng ký khai sinh"
    assert keyed(slip, "services-slip-ward")[0].value == "Phường Phú Xuân"
    assert keyed(slip, "services-slip-due")[0].value == ctx.i18n.date(date(2026, 12, 7))
    url = f"{BASE}/services/track/{CODE}"
    assert decoded_qr(keyed(slip, "services-qr")[0].src) == url
    shown = " ".join(texts(slip))
    assert "905123456" not in shown and "Bích" not in shown  # the slip may lie on a counter
    without_base = dossier_slip(ctx, filed_dossier(), None)
    assert keyed(without_base, "services-qr") == [] and keyed(without_base, "services-no-qr")


async def test_filing_checks_the_visitor_files_at_once_and_done_forgets_them(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict[str, Any]] = []

    async def file_for_visitor(self: ServicesResource, **given: Any) -> Dossier:
        sent.append(given)
        return filed_dossier()

    monkeypatch.setattr(ServicesResource, "file_for_visitor", file_for_visitor)
    filed: list[Dossier] = []

    async def on_filed(dossier: Dossier) -> None:
        filed.append(dossier)

    filing = AssistedFiling(ctx, procedure(), on_filed)
    filing.phone.value = "12"
    await filing.send()
    assert sent == [] and filing.name.error and filing.phone.error and filing.message.visible
    filing.name.value, filing.phone.value = "  Lê Thị Bích ", "0905 123 456"
    filing.form.restore({"child_full_name": "Nguyễn Minh An"})
    filing.documents.take(procedure().documents[0], "cs.pdf", b"%PDF-1.4\n%%EOF\n")
    await filing.send()
    assert [d.code for d in filed] == [CODE]
    (given,) = sent
    assert (given["visitor_name"], given["visitor_phone"]) == ("Lê Thị Bích", "0905 123 456")
    assert given["answers"] == {"child_full_name": "Nguyễn Minh An"}
    assert [a.evidence_code for a in given["attachments"]] == ["giay-chung-sinh"]
    assert isinstance(given["attachments"][0], Attachment)
    assert ctx.store.outbox.get(ctx.device_id, filing.key) is None  # not queued: shared kiosk
    assert ctx.store.outbox.entries(ctx.device_id) == []


async def test_done_gives_an_empty_screen_for_the_next_visitor(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def file_for_visitor(self: ServicesResource, **given: Any) -> Dossier:
        return filed_dossier()

    async def read_procedure(self: ServicesResource, *, code: str) -> Procedure:
        return procedure()

    monkeypatch.setattr(ServicesResource, "file_for_visitor", file_for_visitor)
    monkeypatch.setattr(ServicesResource, "procedure", read_procedure)
    monkeypatch.setattr(ft.Column, "update", lambda self: None)  # no page in this test
    monkeypatch.setenv(PUBLIC_URL_ENV, BASE)
    screen = await build_assisted(ctx, {"code": "1.001193.000.00.00.H57"})
    filing = keyed(screen, "services-assisted-send")[0].on_click.__self__
    filing.name.value = "Lê Thị Bích"
    filing.form.restore({"child_full_name": "Nguyễn Minh An"})
    filing.documents.take(procedure().documents[0], "cs.pdf", b"%PDF-1.4\n%%EOF\n")
    await filing.send()
    assert keyed(screen, "services-slip-code")[0].value == CODE
    assert keyed(screen, "services-visitor-name") == []
    await keyed(screen, "services-slip-done")[0].on_click()
    assert keyed(screen, "services-slip-code") == []
    fresh = keyed(screen, "services-assisted-send")[0].on_click.__self__
    assert fresh is not filing and fresh.key != filing.key
    assert not fresh.name.value and not fresh.documents.attached
    assert fresh.form.answers().get("child_full_name") in (None, "")


async def test_only_ward_officers_file_for_visitors(ctx: AppContext) -> None:
    ctx.session = UserSession(role="citizen", user_id="9")
    screen = await build_assisted(ctx, {"code": "1.001193.000.00.00.H57"})
    assert keyed(screen, "services-assisted-officers-only")
    assert keyed(screen, "services-assisted-send") == []


def test_the_ward_reads_whom_to_call_back_and_where_it_was_filed(ctx: AppContext) -> None:
    from hue_s.modules.services.app.views.staff import staff_part
    from hue_s.modules.services.app.widgets import timeline

    dossier = filed_dossier().model_copy(update={"timeline": [
        TimelineEntry(at=FILED, action="file_at_office", status="submitted", by="Cán bộ Hà")
    ]})  # fmt: skip
    shown = ft.Column(staff_part(ctx, dossier, procedure()))
    (line,) = keyed(shown, "staff-visitor")
    assert "Lê Thị Bích · +84905123456" in line.value
    steps = texts(timeline(ctx, dossier.timeline))
    assert steps[0] == "Cán bộ nộp hộ tại trụ sở phường" and "Cán bộ Hà" in steps[1]
