"""The `liaison` command's start-up: `--version` and `--help` beside `python -c pass`, and
`family list` on a copy of the run's demo vault (20,000 families; 1,000 with --quick) beside
the KDF it cannot avoid plus 0.3 s.

Every figure is the wall time of a fresh process, as a script or an officer at a terminal sees
it; subjects take turns so load drift falls on each alike. A warm-up run of each comes first
(and leaves our modules compiled, as an installed app has them: `common.child_env`).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from liaison_desktop.store.vault import Vault

from .common import Config, Result, child_env, interleaved, median
from .demo_vault import shared_demo_vault

USES_DEMO_VAULT = True  # `python -m bench` generates the shared demo vault before this runs
NAME = "cli"
BASELINE = (
    "`python -c pass` by the same interpreter, taking turns (start-up); the vault's own KDF "
    "(Argon2id with its stored parameters, median of 3) + 0.3 s (family list)"
)
STARTUP_AIM = 3.0  # `liaison --version` / `--help` at most 3× a bare interpreter
FAMILY_LIST_ALLOWANCE_S = 0.3  # `family list` at most the KDF + this
ROUNDS_QUICK = 3
ROUNDS_FULL = 9


def liaison_command() -> list[str]:
    """How an officer runs `liaison` here: the installed script beside this interpreter."""
    script = Path(sys.executable).with_name("liaison")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "liaison_desktop.cli"]


def run_once(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one child process, which must exit 0.

    (Not its peak memory: a child's ru_maxrss starts from the forking runner's, which is far
    larger than `liaison --version`; `/usr/bin/time -f %M` measures it by hand.)
    """
    started = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or child_env()
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {err}")
    return seconds


def run(config: Config) -> list[Result]:
    """Measure and return the rows of the table."""
    rounds = ROUNDS_QUICK if config.quick else ROUNDS_FULL
    liaison = liaison_command()
    subjects = {
        "python": [sys.executable, "-c", "pass"],
        "version": [*liaison, "--version"],
        "help": [*liaison, "--help"],
    }

    def measure(subject: str) -> list[float]:
        return [run_once(subjects[subject])]

    for subject in subjects:  # warm the disk cache for each
        measure(subject)
    startup = interleaved(list(subjects), measure, rounds=rounds)
    python_s = median(startup["python"])

    demo = shared_demo_vault(config)
    data_dir = demo.copy_to(config.work_dir / "vault")
    keyfile = Vault.load_keyfile(data_dir)
    kdf: list[float] = []
    for _ in range(3):
        started = time.perf_counter()
        keyfile.unwrap_with_passphrase(demo.passphrase).wipe()
        kdf.append(time.perf_counter() - started)
    env = child_env(LIAISON_PASSPHRASE=demo.passphrase)
    listing = [*liaison, "--data-dir", str(data_dir), "family", "list"]
    run_once(listing, env)  # warm the page cache, as a second run at a terminal would be
    list_runs = [run_once(listing, env) for _ in range(ROUNDS_QUICK if config.quick else 5)]
    kdf_s = median(kdf)
    params = keyfile.kdf

    return [
        Result(
            NAME,
            "version",
            "s",
            median(startup["version"]),
            baseline=python_s,
            size=f"{rounds} runs each",
            aim_ratio=STARTUP_AIM,
            note="`liaison --version` vs `python -c pass`",
        ),
        Result(
            NAME,
            "help",
            "s",
            median(startup["help"]),
            baseline=python_s,
            size=f"{rounds} runs each",
            aim_ratio=STARTUP_AIM,
            note="`liaison --help`, every command listed with its help line",
        ),
        Result(
            NAME,
            "family_list",
            "s",
            median(list_runs),
            baseline=kdf_s + FAMILY_LIST_ALLOWANCE_S,
            reference=kdf_s,
            size=f"{demo.families:,} families",
            aim_ratio=1.0,
            note=f"`liaison family list`, median of {len(list_runs)}; baseline = KDF "
            f"(reference: Argon2id {params.memory_kib // 1024} MiB, t={params.iterations}) + "
            f"{FAMILY_LIST_ALLOWANCE_S} s",
        ),
    ]
