"""The result document: made or uploaded when approving, checked, and downloaded only by the
dossier's owner and its ward's staff (a code holder only learns that it is ready)."""

from __future__ import annotations

import httpx
import pypdfium2
from fpdf import FPDF

from ..conftest import WARD, file_birth

DOSSIERS = "/api/v1/services/dossiers"


def pdf_text(content: bytes) -> str:
    """Return the text of every page of a PDF."""
    document = pypdfium2.PdfDocument(content)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def pdf_of(pages: int) -> bytes:
    """Return a PDF of `pages` blank pages."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())


async def received(client: httpx.AsyncClient, people: dict[str, dict[str, str]]) -> str:
    """File a dossier as citizen A and have officer X receive it; return its code."""
    code: str = (await file_birth(client, people["citizen_a"])).json()["code"]
    answer = await client.post(f"{DOSSIERS}/{code}/receive", headers=people["officer_x"])
    assert answer.status_code == 200
    return code


async def test_a_made_result_says_what_was_decided_and_only_the_right_people_get_it(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = await received(client, people)
    early = await client.get(f"{DOSSIERS}/{code}/result", headers=people["citizen_a"])
    assert early.status_code == 409
    approved = await client.post(
        f"{DOSSIERS}/{code}/approve", headers=people["officer_x"], json={"note": "Đủ hồ sơ"}
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["result_ready"] is True
    got = await client.get(f"{DOSSIERS}/{code}/result", headers=people["citizen_a"])
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert "no-store" in got.headers["cache-control"]
    text = pdf_text(got.content)
    for expected in (code, f"{WARD}-00001/2026", "Đăng ký khai sinh", "Đã phê duyệt", "Đủ hồ sơ"):
        assert expected in text, (expected, text)
    statuses = {
        name: (await client.get(f"{DOSSIERS}/{code}/result", headers=headers)).status_code
        for name, headers in people.items()
    }
    assert statuses == {"citizen_a": 200, "citizen_b": 404, "officer_x": 200, "officer_y": 404}
    assert (await client.get(f"{DOSSIERS}/{code}/result")).status_code == 401
    tracked = (await client.get(f"/api/v1/services/track/{code}")).json()
    assert tracked["result_ready"] is True and tracked["status"] == "approved"


async def test_an_uploaded_result_is_checked_before_the_dossier_is_approved(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = await received(client, people)
    officer = people["officer_x"]

    async def approve(name: str, content: bytes, kind: str = "application/pdf") -> httpx.Response:
        files = [("result", (name, content, kind))]
        return await client.post(
            f"{DOSSIERS}/{code}/approve", headers=officer, data={"note": "Kèm bản ký"}, files=files
        )

    assert (await approve("a.pdf", b"MZ\x90 not a pdf")).status_code == 415
    assert (await approve("a.png", pdf_of(1), "image/png")).status_code == 415
    assert (await approve("a.pdf", b"%PDF-1.4 garbage")).status_code == 422
    assert (await approve("a.pdf", pdf_of(51))).status_code == 422
    assert (await approve("a.pdf", b"%PDF-" + b"0" * 5_300_000)).status_code == 413
    track = (await client.get(f"/api/v1/services/track/{code}")).json()
    assert track["status"] == "received" and track["result_ready"] is False
    signed = pdf_of(2)
    answer = await approve("quyet-dinh.pdf", signed)
    assert answer.status_code == 200, answer.text
    got = await client.get(f"{DOSSIERS}/{code}/result", headers=people["citizen_a"])
    assert got.content == signed
    assert f"ket-qua-{code}.pdf" in got.headers["content-disposition"]
