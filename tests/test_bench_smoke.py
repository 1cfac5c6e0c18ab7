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


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.slow
def test_quick_vault_bench_prints_every_row_with_a_ratio() -> None:
    result = run_bench("--quick", "--only", "vault")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"^CPU: .+ · \d+ logical cores", out, re.MULTILINE)
    assert re.search(r"SQLCipher 4\.\S+ .*\(SQLite 3\.\d+\.\d+", out)
    assert "stdlib sqlite3 3." in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("vault.")}
    for name in RATIO_ROWS:
        assert name in lines, f"row {name} missing from:\n{out}"
        ratio = re.search(r"\s(\d+\.\d\d)×\s", lines[name])
        assert ratio and float(ratio.group(1)) > 0, lines[name]
    for name in FIGURE_ROWS:
        assert name in lines, f"row {name} missing from:\n{out}"
        assert re.search(r"\s\d[\d,]*(\.\d+)? (ms|s)\s", lines[name]), lines[name]
    assert re.search(r"^\d+ of 8 aims met", out, re.MULTILINE)
    assert "FAILED" not in out


def test_unknown_benchmark_name_is_refused_with_the_known_names() -> None:
    result = run_bench("--only", "no-such-bench")
    assert result.returncode == 64
    assert "Unknown benchmark: no-such-bench" in result.stderr
    assert "vault" in result.stderr
