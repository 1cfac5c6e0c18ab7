"""The audit trail is anchored (issue 15, part 4): a device whose audit log was truncated or
rewritten since its last bundle is flagged at the lead on its next one.

Before, the newest audit events could be deleted, or one edited and the chain recomputed, and
`verify` passed. Each test has officer Sam sync with the lead, tamper with its own audit log as
an insider with the library would, then send an ordinary bundle.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_OK
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store import audit
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync.authority import SECURITY_FLAGGED
from tests.conftest import PASSPHRASE
from tests.sync.test_authority import MP, Cap, School, bundle_of, cli, send


def flags(school: School) -> list[str]:
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        return [e.detail for e in Caseload(vault).audit.all() if e.action == SECURITY_FLAGGED]


def truncate(vault: Vault, keep: int) -> None:
    vault.conn.execute("DELETE FROM audit WHERE seq > ?", (keep,))


def rewrite(vault: Vault, seq: int) -> None:
    """Change one event and recompute the chain from there, so `verify` still passes."""
    conn = vault.conn
    conn.execute("UPDATE audit SET detail = 'nothing to see' WHERE seq = ?", (seq,))
    prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq - 1,)).fetchone()
    prev_hash = prev[0] if prev else audit.GENESIS
    rows = conn.execute(
        f"SELECT {', '.join(audit.COLUMNS)} FROM audit WHERE seq >= ? ORDER BY seq", (seq,)
    ).fetchall()
    for row in rows:
        digest = audit.digest(prev_hash, tuple(row))
        conn.execute(
            "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev_hash, digest, row[0])
        )
        prev_hash = digest


@pytest.mark.parametrize("tamper", ["truncate newest", "rewrite one", "empty the log"])
def test_a_tampered_audit_log_is_flagged_at_the_next_bundle(
    tmp_path: Path, capsys: Cap, monkeypatch: MP, tamper: str
) -> None:
    school = School(tmp_path)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        Caseload(vault).notes.write(school.sams, "A visit note")
    send(school.sam, school.lead)
    assert flags(school) == []
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        head = vault.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        if tamper == "truncate newest":
            truncate(vault, head - 3)
        elif tamper == "rewrite one":
            rewrite(vault, 2)
            assert audit.verify_chain(vault.conn) == []  # the chain alone cannot tell
        else:
            truncate(vault, 0)
    path = bundle_of(school.sam, school.lead, tmp_path / "next.lbundle")
    result = cli(capsys, monkeypatch, school.lead, "bundle", "import", str(path))
    assert result.code == EXIT_OK, result.err  # applied: its changes are authorised on their own
    assert "Security" in result.out and "audit log" in result.out
    flagged = flags(school)
    assert len(flagged) == 1 and flagged[0].startswith(school.sam.device_id)
    word = "changed" if tamper == "rewrite one" else "cut short"
    assert word in flagged[0]
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        entry = SyncService(Caseload(vault).ctx).history()[0]
        assert entry["security"][0]["refused"] is False
        assert entry["security"][0]["sender"] == school.sam.device_id
    # Flagged once: the new head is what the next bundle is compared with.
    send(school.sam, school.lead)
    assert len(flags(school)) == 1


def test_many_syncs_with_lost_and_repeated_bundles_flag_nobody(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    school = School(tmp_path)
    kept: list[Path] = []
    for round_ in range(6):
        with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
            Caseload(vault).notes.write(school.sams, f"Visit {round_}")
        path = bundle_of(school.sam, school.lead, tmp_path / f"sam-{round_}.lbundle")
        if round_ % 3 == 1:
            continue  # lost on the way
        kept.append(path)
        for again in kept[-2:]:  # delivered, and the one before delivered a second time
            cli(capsys, monkeypatch, school.lead, "bundle", "import", str(again))
        send(school.lead, school.sam)
    send(school.sam, school.lead)
    assert flags(school) == []
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        assert [
            e for e in Caseload(vault).audit.all() if e.action == SECURITY_FLAGGED
        ] == []  # the lead's own log, checked by Sam, is intact too
