"""Every operation is authorised where it arrives (issue 15): a paired officer can do only what
its role and its allocations allow.

Each test replays one attack found against the shipped app. The insider (officer Sam) writes
into its own vault with the real library or seals a bundle by hand (tests/sync/insider.py) and
hands the lead an ordinary signed bundle through the real CLI. The lead refuses it whole (exit
3), nothing but the security event is written, the event is on the Sync history and in the audit
log, and the lead can still list, search, edit and sync.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_OK, EXIT_REJECTED
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.hlc import format_stamp
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync.authority import SECURITY_REFUSED
from liaison_desktop.sync.peers import is_revoked
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli
from tests.sync.insider import forge, op_doc, sealed, write
from tests.sync.world import Member, create_member, pair, snapshot

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


def cli(capsys: Cap, monkeypatch: MP, member: Member, *args: str) -> CliResult:
    return run_cli(capsys, monkeypatch, member.data_dir, *args, env=ENV)


def send(src: Member, dst: Member) -> None:
    """One ordinary bundle from `src`, imported by `dst`."""
    with Vault.unlock(src.data_dir, PASSPHRASE) as vault:
        data = SyncService(Caseload(vault).ctx).export_bytes(dst.device_id).data
    with Vault.unlock(dst.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).import_bytes([data])


def bundle_of(src: Member, dst: Member, path: Path) -> Path:
    with Vault.unlock(src.data_dir, PASSPHRASE) as vault:
        return write(path, SyncService(Caseload(vault).ctx).export_bytes(dst.device_id).data)


class School:
    """A lead, officers Sam and Kim, a family each, one note finalised in Kim's family."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lead = create_member(root, "lead", "lead")
        self.sam = create_member(root, "sam", "officer")
        self.kim = create_member(root, "kim", "officer")
        pair(self.lead, self.sam)
        pair(self.lead, self.kim)
        with Vault.unlock(self.lead.data_dir, PASSPHRASE) as vault:
            caseload = Caseload(vault)
            self.sams = caseload.families.create({"name": "Ashworth family"}).id
            self.kims = caseload.families.create({"name": "Brennan family"}).id
            caseload.allocations.allocate(self.sams, self.sam.device_id, officer_name="Sam")
            caseload.allocations.allocate(self.kims, self.kim.device_id, officer_name="Kim")
        send(self.lead, self.sam)
        send(self.lead, self.kim)
        with Vault.unlock(self.kim.data_dir, PASSPHRASE) as vault:
            notes = Caseload(vault).notes
            self.kims_note = notes.write(self.kims, "Home visit: all well").id
            notes.finalise(self.kims_note)
        send(self.kim, self.lead)

    def refused(self, capsys: Cap, monkeypatch: MP, data: bytes | None = None) -> CliResult:
        """Sam's bundle (ordinary, or the one given) through `liaison bundle import`."""
        path = self.root / "from-sam.lbundle"
        if data is None:
            bundle_of(self.sam, self.lead, path)
        else:
            write(path, data)
        before = snapshot(self.lead)
        result = cli(capsys, monkeypatch, self.lead, "bundle", "import", str(path))
        assert result.code == EXIT_REJECTED, (result.out, result.err)
        assert "sam" in result.err and self.sam.device_id in result.err
        assert snapshot(self.lead, ignore_security=True) == before
        self.assert_security_event()
        self.assert_lead_still_works(capsys, monkeypatch)
        return result

    def assert_security_event(self) -> None:
        with Vault.unlock(self.lead.data_dir, PASSPHRASE) as vault:
            caseload = Caseload(vault)
            events = [e for e in caseload.audit.all() if e.action == SECURITY_REFUSED]
            assert events and self.sam.device_id in events[-1].detail
            history = SyncService(caseload.ctx).history()
            assert history[0]["security"][0]["sender"] == self.sam.device_id
            assert history[0]["security"][0]["refused"] is True

    def assert_lead_still_works(self, capsys: Cap, monkeypatch: MP) -> None:
        listed = cli(capsys, monkeypatch, self.lead, "family", "list", "--json")
        assert listed.code == EXIT_OK and "Brennan family" in listed.out
        found = cli(capsys, monkeypatch, self.lead, "search", "Brennan", "--json")
        assert found.code == EXIT_OK and self.kims in found.out
        with Vault.unlock(self.lead.data_dir, PASSPHRASE) as vault:
            Caseload(vault).families.update(self.kims, {"key_facts": "Checked after refusal"})
        folder = self.root / "share"
        folder.mkdir(exist_ok=True)
        synced = cli(capsys, monkeypatch, self.lead, "sync", "--dir", str(folder))
        assert synced.code == EXIT_OK, synced.err
        assert cli(capsys, monkeypatch, self.kim, "sync", "--dir", str(folder)).code == EXIT_OK
        with Vault.unlock(self.kim.data_dir, PASSPHRASE) as vault:
            assert Caseload(vault).families.get(self.kims)["key_facts"] == "Checked after refusal"

    def families_of_sam_at_lead(self) -> set[str]:
        with Vault.unlock(self.lead.data_dir, PASSPHRASE) as vault:
            return set(Caseload(vault).allocations.families_for_device(self.sam.device_id))


