"""`python -m bench [--quick] [--only NAME]…`: run the registered benchmarks, print one table."""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from . import BENCHMARKS
from .common import (
    BenchmarkModule,
    Config,
    Result,
    machine_facts,
    peak_rss_mib,
    results_table,
    summary_line,
)

EXIT_USAGE = 64


def load_benchmarks() -> list[BenchmarkModule]:
    """Import every module in the registry, in order."""
    return [cast(BenchmarkModule, importlib.import_module(name)) for name in BENCHMARKS]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure Liaison Desktop against baselines run side by side; print one table.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, for a smoke test (figures are rough)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeatable), e.g. --only vault",
    )
    parser.add_argument("--seed", type=int, default=20_240_901, help="seed for generated data")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where to create scratch files (default: the system temp folder); fsync cost "
        "depends on the file system, which the header names",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmarks and print the table; 1 if any benchmark failed to run."""
    args = parse_args(argv)
    modules = load_benchmarks()
    known = [m.NAME for m in modules]
    if args.only:
        unknown = sorted(set(args.only) - set(known))
        if unknown:
            print(
                f"Unknown benchmark: {', '.join(unknown)}. Known: {', '.join(known)}.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        modules = [m for m in modules if m.NAME in args.only]

    parent = args.dir if args.dir is not None else Path(tempfile.gettempdir())
    parent.mkdir(parents=True, exist_ok=True)
    work_dir = Path(tempfile.mkdtemp(prefix="liaison-bench-", dir=parent))
    config = Config(quick=args.quick, seed=args.seed, work_dir=work_dir)

    results: list[Result] = []
    footnotes: list[str] = []
    failed: list[str] = []
    try:
        for module in modules:
            print(f"running {module.NAME}…", file=sys.stderr, flush=True)
            started = time.perf_counter()
            module_dir = work_dir / module.NAME
            module_dir.mkdir()
            try:
                results.extend(
                    module.run(Config(quick=config.quick, seed=config.seed, work_dir=module_dir))
                )
            except Exception:
                traceback.print_exc()
                failed.append(module.NAME)
                continue
            footnotes.append(
                f"{module.NAME}: {time.perf_counter() - started:.1f} s, peak RSS so far "
                f"{peak_rss_mib():.0f} MiB · baseline: {module.BASELINE}"
            )
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    print("\n".join(machine_facts(parent)))
    if config.quick:
        print("QUICK RUN: small sizes, figures are for a smoke test only")
    print()
    print(results_table(results))
    print()
    print(summary_line(results))
    for note in footnotes:
        print(note)
    if failed:
        print(f"FAILED to run: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
