"""Issue 23: a concern's decision travels both ways through real bundles, and what an insider
might forge about one is refused where it arrives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.insider import forge
from tests.sync.test_authority import MP, Cap, School, send

from .test_authority import school as school


def test_a_concern_about_two_children_reaches_its_decision_on_both_laptops(
    school: School,
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        ada = c.people.create({"family_id": school.sams, "given_name": "Ada", "role": "pupil"}).id
        ben = c.people.create({"family_id": school.sams, "given_name": "Ben", "role": "pupil"}).id
        concern = c.concerns.raise_concern(
            school.sams, "Both hungry", person_ids=[ada, ben], category="neglect"
        ).id
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        assert c.concerns.get(concern)["person_ids"] == [ada, ben]
        c.concerns.categories.add_category("Attendance at risk")
        c.concerns.decide(concern, "early_help", "Family agreed", informed="Mum, in person",
                          informed_at=c.ctx.now_iso())  # fmt: skip
        c.concerns.close(concern, "Early Help assessment open")
    send(school.lead, school.sam)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        view = c.concerns.view(concern)
        assert view.closed and view.decision is not None
        assert view.decision["informed"] == "Mum, in person"
        assert "Attendance at risk" in [name for name, _l in c.concerns.categories.choices()]


def test_a_concern_dated_after_it_was_written_is_refused_at_the_lead(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    later = (datetime.now(UTC) + timedelta(days=2)).isoformat(timespec="seconds")
    forge(
        school.sam,
        "concern",
        "cf" * 16,
        {"family_id": school.sams, "source": "other", "raised_at": later, "raised_by": "Sam",
         "observed": "Forged for later", "happened_at": later, "urgency": "routine"},
    )  # fmt: skip
    assert "after the change was written" in school.refused(capsys, monkeypatch).err
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).ctx.store.get("concern", "cf" * 16) is None


def test_an_officer_cannot_add_a_concern_category_for_the_school(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    forge(school.sam, "concern_category", "cc" * 16, {"name": "Made up", "retired": False})
    assert "only a safeguarding lead" in school.refused(capsys, monkeypatch).err
