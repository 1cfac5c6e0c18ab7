"""Benchmarks for Liaison Desktop: `python -m bench` (or `make bench`) prints one table.

To add a benchmark, write a module with `NAME`, `BASELINE` and `run(config) -> list[Result]`
(see `bench.common.BenchmarkModule`) and append its import path to `BENCHMARKS`.
"""

from __future__ import annotations

# The registry: every module here is run, in this order, unless `--only` picks some.
BENCHMARKS: list[str] = [
    "bench.cli_bench",
    "bench.vault_bench",
    "bench.caseload_bench",
    "bench.sync_bench",
    "bench.fleet_bench",
    "bench.reports_bench",
    "bench.gui_bench",
    "bench.family_page_bench",
]
