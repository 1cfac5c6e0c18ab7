"""The run's one big demo vault: generated once, then copied to every benchmark that needs it.

Generating 20,000 families through the services takes minutes, so `python -m bench` builds the
vault once per run (in a child process, so the generation's peak memory is its own) and each
benchmark that uses it gets a copy of its files — they are encrypted, so copying is just bytes —
rather than regenerating. Run alone: `python -m bench.demo_vault --families N --out DIR`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from .common import Config, peak_rss_mib

PASSPHRASE = "benchmark passphrase for fictional data only"
OWNER = "Demo Officer"
FULL_FAMILIES = 20_000
QUICK_FAMILIES = 1_000
# A fixed day, so the same seed builds the same caseload whenever the benchmark runs.
TODAY = date(2025, 11, 12)
MANIFEST = "manifest.json"
# Families per transaction. The app's default (200) reports progress often for the GUI; here
# nobody watches, and larger batches mean fewer commits and FTS5 segment flushes (about 8%
# less CPU at 1,200 families). The records written are the same whatever the batch size.
BATCH = 1_000


@dataclass(frozen=True)
class DemoVault:
    """Where the shared vault is, what it holds and what building it cost."""

    data_dir: str
    passphrase: str
    families: int
    notes: int
    records: int
    generation_s: float
    db_mib: float
    peak_rss_mib: float  # of the process that generated it

    @property
    def size(self) -> str:
        """The size column for rows measured on this vault."""
        return f"{self.families:,} families / {self.notes:,} notes"

    def copy_to(self, target: Path) -> Path:
        """A private copy of the vault's files at `target` (which must not exist yet)."""
        shutil.copytree(self.data_dir, target)
        return target


def families_for(config: Config) -> int:
    """How many families the run's demo vault holds."""
    return QUICK_FAMILIES if config.quick else FULL_FAMILIES


def shared_demo_vault(config: Config) -> DemoVault:
    """The run's demo vault, generated on the first call and reused by every later one."""
    home = config.shared_dir / f"demo-{families_for(config)}-{config.seed}"
    manifest = home / MANIFEST
    if not manifest.exists():
        generate_in_child(families_for(config), config.seed, home)
    return DemoVault(**json.loads(manifest.read_text(encoding="utf-8")))


def generate_in_child(families: int, seed: int, home: Path) -> None:
    """Run `generate` in a fresh interpreter, so its peak memory is measured alone."""
    repo = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(repo), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bench.demo_vault", "--families", str(families),
         "--seed", str(seed), "--out", str(home)],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"demo vault generation failed:\n{proc.stderr[-4000:]}")


def generate(families: int, seed: int, home: Path) -> DemoVault:
    """A lead's vault under `home`, filled through `populate_demo`, and its manifest."""
    from liaison_desktop.demo.populate import populate_demo
    from liaison_desktop.services.caseload import Caseload
    from liaison_desktop.store.vault import DB_NAME, Vault

    data_dir = home / "vault"
    home.mkdir(parents=True, exist_ok=True)
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name=OWNER, role="lead", kdf_target_seconds=0
    )
    try:
        started = time.perf_counter()
        summary = populate_demo(
            Caseload(vault), families=families, seed=seed, today=TODAY, batch_size=BATCH
        )
        generation_s = time.perf_counter() - started
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        vault.close()
    demo = DemoVault(
        data_dir=str(data_dir),
        passphrase=PASSPHRASE,
        families=summary.families,
        notes=summary.counts["note"],
        records=summary.records,
        generation_s=generation_s,
        db_mib=(data_dir / DB_NAME).stat().st_size / 2**20,
        peak_rss_mib=peak_rss_mib(),
    )
    (home / MANIFEST).write_text(json.dumps(asdict(demo)), encoding="utf-8")
    return demo


def main(argv: Sequence[str] | None = None) -> int:
    """Generate one demo vault and print its manifest."""
    parser = argparse.ArgumentParser(prog="python -m bench.demo_vault")
    parser.add_argument("--families", type=int, default=FULL_FAMILIES)
    parser.add_argument("--seed", type=int, default=20_240_901)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(asdict(generate(args.families, args.seed, args.out))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
