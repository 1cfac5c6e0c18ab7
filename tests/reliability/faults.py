"""Shared tools of the fault-injection suite: child processes to kill, and logical vault dumps.

A child (`python -m tests.reliability.child SCENARIO …`) prints `READY` once its vault is open
and one `ACK …` line only after each unit of work has returned (so committed); it may print
`DO …` just before starting a unit, so the parent knows what could be half-way when it is
killed. The parent kills it with SIGKILL at a seeded random moment and then checks the vault.

Random moments can all miss a short transaction on a fast or a loaded machine, so a test that
must kill *inside* one also runs a round with `run_and_kill(..., pause_inside=N)`: the child
then prints `INSIDE` from within the open transaction at its Nth record and waits there to be
killed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.database import open_encrypted
from liaison_desktop.store.keyfile import KeyFile
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.external_tools import tool

from .child import PAUSE_INSIDE_ENV

REPO = Path(__file__).resolve().parents[2]
# Columns that change on every open or are bookkeeping of this process, not data.
VOLATILE_META = {"last_opened_by_version"}


def seed_for(name: str) -> int:
    """The seed of a randomised test: LIAISON_FAULT_SEED if set, else a fresh one (printed)."""
    seed = int(os.environ.get("LIAISON_FAULT_SEED") or random.randrange(2**32))
    print(f"{name} seed {seed} (rerun with LIAISON_FAULT_SEED={seed})")
    return seed


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child: this test's (isolated HOME/TMPDIR) plus the passphrase."""
    return {**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE, **(extra or {})}


def child_command(*args: str) -> list[str]:
    """The command line that runs one child scenario."""
    return [sys.executable, "-m", "tests.reliability.child", *args]


@dataclass
class Launch:
    """What one child said before it was killed (or exited)."""

    ready: bool
    lines: list[str]
    stderr: str
    returncode: int
    killed_at: float  # seconds after READY (negative: before READY)

    @property
    def acks(self) -> list[list[str]]:
        """The words of every ACK line, in order."""
        return [line.split()[1:] for line in self.lines if line.startswith("ACK ")]

    @property
    def killed_inside(self) -> bool:
        """The child said INSIDE: the kill landed within its open transaction."""
        return "INSIDE" in self.lines

    @property
    def last_intent(self) -> list[str] | None:
        """The words of a DO line not followed by its ACK: the unit in flight at the kill."""
        pending: list[str] | None = None
        for line in self.lines:
            if line.startswith("DO "):
                pending = line.split()[1:]
            elif line.startswith("ACK "):
                pending = None
        return pending


def run_child(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a child scenario to the end."""
    return subprocess.run(
        child_command(*args),
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=timeout,
    )


def run_and_kill(
    args: list[str],
    rng: random.Random,
    *,
    early: float,
    late: float,
    p_early: float = 0.15,
    pause_inside: int | None = None,
) -> Launch:
    """Start a child; SIGKILL it at a random moment: before READY (with probability `p_early`,
    within `early` seconds of starting) or within `late` seconds after READY.

    With `pause_inside=N` the child waits inside its transaction at its Nth record (or step) and
    is killed as soon as it says INSIDE (or after 60 s, should it never get there).
    """
    extra = {PAUSE_INSIDE_ENV: str(pause_inside)} if pause_inside is not None else None
    proc = subprocess.Popen(
        child_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(extra),
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    ready = threading.Event()
    inside = threading.Event()
    ready_at = [0.0]

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            # Only whole lines count: a kill can cut the last one short.
            if line.endswith("\n"):
                lines.append(line.rstrip("\n"))
            if line == "READY\n":
                ready_at[0] = time.monotonic()
                ready.set()
            elif line == "INSIDE\n":
                inside.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    started = time.monotonic()
    try:
        if pause_inside is not None:
            inside.wait(timeout=60)
        elif rng.random() < p_early:
            time.sleep(rng.uniform(0.0, early))
        else:
            ready.wait(timeout=60)
            time.sleep(rng.uniform(0.0, late))
        killed = time.monotonic()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    reader.join(timeout=30)
    stderr = proc.stderr.read()
    proc.stderr.close()
    killed_at = killed - ready_at[0] if ready.is_set() else -(killed - started)
    return Launch(ready.is_set(), lines, stderr, proc.returncode, killed_at)


# -- looking at a vault --------------------------------------------------------------------------
def dump_open(vault: Vault) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (search index and audit log too), decrypted through the app."""
    return dump_conn(vault.conn)


def dump_conn(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of an open connection, with its schema and version."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_fts_%' ORDER BY name"
        )
    ]
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        rows = [tuple(r) for r in conn.execute(f'SELECT * FROM "{table}"')]
        if table == "meta":
            rows = [r for r in rows if r[0] not in VOLATILE_META]
        dump[table] = sorted(rows, key=repr)
    dump["_schema"] = [
        tuple(r) for r in conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name")
    ]
    dump["_user_version"] = [tuple(conn.execute("PRAGMA user_version").fetchone())]
    return dump


