"""What SQLCipher's settings cost: `python -m bench.vault_settings [--quick]`.

An investigation, not a benchmark in the registry: when a vault ratio is above its aim, this
measures each candidate setting against plain SQLite with the same page size, side by side,
so a proposal to change a setting comes with figures. Variants marked "never to ship" weaken
security and are measured only to show where the time goes.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from .common import Table, machine_facts, mean, median, repeat
from .vault_bench import (
    FULL,
    QUICK,
    DirectSubject,
    Sizes,
    Subject,
    check_same_settings,
    create_notes_table,
    give_vault_schema,
    make_rows,
    measure_bulk_insert,
    measure_durable_writes,
    measure_reads,
    open_direct,
)

ENC, PLAIN = "vault", "plain"


@dataclass(frozen=True)
class Variant:
    """SQLCipher settings to try, and the page size the plain baseline must then use."""

    label: str
    page_size: int
    cipher_pragmas: tuple[str, ...] = ()
    ships: bool = True


VARIANTS = (
    Variant("as shipped: 4 KiB pages, HMAC-SHA512", 4096),
    Variant("HMAC-SHA256", 4096, ("PRAGMA cipher_hmac_algorithm = HMAC_SHA256",)),
    Variant("8 KiB pages", 8192, ("PRAGMA cipher_page_size = 8192",)),
    Variant("16 KiB pages", 16384, ("PRAGMA cipher_page_size = 16384",)),
    Variant(
        "16 KiB pages + HMAC-SHA256",
        16384,
        ("PRAGMA cipher_page_size = 16384", "PRAGMA cipher_hmac_algorithm = HMAC_SHA256"),
    ),
    Variant("no HMAC (never to ship)", 4096, ("PRAGMA cipher_use_hmac = OFF",), ships=False),
)
METRICS = ("write", "bulk", "scan", "by_id", "by_family", "open")


def measure_variant(variant: Variant, work_dir: Path, sizes: Sizes, seed: int) -> dict[str, str]:
    """Ratio (and vault figure) for each metric under one variant."""
    work_dir.mkdir()
    key = f"PRAGMA key = \"x'{os.urandom(32).hex()}'\""
    enc_first = ("PRAGMA cipher_log_level = NONE", key, *variant.cipher_pragmas)
    plain_first = (f"PRAGMA page_size = {variant.page_size}",)
    rng = random.Random(seed)
    write_rows = make_rows(sizes.durable_writes + 10, rng)
    bulk_rows = make_rows(sizes.bulk_rows, rng)
    subjects: dict[str, Subject] = {
        ENC: DirectSubject(ENC, sqlcipher3.connect, work_dir / "enc.db", enc_first),
        PLAIN: DirectSubject(PLAIN, sqlcipher3.connect, work_dir / "plain.db", plain_first),
    }
    try:
        for subject in subjects.values():
            assert isinstance(subject, DirectSubject)
            give_vault_schema(subject)
        if variant.ships:  # the no-HMAC probe is refused by the check, by design
            check_same_settings(subjects)
        for subject in subjects.values():
            with subject.transaction() as conn:
                create_notes_table(conn, "bench_notes")
        samples = {
            "write": measure_durable_writes(subjects, write_rows, sizes),
            "bulk": measure_bulk_insert(subjects, bulk_rows, sizes),
        }
        reads = measure_reads(subjects, bulk_rows, sizes)
        samples.update(scan=reads["scan"], by_id=reads["by_id"], by_family=reads["by_family"])
    finally:
        for subject in subjects.values():
            subject.close()
    opens: dict[str, list[float]] = {}
    for label, first in ((ENC, enc_first), (PLAIN, plain_first)):
        path = work_dir / ("enc.db" if label == ENC else "plain.db")

        def open_once(path: Path = path, first: tuple[str, ...] = first) -> None:
            open_direct(sqlcipher3.connect, path, first).close()

        opens[label] = repeat(open_once, repeats=sizes.open_repeats, warmup=3)
    samples["open"] = opens

    cells: dict[str, str] = {}
    for metric in METRICS:
        stat = mean if metric == "write" else median
        enc, plain = stat(samples[metric][ENC]), stat(samples[metric][PLAIN])
        cells[metric] = f"{enc / plain:.2f}× ({enc * 1000:.3g} ms)"
    return cells


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every variant and print one table of ratios against plain SQLite."""
    parser = argparse.ArgumentParser(prog="python -m bench.vault_settings")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=20_240_901)
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    table = Table(headers=["variant", *METRICS], right_aligned=frozenset(range(1, 7)))
    with tempfile.TemporaryDirectory(prefix="liaison-settings-") as tmp:
        for i, variant in enumerate(VARIANTS):
            cells = measure_variant(variant, Path(tmp) / f"v{i}", sizes, args.seed)
            table.rows.append([variant.label, *(cells[m] for m in METRICS)])
        print("\n".join(machine_facts(Path(tmp))))
    print(f"stdlib sqlite3 {sqlite3.sqlite_version} not used here; ratios are against")
    print("the same SQLCipher build unkeyed with the same page size. Figure = encrypted side.")
    print(f"write = mean durable single-row write ({sizes.durable_writes} txns); bulk, scan,")
    print(f"by_id, by_family = medians over {sizes.bulk_rows:,} rows, cold connection;")
    print("open = median connect + key + settings + first read")
    print()
    print(table.render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
