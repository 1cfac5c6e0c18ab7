"""`python -m bench` runs end to end and prints every row of its table (no timing judged)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Rows with a plain-SQLite baseline print a ratio; the others only a figure.
RATIO_ROWS = (
    "vault.durable_write_mean",
    "vault.durable_write_p95",
    "vault.bulk_insert",
    "vault.read_scan",
    "vault.read_by_id",
    "vault.read_by_id_warm",
    "vault.read_by_family",
    "vault.db_open",
)
FIGURE_ROWS = ("vault.vault_open", "vault.unlock_kdf", "vault.unlock_total")
# Every other row the table must print (one table for the whole app).
OTHER_ROWS = (
    "cli.version",
    "cli.help",
    "cli.family_list",
    "caseload.demo_generation",
    "caseload.unlock_to_first_search",
    "caseload.search_p50",
    "caseload.search_p95",
    "caseload.peak_memory",
    "sync.bundle_size",
    "sync.export",
    "sync.import",
    "fleet.officer_sync_n10",
    "fleet.lead_sync_n10",
    "reports.case_summary_build",
    "gui.first_window_median",
    "gui.caseload_rows_read_median",
    "gui.caseload_open_to_filled",
    "gui.caseload_open_longest_gui_step",
    "gui.caseload_scroll_to_end",
    "gui.caseload_scroll_longest_step",
    "gui.caseload_sort_by_last_contact",
    "family_page.open_p95",
    "family_page.tab_first_show_p95",
)
BENCHMARKS = (
    "demo_vault", "cli", "vault", "caseload", "sync", "fleet", "reports", "gui", "family_page",
)  # fmt: skip


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.slow
def test_quick_run_prints_every_row_of_one_table_with_machine_and_elapsed() -> None:
    result = run_bench("--quick")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"^CPU: .+ · \d+ logical cores · RAM [\d.]+ GiB · .+", out, re.MULTILINE)
    assert re.search(r"SQLCipher 4\.\S+ .*\(SQLite 3\.\d+\.\d+", out)
    assert "stdlib sqlite3 3." in out
    assert re.search(r"load average \d+\.\d\d \(1 min\)", out)
    lines = {line.split()[0]: line for line in out.splitlines() if "." in line.split(" ")[0]}
    for name in RATIO_ROWS:
        assert name in lines, f"row {name} missing from:\n{out}"
        ratio = re.search(r"\s(\d+\.\d\d)×\s", lines[name])
        assert ratio and float(ratio.group(1)) > 0, lines[name]
    for name in (*FIGURE_ROWS, *OTHER_ROWS):
        assert name in lines, f"row {name} missing from:\n{out}"
        assert re.search(r"\s\d[\d,]*(\.\d+)? (ms|s|MiB|KiB)\s", lines[name]), lines[name]
    # Each module's first row carries its elapsed time; the footer adds them all up.
    assert re.search(r"^vault\.durable_write_mean\s+\d+ s\s", out, re.MULTILINE)
    elapsed = re.search(r"^Elapsed: \d+ s in all \((.+)\)", out, re.MULTILINE)
    assert elapsed, out
    for name in BENCHMARKS:
        assert re.search(rf"\b{name} \d+ s\b", elapsed.group(1)), elapsed.group(1)
    assert re.search(r"^\d+ of \d+ aims met", out, re.MULTILINE)
    assert "FAILED" not in out


def test_unknown_benchmark_name_is_refused_with_the_known_names() -> None:
    result = run_bench("--only", "no-such-bench")
    assert result.returncode == 64
    assert "Unknown benchmark: no-such-bench" in result.stderr
    assert "vault" in result.stderr
