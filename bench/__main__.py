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
from dataclasses import replace
from pathlib import Path
from typing import cast

from . import BENCHMARKS
from .common import (
    BenchmarkModule,
    Config,
    Result,
    load_text,
    machine_facts,
    peak_rss_mib,
    results_table,
    summary_line,
)
from .demo_vault import shared_demo_vault

EXIT_USAGE = 64
DEMO_VAULT = "demo_vault"  # the elapsed entry for generating the shared vault


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
    parser.add_argument(
        "--demo-dir",
        type=Path,
        default=None,
        help="keep the generated demo vault in this folder and reuse it in later runs with the "
        "same size and seed (generating 20,000 families takes minutes); the table then shows "
        "the generation figures of the run that made it",
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
    # Read before any work starts: our own load would otherwise show up in the figure.
    machine = machine_facts(parent)
    run_started = time.perf_counter()
    work_dir = Path(tempfile.mkdtemp(prefix="liaison-bench-", dir=parent))
    shared = args.demo_dir if args.demo_dir is not None else work_dir / "shared"
    shared.mkdir(parents=True, exist_ok=True)
    config = Config(quick=args.quick, seed=args.seed, work_dir=work_dir, shared=shared)

    results: list[Result] = []
    footnotes: list[str] = []
    failed: list[str] = []
    elapsed: dict[str, float] = {}
    try:
        if any(getattr(m, "USES_DEMO_VAULT", False) for m in modules):
            # Built once, before the benchmarks that copy it, so its time is counted once.
            print("generating the shared demo vault…", file=sys.stderr, flush=True)
            started = time.perf_counter()
            try:
                demo = shared_demo_vault(config)
            except Exception:
                traceback.print_exc()
                failed.append(DEMO_VAULT)
            else:
                elapsed[DEMO_VAULT] = time.perf_counter() - started
                footnotes.append(
                    f"{DEMO_VAULT}: {elapsed[DEMO_VAULT]:.1f} s, generated once in its own "
                    f"process ({demo.families:,} families) and copied to each benchmark using it"
                )
        for module in modules:
            print(f"running {module.NAME}…", file=sys.stderr, flush=True)
            started = time.perf_counter()
            module_dir = work_dir / module.NAME
            module_dir.mkdir()
            try:
                results.extend(module.run(replace(config, work_dir=module_dir)))
            except Exception:
                traceback.print_exc()
                failed.append(module.NAME)
                continue
            finally:
                # Each module's copies can be large; the shared vault stays for the next one.
                shutil.rmtree(module_dir, ignore_errors=True)
            elapsed[module.NAME] = time.perf_counter() - started
            footnotes.append(
                f"{module.NAME}: {elapsed[module.NAME]:.1f} s, peak RSS so far "
                f"{peak_rss_mib():.0f} MiB · baseline: {module.BASELINE}"
            )
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    print("\n".join(machine))
    if config.quick:
        print("QUICK RUN: small sizes, figures are for a smoke test only")
    print()
    print(results_table(results, elapsed))
    print()
    print(summary_line(results))
    print(
        f"Elapsed: {time.perf_counter() - run_started:.0f} s in all ("
        + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in elapsed.items())
        + f") · {load_text()} at the end"
    )
    for note in footnotes:
        print(note)
    if failed:
        print(f"FAILED to run: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
