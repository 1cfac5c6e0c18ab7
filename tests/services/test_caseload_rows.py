"""The caseload list rows: one aggregated read gives each family's officer, needs, referrals
and last contact, matching what the per-family services say."""

from __future__ import annotations

from datetime import date

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family

DEVICE = "0123456789abcdef0123456789abcdef"
OTHER_DEVICE = "fedcba9876543210fedcba9876543210"


@pytest.fixture
def lead(lead_vault: Vault) -> Caseload:
    return caseload_on(lead_vault)


def test_rows_list_every_family_by_name_with_empty_columns_when_nothing_recorded(
    vault: Vault,
) -> None:
    caseload = caseload_on(vault)
    new_family(caseload, "Zielinski family")
    new_family(caseload, "ádám family")
    new_family(caseload, "Brown family")
    rows = caseload.caseload_rows.rows()
    assert [r.name for r in rows] == ["Brown family", "Zielinski family", "ádám family"]
    assert all(r.officers == () and r.open_referrals == 0 and r.last_contact is None for r in rows)


def test_deleted_families_are_not_listed(vault: Vault) -> None:
    caseload = caseload_on(vault)
    keep = new_family(caseload, "Kept family")
    gone = new_family(caseload, "Gone family")
    caseload.families.delete(gone)
    assert [r.family_id for r in caseload.caseload_rows.rows()] == [keep]


def test_open_referrals_count_only_those_still_in_progress(vault: Vault) -> None:
    caseload = caseload_on(vault)
    fid = new_family(caseload)
    caseload.referrals.add(fid, "food_bank", status="sent", reason="Test referral")
    caseload.referrals.add(fid, "baby_bank", reason="Test referral")
    done = caseload.referrals.add(fid, "furniture", status="sent", reason="Test referral").record.id
    caseload.referrals.move(done, "declined")
    (row,) = caseload.caseload_rows.rows()
    assert row.open_referrals == 2


def test_last_contact_is_the_latest_contact_visit_or_note_but_not_a_planned_visit(
    vault: Vault,
) -> None:
    caseload = caseload_on(vault)
    fid = new_family(caseload)
    visit = caseload.visits.plan(fid, date(2025, 3, 1)).id
    caseload.visits.update(visit, {"status": "completed"})
    caseload.visits.plan(fid, date(2025, 4, 30))  # planned, in the future: not contact yet
    (row,) = caseload.caseload_rows.rows()
    assert row.last_contact == "2025-03-01"
    caseload.notes.write(fid, "Phoned mum about the uniform grant.")
    (row,) = caseload.caseload_rows.rows()
    assert row.last_contact == TODAY.isoformat()


def test_needs_and_officers_come_from_the_family_and_its_active_allocations(
    lead: Caseload,
) -> None:
    fid = new_family(lead)
    lead.families.set_fields(fid, {"needs": ["housing", "food"]})
    lead.allocations.allocate(fid, DEVICE, "Priya Shah")
    lead.allocations.allocate(fid, OTHER_DEVICE, "Ffion Jones")
    (row,) = lead.caseload_rows.rows()
    assert row.officers == ("Ffion Jones", "Priya Shah")
    assert set(row.needs) == {"housing", "food"}
    lead.allocations.remove(fid, OTHER_DEVICE)
    (row,) = lead.caseload_rows.rows()
    assert row.officers == ("Priya Shah",)


def test_rows_agree_with_the_per_family_services_on_a_demo_caseload(vault: Vault) -> None:
    caseload = caseload_on(vault)
    populate_demo(caseload, families=25, seed=7)
    rows = caseload.caseload_rows.rows()
    assert len(rows) == caseload.ctx.store.count("family") == 25
    for row in rows:
        family = caseload.families.get(row.family_id)
        assert row.name == family["name"]
        assert list(row.needs) == list(family["needs"] or [])
        open_refs = [
            r
            for r in caseload.referrals.for_family(row.family_id)
            if r["status"] not in ("fulfilled", "declined", "withdrawn")
        ]
        assert row.open_referrals == len(open_refs)
        days = [str(n["written_at"])[:10] for n in caseload.notes.for_family(row.family_id)] + [
            str(v["date"])
            for v in caseload.visits.for_family(row.family_id)
            if v["status"] in ("completed", "no_access")
        ]
        assert row.last_contact == (max(days) if days else None)
