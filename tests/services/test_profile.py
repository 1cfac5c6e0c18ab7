"""The officer's name and the lead's caseload rules, kept in the vault's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.profile_service import CaseloadRules, ProfileService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.caseload_helpers import caseload_on, create_lead_vault, new_family


def test_new_name_is_stored_and_used_for_new_notes_at_once(vault: Vault) -> None:
    caseload = caseload_on(vault)
    profile = ProfileService(caseload.ctx)
    assert profile.set_owner_name("  Siân   Ó Briain ") == "Siân Ó Briain"
    assert vault.meta()["owner_name"] == "Siân Ó Briain"
    family_id = new_family(caseload)
    note = caseload.notes.create({"family_id": family_id, "text": "Visit went well."})
    assert note["author"] == "Siân Ó Briain"
    rename = [e for e in caseload.audit.all() if e.action == "profile.rename"]
    assert len(rename) == 1 and "Siân" not in rename[0].detail


def test_new_name_survives_locking(data_dir: Path, vault: Vault) -> None:
    ProfileService(caseload_on(vault).ctx).set_owner_name("Rhys Evans")
    vault.close()
    reopened = Vault.unlock(data_dir, PASSPHRASE)
    try:
        assert ProfileService(Caseload(reopened).ctx).owner_name() == "Rhys Evans"
    finally:
        reopened.close()


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_empty_or_overlong_name_is_refused_and_nothing_changes(vault: Vault, name: str) -> None:
    profile = ProfileService(caseload_on(vault).ctx)
    with pytest.raises(ValidationFailed) as caught:
        profile.set_owner_name(name)
    assert caught.value.problems[0][0] == "owner_name"
    assert profile.owner_name() == "Test Officer"


def test_rules_default_until_a_lead_sets_them_and_referrals_follow(tmp_path: Path) -> None:
    lead = create_lead_vault(tmp_path / "lead")
    try:
        caseload = caseload_on(lead)
        profile = ProfileService(caseload.ctx)
        assert profile.caseload_rules() == CaseloadRules(3, 6)
        assert profile.set_caseload_rules(CaseloadRules(5, 12)) == CaseloadRules(5, 12)
        assert lead.meta()["setting.voucher_limit"] == "5"
        assert caseload.referrals.voucher_limit == 5
        assert caseload.referrals.voucher_window_months == 12
        assert any(e.action == "settings.caseload_rules" for e in caseload.audit.all())
    finally:
        lead.close()


@pytest.mark.parametrize(("limit", "window"), [(0, 6), (3, 0), (53, 6), (3, 25)])
def test_out_of_range_rules_are_refused_and_nothing_changes(
    tmp_path: Path, limit: int, window: int
) -> None:
    lead = create_lead_vault(tmp_path / "lead")
    try:
        profile = ProfileService(caseload_on(lead).ctx)
        with pytest.raises(ValidationFailed):
            profile.set_caseload_rules(CaseloadRules(limit, window))
        assert "setting.voucher_limit" not in lead.meta()
        assert profile.caseload_rules() == CaseloadRules(3, 6)
    finally:
        lead.close()


def test_an_officer_cannot_change_the_rules(vault: Vault) -> None:
    profile = ProfileService(caseload_on(vault).ctx)
    with pytest.raises(NotPermitted):
        profile.set_caseload_rules(CaseloadRules(5, 12))
    assert "setting.voucher_limit" not in vault.meta()
