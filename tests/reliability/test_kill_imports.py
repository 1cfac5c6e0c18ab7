"""kill -9 during a large interchange import and during a sync bundle import.

Both promise all or nothing (DESIGN §5, §8). A child imports 300 families (a JSON file, or a
real bundle from another device) and is killed at a seeded random moment, most often while the
import is running; one round of each test waits inside the import's transaction to be killed, so
at least one kill cuts an import short however fast or loaded the machine is. Afterwards the vault
opens and verifies and holds either none of the import or all of it, never part; and the same
file can be imported again, after which it is all there.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.interchange.json_export import export_json
from liaison_desktop.interchange.json_import import import_json_file
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.world import create_member, pair

from .faults import (
    Tally,
    consistency_problems,
    copy_vault,
    dump_open,
    problems_of,
    run_and_kill,
    seed_for,
)

FAMILIES = 300
KILLS = 6


@pytest.fixture(scope="module")
def interchange_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A `liaison-desktop/1` file of 300 fictional families with their members, notes and more."""
    root = tmp_path_factory.mktemp("interchange")
    vault, _recovery = Vault.create(
        root / "source", PASSPHRASE, owner_name="Source", role="officer", kdf_target_seconds=0
    )
    with vault:
        caseload = Caseload(vault)
        populate_demo(caseload, families=FAMILIES, seed=3)
        export_json(caseload, root / "families.json")
    return root / "families.json"


def counts(vault: Vault) -> dict[str, int]:
    """How many rows the record tables and the operation log hold."""
    tables = ("families", "people", "notes", "referrals", "contacts", "ops", "audit")
    return {t: vault.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def kill_rounds(
    tmp_path: Path,
    base: Path,
    scenario: str,
    file: Path,
    seed: int,
    is_all: Callable[[Vault], bool],
) -> tuple[Tally, Path | None]:
    """Kill a child importing `file` into fresh copies of `base`; check none-or-all each time.

    Returns the tally and a copy in which an import was cut short (for importing again).
    """
    rng = random.Random(seed)
    with Vault.unlock(base, PASSPHRASE) as before:
        empty = dump_open(before)
    tally = Tally()
    cut_short: Path | None = None
    paused_round = rng.randrange(KILLS)
    for launch in range(KILLS):
        target = copy_vault(base, tmp_path / f"round{launch}")
        pause = rng.randint(1, 200) if launch == paused_round else None
        result = run_and_kill(
            [scenario, str(target), str(file)], rng, early=1.0, late=2.0, pause_inside=pause
        )
        context = f"seed {seed}, kill {launch} at {result.killed_at:.2f}s:\n{result.stderr}"
        if pause is not None:
            assert result.killed_inside, f"the child never reached record {pause}; {context}"
        with Vault.unlock(target, PASSPHRASE) as vault:
            assert problems_of(vault) == [], context
            assert consistency_problems(vault) == [], context
            complete = is_all(vault)
            if complete:
                tally.add("all")
            else:
                # Nothing of it: every table exactly as before the import began.
                after = dump_open(vault)
                changed = [t for t in empty if empty[t] != after.get(t)]
                assert changed == [], f"part of the import is there: {changed}; {context}"
                tally.add("none")
                if result.ready:
                    tally.add("cut short mid-import")
                    cut_short = target
        assert complete or not result.acks, f"acknowledged import lost; {context}"
    return tally, cut_short


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_large_json_import_killed_midway_leaves_none_or_all_of_it(
    tmp_path: Path, interchange_file: Path
) -> None:
    seed = seed_for("kill -9 during a JSON import")
    document: dict[str, Any] = json.loads(interchange_file.read_text("utf-8"))
    want = {
        "families": len(document["families"]),
        "notes": sum(len(f.get("notes", [])) for f in document["families"]),
        "people": sum(len(f.get("members", [])) for f in document["families"]),
    }
    assert want["families"] == FAMILIES

    def is_all(vault: Vault) -> bool:
        found = counts(vault)
        return all(found[k] == n for k, n in want.items())

    base = tmp_path / "base"
    Vault.create(base, PASSPHRASE, owner_name="Importer", role="officer", kdf_target_seconds=0)[
        0
    ].close()
    tally, cut_short = kill_rounds(tmp_path, base, "import", interchange_file, seed, is_all)
    assert tally["cut short mid-import"] >= 1, f"no kill landed inside the import: {tally.counts}"

    # The officer runs the import again after the crash: all of it arrives.
    assert cut_short is not None
    with Vault.unlock(cut_short, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        import_json_file(caseload, interchange_file)
        assert is_all(vault)
        assert problems_of(vault) == []


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_bundle_import_killed_midway_leaves_none_or_all_and_imports_again(
    tmp_path: Path,
) -> None:
    seed = seed_for("kill -9 during a bundle import")
    officer = create_member(tmp_path, "officer", "officer")
    lead = create_member(tmp_path, "lead", "lead")
    pair(officer, lead)
    bundle = tmp_path / "to-lead.lbundle"
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        populate_demo(caseload, families=FAMILIES, seed=5)
        officer_ops = vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
        SyncService(caseload.ctx).export_bundle(lead.device_id, bundle)

    def is_all(vault: Vault) -> bool:
        applied = vault.conn.execute("SELECT count(*) FROM sync_bundles_in").fetchone()[0]
        ops = vault.conn.execute("SELECT count(*) FROM ops WHERE local = 0").fetchone()[0]
        if applied:
            assert ops == officer_ops, f"bundle marked applied with {ops}/{officer_ops} ops"
        return bool(applied)

    tally, cut_short = kill_rounds(tmp_path, lead.data_dir, "bundle", bundle, seed, is_all)
    assert tally["cut short mid-import"] >= 1, f"no kill landed inside the import: {tally.counts}"

    # The same bundle file imports cleanly afterwards, and a second time is a no-op.
    assert cut_short is not None
    with Vault.unlock(cut_short, PASSPHRASE) as vault:
        sync = SyncService(Caseload(vault).ctx)
        (first,) = sync.import_files([bundle])
        assert first.status == "applied" and first.ops_applied == officer_ops
        (again,) = sync.import_files([bundle])
        assert again.status == "already"
        assert vault.conn.execute("SELECT count(*) FROM families").fetchone()[0] == FAMILIES
        assert problems_of(vault) == []
