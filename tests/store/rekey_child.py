"""A process to kill during `Vault.rekey` (run as `python -m tests.store.rekey_child`).

    rekey_child DATA_DIR [WHEN:STEP]

Opens the vault (passphrase in LIAISON_PASSPHRASE), says READY, re-encrypts it and says
`ACK rekeyed`. With WHEN:STEP (`before:commit`, `after:export_database`, …) it says INSIDE at
that point of store/rekey.py's steps and waits there to be killed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from liaison_desktop.store import rekey
from liaison_desktop.store.vault import Vault


def say(line: str) -> None:
    """One whole line, flushed."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def pause_at(when: str, step: str) -> None:
    """Wrap `rekey.<step>` so the process waits to be killed before or after it."""
    original = getattr(rekey, step)

    def wait() -> None:
        say("INSIDE")
        time.sleep(120)

    def paused(*args: object) -> None:
        if when == "before":
            wait()
        original(*args)
        if when == "after":
            wait()

    setattr(rekey, step, paused)


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1])
    if len(argv) > 2:
        when, step = argv[2].split(":")
        pause_at(when, step)
    passphrase = os.environ["LIAISON_PASSPHRASE"]
    vault = Vault.unlock(data_dir, passphrase)
    say("READY")
    vault.rekey(passphrase, kdf_target_seconds=0)
    vault.close()
    say("ACK rekeyed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
