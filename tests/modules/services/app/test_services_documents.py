"""Documents are checked on the device by their first bytes and size, as the server does."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hue_s.app.i18n import I18n
from hue_s.modules.services.app.filing.documents import DocumentSlots
from hue_s.modules.services.wire import MAX_DOCUMENT_BYTES, Evidence

NOTICE = Evidence(
    code="giay-chung-sinh", name="Giấy chứng sinh", copies="1", required=True, online=True
)


def slots() -> DocumentSlots:
    i18n = I18n("en")
    ctx: Any = SimpleNamespace(_=i18n.gettext, i18n=i18n)
    return DocumentSlots(ctx, [NOTICE])


def test_a_file_is_taken_by_what_it_is_not_by_its_name() -> None:
    documents = slots()
    documents.take(NOTICE, "scan.pdf", b"MZ\x90\x00")
    assert documents.attached == {} and [d.code for d in documents.missing()] == ["giay-chung-sinh"]
    documents.take(NOTICE, "photo.pdf", b"\xff\xd8\xff\xe0 a jpeg")
    assert documents.attached["giay-chung-sinh"].content_type == "image/jpeg"
    assert documents.missing() == []


def test_a_file_over_the_limit_is_refused() -> None:
    documents = slots()
    documents.take(NOTICE, "big.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES)
    assert documents.attached == {}
    assert "5 MB" in (documents.states["giay-chung-sinh"].value or "")