def dump_vault(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """A logical dump of the vault in `data_dir` (opened, dumped, locked again)."""
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        return dump_open(vault)


def dump_file(db_path: Path, keys_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """A logical dump of one database file as it is, without migrating it (old vaults, backups).

    The file is read from a scratch copy, so looking at it cannot change it.
    """
    keyfile = KeyFile.load(keys_path)
    data_key = keyfile.unwrap_with_passphrase(PASSPHRASE)
    scratch = Path(tempfile.mkdtemp(prefix="dump-"))
    try:
        for suffix in ("", "-wal"):
            source = db_path.with_name(db_path.name + suffix)
            if source.exists():
                shutil.copyfile(source, scratch / ("vault.db" + suffix))
        conn = open_encrypted(scratch / "vault.db", data_key)
        try:
            return dump_conn(conn)
        finally:
            conn.close()
    finally:
        data_key.wipe()
        shutil.rmtree(scratch, ignore_errors=True)


def data_only(dump: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows alone, without the schema (what a migration may change)."""
    return {k: v for k, v in dump.items() if not k.startswith("_")}


def problems_of(vault: Vault) -> list[str]:
    """What `liaison verify` would report (storage, then the audit chain): empty when sound."""
    Caseload(vault)  # registers every area's verifier (the audit chain's among them)
    return VaultService.verify(vault)


def consistency_problems(vault: Vault) -> list[str]:
    """Records half-written: a field version without its operation, an operation without its
    audit event, or a record missing from the search index."""
    conn = vault.conn
    problems: list[str] = []
    ops = {
        (str(r[0]), str(r[1]), str(r[2]))
        for r in conn.execute("SELECT kind, record_id, hlc || '@' || device FROM ops")
    }
    all_ops = {str(r[0]) for r in conn.execute("SELECT op_id FROM ops")}
    local_ops = {str(r[0]) for r in conn.execute("SELECT op_id FROM ops WHERE local = 1")}
    audited = {str(r[0]) for r in conn.execute("SELECT op_id FROM audit WHERE op_id IS NOT NULL")}
    if local_ops - audited:
        problems.append(f"{len(local_ops - audited)} local operations have no audit event")
    if audited - all_ops:
        problems.append(f"{len(audited - all_ops)} audit events name no operation")
    from liaison_desktop.domain.records import ALL

    for spec in ALL:
        for record_id, versions in conn.execute(f'SELECT id, versions FROM "{spec.table}"'):
            for name, version in json.loads(versions).items():
                if (spec.kind, record_id, version) not in ops:
                    problems.append(f"{spec.kind} {record_id}.{name} has no operation {version}")
    return problems


def copy_vault(source: Path, target: Path) -> Path:
    """A copy of a closed vault's folder (to start several runs from the same state)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("vault.lock"))
    return target


@dataclass
class Tally:
    """Counts that show a randomised fault test really hit the moments it is about."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    def __getitem__(self, what: str) -> int:
        return self.counts.get(what, 0)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` and everything in it read-only for the duration, even for root.

    As root, permission bits do not stop writes, so the files and the folder are made
    immutable (`chattr +i`: no write, create, rename or delete); otherwise chmod does it.
    """
    paths = [*sorted(p for p in folder.rglob("*")), folder]
    if os.geteuid() == 0:
        chattr = tool("chattr")
        subprocess.run([chattr, "+i", *map(str, paths)], check=True)
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", *map(str, paths)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(modes[p] & ~0o222)
        try:
            yield
        finally:
            for p in reversed(paths):
                p.chmod(modes[p])


def file_digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under `folder`, by relative path (bytes on disk, unchanged?)."""
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
