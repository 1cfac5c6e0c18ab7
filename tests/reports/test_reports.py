"""Reports read back as a person (and a screen reader) would: text, marking, numbering,
redaction, encryption, audit and what touches the disk."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pikepdf
import pypdf
import pytest

from liaison_desktop.errors import NotFound, NotPermitted
from liaison_desktop.reports.furniture import MARKING, ReportCancelled
from liaison_desktop.reports.text import rtl_supported
from liaison_desktop.services.reports_service import ReportOptions, ReportResult, ReportsService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.helpers import files_containing, new_canary

from .report_helpers import (
    ARABIC_FAMILY,
    ARABIC_GIVEN,
    POLISH,
    VIETNAMESE,
    WELSH,
    Household,
    all_bytes,
    caseload,
    make_household,
    pages_text,
    poppler_pages,
    squash,
)

PASSWORD = "kitchen-table-7"


def every_report(
    vault: Vault, out_dir: Path, house: Household
) -> dict[str, Callable[[], ReportResult]]:
    svc = ReportsService(caseload(vault))
    return {
        "case": lambda: svc.case_summary(house.family_id, ReportOptions(out=out_dir / "case.pdf")),
        "chronology": lambda: svc.chronology(
            house.family_id, ReportOptions(out=out_dir / "chronology.pdf")
        ),
        "caseload": lambda: svc.caseload_overview(ReportOptions(out=out_dir / "caseload.pdf")),
        "transfer": lambda: svc.transfer_pack(
            house.pupil_id,
            ReportOptions(out=out_dir / "transfer.pdf"),
            receiving_school="Ysgol Gymraeg Demo",
            left_on=date(2025, 11, 10),
        ),
        "sar": lambda: svc.subject_access(
            house.pupil_id, ReportOptions(out=out_dir / "sar.pdf"), out_dir / "sar.json"
        ),
    }


# -- content ------------------------------------------------------------------------------------
def test_case_summary_holds_every_section_and_the_family_facts(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c)
    result = ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    text = squash(" ".join(pages_text(result.path)))
    for heading in (
        "Case summary",
        "Household",
        "Strengths",
        "Key facts and alerts",
        "Team around the family",
        "Case plan",
        "Open actions",
        "Referrals and outcomes",
        "Consents",
        "Attendance",
        "Chronology",
    ):
        assert heading in text, heading
    for fact in (
        "Wąsowska-Llŷr family",
        "strong links with the mosque",
        "Do not share the address",
        "Demoford Early Help",
        "Reem Khoury",
        "07700 900456",  # shown as people write it, not in E.164
        "Send the uniform grant form",
        "Attendance back above 90%",
        "Some progress",
        "Mornings are calmer",
        "Food bank",
        "Short of food this week",
        "Share information with the team",
        "82.0%",
        "Persistent absence",
        "Visit 3:",
    ):
        assert fact in text, fact
    assert result.pages == len(pages_text(result.path))


def test_names_in_welsh_polish_vietnamese_and_arabic_come_back_out_of_the_pdf(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c)
    result = ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    poppler = squash(" ".join(poppler_pages(result.path)))
    pypdf_text = squash(" ".join(pages_text(result.path)))
    for name in (WELSH, POLISH, VIETNAMESE):
        assert name in poppler, name
        assert name in pypdf_text, name
    # Arabic letters are in the text whatever the shaping (real text, not boxes or images).
    assert set(ARABIC_GIVEN + ARABIC_FAMILY) <= set(poppler)
    if rtl_supported():
        # Shaped and drawn right to left, poppler reads the names back in logical order.
        assert ARABIC_GIVEN in poppler and ARABIC_FAMILY in poppler


@pytest.mark.parametrize("kind", ["case", "chronology", "caseload", "transfer", "sar"])
def test_only_embedded_dejavu_subsets_are_used(lead_vault: Vault, out_dir: Path, kind: str) -> None:
    house = make_household(caseload(lead_vault), notes=1)
    result = every_report(lead_vault, out_dir, house)[kind]()
    with pikepdf.open(result.path) as pdf:
        fonts = {
            str(font.BaseFont): font
            for page in pdf.pages
            for _name, font in page.Resources.Font.items()
        }
        assert fonts, "no fonts on the pages"
        for base, font in fonts.items():
            # TrueType subsets of the shipped DejaVu Sans, embedded (FontFile2); no standard
            # font (Helvetica has no ł, ŷ or ệ) is referenced at all, not even by charts.
            assert str(font.Subtype) == "/TrueType", base
            assert "/FontFile2" in font.FontDescriptor, base
            assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", base), base


def test_chronology_report_is_a_table_of_date_type_summary_and_author(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=3)
    result = ReportsService(c).chronology(
        house.family_id,
        ReportOptions(out=out_dir / "chron.pdf", start=date(2025, 2, 1), end=date(2025, 3, 31)),
    )
    text = squash(" ".join(pages_text(result.path)))
    assert "Date Type Summary Recorded by" in text
    assert "From 01 Feb 2025 to 31 Mar 2025" in text
    assert "Visit 1:" in text and "Visit 2:" in text
    assert "Visit 0:" not in text  # January: outside the range
    assert "Test Officer" in text


def test_sections_option_leaves_out_the_others(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=2)
    result = ReportsService(c).case_summary(
        house.family_id, ReportOptions(out=out_dir / "c.pdf", sections=("household", "team"))
    )
    text = squash(" ".join(pages_text(result.path)))
    assert "Household" in text and "Team around the family" in text
    assert "Chronology" not in text and "Visit 1:" not in text and "Open actions" not in text


def test_unknown_section_is_rejected_and_nothing_is_written(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    with pytest.raises(ValidationFailed):
        ReportsService(c).case_summary(
            house.family_id, ReportOptions(out=out_dir / "c.pdf", sections=("gossip",))
        )
    assert list(out_dir.iterdir()) == []


# -- every page ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["case", "chronology", "caseload", "transfer", "sar"])
def test_every_page_carries_the_marking_twice_and_correct_page_x_of_y(
    lead_vault: Vault, out_dir: Path, kind: str
) -> None:
    house = make_household(caseload(lead_vault), notes=150)
    result = every_report(lead_vault, out_dir, house)[kind]()
    pages = pages_text(result.path)
    if kind in ("case", "chronology", "transfer"):
        assert len(pages) >= 3, "too few pages to test numbering"
    total = len(pages)
    assert result.pages == total
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING) >= 2, f"page {number}: marking in header and footer"
        found = re.findall(r"Page (\d+) of (\d+)", text)
        assert found and set(found) == {(str(number), str(total))}, (number, found)
        assert "Generated by Gwen Lead on 12 Nov 2025 14:30 UTC" in squash(text)


def test_headings_become_pdf_bookmarks_and_metadata_names_no_family(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=2)
    result = ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    reader = pypdf.PdfReader(str(result.path))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Household" in titles and "Chronology" in titles
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Case summary"
    assert meta.subject == MARKING
    assert meta.author == "Test Officer"
    everything = " ".join(str(v) for v in meta.values())
    for private in ("Wąsowska", "Llŷr", "Demo Lane"):
        assert private not in everything


# -- redaction ------------------------------------------------------------------------------------
def test_redacted_people_contacts_and_notes_are_absent_from_bytes_streams_and_text(
    vault: Vault, out_dir: Path
) -> None:
    canary = new_canary("R")
    c = caseload(vault)
    house = make_household(c, notes=4, canary=canary)
    c.notes.create(
        {
            "family_id": house.family_id,
            "written_at": "2025-10-01T09:00:00",
            "author": "Test Officer",
            "status": "final",
            "text": f"Thủy Nguyễn Thị{canary} called about the children.",
        }
    )
    result = ReportsService(c).case_summary(
        house.family_id,
        ReportOptions(
            out=out_dir / "c.pdf",
            redact=(house.partner_id, house.contact_id, house.secret_note_id),
        ),
    )
    assert result.redacted == 3
    data = all_bytes(result.path)
    text = " ".join(pages_text(result.path)) + " ".join(poppler_pages(result.path))
    secrets = (canary, "Private disclosure", "Demoford Early Help", "Reem Khoury", "Former partner")
    for secret in secrets:
        assert secret not in text, secret
        for encoded in (secret.encode("utf-8"), secret.encode("utf-16-be")):
            assert encoded not in data, secret
    assert "[redacted]" in text
    # What was not redacted is still there.
    assert POLISH in squash(text) and "Send the uniform grant form" in squash(text)


def test_redacting_an_unknown_id_is_refused_and_writes_nothing(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    with pytest.raises(ValidationFailed):
        ReportsService(c).case_summary(
            house.family_id, ReportOptions(out=out_dir / "c.pdf", redact=("nope",))
        )
    assert list(out_dir.iterdir()) == []


# -- encryption -----------------------------------------------------------------------------------
def test_password_protected_pdf_is_aes_256_and_opens_only_with_the_password(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=2)
    result = ReportsService(c).case_summary(
        house.family_id, ReportOptions(out=out_dir / "c.pdf", password=PASSWORD)
    )
    assert result.encrypted
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(result.path)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(result.path, password="wrong password")
    with pikepdf.open(result.path, password=PASSWORD) as pdf:
        encrypt = pdf.trailer.Encrypt
        assert int(encrypt.V) == 5 and int(encrypt.R) == 6  # AES-256 (never RC4)
        assert str(encrypt.CF.StdCF.CFM) == "/AESV3"
    reader = pypdf.PdfReader(str(result.path))
    assert reader.is_encrypted
    assert not reader.decrypt("")
    assert MARKING in pages_text(result.path, PASSWORD)[0]
    # Nothing readable without the password, even decompressed.
    assert b"Case summary" not in result.path.read_bytes()
    assert POLISH in squash(" ".join(poppler_pages(result.path, PASSWORD)))


def test_a_short_password_is_refused(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    with pytest.raises(ValidationFailed):
        ReportsService(c).case_summary(
            house.family_id, ReportOptions(out=out_dir / "c.pdf", password="short")
        )
    assert list(out_dir.iterdir()) == []


# -- audit and the disk ---------------------------------------------------------------------------
def test_each_export_writes_an_audit_event_without_content(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    before = len(c.audit.all())
    ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    events = c.audit.all()[before:]
    # The export, then its entry in the information-sharing record (issue 10).
    assert [(e.action, e.kind) for e in events] == [("export", None), ("create", "sharing")]
    event = events[0]
    assert event.family_id == house.family_id
    assert event.detail.startswith("report=case_summary;pages=")
    assert "encrypted=no" in event.detail
    for private in ("Wąsowska", "Llŷr", str(out_dir), "c.pdf"):
        assert private not in event.detail
    assert c.audit.for_family(house.family_id)[-2].action == "export"


def test_making_a_report_leaves_no_plaintext_or_temp_files_in_the_data_dir(
    lead_vault: Vault, out_dir: Path
) -> None:
    canary = new_canary("LEAK")
    house = make_household(caseload(lead_vault), notes=20, canary=canary)
    lead_vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data_dir = lead_vault.data_dir
    before = {p.name for p in data_dir.rglob("*")}
    for make in every_report(lead_vault, out_dir, house).values():
        make()
    after = {p.name for p in data_dir.rglob("*")}
    assert after - before <= {"vault.db-wal", "vault.db-shm"}
    assert not [n for n in after if n.endswith(".tmp")]
    assert files_containing(data_dir, [canary]) == []
    # The case summary itself does hold the canary (nothing was redacted), so the search above
    # was looking for something that really was in the case.
    assert canary in " ".join(poppler_pages(out_dir / "case.pdf"))


def test_a_report_cannot_be_written_inside_the_vault_folder(vault: Vault) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    target = vault.data_dir / "summary.pdf"
    with pytest.raises(ValidationFailed):
        ReportsService(c).case_summary(house.family_id, ReportOptions(out=target))
    assert not target.exists()


def test_cancelling_from_the_progress_callback_writes_nothing(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=80)
    stages: list[str] = []

    def progress(stage: str, fraction: float) -> bool:
        stages.append(stage)
        return stage != "layout" or fraction < 0.3

    before = len(c.audit.all())
    with pytest.raises(ReportCancelled):
        ReportsService(c).case_summary(
            house.family_id, ReportOptions(out=out_dir / "c.pdf"), progress
        )
    assert "reading" in stages and "layout" in stages
    assert list(out_dir.iterdir()) == []
    assert len(c.audit.all()) == before


def test_progress_reaches_done(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    seen: list[tuple[str, float]] = []

    def progress(stage: str, fraction: float) -> None:
        seen.append((stage, fraction))

    ReportsService(c).chronology(house.family_id, ReportOptions(out=out_dir / "c.pdf"), progress)
    assert seen[-1] == ("done", 1.0)


# -- caseload overview ------------------------------------------------------------------------
def test_caseload_overview_is_for_leads_only(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    with pytest.raises(NotPermitted):
        ReportsService(c).caseload_overview(ReportOptions(out=out_dir / "o.pdf"))
    assert list(out_dir.iterdir()) == []


def test_caseload_overview_counts_families_per_officer_and_unallocated(
    lead_vault: Vault, out_dir: Path
) -> None:
    c = caseload(lead_vault)
    first = make_household(c, notes=1)
    make_household(c, notes=1)
    c.allocations.allocate(first.family_id, "a" * 32, "Nguyễn Văn Đức")
    c.visits.create({"family_id": first.family_id, "date": "2025-10-03", "status": "completed"})
    c.visits.create(
        {"family_id": first.family_id, "date": "2025-11-03", "status": "no_access",
         "officer": "Nguyễn Văn Đức", "minutes": 10, "travel_minutes": 65, "miles": 9}
    )  # fmt: skip
    c.actions.add(first.family_id, "Overdue thing", owner="Gwen", due=date(2025, 9, 1))
    result = ReportsService(c).caseload_overview(ReportOptions(out=out_dir / "o.pdf"))
    text = squash(" ".join(poppler_pages(result.path)))
    assert "2 families · 1 allocated" in text
    assert "Nguyễn Văn Đức 1" in text
    assert "Unallocated 1" in text
    assert "Visits per month, by outcome" in text and "Completed" in text
    assert "Referrals per month, by kind" in text and "Food bank" in text
    assert "Overdue thing" in text
    assert "Persistent absence" in text and "Siân Llŷr" in text
    # This term's time and mileage per officer (from 1 September: the visit in October and
    # the one in November), with a line for all officers.
    assert "Time and mileage: 01 Sep 2025 to 12 Nov 2025" in text
    assert "Nguyễn Văn Đức 1 1 0 h 10 1 h 05 9 0 h 00" in text
    assert "All officers 2 1 0 h 10 1 h 05 9 0 h 00" in text


# -- transfer pack --------------------------------------------------------------------------------
def test_transfer_pack_records_the_transfer_and_ends_with_a_receipt_page(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=2)
    c.concerns.raise_concern(
        house.family_id,
        "Bruise on the arm, explained as a fall",
        urgency="urgent",
        person_id=house.pupil_id,
    )
    svc = ReportsService(c)
    result = svc.transfer_pack(
        house.pupil_id,
        ReportOptions(out=out_dir / "t.pdf"),
        receiving_school="Ysgol Gymraeg Demo",
        left_on=date(2025, 11, 10),
    )
    pages = [squash(p) for p in pages_text(result.path)]
    assert "Child-protection file transfer" in pages[0]
    assert "Ysgol Gymraeg Demo" in pages[0] and "Due by 17 Nov 2025" in pages[0]
    assert "Bruise on the arm" in " ".join(pages)
    assert "Receipt" in pages[-1] and "Signature" in pages[-1] and "Date received" in pages[-1]
    assert result.transfer_id and result.transfer_id in pages[-1]
    [status] = svc.caseload.transfers.of_pupil(house.pupil_id)
    assert status.record["sent_on"] == "2025-11-12" and not status.confirmed
    assert status.school_days_to_send == 2 and status.on_time


def test_confirming_receipt_records_the_date_and_refuses_one_before_sending(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    svc = ReportsService(c)
    with pytest.raises(NotFound):
        svc.caseload.transfers.confirm_received(house.pupil_id, date(2025, 11, 13))
    svc.transfer_pack(
        house.pupil_id, ReportOptions(out=out_dir / "t.pdf"), receiving_school="Demo High"
    )
    with pytest.raises(ValidationFailed):
        svc.caseload.transfers.confirm_received(house.pupil_id, date(2025, 11, 1))
    with pytest.raises(ValidationFailed):  # a later day than today
        svc.caseload.transfers.confirm_received(house.pupil_id, date(2025, 11, 14))
    status = svc.caseload.transfers.confirm_received(
        house.pupil_id, date(2025, 11, 12), "A. Jones, DSL"
    )
    assert status.confirmed
    assert status.record["received_on"] == "2025-11-12"
    assert status.record["received_by"] == "A. Jones, DSL"


def test_a_transfer_pack_is_only_for_a_pupil(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    with pytest.raises(ValidationFailed):
        ReportsService(c).transfer_pack(
            house.carer_id, ReportOptions(out=out_dir / "t.pdf"), receiving_school="Demo High"
        )
    assert c.transfers.query() == []
    assert list(out_dir.iterdir()) == []


# -- subject access -------------------------------------------------------------------------------
def test_subject_access_export_gives_the_persons_data_and_redacts_everyone_else(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=3)
    result = ReportsService(c).subject_access(
        house.pupil_id, ReportOptions(out=out_dir / "sar.pdf"), out_dir / "sar.json"
    )
    document = json.loads((out_dir / "sar.json").read_text(encoding="utf-8"))
    assert document["format"] == "liaison-desktop/subject-access-1"
    assert document["person"]["given_name"] == "Siân"
    assert document["attendance"][0]["percentage"] == 82.0
    assert len(document["notes"]) == 3
    raw_json = (out_dir / "sar.json").read_text(encoding="utf-8")
    pdf_text = squash(" ".join(poppler_pages(result.path)))
    for other in ("Łucja", ARABIC_GIVEN, ARABIC_FAMILY, VIETNAMESE, "Thủy", "Reem Khoury"):
        assert other not in raw_json, other
        assert other not in pdf_text, other
        assert other.encode("utf-8") not in all_bytes(result.path), other
    assert "[redacted]" in raw_json and "[redacted]" in pdf_text
    assert WELSH in pdf_text and "Visit 2:" in pdf_text


# -- the ecomap ----------------------------------------------------------------------------------
def test_the_case_summary_draws_the_ecomap_and_says_every_tie_in_words(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    (member,) = c.directory.team(house.family_id)
    c.directory.set_tie(member.link_id, "strong")
    result = ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    text = squash(" ".join(poppler_pages(result.path)))
    assert "Ecomap" in text
    assert "Families and multi-agency contacts: Demoford Early Help (Reem Khoury) — Lead " in text
    assert "professional (strong tie)" in text
    assert "The family: Łucja Wąsowska — Mother" in text
    # The picture's boxes are real text too: the family's name sits at its centre.
    assert text.count("Wąsowska-Llŷr family") >= 2
