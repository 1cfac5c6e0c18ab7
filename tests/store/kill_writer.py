"""Writer process for the kill -9 test: writes to a vault until it is killed.

Usage: kill_writer.py DATA_DIR LAUNCH SEED (passphrase in LIAISON_PASSPHRASE).
Prints "READY" once the vault is open, then "ACK <txn> <rows>" after each transaction()
returns, flushing every line, so the parent knows exactly which writes were committed.
Rows of one transaction share `txn` and record `txn_size`, so the parent can check that a
transaction is all there or not there at all, acknowledged or not.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from liaison_desktop.store.vault import Vault

TABLE = "kill_rows"
CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, txn TEXT NOT NULL, "
    "txn_size INTEGER NOT NULL, body TEXT NOT NULL)"
)


def body_for(row_id: str, rng: random.Random) -> str:
    """Text holding the row's own id, sometimes long enough to spill onto overflow pages."""
    length = rng.choice((40, 400, 400, 5000))
    return (f"{row_id} " * (length // (len(row_id) + 1) + 1))[:length]


def acknowledge(line: str) -> None:
    """Send one whole line in one write, so a kill can never leave half an acknowledgement.

    (print() writes the text and the newline separately when stdout is unbuffered.)
    """
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    data_dir, launch, seed = Path(argv[1]), int(argv[2]), int(argv[3])
    rng = random.Random(seed * 1000 + launch)
    vault = Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"])
    with vault.transaction() as conn:
        conn.execute(CREATE)
    acknowledge("READY")
    n = 0
    while True:
        # Half single-row transactions, half small multi-row ones.
        size = 1 if rng.random() < 0.5 else rng.randint(2, 6)
        txn = f"L{launch}-T{n}"
        rows = [(f"{txn}-R{k}", txn, size, body_for(f"{txn}-R{k}", rng)) for k in range(size)]
        with vault.transaction() as conn:
            for row in rows:
                conn.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?)", row)
        acknowledge(f"ACK {txn} {size}")
        n += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
