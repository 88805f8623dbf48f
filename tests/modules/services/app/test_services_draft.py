"""A half-filled dossier survives closing the screen on this device: ward, answers and the
idempotency key come back (so a resend cannot file it twice); filing forgets the draft."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hue_s.app.api.models.wards import Ward
from hue_s.app.i18n import I18n
from hue_s.app.state.store import Store
from hue_s.modules.services.app.views.file import Filing, draft_key
from hue_s.modules.services.wire import FormField, Option, Procedure

WARDS = [Ward(code="19753", name="Phú Xuân", full_name="Phường Phú Xuân", kind="ward")]
PAGE = Procedure.model_construct(
    code="1.001193.000.00.00.H57",
    name="Đăng ký khai sinh",
    documents=[],
    form=[
        FormField(name="child_full_name", kind="text", label="Họ và tên", required=True),
        FormField(
            name="child_sex", kind="choice", label="Giới tính",
            options=[Option(value="female", label="Nữ"), Option(value="male", label="Nam")],
        ),
    ],
)  # fmt: skip


def context(store: Store) -> Any:
    """A stand-in session with a store, a device and words."""
    i18n = I18n("vi")
    return SimpleNamespace(_=i18n.gettext, i18n=i18n, store=store, device_id="device-1")


def test_the_draft_comes_back_with_its_key(tmp_path: Path) -> None:
    with Store(tmp_path / "store.db") as store:
        first = Filing(context(store), PAGE, WARDS)
        first.form.inputs["child_full_name"].value = "Nguyễn Minh An"
        first.form.inputs["child_sex"].value = "female"
        first.ward.choose(WARDS[0], drawn=False)
        first.keep()

        again = Filing(context(store), PAGE, WARDS)
        assert again.key == first.key
        assert again.ward.chosen == "19753"
        assert again.form.answers() == {"child_full_name": "Nguyễn Minh An", "child_sex": "female"}

        store.drafts.delete("device-1", draft_key(PAGE.code))
        fresh = Filing(context(store), PAGE, WARDS)
        assert fresh.key != first.key and fresh.form.answers() == {}
