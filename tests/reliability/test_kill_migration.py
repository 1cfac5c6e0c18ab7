"""kill -9 during a schema migration (DESIGN §3: backup copy first, then one transaction).

A child builds a vault as an older build left it (the migration list cut short, 40 demo
families), then another child opens it with this build, its migrations slowed so the kill can
land before, during or after them. After each kill: the database is at the old version or the
new one, never between; any backup the migrator made is a whole, readable copy of the old
vault; and the app then opens the vault at the current version with every record there.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from liaison_desktop.store import migrations
from liaison_desktop.store.migrations import backup_path
from liaison_desktop.store.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE

from .faults import (
    Tally,
    copy_vault,
    dump_file,
    dump_open,
    problems_of,
    run_and_kill,
    run_child,
    seed_for,
)

KILLS = 6


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_migration_killed_at_any_moment_leaves_a_consistent_vault_and_a_whole_backup(
    tmp_path: Path,
) -> None:
    seed = seed_for("kill -9 during a schema migration")
    rng = random.Random(seed)
    latest = migrations.latest_version()
    old = latest - 2  # two migrations to run, so a kill can fall between them
    base = tmp_path / "old"
    made = run_child("make-old", str(base), str(old))
    assert made.returncode == 0, made.stderr
    before = dump_file(base / DB_NAME, base / KEYS_NAME)
    assert before["_user_version"] == [(old,)]
    assert len(before["families"]) == 40

    fresh, _recovery = Vault.create(
        tmp_path / "fresh", PASSPHRASE, owner_name="Fresh", role="officer", kdf_target_seconds=0
    )
    with fresh:
        current_schema = {(kind, name) for kind, name, _sql in dump_open(fresh)["_schema"]}

    tally = Tally()
    # One round waits inside the migration transaction (after the first or the second of its two
    # steps) to be killed, so a kill lands inside it however fast or loaded the machine is.
    paused_round = rng.randrange(KILLS)
    for launch in range(KILLS):
        target = copy_vault(base, tmp_path / f"round{launch}")
        pause = rng.randint(1, 2) if launch == paused_round else None
        result = run_and_kill(
            ["migrate", str(target)], rng, early=1.0, late=1.2, p_early=0.1, pause_inside=pause
        )
        context = f"seed {seed}, kill {launch} at {result.killed_at:.2f}s:\n{result.stderr}"
        if pause is not None:
            assert result.killed_inside, f"the child never reached step {pause}; {context}"

        # As the kill left it, before anything opens it again.
        raw = dump_file(target / DB_NAME, target / KEYS_NAME)
        version = raw["_user_version"][0][0]
        assert version in (old, latest), f"schema left at {version}; {context}"
        assert {t: raw[t] for t in before if not t.startswith("_")} == {
            t: rows for t, rows in before.items() if not t.startswith("_")
        }, f"records changed by a killed migration; {context}"
        if version == old:  # none of the migration is visible, not half of it
            assert raw["_schema"] == before["_schema"], f"schema half-migrated; {context}"
        if result.acks:
            assert version == latest, f"acknowledged migration lost; {context}"
        if version == old and result.last_intent is not None:
            tally.add("killed inside the migration transaction")
        if version == latest:
            tally.add("migrated before the kill")
        backup = backup_path(target / DB_NAME, old)
        if backup.exists():
            tally.add("backup made")
            assert dump_file(backup, target / KEYS_NAME) == before, f"backup not whole; {context}"

        # The officer opens the vault again: it finishes migrating and everything is there.
        with Vault.unlock(target, PASSPHRASE) as vault:
            assert problems_of(vault) == [], context
            after = dump_open(vault)
        assert after["_user_version"] == [(latest,)]
        assert {(kind, name) for kind, name, _sql in after["_schema"]} == current_schema
        assert {t: after[t] for t in before if not t.startswith("_")} == {
            t: rows for t, rows in before.items() if not t.startswith("_")
        }, f"records lost across the migration; {context}"
        assert backup.exists(), "the open that migrated made no backup"

    assert tally["killed inside the migration transaction"] >= 1, tally.counts
    print(f"migration kills: {tally.counts}")
