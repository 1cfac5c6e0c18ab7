"""Issue 10, acceptance 2: every PDF report writes an information-sharing entry with the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desktop.domain.sharing import ShareDetails
from liaison_desktop.errors import StorageFull
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.records.sharing_helpers import all_entries, entries, make_family
from tests.reports.report_helpers import caseload, pages_text, squash
from tests.services.caseload_helpers import create_lead_vault

EARLY_HELP = ShareDetails(
    recipient="Early help coordinator",
    organisation="Demoford Early Help Hub",
    lawful_basis="public_task",
    condition="safeguarding",
)


def test_case_summary_for_another_agency_records_what_to_whom_basis_and_consent(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c, consent="given")
    out = tmp_path / "summary.pdf"
    options = ReportOptions(out=out, sections=("household", "consents"), share=EARLY_HELP)

    result = ReportsService(c).case_summary(fam.family_id, options)

    assert out.exists() and result.sharing_entries == 1
    [entry] = entries(c, fam.family_id)
    assert entry["what"] == "case_summary"
    assert entry["purpose"] == "shared"
    assert entry["recipient"] == "Early help coordinator"
    assert entry["organisation"] == "Demoford Early Help Hub"
    assert entry["lawful_basis"] == "public_task"
    assert entry["condition"] == "safeguarding"
    assert entry["consent_status"] == "given"
    assert entry["shared_by"] == "Test Officer"
    assert entry["shared_at"].startswith("2025-11-12T14:30")
    assert entry["details"] == "Sections: Household, Consents"
    assert entry["encrypted"] is False


def test_case_summary_kept_for_own_records_names_the_officer_and_public_task(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c)
    ReportsService(c).case_summary(fam.family_id, ReportOptions(out=tmp_path / "own.pdf"))
    [entry] = entries(c, fam.family_id)
    assert entry["purpose"] == "own_records"
    assert entry["recipient"] == "Test Officer"
    assert entry["lawful_basis"] == "public_task"
    assert entry["consent_status"] == "not_recorded"


def test_chronology_records_withdrawn_consent_at_that_moment(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    fam = make_family(c, consent="withdrawn")
    share = ShareDetails(
        recipient="Duty social worker",
        organisation="Demoford Children's Social Care",
        lawful_basis="public_task",
        condition="safeguarding",
        consent_not_sought=False,
    )
    ReportsService(c).chronology(
        fam.family_id, ReportOptions(out=tmp_path / "chron.pdf", share=share)
    )
    [entry] = entries(c, fam.family_id)
    assert entry["what"] == "chronology"
    assert entry["organisation"] == "Demoford Children's Social Care"
    assert entry["consent_status"] == "withdrawn"


def test_consent_not_sought_for_safeguarding_is_recorded_as_such(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c)
    share = ShareDetails(
        recipient="Duty social worker",
        organisation="Demoford Children's Social Care",
        lawful_basis="public_task",
        condition="safeguarding",
        consent_not_sought=True,
    )
    ReportsService(c).chronology(
        fam.family_id, ReportOptions(out=tmp_path / "chron.pdf", share=share)
    )
    assert entries(c, fam.family_id)[0]["consent_status"] == "not_sought_safeguarding"


def test_caseload_overview_writes_one_entry_per_family_in_it(tmp_path: Path) -> None:
    vault = create_lead_vault(tmp_path / "lead")
    try:
        c = caseload(vault)
        families = [make_family(c, f"Family {n}") for n in range(3)]
        result = ReportsService(c).caseload_overview(
            ReportOptions(out=tmp_path / "overview.pdf", share=EARLY_HELP)
        )
        assert result.sharing_entries == 3
        export_ids = set()
        for fam in families:
            [entry] = entries(c, fam.family_id)
            assert entry["what"] == "caseload_overview"
            assert entry["organisation"] == "Demoford Early Help Hub"
            export_ids.add(entry["export_id"])
        assert len(export_ids) == 1  # one export, three entries
    finally:
        vault.close()


def test_transfer_pack_records_the_receiving_school_by_default(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c)
    ReportsService(c).transfer_pack(
        fam.pupil_id, ReportOptions(out=tmp_path / "cp.pdf"), receiving_school="Demoford Academy"
    )
    [entry] = entries(c, fam.family_id)
    assert entry["what"] == "transfer_pack"
    assert entry["purpose"] == "shared"
    assert entry["person_id"] == fam.pupil_id
    assert entry["recipient"] == "Designated safeguarding lead"
    assert entry["organisation"] == "Demoford Academy"
    assert entry["lawful_basis"] == "legal_obligation"
    assert entry["condition"] == "safeguarding"
    assert entry["consent_status"] == "not_recorded"


def test_subject_access_export_is_recorded_and_lists_earlier_shares(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c, consent="given")
    reports = ReportsService(c)
    reports.case_summary(fam.family_id, ReportOptions(out=tmp_path / "a.pdf", share=EARLY_HELP))
    reports.transfer_pack(
        fam.pupil_id, ReportOptions(out=tmp_path / "cp.pdf"), receiving_school="Demoford Academy"
    )

    out = tmp_path / "sar.pdf"
    reports.subject_access(fam.pupil_id, ReportOptions(out=out), tmp_path / "sar.json")

    text = squash(" ".join(pages_text(out)))
    assert "Information shared outside the vault" in text
    assert "Demoford Early Help Hub" in text
    assert "Demoford Academy" in text
    assert "Legal obligation" in text and "Public task" in text
    assert "Case summary (PDF)" in text
    # The recipient's own name is a professional's personal data; their organisation is given.
    assert "Early help coordinator" not in text
    import json

    document = json.loads((tmp_path / "sar.json").read_text(encoding="utf-8"))
    assert [e["organisation"] for e in document["sharing"]] == [
        "Demoford Early Help Hub",
        "Demoford Academy",
    ]
    newest = entries(c, fam.family_id)[0]
    assert newest["what"] == "subject_access"
    assert newest["purpose"] == "subject_access"
    assert newest["recipient"] == "Tobi Okafor"


def test_a_failed_report_leaves_no_entry_and_no_file(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    fam = make_family(c)
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the PDF should go: the final rename fails
    with pytest.raises(StorageFull):
        ReportsService(c).case_summary(fam.family_id, ReportOptions(out=target, share=EARLY_HELP))
    assert all_entries(vault) == 0
    assert list(target.iterdir()) == []


def test_an_entry_that_cannot_be_written_stops_the_file(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    fam = make_family(c)  # no consent recorded
    out = tmp_path / "summary.pdf"
    on_consent = ShareDetails("Nurse", "Demoford Health", lawful_basis="consent")
    with pytest.raises(ValidationFailed) as err:
        ReportsService(c).case_summary(fam.family_id, ReportOptions(out=out, share=on_consent))
    assert "consent" in str(err.value)
    assert not out.exists()
    assert all_entries(vault) == 0


def test_an_outside_recipient_without_a_lawful_basis_is_refused(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c)
    out = tmp_path / "summary.pdf"
    with pytest.raises(ValidationFailed) as err:
        ReportsService(c).case_summary(
            fam.family_id, ReportOptions(out=out, share=ShareDetails("Nurse", "Demoford Health"))
        )
    assert [p for p, _r in err.value.problems] == ["lawful_basis"]
    assert not out.exists() and all_entries(vault) == 0


def test_a_preview_records_no_share(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    fam = make_family(c)
    ReportsService(c).preview(
        "case_summary", fam.family_id, ReportOptions(out=tmp_path / "x.pdf", share=EARLY_HELP)
    )
    assert all_entries(vault) == 0


def test_a_sharing_entry_cannot_be_changed_or_deleted(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    fam = make_family(c)
    ReportsService(c).case_summary(fam.family_id, ReportOptions(out=tmp_path / "own.pdf"))
    [entry] = entries(c, fam.family_id)
    from liaison_desktop.errors import NotPermitted

    with pytest.raises(NotPermitted):
        c.sharing.update(entry.id, {"organisation": "Someone else"})
    with pytest.raises(NotPermitted):
        c.sharing.delete(entry.id)
