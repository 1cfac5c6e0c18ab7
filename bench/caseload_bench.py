"""A full caseload: demo generation, unlock-to-first-search, search latency and peak memory.

Uses the run's one demo vault of 20,000 families (about 100,000 notes; 1,000 with --quick),
generated through the services by `bench.demo_vault` and copied here, then exports the copy
with `sqlcipher_export` to an unencrypted database: the same schema, rows and FTS5 index,
opened by the same SQLCipher build with no key and the same settings pragmas. Every search runs
the identical SQL (`store.search_index.search`) on both, taking turns. The measuring runs in a
child process so its peak memory is its own, not the benchmark runner's; run it alone with
`python -m bench.caseload_bench [--quick]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlcipher3

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store import search_index
from liaison_desktop.store.database import Connection
from liaison_desktop.store.vault import Vault

from .common import Config, Result, interleaved, median, peak_rss_mib, percentile
from .demo_vault import DemoVault, shared_demo_vault
from .vault_bench import open_direct

USES_DEMO_VAULT = True  # `python -m bench` generates the shared demo vault before this runs
NAME = "caseload"
BASELINE = (
    "sqlcipher_export of the same vault: same schema, rows and FTS5 index, SQLCipher build "
    "with no key, same pragmas; identical search SQL"
)
QUERY_COUNT = 200
UNLOCK_REPEATS = 5
SEARCH_ROUNDS = 3
SEARCH_LIMIT = 50
# Aims from the Caseload issue (acceptance 5); search p95 tightened by issue 16 (start-up).
UNLOCK_AIM_S = 0.5
SEARCH_P95_AIM_S = 0.015
MEMORY_AIM_MIB = 400.0
NOTE_WORDS = (
    "uniform", "food bank", "damp", "attendance", "interpreter", "breakfast club", "housing",
    "energy", "voucher", "EHCP", "wellbeing", "football", "library", "mould", "prepayment",
    "bus pass", "TAF", "GP", "cot", "beds", "ESOL", "transition", "grandparents", "mosque",
    "holiday", "benefits", "shoes", "school nurse", "arrears", "counselling",
)  # fmt: skip


def build_queries(conn: Connection, seed: int, count: int = QUERY_COUNT) -> list[str]:
    """About `count` realistic queries: surnames and their prefixes, given names, note words."""
    rng = random.Random(f"caseload-bench/{seed}")
    people = conn.execute(
        "SELECT given_name, family_name FROM people ORDER BY id LIMIT 5000"
    ).fetchall()
    rng.shuffle(people)
    queries: list[str] = []
    for given, family in people:
        if len(queries) >= count * 0.6:
            break
        shape = len(queries) % 4
        if shape == 0 and family:
            queries.append(str(family))
        elif shape == 1 and family:
            queries.append(str(family)[: rng.randint(2, 4)])  # typing the start of a name
        elif shape == 2:
            queries.append(str(given))
        elif family:
            queries.append(f"{given} {str(family)[:3]}")
    while len(queries) < count:
        word = rng.choice(NOTE_WORDS)
        queries.append(word if rng.random() < 0.7 else f"{word} {rng.choice(NOTE_WORDS)}")
    return queries


def export_plain(vault: Vault, target: Path) -> None:
    """Write an unencrypted copy of the whole vault (SQLCipher's documented export)."""
    conn = vault.conn
    conn.execute(f"ATTACH DATABASE '{target}' AS plaintext KEY ''")
    try:
        conn.execute("SELECT sqlcipher_export('plaintext')").fetchall()
    finally:
        conn.execute("DETACH DATABASE plaintext")


def search_once(conn: Connection, query: str) -> None:
    search_index.search(conn, query, SEARCH_LIMIT)


def measure(data_dir: Path, passphrase: str, seed: int, work_dir: Path) -> dict[str, Any]:
    """Everything the benchmark reports about the vault in `data_dir`, measured in this process."""
    keyfile = Vault.load_keyfile(data_dir)
    vault = Vault.unlock_with_key(data_dir, keyfile, keyfile.unwrap_with_passphrase(passphrase))
    queries = build_queries(vault.conn, seed)
    first_query = queries[0]
    plain_path = work_dir / "plain.db"
    export_plain(vault, plain_path)
    vault.close()

    # Unlock to first search, excluding the KDF: the key is unwrapped (untimed) before each go.
    unlock_vault: list[float] = []
    unlock_plain: list[float] = []
    for _ in range(UNLOCK_REPEATS):
        keyfile = Vault.load_keyfile(data_dir)
        data_key = keyfile.unwrap_with_passphrase(passphrase)
        t0 = time.perf_counter()
        opened = Vault.unlock_with_key(data_dir, keyfile, data_key)
        caseload = Caseload(opened)
        caseload.search.search(first_query)
        unlock_vault.append(time.perf_counter() - t0)
        opened.close()
        t0 = time.perf_counter()
        plain = open_direct(sqlcipher3.connect, plain_path)
        search_once(plain, first_query)
        unlock_plain.append(time.perf_counter() - t0)
        plain.close()

    keyfile = Vault.load_keyfile(data_dir)
    opened = Vault.unlock_with_key(data_dir, keyfile, keyfile.unwrap_with_passphrase(passphrase))
    plain = open_direct(sqlcipher3.connect, plain_path)
    conns = {"vault": opened.conn, "plain": plain}
    hit_counts = [len(search_index.search(opened.conn, q, SEARCH_LIMIT)) for q in queries]
    for q in queries:  # warm both page caches the same way
        search_once(plain, q)

    def run_all(label: str) -> list[float]:
        samples = []
        conn = conns[label]
        for query in queries:
            t0 = time.perf_counter()
            search_once(conn, query)
            samples.append(time.perf_counter() - t0)
        return samples

    searches = interleaved(["vault", "plain"], run_all, rounds=SEARCH_ROUNDS)
    opened.close()
    plain.close()
    return {
        "unlock_vault_s": unlock_vault,
        "unlock_plain_s": unlock_plain,
        "search_vault_s": searches["vault"],
        "search_plain_s": searches["plain"],
        "queries": len(queries),
        "queries_with_hits": sum(1 for n in hit_counts if n),
        "peak_rss_mib": peak_rss_mib(),
    }


def run_child(data_dir: Path, passphrase: str, seed: int, work_dir: Path) -> dict[str, Any]:
    """`measure` in a fresh interpreter, so the peak memory figure is the caseload's alone."""
    repo = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(repo), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.run(
        [
            sys.executable, "-m", "bench.caseload_bench", "--child", "--vault", str(data_dir),
            "--seed", str(seed), "--dir", str(work_dir),
        ],
        cwd=repo, env=env, input=passphrase, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"caseload benchmark child failed:\n{proc.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def results_from(demo: DemoVault, figures: dict[str, Any]) -> list[Result]:
    """The table rows for the demo vault and the figures measured on it."""
    size = demo.size
    unlock_v = median(figures["unlock_vault_s"])
    unlock_p = median(figures["unlock_plain_s"])
    search_v = figures["search_vault_s"]
    search_p = figures["search_plain_s"]
    ms = 1000.0
    peak = max(demo.peak_rss_mib, figures["peak_rss_mib"])
    return [
        Result(
            NAME,
            "demo_generation",
            "s",
            demo.generation_s,
            size=size,
            note=f"{demo.records:,} records through the services, "
            f"{demo.records / demo.generation_s:,.0f}/s; vault {demo.db_mib:.0f} MiB; "
            "built once per run and copied to each benchmark that uses it",
        ),
        Result(
            NAME,
            "unlock_to_first_search",
            "ms",
            unlock_v * ms,
            baseline=unlock_p * ms,
            size=size,
            aim_range=(0.0, UNLOCK_AIM_S * ms),
            note=f"KDF excluded (see vault.unlock_kdf); median of "
            f"{len(figures['unlock_vault_s'])}; open + migrations check + Caseload + search",
        ),
        Result(
            NAME,
            "search_p50",
            "ms",
            percentile(search_v, 50) * ms,
            baseline=percentile(search_p, 50) * ms,
            size=size,
            note=f"{figures['queries']} queries × {SEARCH_ROUNDS} rounds, "
            f"{figures['queries_with_hits']} with hits; limit {SEARCH_LIMIT}",
        ),
        Result(
            NAME,
            "search_p95",
            "ms",
            percentile(search_v, 95) * ms,
            baseline=percentile(search_p, 95) * ms,
            size=size,
            aim_range=(0.0, SEARCH_P95_AIM_S * ms),
        ),
        Result(
            NAME,
            "peak_memory",
            "MiB",
            peak,
            size=size,
            aim_range=(0.0, MEMORY_AIM_MIB),
            note=f"peak RSS: generating {demo.peak_rss_mib:.0f} MiB (own process), "
            f"unlock and {len(search_v):,} searches {figures['peak_rss_mib']:.0f} MiB",
        ),
    ]


def run(config: Config) -> list[Result]:
    """Measure a copy of the run's demo vault in a child process and report its figures."""
    demo = shared_demo_vault(config)
    copy = demo.copy_to(config.work_dir / "vault")
    return results_from(demo, run_child(copy, demo.passphrase, config.seed, config.work_dir))


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone: print the rows (or, as --child, the raw figures as one JSON line)."""
    parser = argparse.ArgumentParser(prog="python -m bench.caseload_bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=20_240_901)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--vault", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        # The passphrase comes on standard input, so it is never in a process listing.
        figures = measure(args.vault, sys.stdin.read(), args.seed, args.dir)
        print(json.dumps(figures))
        return 0
    from .common import results_table

    with tempfile.TemporaryDirectory(prefix="liaison-caseload-", dir=args.dir) as tmp:
        config = Config(quick=args.quick, seed=args.seed, work_dir=Path(tmp))
        print(results_table(run(config)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