@pytest.fixture
def school(tmp_path: Path) -> School:
    return School(tmp_path)


def test_a_forged_allocation_of_another_officers_family_is_refused(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    from liaison_desktop.domain.records import allocation_id

    forge(
        school.sam,
        "allocation",
        allocation_id(school.kims, school.sam.device_id),
        {
            "family_id": school.kims,
            "device_id": school.sam.device_id,
            "allocated_at": "2026-12-01T09:00:00+00:00",
            "active": True,
        },
    )
    result = school.refused(capsys, monkeypatch)
    assert "only a safeguarding lead" in result.err
    assert school.families_of_sam_at_lead() == {school.sams}


def test_a_family_taken_back_cannot_be_written_to_or_taken_again(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    from liaison_desktop.domain.records import allocation_id

    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).allocations.remove(school.sams, school.sam.device_id)
    send(school.lead, school.sam)  # Sam purges the family and acknowledges the take-back
    send(school.sam, school.lead)
    forge(
        school.sam,
        "allocation",
        allocation_id(school.sams, school.sam.device_id),
        {"family_id": school.sams, "device_id": school.sam.device_id, "active": True,
         "allocated_at": "2026-12-01T09:00:00+00:00"},
    )  # fmt: skip
    school.refused(capsys, monkeypatch)
    assert school.families_of_sam_at_lead() == set()


def test_writing_into_a_family_after_knowing_it_was_taken_back_is_refused(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).allocations.remove(school.sams, school.sam.device_id)
    send(school.lead, school.sam)
    send(school.sam, school.lead)  # the lead now knows Sam knows
    forge(
        school.sam,
        "note",
        "f0" * 16,
        {"family_id": school.sams, "written_at": "2026-12-02T10:00:00+00:00",
         "author": "Sam", "text": "Written after the take-back", "status": "draft"},
    )  # fmt: skip
    result = school.refused(capsys, monkeypatch)
    assert "was not allocated to that device" in result.err


def test_late_work_written_before_the_take_back_arrived_still_reaches_the_lead(
    school: School,
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        late = Caseload(vault).notes.write(school.sams, "Visit notes written offline").id
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).allocations.remove(school.sams, school.sam.device_id)
    send(school.lead, school.sam)  # the take-back arrives after the note was written
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).notes.get(late)["text"] == "Visit notes written offline"


def test_a_forged_erasure_of_a_held_family_is_refused_and_the_hold_stays(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).holds.place(school.sams, reason="Serious case review")
    send(school.lead, school.sam)
    forge(
        school.sam,
        "erasure",
        "e0" * 16,
        {"target_kind": "family", "target_id": school.sams, "target_family": school.sams,
         "reason": "retention", "erased_at": "2026-12-02T10:00:00+00:00"},
    )  # fmt: skip
    school.refused(capsys, monkeypatch)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        assert caseload.families.find(school.sams) is not None
        assert caseload.holds.holding("family", school.sams, school.sams)


