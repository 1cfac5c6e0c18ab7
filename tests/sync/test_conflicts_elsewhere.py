"""Issue 23, item 7: a conflict decided on one device closes on the others when the choice
arrives — an officer's row no longer says "Shown now: mine" after the lead chose."""

from __future__ import annotations

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.test_authority import School, send

from .test_authority import school as school


def _open(member_dir: object) -> list[str]:
    with Vault.unlock(member_dir, PASSPHRASE) as vault:  # type: ignore[arg-type]
        return [c.field for c in SyncService(Caseload(vault).ctx).conflicts()]


def test_the_leads_choice_closes_the_officers_conflict(school: School) -> None:
    for member, words in ((school.sam, "Sam's words"), (school.lead, "The lead's words")):
        with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
            Caseload(vault).families.update(school.sams, {"key_facts": words})
    send(school.sam, school.lead)
    send(school.lead, school.sam)
    assert _open(school.lead.data_dir) == ["key_facts"]
    assert _open(school.sam.data_dir) == ["key_facts"]
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        sync = SyncService(Caseload(vault).ctx)
        (conflict,) = sync.conflicts()
        sync.resolve(conflict.id, "mine" if conflict.mine == "The lead's words" else "theirs")
    send(school.lead, school.sam)
    assert _open(school.sam.data_dir) == []
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        assert c.families.get(school.sams)["key_facts"] == "The lead's words"
        (closed,) = SyncService(c.ctx).conflicts(include_resolved=True)
        assert closed.resolved


def test_a_new_concurrent_edit_still_opens_a_conflict(school: School) -> None:
    for member, words in ((school.sam, "One"), (school.lead, "Two")):
        with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
            Caseload(vault).families.update(school.sams, {"key_facts": words})
    send(school.sam, school.lead)
    assert _open(school.lead.data_dir) == ["key_facts"]
