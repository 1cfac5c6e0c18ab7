"""Small helpers shared by tests: canary search and running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from liaison_desktop.cli.main import main as cli_main


def new_canary(label: str = "CANARY") -> str:
    """A string that cannot occur anywhere by chance."""
    return f"{label}-{uuid.uuid4().hex}"


def encodings_of(text: str) -> list[bytes]:
    """The ways a string could sit in a file: UTF-8 and UTF-16 in both byte orders."""
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def files_containing(root: Path, needles: Iterable[str]) -> list[str]:
    """Every file under `root` holding any needle in any encoding (empty means none leak)."""
    patterns = [enc for needle in needles for enc in encodings_of(needle)]
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if any(p in data for p in patterns):
            hits.append(str(path.relative_to(root)))
    return hits


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    *args: str,
    env: dict[str, str] | None = None,
) -> CliResult:
    """Run `liaison --data-dir DATA_DIR ARGS…` in this process."""
    with monkeypatch.context() as m:
        for key, value in (env or {}).items():
            m.setenv(key, value)
        capsys.readouterr()
        code = cli_main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def run_cli_process(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> CliResult:
    """Run the `liaison` command in a fresh interpreter, as a script would."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "liaison_desktop.cli", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=120,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
