"""Acknowledged writes survive kill -9, and a transaction is all there or not at all (DESIGN §3).

A writer process (kill_writer.py) commits rows to a real vault and acknowledges each
transaction after `transaction()` returns; this test kills it with SIGKILL at random moments
(start-up, unlock, mid-transaction, mid-commit) and reopens the vault after every kill.
SIGKILL tests a crashed process, not a power cut: what reached the OS survives either way;
surviving a power cut rests on synchronous=FULL, which this test cannot cut power to prove.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from liaison_desktop.store.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE

WRITER = Path(__file__).with_name("kill_writer.py")
TABLE = "kill_rows"
KILLS = 25
ACK = re.compile(r"ACK (L\d+-T\d+) (\d+)")


@dataclass
class Launch:
    """What one writer process said before it was killed."""

    ready: bool
    acks: dict[str, int]
    stderr: str


def run_writer_and_kill(data_dir: Path, launch: int, seed: int, rng: random.Random) -> Launch:
    """Start the writer, kill it with SIGKILL after a random delay, return its acknowledgements."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(launch), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line == "READY\n":
                ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        if rng.random() < 0.2:
            # Early: during interpreter start-up, key derivation, opening or table creation.
            time.sleep(rng.uniform(0.0, 0.5))
        else:
            ready.wait(timeout=30)
            time.sleep(rng.uniform(0.0, 0.25))
        still_running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    reader.join(timeout=30)
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert still_running, f"writer {launch} exited by itself before the kill:\n{stderr}"
    assert proc.returncode == -signal.SIGKILL

    acks: dict[str, int] = {}
    for line in lines:
        if line == "READY\n":
            continue
        match = ACK.fullmatch(line.rstrip("\n"))
        assert match and line.endswith("\n"), f"unexpected writer output {line!r}"
        acks[match.group(1)] = int(match.group(2))
    return Launch(ready=ready.is_set(), acks=acks, stderr=stderr)


def rows_in(vault: Vault) -> list[tuple[str, str, int, str]]:
    """Every row the writers committed (none if the first writer died before creating the table)."""
    exists = vault.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone()
    if exists is None:
        return []
    rows: list[tuple[str, str, int, str]] = vault.conn.execute(
        f"SELECT id, txn, txn_size, body FROM {TABLE}"
    ).fetchall()
    return rows


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_acknowledged_writes_survive_kill_9_and_transactions_are_all_or_nothing(
    data_dir: Path,
) -> None:
    seed = int(os.environ.get("LIAISON_KILL_SEED") or random.randrange(2**32))
    print(f"kill -9 test seed {seed} (rerun with LIAISON_KILL_SEED={seed})")
    rng = random.Random(seed)
    created, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Kill Test", role="officer", kdf_target_seconds=0
    )
    created.close()

    acked: dict[str, int] = {}
    survived: set[str] = set()
    kills_after_ready = 0
    kills_leaving_wal = 0
    for launch in range(KILLS):
        result = run_writer_and_kill(data_dir, launch, seed, rng)
        kills_after_ready += result.ready
        acked.update(result.acks)
        context = f"seed {seed}, after kill {launch}; writer stderr:\n{result.stderr}"
        wal = data_dir / f"{DB_NAME}-wal"
        kills_leaving_wal += wal.exists() and wal.stat().st_size > 0

        with Vault.unlock(data_dir, PASSPHRASE) as vault:
            assert vault.verify_storage() == [], context
            rows = rows_in(vault)

        ids = {row_id for row_id, _txn, _size, _body in rows}
        assert all(body.startswith(row_id) for row_id, _txn, _size, body in rows), context
        counts = Counter(txn for _id, txn, _size, _body in rows)
        declared = {txn: size for _id, txn, size, _body in rows}
        partial = {t: (counts[t], declared[t]) for t in counts if counts[t] != declared[t]}
        assert partial == {}, f"transactions only partly written {partial}; {context}"
        lost = {t: n for t, n in acked.items() if counts.get(t) != n}
        assert lost == {}, f"acknowledged transactions lost {lost}; {context}"
        assert survived <= ids, f"rows that had survived earlier kills are gone; {context}"
        survived = ids

    # The test means something only if it really killed writers mid-stream.
    sizes = Counter(min(n, 2) for n in acked.values())
    assert sizes[1] > 0 and sizes[2] > 0, f"need single- and multi-row transactions: {sizes}"
    assert len(acked) >= KILLS, f"only {len(acked)} acknowledged transactions (seed {seed})"
    assert kills_after_ready >= KILLS // 2, f"seed {seed}"
    assert kills_leaving_wal >= KILLS // 2, "kills should leave a WAL for the next open to recover"