def test_a_forged_hold_release_by_the_lead_is_refused(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        hold = Caseload(vault).holds.place(school.sams, reason="Serious case review").id
    send(school.lead, school.sam)
    forge(
        school.sam,
        "legal_hold",
        hold,
        {"released_at": "2026-12-02T10:00:00+00:00", "released_by": "lead",
         "release_reason": "No longer needed"},
    )  # fmt: skip
    school.refused(capsys, monkeypatch)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).holds.get(hold)["released_at"] is None


def test_a_rewrite_of_a_finalised_note_attributed_to_another_device_is_refused(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        versions = json.loads(
            vault.conn.execute(
                "SELECT versions FROM notes WHERE id = ?", (school.kims_note,)
            ).fetchone()[0]
        )
    forged = op_doc(
        author=school.kim.device_id,
        kind="note",
        record_id=school.kims_note,
        family_id=school.kims,
        values={"text": "Nothing of concern was seen"},
        replaces={"text": versions["text"]},
        stamp=format_stamp(int(time.time() * 1000), 0),
    )
    result = school.refused(capsys, monkeypatch, sealed(school.sam, school.lead, [forged]))
    assert school.kim.device_id in result.err
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).notes.get(school.kims_note)["text"] == "Home visit: all well"


@pytest.mark.parametrize(
    ("kind", "record_id", "values"),
    [
        ("retention_rule", "rr-note", {"record_kind": "note", "basis": "closure", "years": 0}),
        ("activity_kind", "ak-x", {"key": "x", "label": "Forged kind"}),
    ],
)
def test_lead_only_kinds_from_an_officer_are_refused(
    school: School,
    capsys: Cap,
    monkeypatch: MP,
    kind: str,
    record_id: str,
    values: dict[str, object],
) -> None:
    forge(school.sam, kind, record_id, values)
    assert "only a safeguarding lead" in school.refused(capsys, monkeypatch).err


