"""Rekey: a new data key, so no old key file opens the vault; a kill never loses both key sets."""

from __future__ import annotations

import contextlib
import errno
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison_desktop.crypto.recovery import generate_recovery_key
from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.errors import VaultDamaged, VaultInUse, VaultLocked, WrongPassphrase
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store import migrations, rekey
from liaison_desktop.store.vault import KEYS_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.reliability.faults import REPO, child_env, dump_open, seed_for

STEPS_BEFORE_COMMIT = ["after:stage_keys", "after:export_database", "before:commit"]
STEPS_AFTER_COMMIT = ["after:commit", "after:swap_database"]


@pytest.fixture
def old_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A vault upgraded from format 5 (so a migration backup lies beside it), with records."""
    data_dir = tmp_path / "data"
    with monkeypatch.context() as old_build:
        old_build.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        created, _recovery = Vault.create(
            data_dir, PASSPHRASE, owner_name="Old Build", role="officer", kdf_target_seconds=0
        )
        created.close()
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        populate_demo(Caseload(vault), families=12, seed=5)
    assert migrations.backup_path(data_dir / "vault.db", 5).exists()
    yield data_dir


def dump(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        assert vault.verify_storage() == []
        return dump_open(vault)


def opens_with(data_dir: Path, keys: bytes) -> bool:
    """Whether the vault opens with this key file (and the passphrase); the current one is kept."""
    current = data_dir / KEYS_NAME
    kept = current.read_bytes()
    current.write_bytes(keys)
    try:
        with Vault.unlock(data_dir, PASSPHRASE):
            return True
    except VaultDamaged:
        return False
    finally:
        current.write_bytes(kept)


def test_rekey_keeps_every_record_and_retires_the_old_keys(old_vault: Path) -> None:
    before = dump(old_vault)
    old_keys = (old_vault / KEYS_NAME).read_bytes()
    with Vault.unlock(old_vault, PASSPHRASE) as vault:
        recovery = vault.rekey(PASSPHRASE, kdf_target_seconds=0)
        # Still open, on the new key, for whatever the officer does next.
        assert vault.meta()["owner_name"] == "Old Build"
        vault.set_meta("note", "after rekey")
    after = dump(old_vault)
    assert after.pop("meta") != before.pop("meta")  # the one change made after
    assert after == before
    assert not opens_with(old_vault, old_keys)
    assert sorted(p.name for p in old_vault.iterdir()) == ["vault.db", "vault.keys", "vault.lock"]
    with Vault.unlock_with_recovery(old_vault, recovery) as vault:
        assert vault.meta()["note"] == "after rekey"


def test_rekey_is_refused_while_a_worker_has_the_vault(vault: Vault) -> None:
    keys = vault.keys_path.read_bytes()
    worker = vault.open_worker()
    try:
        with pytest.raises(VaultInUse, match="nothing has been changed"):
            vault.rekey(PASSPHRASE, kdf_target_seconds=0)
    finally:
        worker.close()
    assert vault.keys_path.read_bytes() == keys
    assert [p.name for p in vault.data_dir.iterdir() if p.name.startswith(".")] == []
    vault.rekey(PASSPHRASE, kdf_target_seconds=0)  # once the worker is done


def test_the_old_recovery_key_is_refused_after_rekey(data_dir: Path) -> None:
    created, old_recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="R", role="officer", kdf_target_seconds=0
    )
    with created:
        created.rekey(PASSPHRASE, kdf_target_seconds=0)
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(data_dir, old_recovery)
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(data_dir, generate_recovery_key())


def run_child(data_dir: Path, *args: str, kill: float | None = None) -> list[str]:
    """Run the rekey child; kill it when it says INSIDE, or `kill` seconds after READY."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.rekey_child", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    ready, inside = threading.Event(), threading.Event()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line == "READY\n":
                ready.set()
            elif line == "INSIDE\n":
                inside.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        if kill is None:
            inside.wait(timeout=120)
        else:
            ready.wait(timeout=120)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=kill)  # a child that finishes first is not waited for
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    reader.join(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    return lines


@pytest.mark.parametrize("point", STEPS_BEFORE_COMMIT + STEPS_AFTER_COMMIT)
def test_a_rekey_killed_at_any_step_leaves_one_whole_key_set(
    old_vault: Path, tmp_path: Path, point: str
) -> None:
    before = dump(old_vault)
    old_keys = (old_vault / KEYS_NAME).read_bytes()
    lines = run_child(old_vault, point)
    assert "INSIDE" in lines and "ACK rekeyed" not in lines

    # The next unlock finishes or discards the rekey; every record is there either way.
    assert dump(old_vault) == before
    assert sorted(p.name for p in old_vault.iterdir() if p.name.startswith(".")) == []
    committed = point in STEPS_AFTER_COMMIT
    assert ((old_vault / KEYS_NAME).read_bytes() != old_keys) == committed
    assert opens_with(old_vault, old_keys) == (not committed)


def test_rekeys_killed_at_random_moments_never_lose_the_vault(old_vault: Path) -> None:
    rng = random.Random(seed_for("rekey kills"))
    before = dump(old_vault)
    # How long one whole rekey takes here, so the kills spread over all of it (and past it).
    started = time.monotonic()
    assert run_child(old_vault, kill=30.0)[-1] == "ACK rekeyed"
    whole = time.monotonic() - started
    outcomes = set()
    for _round in range(5):
        keys = (old_vault / KEYS_NAME).read_bytes()
        lines = run_child(old_vault, kill=rng.uniform(0.0, whole))
        assert dump(old_vault) == before
        changed = (old_vault / KEYS_NAME).read_bytes() != keys
        assert changed or "ACK rekeyed" not in lines  # an acknowledged rekey took effect
        outcomes.add(changed)
    print("key file replaced in rounds:", outcomes)
    # Whatever happened, the vault still rekeys and opens afterwards.
    with Vault.unlock(old_vault, PASSPHRASE) as vault:
        vault.rekey(PASSPHRASE, kdf_target_seconds=0)
    assert dump(old_vault) == before


def test_finish_interrupted_does_nothing_to_a_vault_with_no_rekey_in_progress(
    vault: Vault,
) -> None:
    names = sorted(p.name for p in vault.data_dir.iterdir())
    rekey.finish_interrupted(vault.data_dir)
    assert sorted(p.name for p in vault.data_dir.iterdir()) == names
    assert vault.verify_storage() == []


def fail_after(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Make `rekey.<step>` do its work and then fail as a full disk would."""
    original = getattr(rekey, step)

    def failing(*args: object) -> None:
        original(*args)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rekey, step, failing)


@pytest.mark.parametrize("step", ["export_database", "commit", "swap_database"])
def test_a_rekey_that_fails_locks_the_vault_and_loses_nothing(
    old_vault: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    before = dump(old_vault)
    old_keys = (old_vault / KEYS_NAME).read_bytes()
    fail_after(monkeypatch, step)
    vault = Vault.unlock(old_vault, PASSPHRASE)
    with pytest.raises(OSError):
        vault.rekey(PASSPHRASE, kdf_target_seconds=0)
    if step == "export_database":
        assert vault.meta()["owner_name"] == "Old Build"  # nothing had changed: still open
    else:
        with pytest.raises(VaultLocked):
            vault.meta()
    vault.close()
    monkeypatch.undo()
    assert dump(old_vault) == before  # the lock was let go, and every record opens
    assert [p.name for p in old_vault.iterdir() if p.name.startswith(".")] == []
    assert opens_with(old_vault, old_keys) == (step == "export_database")
