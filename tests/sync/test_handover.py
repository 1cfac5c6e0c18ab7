"""Issue 23, item 5: a departing officer's whole caseload moves to another officer in one step,
with a handover summary; at the next sync the old laptop removes the families and the new one
receives them. Revoking a device leaves its families to be handed over or taken back."""

from __future__ import annotations

import json
from pathlib import Path

from liaison_desktop.errors import EXIT_OK
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.reports.report_helpers import poppler_pages
from tests.sync.test_authority import MP, Cap, School, cli, send

from .test_authority import school as school


def _give_sam_more(school: School) -> list[str]:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        more = [c.families.create({"name": f"Family {n}", "postcode": "LS6 1AA"}).id
                for n in range(3)]  # fmt: skip
        c.allocations.allocate_many(more, school.sam.device_id, "Sam")
        c.people.create({"family_id": more[0], "given_name": "Ada", "family_name": "Jones",
                         "role": "pupil"})  # fmt: skip
        c.concerns.raise_concern(more[0], "Hungry at breakfast club")
    send(school.lead, school.sam)
    return [school.sams, *more]


def test_a_whole_caseload_moves_in_one_step_and_the_laptops_follow(
    school: School, capsys: Cap, monkeypatch: MP, tmp_path: Path
) -> None:
    sams = _give_sam_more(school)
    listed = cli(capsys, monkeypatch, school.lead, "handover", "--list", "--json")
    holders = {h["name"]: h["families"] for h in json.loads(listed.out)["holders"]}
    assert holders == {"sam": 4, "kim": 1}
    pdf = tmp_path / "handover.pdf"
    moved = cli(capsys, monkeypatch, school.lead, "handover", "--from", "sam", "--to", "kim",
                "--pdf", str(pdf), "--json")  # fmt: skip
    assert moved.code == EXIT_OK, moved.err
    assert sorted(json.loads(moved.out)["families"]) == sorted(sams)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        assert c.allocations.families_for_device(school.sam.device_id) == []
        assert set(c.allocations.families_for_device(school.kim.device_id)) == {
            *sams, school.kims
        }  # fmt: skip
        assert [s["what"] for s in c.sharing.for_family(sams[1])] == ["handover"]
    text = " ".join(" ".join(p.split()) for p in poppler_pages(pdf))
    assert "Caseload handover" in text and "From sam to kim" in text
    assert "Ada Jones" in text and "1 open concern (1 waiting for the lead)" in text
    assert "OFFICIAL-SENSITIVE" in text
    send(school.lead, school.sam)
    send(school.lead, school.kim)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).families.query() == []
    with Vault.unlock(school.kim.data_dir, PASSPHRASE) as vault:
        names = {f["name"] for f in Caseload(vault).families.all()}
        assert {"Ashworth family", "Family 0", "Brennan family"} <= names


def test_a_revoked_device_still_lists_its_families_to_take_back(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        SyncService(c.ctx).revoke_peer(school.sam.device_id)
        (sam,) = [h for h in c.handover.holders() if h.device_id == school.sam.device_id]
        assert sam.revoked and sam.families == 1
        try:
            c.handover.hand_over(school.kim.device_id, school.sam.device_id)
        except ValidationFailed as exc:
            assert "revoked or never paired" in str(exc)
        else:
            raise AssertionError("handed to a revoked device")
    taken = cli(capsys, monkeypatch, school.lead, "handover", "--from", "sam", "--take-back")
    assert taken.code == EXIT_OK, taken.err
    assert "nobody (taken back)" in taken.out
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).allocations.for_family(school.sams) == []


def test_an_officer_cannot_hand_over(school: School, capsys: Cap, monkeypatch: MP) -> None:
    refused = cli(capsys, monkeypatch, school.sam, "handover", "--from", "sam", "--to", "kim")
    assert refused.code != EXIT_OK and "lead" in refused.err
