"""The result document (kết quả) of an approved dossier: an officer's PDF, checked (type, size,
pages), or one made here in Vietnamese with Roboto embedded (it draws every Vietnamese letter):
the dossier code, the procedure, the applicant, the decision, its date and the receipt number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.translations import N_, translator
from hue_s.kit.pdf import FactStyle, new_document, write_facts
from hue_s.modules.services.backend.deadlines import hue_date
from hue_s.modules.services.backend.models import DossierResultRow, DossierRow
from hue_s.modules.services.wire import MAX_DOCUMENT_BYTES

MAX_RESULT_PAGES = 50
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class ResultFile:
    """A result PDF an officer sends with the approval."""

    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ResultFacts:
    """What a made result document says."""

    dossier_code: str
    procedure_name: str
    applicant: str
    ward_name: str
    receipt_number: str
    decided_at: datetime
    note: str | None
    answers: tuple[tuple[str, str], ...] = ()
    """What the citizen declared, (question, answer) as wire's form_export.answer_texts."""


def page_count(content: bytes) -> int:
    """Return a PDF's pages (422 when it cannot be read as a PDF)."""
    import pypdfium2  # the PDF engine of Chromium: reads what scanners and office suites write

    try:
        document = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError as error:
        raise APIError(422, "result_unreadable", "The result is not a readable PDF.") from error
    try:
        return len(document)
    finally:
        document.close()


def checked_result(file: ResultFile) -> int:
    """Check an uploaded result: a PDF by type and first bytes, its size and pages; return
    its pages (415, 413 or 422 otherwise)."""
    if file.content_type != "application/pdf" or not file.content.startswith(PDF_MAGIC):
        raise APIError(415, "result_type", "The result must be a PDF.")
    if len(file.content) > MAX_DOCUMENT_BYTES:
        raise APIError(413, "result_too_large", f"A result may have {MAX_DOCUMENT_BYTES} bytes.")
    pages = page_count(file.content)
    if not 1 <= pages <= MAX_RESULT_PAGES:
        raise APIError(422, "result_pages", f"A result has 1 to {MAX_RESULT_PAGES} pages.")
    return pages


def result_pdf(facts: ResultFacts) -> bytes:
    """Return the made result document as an A4 PDF in Vietnamese (one page, a second when
    the declared answers are long)."""
    _ = translator("vi")
    title = _(N_("Result of dossier")) + " " + facts.dossier_code
    pdf = new_document(title, facts.decided_at, "A4", 20)
    pdf.set_font("Roboto", "B", 12)
    pdf.cell(0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Roboto", "B", 16)
    title = _(N_("Result of the administrative procedure"))
    pdf.multi_cell(0, 8, title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    rows = [
        (_(N_("Dossier code")), facts.dossier_code),
        (_(N_("Receipt number")), facts.receipt_number),
        (_(N_("Procedure")), facts.procedure_name),
        (_(N_("Applicant")), facts.applicant),
        (_(N_("Receiving office")), facts.ward_name),
        (_(N_("Decision")), _(N_("Approved"))),
        (_(N_("Date of decision")), f"{hue_date(facts.decided_at):%d/%m/%Y}"),
    ]
    if facts.note:
        rows.append((_(N_("Officer's note")), facts.note))
    write_facts(pdf, rows, FactStyle(label_pt=10, value_pt=12, line_mm=7, gap_mm=2))
    if facts.answers:
        pdf.ln(2)
        pdf.set_font("Roboto", "B", 12)
        pdf.cell(0, 7, _(N_("What was declared")), new_x="LMARGIN", new_y="NEXT")
        write_facts(pdf, facts.answers, FactStyle(label_pt=9, value_pt=10, line_mm=5, gap_mm=1))
    pdf.ln(6)
    pdf.set_font("Roboto", "", 9)
    said = _(N_("Issued electronically by Hue-S; the ward office keeps the signed original."))
    pdf.multi_cell(0, 5, said, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def keep_result(
    session: Session, row: DossierRow, content: bytes, pages: int, generated: bool, now: datetime
) -> None:
    """Store a dossier's result document (the caller commits)."""
    session.add(
        DossierResultRow(
            dossier_id=row.id,
            filename=f"ket-qua-{row.code}.pdf",
            pages=pages,
            generated=generated,
            content=content,
            issued_at=now,
        )
    )
