"""Shared parts of the benchmarks: timing with warm-up and repeats, results and the table.

Benchmarks report figures next to a baseline measured in the same run; the table prints the
ratio against an aim. Nothing here asserts a timing: benchmarks inform, tests judge behaviour.
"""

from __future__ import annotations

import math
import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, TypeVar

import sqlcipher3

T = TypeVar("T")


@dataclass(frozen=True)
class Config:
    """What the command line asked for, handed to every benchmark module."""

    quick: bool
    seed: int
    work_dir: Path
    # Where files shared between benchmarks live (the one demo vault); None = `work_dir`.
    shared: Path | None = None

    @property
    def shared_dir(self) -> Path:
        """The folder for files benchmarks share within one run."""
        return self.shared if self.shared is not None else self.work_dir


class BenchmarkModule(Protocol):
    """What a module listed in `bench.BENCHMARKS` provides."""

    NAME: str
    BASELINE: str

    def run(self, config: Config) -> list[Result]: ...


@dataclass(frozen=True)
class Result:
    """One row of the table: a figure, what it is compared with, and the aim."""

    benchmark: str
    name: str
    unit: str
    figure: float
    baseline: float | None = None
    reference: float | None = None  # a second, informative comparison (not the ratio)
    size: str = ""
    aim_ratio: float | None = None  # the ratio figure / baseline should be at most this
    aim_range: tuple[float, float] | None = None  # or the figure itself should fall in this
    note: str = ""

    @property
    def row_name(self) -> str:
        """The stable name the table prints first (tests look rows up by it)."""
        return f"{self.benchmark}.{self.name}"

    @property
    def ratio(self) -> float | None:
        """Figure over baseline, or None without a baseline."""
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.figure / self.baseline

    @property
    def aim_met(self) -> bool | None:
        """True or False against the aim; None when the row has no aim."""
        ratio = self.ratio
        if self.aim_ratio is not None and ratio is not None:
            return ratio <= self.aim_ratio
        if self.aim_range is not None:
            low, high = self.aim_range
            return low <= self.figure <= high
        return None

    @property
    def aim_text(self) -> str:
        if self.aim_ratio is not None:
            return f"≤ {self.aim_ratio:.2f}×"
        if self.aim_range is not None:
            low, high = self.aim_range
            return f"{_number(low)}–{_number(high)} {self.unit}"
        return ""


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a measured child process: ours, but letting Python keep bytecode.

    An installed app has its modules compiled (pip and PyInstaller do it); a checkout run with
    PYTHONDONTWRITEBYTECODE=1 would compile every module of ours on every start instead, which
    a bare-interpreter or bare-Qt baseline (whose libraries are compiled) never pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


