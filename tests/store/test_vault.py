"""The vault: keys, passphrases, recovery, damage and migrations (DESIGN §3)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from liaison_desktop.crypto.kdf import FLOOR_ITERATIONS, FLOOR_MEMORY_KIB, calibrate
from liaison_desktop.errors import (
    KeyFileDamaged,
    NoVault,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultTooNew,
    WrongPassphrase,
)
from liaison_desktop.store import migrations
from liaison_desktop.store.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.helpers import files_containing, new_canary


def _write_canary_table(vault: Vault, canary: str) -> None:
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO scratch(body) VALUES (?)", (canary,))


def _fingerprint(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


def test_canary_written_through_the_vault_is_in_no_file(data_dir: Path, vault: Vault) -> None:
    canary = new_canary()
    _write_canary_table(vault, canary)
    vault.set_meta("owner_name", canary + " Ćwikła")
    # While open: the WAL and shared-memory files exist and must be encrypted too.
    assert (data_dir / (DB_NAME + "-wal")).exists()
    assert files_containing(data_dir, [canary]) == []
    vault.close()
    assert files_containing(data_dir, [canary]) == []
    # The data is really there: reopening finds it.
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:
        assert reopened.conn.execute("SELECT body FROM scratch").fetchone()[0] == canary


def test_the_canary_search_itself_finds_plaintext(tmp_path: Path) -> None:
    canary = new_canary()
    (tmp_path / "a.txt").write_bytes(("x" + canary).encode("utf-16-le"))
    assert files_containing(tmp_path, [canary]) == ["a.txt"]


def test_wrong_passphrase_leaves_vault_unchanged(data_dir: Path, vault: Vault) -> None:
    _write_canary_table(vault, "row")
    vault.close()
    before = _fingerprint(data_dir)
    with pytest.raises(WrongPassphrase, match="passphrase is not correct"):
        Vault.unlock(data_dir, PASSPHRASE + " ")
    assert _fingerprint(data_dir) == before
    # The failed attempt did not leave the lock held.
    Vault.unlock(data_dir, PASSPHRASE).close()


def test_passphrase_change_rewraps_only_the_key(data_dir: Path, vault: Vault) -> None:
    canary = new_canary()
    _write_canary_table(vault, canary)
    vault.change_passphrase("a brand new passphrase here", kdf_target_seconds=0)
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(data_dir, PASSPHRASE)
    with Vault.unlock(data_dir, "a brand new passphrase here") as reopened:
        assert reopened.conn.execute("SELECT body FROM scratch").fetchone()[0] == canary


def test_recovery_key_opens_the_vault_and_tolerates_typing_slips(data_dir: Path) -> None:
    vault, recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="A", role="lead", kdf_target_seconds=0
    )
    vault.close()
    sloppy = recovery.lower().replace("-", " ").replace("0", "o")
    with Vault.unlock_with_recovery(data_dir, sloppy) as reopened:
        assert reopened.meta()["role"] == "lead"
    wrong = ("1" if recovery[0] != "1" else "2") + recovery[1:]
    with pytest.raises(WrongPassphrase, match="recovery key is not correct"):
        Vault.unlock_with_recovery(data_dir, wrong)
    with pytest.raises(WrongPassphrase, match="32 letters"):
        Vault.unlock_with_recovery(data_dir, "not a key")


def test_second_open_of_the_same_vault_is_refused(data_dir: Path, vault: Vault) -> None:
    with pytest.raises(VaultInUse, match="already open"):
        Vault.unlock(data_dir, PASSPHRASE)
    vault.close()
    Vault.unlock(data_dir, PASSPHRASE).close()


def test_creating_over_an_existing_vault_is_refused(data_dir: Path, vault: Vault) -> None:
    vault.close()
    before = _fingerprint(data_dir)
    with pytest.raises(VaultExists):
        Vault.create(data_dir, PASSPHRASE, owner_name="B", role="officer", kdf_target_seconds=0)
    assert _fingerprint(data_dir) == before


def test_no_vault_is_reported_as_such(tmp_path: Path) -> None:
    with pytest.raises(NoVault, match="no vault"):
        Vault.unlock(tmp_path, PASSPHRASE)


def test_missing_key_file_gives_a_clear_message(data_dir: Path, vault: Vault) -> None:
    vault.close()
    (data_dir / KEYS_NAME).unlink()
    with pytest.raises(KeyFileDamaged, match="missing"):
        Vault.unlock(data_dir, PASSPHRASE)


@pytest.mark.parametrize(
    "damage",
    ["truncate", "not-json", "flip-wrapped-key", "swap-vault-id", "weaken-kdf", "drop-slot"],
)
def test_damaged_key_file_gives_a_clear_message(data_dir: Path, vault: Vault, damage: str) -> None:
    vault.close()
    path = data_dir / KEYS_NAME
    raw = path.read_bytes()
    doc = json.loads(raw)
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "not-json":
        path.write_bytes(b"\x00\xffgarbage")
    elif damage == "flip-wrapped-key":
        blob = bytearray(doc["slots"]["passphrase"]["wrapped_key"].encode())
        blob[5] = ord("A") if blob[5] != ord("A") else ord("B")
        doc["slots"]["passphrase"]["wrapped_key"] = blob.decode()
        path.write_text(json.dumps(doc))
    elif damage == "swap-vault-id":
        doc["vault_id"] = "00000000-0000-4000-8000-000000000000"
        path.write_text(json.dumps(doc))
    elif damage == "weaken-kdf":
        doc["kdf"]["memory_kib"] = 1024
        path.write_text(json.dumps(doc))
    elif damage == "drop-slot":
        del doc["slots"]["passphrase"]
        path.write_text(json.dumps(doc))
    with pytest.raises((KeyFileDamaged, WrongPassphrase)) as excinfo:
        Vault.unlock(data_dir, PASSPHRASE)
    message = str(excinfo.value)
    assert message and "Traceback" not in message
    if damage in ("truncate", "not-json", "weaken-kdf", "drop-slot"):
        assert isinstance(excinfo.value, KeyFileDamaged)


def test_key_file_from_another_vault_is_recognised(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        Vault.create(folder, PASSPHRASE, owner_name="X", role="officer", kdf_target_seconds=0)[
            0
        ].close()
    (a / KEYS_NAME).write_bytes((b / KEYS_NAME).read_bytes())
    with pytest.raises(VaultDamaged, match="belongs to another vault"):
        Vault.unlock(a, PASSPHRASE)


def test_flipped_bytes_anywhere_are_detected(data_dir: Path, vault: Vault) -> None:
    _write_canary_table(vault, "x" * 5000)
    vault.close()
    pristine = (data_dir / DB_NAME).read_bytes()
    rng = random.Random(1234)
    positions = sorted({0, 17, 100, len(pristine) - 1, *rng.sample(range(len(pristine)), 40)})
    for pos in positions:
        damaged = bytearray(pristine)
        damaged[pos] ^= 1 << rng.randrange(8)
        (data_dir / DB_NAME).write_bytes(bytes(damaged))
        try:
            opened = Vault.unlock(data_dir, PASSPHRASE)
        except (VaultDamaged, KeyFileDamaged) as exc:
            assert "damaged" in str(exc)
            continue
        try:
            assert opened.verify_storage() != [], f"flip at byte {pos} went unnoticed"
        finally:
            opened.close()
    (data_dir / DB_NAME).write_bytes(pristine)
    with Vault.unlock(data_dir, PASSPHRASE) as healthy:
        assert healthy.verify_storage() == []


def test_transaction_is_all_or_nothing(vault: Vault) -> None:
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError), vault.transaction() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
        with vault.transaction() as inner:
            inner.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("boom")
    assert vault.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_failed_inner_savepoint_keeps_outer_work(vault: Vault) -> None:
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError), vault.transaction() as inner:
            inner.execute("INSERT INTO t VALUES (2)")
            raise ValueError
    assert [r[0] for r in vault.conn.execute("SELECT x FROM t")] == [1]


def test_settings_pragmas_are_in_force(vault: Vault) -> None:
    def pragma(name: str) -> object:
        return vault.conn.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("temp_store") == 2  # MEMORY
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1


def test_calibration_never_goes_below_the_floor() -> None:
    params = calibrate(0.05)
    assert params.memory_kib >= FLOOR_MEMORY_KIB and params.iterations >= FLOOR_ITERATIONS
    floor = calibrate(0)
    assert (floor.memory_kib, floor.iterations) == (FLOOR_MEMORY_KIB, FLOOR_ITERATIONS)


def test_migration_backs_up_then_upgrades_in_one_transaction(
    data_dir: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.close()
    latest = migrations.latest_version()
    good = migrations.Migration(
        latest + 1, "test table", lambda c: c.execute("CREATE TABLE added (x INTEGER)")
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, good])
    with Vault.unlock(data_dir, PASSPHRASE) as upgraded:
        assert migrations.schema_version(upgraded.conn) == latest + 1
        assert upgraded.db["added"].exists()
    backup = migrations.backup_path(data_dir / DB_NAME, latest)
    assert backup.exists()
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"  # the copy is encrypted too


def test_failing_migration_leaves_the_schema_as_it_was(
    data_dir: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.close()
    latest = migrations.latest_version()

    def broken(conn: object) -> None:
        conn.execute("CREATE TABLE half (x INTEGER)")  # type: ignore[attr-defined]
        raise RuntimeError("migration bug")

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        [*migrations.MIGRATIONS, migrations.Migration(latest + 1, "broken", broken)],
    )
    with pytest.raises(RuntimeError):
        Vault.unlock(data_dir, PASSPHRASE)
    monkeypatch.undo()
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:
        assert migrations.schema_version(reopened.conn) == latest
        assert not reopened.db["half"].exists()


def test_newer_vault_is_refused_by_an_older_app(data_dir: Path, vault: Vault) -> None:
    vault.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    vault.close()
    with pytest.raises(VaultTooNew, match="newer version"):
        Vault.unlock(data_dir, PASSPHRASE)


def test_interrupted_creation_leaves_no_half_vault(data_dir: Path) -> None:
    # A crash after the staging database was written but before it was renamed.
    (data_dir / ".vault.db.new").write_bytes(os.urandom(4096))
    assert not (data_dir / DB_NAME).exists()
    vault, _ = Vault.create(
        data_dir, PASSPHRASE, owner_name="A", role="officer", kdf_target_seconds=0
    )
    vault.close()
    assert not (data_dir / ".vault.db.new").exists()
    Vault.unlock(data_dir, PASSPHRASE).close()
