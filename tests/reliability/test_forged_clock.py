"""Clocks are bounded and total (issue 15, part 3).

The attack: one operation stamped 9999999999999999-99998 was accepted, the stored clock
overflowed at the lead's next edit, and `family list`, `search`, `bundle export`, `sync` and
the app after unlock all crashed while `verify` said the vault was fine. Here an insider officer
ships forged stamps in real signed bundles, and the lead's stored clock is damaged in place;
after every case the lead opens, edits, searches, lists, exports and syncs.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_OK
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.profile_service import CLOCK_SKEW_RANGE, ProfileService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.hlc import HOUR_MS, format_stamp, parse_stamp
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync.clock_bounds import HOURS_RANGE
from tests.conftest import PASSPHRASE
from tests.sync.insider import op_doc, sealed
from tests.sync.test_authority import MP, Cap, School, cli
from tests.sync.world import snapshot

FORGED = "9999999999999999-99998"


def stamp_hours_ahead(hours: float) -> str:
    return format_stamp(int(time.time() * 1000 + hours * HOUR_MS), 0)


def lead_still_works(school: School, capsys: Cap, monkeypatch: MP) -> None:
    """Open, edit, search, list, export and sync on the lead, through the CLI and services."""
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)  # what the app does after unlock
        caseload.families.update(school.kims, {"key_facts": "Edited after the forged clock"})
        assert caseload.search.search("Brennan")
        stamp = vault.conn.execute("SELECT value FROM meta WHERE key = 'hlc_last'").fetchone()[0]
        assert parse_stamp(stamp)[0] < time.time() * 1000 + 25 * HOUR_MS
    school.assert_lead_still_works(capsys, monkeypatch)
    exported = cli(
        capsys, monkeypatch, school.lead, "bundle", "export", "--to", school.sam.device_id,
        "--out", str(school.root / "to-sam.lbundle"),
    )  # fmt: skip
    assert exported.code == EXIT_OK, exported.err
    assert cli(capsys, monkeypatch, school.lead, "verify").code == EXIT_OK


@pytest.mark.parametrize(
    "stamp", [FORGED, "9999999999999999-99999", "25 hours ahead"], ids=["forged", "max", "25h"]
)
def test_a_stamp_beyond_the_allowed_skew_is_refused_and_the_lead_works_on(
    tmp_path: Path, capsys: Cap, monkeypatch: MP, stamp: str
) -> None:
    school = School(tmp_path)
    if stamp == "25 hours ahead":
        stamp = stamp_hours_ahead(25)
    forged = op_doc(
        author=school.sam.device_id, kind="family", record_id=school.sams,
        family_id=school.sams, values={"key_facts": "Stamped in the far future"}, stamp=stamp,
    )  # fmt: skip
    result = school.refused(capsys, monkeypatch, sealed(school.sam, school.lead, [forged]))
    assert "hours ahead of this device's clock" in result.err
    lead_still_works(school, capsys, monkeypatch)


def test_a_stamp_within_the_allowed_skew_is_accepted(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    school = School(tmp_path)
    fast = op_doc(
        author=school.sam.device_id, kind="family", record_id=school.sams,
        family_id=school.sams, values={"key_facts": "From a fast clock"},
        stamp=stamp_hours_ahead(23),
    )  # fmt: skip
    path = school.root / "fast.lbundle"
    path.write_bytes(sealed(school.sam, school.lead, [fast]))
    assert cli(capsys, monkeypatch, school.lead, "bundle", "import", str(path)).code == EXIT_OK
    lead_still_works(school, capsys, monkeypatch)


def test_the_allowed_skew_is_a_setting_of_the_receiving_vault(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    assert CLOCK_SKEW_RANGE == HOURS_RANGE
    school = School(tmp_path)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert ProfileService(Caseload(vault).ctx).set_clock_skew_hours(2) == 2
    ahead = op_doc(
        author=school.sam.device_id, kind="family", record_id=school.sams,
        family_id=school.sams, values={"key_facts": "Three hours fast"},
        stamp=stamp_hours_ahead(3),
    )  # fmt: skip
    result = school.refused(capsys, monkeypatch, sealed(school.sam, school.lead, [ahead]))
    assert "more than the 2 hours allowed" in result.err


@pytest.mark.parametrize(
    "damage",
    [FORGED, "not a stamp", "99999999999999999-00000", stamp_hours_ahead(24 * 400)],
    # Named, not shown: the last is computed from the clock, and a test's name must be the
    # same in every process that collects it (parallel workers compare their lists).
    ids=["forged", "not a stamp", "too long", "400 days ahead"],
)
def test_a_damaged_stored_clock_is_reported_then_recovered(
    tmp_path: Path, capsys: Cap, monkeypatch: MP, damage: str
) -> None:
    school = School(tmp_path)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        vault.set_meta("hlc_last", damage)
        newest = vault.conn.execute("SELECT max(hlc) FROM ops").fetchone()[0]
        assert any("stored sync clock" in p for p in VaultService.verify(vault))
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        op = Caseload(vault).ctx.store.put("family", school.kims, {"key_facts": "After damage"})
        assert op is not None and newest < op.hlc < stamp_hours_ahead(1)
        assert "clock-recovered" in {e.action for e in Caseload(vault).audit.all()}
        assert VaultService.verify(vault) == []
    before = snapshot(school.lead)
    lead_still_works(school, capsys, monkeypatch)
    assert snapshot(school.lead) != before  # it really did edit and sync
