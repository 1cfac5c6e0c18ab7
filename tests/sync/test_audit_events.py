"""Officers' audit events reach the lead in bundles, chained and checked (issue 23, item 2).

`liaison audit FAMILY_ID` on the lead's vault shows who viewed the family on an officer's
laptop once that laptop has synced; a forged or broken chain is not kept and the device is
flagged, as a rewritten audit log is.
"""

from __future__ import annotations

import json
from pathlib import Path

from liaison_desktop.errors import EXIT_OK
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store import audit
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import audit_events
from tests.conftest import PASSPHRASE
from tests.sync.test_audit_anchor import flags, rewrite
from tests.sync.test_authority import MP, Cap, School, cli, send


def kept_at_lead(school: School) -> list[tuple[int, str, str | None]]:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        return [
            (int(r[0]), str(r[1]), r[2])
            for r in vault.conn.execute(
                "SELECT seq, action, family_id FROM sync_audit_events WHERE device_id = ? "
                "ORDER BY seq",
                (school.sam.device_id,),
            )
        ]


def test_liaison_audit_shows_an_officers_view_on_the_leads_vault_after_sync(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    school = School(tmp_path)
    before = cli(capsys, monkeypatch, school.lead, "audit", school.sams, "--json")
    assert before.code == EXIT_OK
    assert not [e for e in json.loads(before.out)["events"] if e["actor"] == "sam"]
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        Caseload(vault).families.view(school.sams)
    send(school.sam, school.lead)

    result = cli(capsys, monkeypatch, school.lead, "audit", school.sams, "--json")
    assert result.code == EXIT_OK, result.err
    views = [e for e in json.loads(result.out)["events"] if e["action"] == "view"]
    (view,) = [e for e in views if not e["here"]]
    assert (view["actor"], view["device_name"], view["kind"]) == ("sam", "sam", "family")
    text = cli(capsys, monkeypatch, school.lead, "audit", school.sams)
    assert "sam (sam) viewed family" in text.out
    # Kim's family was never opened on Sam's laptop: nothing of Sam's is in its trail.
    kims = cli(capsys, monkeypatch, school.lead, "audit", school.kims, "--json")
    assert not [
        e for e in json.loads(kims.out)["events"] if not e["here"] and e["action"] == "view"
    ]
    # The access report for the data protection officer counts the view.
    access = json.loads(cli(capsys, monkeypatch, school.lead, "audit", "--access", "--json").out)
    (line,) = [r for r in access["access"] if r["actor"] == "sam"]
    assert (line["family_id"], line["views"], line["exports"]) == (school.sams, 1, 0)


def test_events_travel_once_and_every_link_is_kept(tmp_path: Path) -> None:
    school = School(tmp_path)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        Caseload(vault).families.view(school.sams)
        sams_events = int(vault.conn.execute("SELECT max(seq) FROM audit").fetchone()[0])
    send(school.sam, school.lead)
    first = kept_at_lead(school)
    assert [seq for seq, _a, _f in first] == list(range(1, sams_events + 1))
    send(school.lead, school.sam)  # the lead acknowledges Sam's bundle
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        assert audit_events.acknowledged_up_to(vault.conn, school.lead.device_id) == sams_events
        assert audit_events.to_send(vault.conn, school.lead.device_id) == []
        Caseload(vault).families.view(school.sams)
    send(school.sam, school.lead)
    after = kept_at_lead(school)
    assert after[: len(first)] == first and after[-1][1:] == ("view", school.sams)
    assert flags(school) == []


def test_a_rewritten_event_is_not_kept_and_the_device_is_flagged(tmp_path: Path) -> None:
    school = School(tmp_path)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        Caseload(vault).families.view(school.sams)
    send(school.sam, school.lead)
    send(school.lead, school.sam)
    kept = kept_at_lead(school)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        Caseload(vault).families.view(school.sams)
        rewrite(vault, 2)  # an insider hides what it did, chain recomputed
    send(school.sam, school.lead)
    assert kept_at_lead(school) == kept  # nothing of the rewritten log kept
    assert any("audit log" in flag for flag in flags(school))


def test_events_that_do_not_chain_are_refused_by_shape_or_link(tmp_path: Path) -> None:
    school = School(tmp_path)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        row = (1, "2026-12-04T10:00:00+00:00", "Sam", school.sam.device_id, "view", "family",
               school.sams, school.sams, None, "", audit.GENESIS)  # fmt: skip
        good = (*row, audit.digest(audit.GENESIS, row[:10]))
        forged = (*row[:10], audit.GENESIS, "0" * 64)
        with vault.transaction() as conn:
            conn.execute("DELETE FROM sync_audit_events")  # as if Sam had never synced
            problem = audit_events.check_and_keep(conn, school.sam.device_id, (forged,), None)
            assert problem is not None and "do not chain" in problem
            other = audit_events.check_and_keep(conn, school.kim.device_id, (good,), None)
            assert other is not None and "another device" in other
            assert audit_events.check_and_keep(conn, school.sam.device_id, (good,), None) is None
    assert kept_at_lead(school) == [(1, "view", school.sams)]
