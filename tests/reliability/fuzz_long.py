"""The long fuzz run (outside CI): 10,000+ cases per input kind, one child process per kind.

    python -m tests.reliability.fuzz_long --cases 10000 [--kinds bundle,keyfile] [--seed S]
                                          [--jobs 2] [--atheris 2000]

Each kind runs in its own child process (so a crash of the interpreter is seen and counted):
hypothesis with a fixed seed (printed) and no deadline, then, with `--atheris N` and where
atheris is installed, N coverage-guided cases starting from a corpus of valid inputs. A case
that raises anything but the app's own LiaisonError, or a refusal that changed the vault,
is counted and its input saved under the output folder. The table at the end has, per kind:
cases tried, accepted, refused cleanly, crashes, vault changes on refusal and time.
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
import traceback
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def _record(out: Path, counts: Any, failures: list[dict[str, Any]], started: float) -> None:
    out.write_text(
        json.dumps(
            {
                "tried": counts.tried,
                "accepted": counts.accepted,
                "refused": counts.refused,
                "full_checks": counts.full_checks,
                "messages": counts.messages,
                "crashes": sum(1 for f in failures if f["what"] == "crash"),
                "changed": sum(1 for f in failures if f["what"] == "changed"),
                "failures": failures[:50],
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


def _guarded(rig: Any, case: Any, failures: list[dict[str, Any]], saved: Path) -> None:
    from tests.reliability.fuzz_targets import VaultChanged

    try:
        rig.run(case)
    except Exception as exc:  # every escape is a finding; keep going and count it
        what = "changed" if isinstance(exc, VaultChanged) else "crash"
        rig.counts.tried += 0
        name = saved / f"{rig.kind}-{len(failures)}.bin"
        payload = case if isinstance(case, bytes) else repr(case).encode("utf-8", "replace")
        name.write_bytes(payload)
        failures.append(
            {
                "what": what,
                "type": type(exc).__name__,
                "where": traceback.format_exception(exc)[-2].strip()[:300],
                "message": str(exc)[:300],
                "input": str(name),
            }
        )
        rig.reset()  # a failed case may have left anything behind: start clean


def _strategy(rig: Any) -> Any:
    from tests.reliability import fuzz_inputs as inputs

    return {
        "json_import": lambda: inputs.json_import_cases(),
        "pupil_csv": inputs.pupil_csv_cases,
        "attendance_csv": lambda: inputs.attendance_csv_cases(rig.upns),
        "bundle": lambda: inputs.bundle_cases(rig),
        "settings": inputs.settings_cases,
        "keyfile": lambda: inputs.keyfile_cases(rig.original),
        "device_key": inputs.device_key_cases,
        "attachment": inputs.attach_cases,
    }[rig.kind]()


def child_hypothesis(kind: str, cases: int, seed: int, out: Path) -> None:
    """Run one kind under hypothesis; write the counts to `out`."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed
    from hypothesis import strategies as st

    from tests.reliability.fuzz_targets import RIGS

    work = Path(tempfile.mkdtemp(prefix=f"fuzz-{kind}-"))
    saved = out.with_suffix(".inputs")
    saved.mkdir(exist_ok=True)
    rig = RIGS[kind](work, full_every=100)
    failures: list[dict[str, Any]] = []
    started = time.monotonic()
    strategy = _strategy(rig)

    @fixed_seed(seed)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        _guarded(rig, data.draw(strategy), failures, saved)
        if rig.counts.tried % 500 == 0:
            _record(out, rig.counts, failures, started)

    one()
    rig.close()
    _record(out, rig.counts, failures, started)


