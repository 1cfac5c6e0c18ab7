"""Activities and activity kinds travel like the directory; a family's engagement travels with
the family (to the lead, and to the officer it is allocated to)."""

from __future__ import annotations

from pathlib import Path

from liaison_desktop.services.allocations_service import AllocationsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.world import create_member, pair


def _send(src: Path, dst: Path, dst_id: str, out: Path) -> None:
    with Vault.unlock(src, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).export_bundle(dst_id, out)
    with Vault.unlock(dst, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).import_files([out])


def test_activities_kinds_and_marks_reach_the_lead_and_the_other_officer(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    ann = create_member(tmp_path, "ann", "officer")
    ben = create_member(tmp_path, "ben", "officer")
    pair(lead, ann)
    pair(lead, ben)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        c.activities.kinds.add("Family yoga")
        family = c.families.create({"name": "Haddad family"}).id
        AllocationsService(c.ctx).allocate(family, ann.device_id)
    _send(lead.data_dir, ann.data_dir, ann.device_id, tmp_path / "1.lbundle")
    with Vault.unlock(ann.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        activity = c.activities.add("Yoga in the hall", "family_yoga", sessions=["2026-11-04"])
        [session] = c.activities.sessions_of(activity.id)
        c.activities.invite(activity.id, [family])
        c.activities.mark(session.id, family)
    _send(ann.data_dir, lead.data_dir, lead.device_id, tmp_path / "2.lbundle")
    _send(lead.data_dir, ben.data_dir, ben.device_id, tmp_path / "3.lbundle")
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        [row] = c.activities.register(session.id).rows
        assert (row.family_name, row.mark) == ("Haddad family", "attended")
        kinds = [e.kind for e in c.chronology.for_family(family)]
        assert {"invitation", "activity_attendance"} <= set(kinds)
    with Vault.unlock(ben.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        # Ben can invite his own families to the activity, but does not hold Ann's family.
        assert [a["title"] for a in c.activities.all()] == ["Yoga in the hall"]
        assert c.activities.kind_label(c.activities.all()[0]) == "Family yoga"
        assert c.activities.register(session.id).rows == ()
        assert c.ctx.store.count("invitation") == 0