def test_an_officer_cannot_acknowledge_a_concern_for_the_lead(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        concern = Caseload(vault).concerns.raise_concern(school.sams, "Bruise on arm").id
    send(school.sam, school.lead)
    forge(
        school.sam,
        "concern_addition",
        "ca" * 16,
        {"family_id": school.sams, "concern_id": concern, "text": "Seen by lead",
         "written_at": "2026-12-02T10:00:00+00:00", "author": "lead", "acknowledged": True},
    )  # fmt: skip
    assert "acknowledged" in school.refused(capsys, monkeypatch).err


@pytest.mark.parametrize("stage", ["acknowledged", "decision", "escalated", "action", "closed"])
def test_an_officer_cannot_move_a_concern_on_for_the_lead(
    school: School, capsys: Cap, monkeypatch: MP, stage: str
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        concern = Caseload(vault).concerns.raise_concern(school.sams, "Bruise on arm").id
    send(school.sam, school.lead)
    forge(
        school.sam,
        "concern_addition",
        "cb" * 16,
        {"family_id": school.sams, "concern_id": concern, "text": "Dealt with",
         "written_at": "2026-12-02T10:00:00+00:00", "author": "lead", "stage": stage},
    )  # fmt: skip
    assert "'stage'" in school.refused(capsys, monkeypatch).err
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).concerns.view(concern).stage == "raised"


def test_the_leads_action_and_closure_reach_the_officer(school: School) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        acted = caseload.concerns.raise_concern(school.sams, "Bruise on arm").id
        closed = caseload.concerns.raise_concern(school.sams, "No coat").id
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        caseload.concerns.record_action(acted, "Referred to MASH")
        caseload.concerns.close(closed, "Coat from the uniform bank")
    send(school.lead, school.sam)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        assert caseload.concerns.view(acted).stage == "action"
        assert caseload.concerns.view(closed).stage == "closed"
        assert caseload.concerns.additions_to(acted)[-1]["text"] == "Referred to MASH"


def test_an_officers_lone_working_check_in_reaches_the_leads_today(school: School) -> None:
    from datetime import date, datetime, timedelta

    from liaison_desktop.services.today_service import gather_today

    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        visits = Caseload(vault).visits
        visit = visits.plan(school.sams, date.today(), purpose="Evening visit").id
        visits.check_in(visit, datetime.now().astimezone() - timedelta(minutes=1))
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        (line,) = gather_today(Caseload(vault)).overdue_visits
        assert line.family_id == school.sams and "Check the officer is safe" in line.text
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        Caseload(vault).visits.check_out(visit)
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert gather_today(Caseload(vault)).overdue_visits == []


def test_an_officer_cannot_refile_a_concern_under_another_family(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        concern = Caseload(vault).concerns.raise_concern(school.sams, "Bruise on arm").id
    send(school.sam, school.lead)
    forge(school.sam, "concern", concern, {"family_id": school.kims})
    assert "a change to a concern record" in school.refused(capsys, monkeypatch).err


def test_a_leads_merge_reaches_the_officer_who_goes_on_working(school: School) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        concern = caseload.concerns.raise_concern(school.sams, "Bruise on arm").id
        note = caseload.notes.write(school.sams, "Visit: all well", final=True).id
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        keep = caseload.families.create({"name": "Ashworth family", "postcode": "OL1 1AA"}).id
        caseload.family_merge.merge(keep, school.sams)
    send(school.lead, school.sam)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        assert caseload.families.find(school.sams) is None
        assert caseload.families.get(keep)["postcode"] == "OL1 1AA"
        assert caseload.concerns.get(concern)["family_id"] == keep
        assert caseload.concerns.get(concern)["observed"] == "Bruise on arm"
        assert caseload.notes.get(note)["family_id"] == keep
        # Sam goes on working with the family under the record kept.
        caseload.notes.write(keep, "Follow-up call", final=True)
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        texts = [n["text"] for n in Caseload(vault).notes.for_family(keep)]
        assert "Follow-up call" in texts


def test_a_raised_concern_cannot_be_rewritten_afterwards(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        concern = Caseload(vault).concerns.raise_concern(school.sams, "Bruise on arm").id
    send(school.sam, school.lead)
    forge(school.sam, "concern", concern, {"observed": "Nothing happened"})
    assert "never edited" in school.refused(capsys, monkeypatch).err


def test_a_finalised_note_the_officer_held_as_final_cannot_be_edited(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        notes = Caseload(vault).notes
        note = notes.write(school.sams, "Visit: food parcel delivered").id
        notes.finalise(note)
    send(school.sam, school.lead)
    send(school.lead, school.sam)
    send(school.sam, school.lead)  # the lead knows Sam holds the final note
    forge(school.sam, "note", note, {"text": "Visit: nothing delivered"})
    assert "finalised note" in school.refused(capsys, monkeypatch).err


def test_an_officers_own_new_family_and_work_reach_the_lead(school: School) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        new = caseload.families.create({"name": "Carver family"}).id
        caseload.notes.write(new, "First contact at the school gate")
        caseload.concerns.raise_concern(new, "Child hungry at school")
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        assert caseload.families.get(new)["name"] == "Carver family"
        assert len(caseload.notes.query("family_id = ?", (new,))) == 1


def test_a_leads_allocation_take_back_acknowledgement_and_revocation_still_reach_officers(
    school: School,
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        concern = Caseload(vault).concerns.raise_concern(school.sams, "Bruise on arm").id
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        caseload.concerns.acknowledge(concern)
        caseload.allocations.allocate(school.kims, school.sam.device_id, officer_name="Sam")
        SyncService(caseload.ctx).revoke_peer(school.kim.device_id)
    send(school.lead, school.sam)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        assert caseload.concerns.is_acknowledged(concern)
        assert caseload.families.find(school.kims) is not None
        assert is_revoked(vault, school.kim.device_id)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).allocations.remove(school.kims, school.sam.device_id)
    send(school.lead, school.sam)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).families.find(school.kims) is None