def _corpus(rig: Any, folder: Path) -> None:
    """Valid inputs of the kind, for atheris to start from."""
    import hypothesis.strategies as st
    from hypothesis import HealthCheck, given, settings

    samples: list[bytes] = []
    strategy = _strategy(rig)

    @settings(max_examples=30, database=None, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def collect(case: Any) -> None:
        if isinstance(case, str):
            case = case.encode("utf-8", "surrogatepass")
        elif not isinstance(case, bytes):
            case = case.filename.encode("utf-8", "surrogatepass")[:40].ljust(40) + case.data
        samples.append(case)

    collect()
    for i, sample in enumerate(samples):
        (folder / f"seed-{i}").write_bytes(sample)
    _ = st


def child_atheris(kind: str, cases: int, seed: int, out: Path) -> None:
    """Run one kind coverage-guided under atheris (libFuzzer) for `cases` inputs."""
    import atheris

    with atheris.instrument_imports(include=["liaison_desktop"]):
        import liaison_desktop.interchange.json_import
        import liaison_desktop.interchange.pupil_csv
        import liaison_desktop.services.caseload
        import liaison_desktop.sync.exchange  # noqa: F401
    from tests.reliability.fuzz_targets import RIGS, AttachCase

    work = Path(tempfile.mkdtemp(prefix=f"atheris-{kind}-"))
    saved = out.with_suffix(".inputs")
    saved.mkdir(exist_ok=True)
    rig = RIGS[kind](work, full_every=100)
    corpus = work / "corpus"
    corpus.mkdir()
    _corpus(rig, corpus)
    rig.reset()
    failures: list[dict[str, Any]] = []
    started = time.monotonic()

    def one(data: bytes) -> None:
        case: Any = data
        if kind == "device_key":
            case = data.decode("utf-8", "replace")
        elif kind == "attachment":
            case = AttachCase(data[:40].decode("utf-8", "replace").strip(), data[40:])
        _guarded(rig, case, failures, saved)
        if rig.counts.tried % 500 == 0 or rig.counts.tried >= cases:
            _record(out, rig.counts, failures, started)

    atheris.Setup(
        [sys.argv[0], f"-runs={cases}", f"-seed={seed}", "-max_len=200000", str(corpus)],
        one,
    )
    atheris.Fuzz()


def _run_kind(kind: str, args: argparse.Namespace, engine: str, folder: Path) -> dict[str, Any]:
    out = folder / f"{engine}-{kind}.json"
    cases = args.cases if engine == "hypothesis" else args.atheris
    command = [
        sys.executable,
        "-m",
        "tests.reliability.fuzz_long",
        "--child",
        kind,
        "--engine",
        engine,
        "--cases",
        str(cases),
        "--seed",
        str(args.seed),
        "--out",
        str(out),
    ]
    env = {**os.environ, "TMPDIR": str(folder / "tmp"), "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    proc = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {"tried": 0}
    result.setdefault("crashes", 0)
    if proc.returncode < 0 or (proc.returncode != 0 and engine == "hypothesis"):
        result["crashes"] += 1  # the process itself died
        result["process"] = f"exit {proc.returncode}: {proc.stderr[-1500:]}"
    result["seconds"] = round(time.monotonic() - started, 1)
    result["kind"], result["engine"] = kind, engine
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse arguments; as parent run every kind and print the table."""
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.fuzz_long")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--kinds", default="")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--atheris", type=int, default=0, metavar="N")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--child", default=None)
    parser.add_argument("--engine", default="hypothesis")
    args = parser.parse_args(argv)
    os.environ["LIAISON_KDF_SECONDS"] = "0"
    if args.child:
        run = child_atheris if args.engine == "atheris" else child_hypothesis
        run(args.child, args.cases, args.seed, args.out)
        return 0

    from concurrent.futures import ThreadPoolExecutor

    from tests.reliability.fuzz_targets import KINDS

    if args.seed is None:
        args.seed = random.randrange(2**31)
    kinds = [k for k in args.kinds.split(",") if k] or list(KINDS)
    folder = args.out or Path(tempfile.mkdtemp(prefix="fuzz-long-"))
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    print(f"fuzz long run: seed {args.seed}, {args.cases} cases per kind, output in {folder}")
    print(f"(rerun the same cases with --seed {args.seed})", flush=True)
    jobs = [(k, "hypothesis") for k in kinds]
    if args.atheris:
        try:
            import atheris  # noqa: F401

            jobs += [(k, "atheris") for k in kinds]
        except ImportError as exc:
            print(f"atheris is not installed ({exc}); coverage-guided runs skipped")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda job: _run_kind(job[0], args, job[1], folder), jobs))
    print(_table(results))
    print(f"total time {time.monotonic() - started:.0f} s")
    (folder / "results.json").write_text(json.dumps(results, indent=2))
    bad = [r for r in results if r.get("crashes") or r.get("changed")]
    for r in bad:
        print(f"\n{r['engine']} {r['kind']}:", json.dumps(r.get("failures"), indent=1))
        if r.get("process"):
            print(r["process"])
    return 1 if bad else 0


def _table(results: list[dict[str, Any]]) -> str:
    head = ("engine", "input kind", "tried", "accepted", "refused", "crashes", "changed", "time s")
    rows = [
        (
            r["engine"],
            r["kind"],
            r.get("tried", 0),
            r.get("accepted", 0),
            r.get("refused", 0),
            r.get("crashes", 0),
            r.get("changed", 0),
            r.get("seconds", 0),
        )
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=False)]
    lines = [" | ".join(str(x).ljust(w) for x, w in zip(head, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
