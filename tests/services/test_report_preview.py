"""ReportsService.preview: the PDF in memory, nothing written, nothing else recorded."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from liaison_desktop.services.reports_service import (
    ReportOptions,
    ReportsService,
    case_summary_sections,
)
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.reports.report_helpers import caseload, make_household


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_preview_builds_the_case_summary_in_memory_and_writes_no_file(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=2)
    out = tmp_path / "never" / "summary.pdf"  # a folder that does not exist: never used
    preview = ReportsService(c).preview("case_summary", house.family_id, ReportOptions(out=out))
    assert preview.pages >= 1 and preview.pdf.startswith(b"%PDF")
    assert "OFFICIAL-SENSITIVE" in _text(preview.pdf)
    assert not out.parent.exists()
    previews = [
        (e.action, e.detail)
        for e in c.audit.for_family(house.family_id)
        if e.detail.startswith("report-preview=")
    ]
    assert previews == [("view", f"report-preview=case_summary;pages={preview.pages}")]
    assert not any(e.action == "export" for e in c.audit.all())


def test_preview_of_a_transfer_pack_records_no_transfer(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    svc = ReportsService(c)
    preview = svc.preview(
        "transfer_pack",
        house.pupil_id,
        ReportOptions(out=tmp_path / "t.pdf"),
        receiving_school="Ysgol Demo",
    )
    assert "Ysgol Demo" in _text(preview.pdf)
    assert svc.caseload.transfers.of_pupil(house.pupil_id) == []
    assert not (tmp_path / "t.pdf").exists()


def test_preview_of_a_subject_access_export_writes_neither_pdf_nor_json(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    preview = ReportsService(c).preview(
        "subject_access", house.pupil_id, ReportOptions(out=tmp_path / "s.pdf")
    )
    assert preview.pages >= 1
    assert not any(p.suffix in (".pdf", ".json") for p in tmp_path.rglob("*"))


def test_preview_without_a_subject_is_refused(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed):
        ReportsService(caseload(vault)).preview(
            "case_summary", None, ReportOptions(out=tmp_path / "x.pdf")
        )


def test_case_summary_sections_have_headings_in_print_order() -> None:
    sections = case_summary_sections()
    assert sections[0][0] == "household"
    assert all(key and heading for key, heading in sections)