# -- timing --------------------------------------------------------------------------------------
def time_call(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """Seconds one call of `fn` takes, and what it returned."""
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def repeat(
    fn: Callable[[], object],
    *,
    repeats: int,
    warmup: int = 1,
    setup: Callable[[], object] | None = None,
) -> list[float]:
    """Seconds taken by each of `repeats` calls of `fn`, after `warmup` untimed calls.

    `setup` runs (untimed) before every call, warm-up included, e.g. to open a fresh connection.
    """
    samples: list[float] = []
    for i in range(warmup + repeats):
        if setup is not None:
            setup()
        elapsed = time_call(fn)
        if i >= warmup:
            samples.append(elapsed)
    return samples


def interleaved(
    subjects: Sequence[str],
    measure: Callable[[str], list[float]],
    *,
    rounds: int,
) -> dict[str, list[float]]:
    """Run `measure(subject)` for every subject, `rounds` times, rotating the order each round.

    Taking turns spreads drift (other load, disk cache, thermal state) over every subject
    instead of letting it land on whichever ran last, which is what makes ratios trustworthy.
    """
    samples: dict[str, list[float]] = {s: [] for s in subjects}
    for r in range(rounds):
        shift = r % len(subjects)
        for subject in [*subjects[shift:], *subjects[:shift]]:
            samples[subject].extend(measure(subject))
    return samples


def percentile(values: Sequence[float], pct: float) -> float:
    """The `pct`th percentile (0–100) by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError("pct must be between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    """The median of the samples."""
    return statistics.median(values)


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean of the samples."""
    return statistics.fmean(values)


def peak_rss_mib() -> float:
    """This process's peak resident set size so far, in MiB.

    On Linux this is VmHWM, which belongs to the process's own address space: `ru_maxrss` is
    kept across execve, so a child started by a parent that had once used 400 MiB would report
    400 MiB whatever it used itself.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- machine facts -------------------------------------------------------------------------------
def cpu_model() -> str:
    """The CPU's marketing name, as far as the OS tells it."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def filesystem_of(path: Path) -> str:
    """The file system type holding `path` (Linux only; fsync cost depends on it)."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return "unknown"
    resolved = str(path.resolve())
    best, fstype = "", "unknown"
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3:
            mount_point = parts[1]
            inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
            if inside and len(mount_point) > len(best):
                best, fstype = mount_point, parts[2]
    return fstype


def engine_versions() -> dict[str, str]:
    """SQLCipher, its SQLite and crypto provider, and the standard library's SQLite."""
    conn = sqlcipher3.connect(":memory:")
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        sqlite_inside = conn.execute("SELECT sqlite_version()").fetchone()[0]
        conn.execute("PRAGMA key = 'version probe'")
        provider = conn.execute("PRAGMA cipher_provider_version").fetchone()
    finally:
        conn.close()
    return {
        "SQLCipher": str(cipher),
        "SQLite (in SQLCipher)": str(sqlite_inside),
        "crypto": str(provider[0]) if provider else "unknown",
        "stdlib sqlite3": sqlite3.sqlite_version,
    }


def machine_facts(work_dir: Path) -> list[str]:
    """Header lines describing where and with what the figures were measured."""
    versions = engine_versions()
    return [
        f"Liaison Desktop benchmarks · {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"CPU: {cpu_model()} · {os.cpu_count()} logical cores · RAM {memory_text()} · {os_text()}",
        f"Python {platform.python_version()} · SQLCipher {versions['SQLCipher']} "
        f"(SQLite {versions['SQLite (in SQLCipher)']}, {versions['crypto']}) · "
        f"stdlib sqlite3 {versions['stdlib sqlite3']}",
        f"Scratch files under: {work_dir} ({filesystem_of(work_dir)}) · {load_text()}",
    ]


def memory_text() -> str:
    """Installed memory, as far as the OS tells it."""
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return "unknown"
    return f"{pages * page_size / 2**30:.1f} GiB"


def os_text() -> str:
    """The operating system: distribution name where Linux says it, and the kernel."""
    name = platform.system()
    try:
        release = platform.freedesktop_os_release()
        name = release.get("PRETTY_NAME", name)
    except OSError:
        pass
    return f"{name} (kernel {platform.release()})"


def load_text() -> str:
    """The system load, since other work on the machine shows up as noise in the figures."""
    try:
        one, five, _fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


# -- the table -----------------------------------------------------------------------------------
def _number(value: float) -> str:
    """Three significant figures without scientific notation for ordinary sizes."""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, 2 - magnitude)
    return f"{value:,.{decimals}f}"


def _with_unit(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{_number(value)} {unit}"


@dataclass
class Table:
    """Rows of text cells printed with aligned columns."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    right_aligned: frozenset[int] = frozenset()

    def render(self) -> str:
        widths = [len(h) for h in self.headers]
        for row in self.rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

        def line(cells: list[str]) -> str:
            out = []
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
                out.append(cell.rjust(width) if i in self.right_aligned else cell.ljust(width))
            return "  ".join(out).rstrip()

        rule = "  ".join("-" * w for w in widths)
        return "\n".join([line(self.headers), rule, *(line(r) for r in self.rows)])


def results_table(results: Sequence[Result], elapsed: Mapping[str, float] | None = None) -> str:
    """The one table `python -m bench` prints; `elapsed` (seconds per benchmark module) fills a
    column on each module's first row."""
    elapsed = elapsed or {}
    shown: set[str] = set()
    table = Table(
        headers=[
            "benchmark",
            "elapsed",
            "size",
            "figure",
            "baseline",
            "ratio",
            "reference",
            "aim",
            "",
            "note",
        ],
        right_aligned=frozenset({1, 3, 4, 5, 6}),
    )
    for r in results:
        ratio = r.ratio
        met = r.aim_met
        took = ""
        if r.benchmark in elapsed and r.benchmark not in shown:
            took = f"{elapsed[r.benchmark]:.0f} s"
            shown.add(r.benchmark)
        table.rows.append(
            [
                r.row_name,
                took,
                r.size,
                _with_unit(r.figure, r.unit),
                _with_unit(r.baseline, r.unit),
                "—" if ratio is None else f"{ratio:.2f}×",
                _with_unit(r.reference, r.unit),
                r.aim_text,
                "" if met is None else ("ok" if met else "ABOVE AIM"),
                r.note,
            ]
        )
    return table.render()


def summary_line(results: Sequence[Result]) -> str:
    """How many rows with an aim met it."""
    judged = [r for r in results if r.aim_met is not None]
    missed = [r.row_name for r in judged if not r.aim_met]
    text = f"{len(judged) - len(missed)} of {len(judged)} aims met"
    return text + (f"; above aim: {', '.join(missed)}" if missed else "")
