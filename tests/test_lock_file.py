"""The lock file pins exactly the versions pyproject.toml asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_every_direct_dependency_is_locked_at_its_pinned_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *extras["test"], *extras["package"]]
    locked = _locked()
    mismatches = []
    for requirement in wanted:
        name, _sep, version = requirement.partition("==")
        key = name.strip().lower().replace("_", "-")
        if locked.get(key) != version.strip():
            mismatches.append(f"{requirement} (locked: {locked.get(key)})")
    assert mismatches == []
