"""Render the app's screens to PNG files: `python -m tools.screenshots OUTDIR [GROUP...]`.

Each window is sized like a 1366×768 laptop screen at the current scale factor (with
QT_SCALE_FACTOR=2 the windows are 683×384 logical pixels, drawn as 1366×768 PNGs), so the
pictures show what an officer on such a laptop sees; the files are then named `*@2x.png`.
Run with QT_QPA_PLATFORM=offscreen or under xvfb-run (`make screenshots` does both scales).
Every group uses throwaway vaults with fictional families in a temporary folder; naming
groups renders only those (all of them by default, in this order).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, QThreadPool

from .caseload import caseload_shots
from .engagement import engagement_shots
from .foundation import (
    directory_shots,
    family_shots,
    reports_shots,
    setup_shots,
    sync_shots,
    unlock_shots,
)
from .journeys import journey_shots
from .records import records_shots
from .session import application, screen_size

Shots = Callable[[Path, Path, QSize, str], list[Path]]
# Each group: its screens, and the folder (inside the temporary one) its vaults live in. Set-up
# and unlock share a folder: unlock shows the vault set-up made, or makes its own.
GROUPS: dict[str, tuple[Shots, str]] = {
    "setup": (setup_shots, "main"),
    "family": (family_shots, "family"),
    "caseload": (caseload_shots, "caseload"),
    "sync": (sync_shots, "sync"),
    "reports": (reports_shots, "reports"),
    "directory": (directory_shots, "dir"),
    "records": (records_shots, "records"),
    "engagement": (engagement_shots, "engagement"),
    "unlock": (unlock_shots, "main"),
    "journeys": (journey_shots, "journeys"),
}
USAGE = f"usage: python -m tools.screenshots OUTDIR [{' '.join(GROUPS)}]\n"


def render(outdir: Path, suffix: str = "", groups: Sequence[str] = tuple(GROUPS)) -> list[Path]:
    """Write the screens of `groups` into `outdir`; returns the files written."""
    size = screen_size(application(sys.argv))
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="liaison-shots-") as tmp:
        for name in groups:
            shots, folder = GROUPS[name]
            written.extend(shots(Path(tmp) / folder, outdir, size, suffix))
        QThreadPool.globalInstance().waitForDone()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m tools.screenshots OUTDIR [GROUP...]`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or any(name not in GROUPS for name in args[1:]):
        sys.stderr.write(USAGE)
        return 64
    os.environ.setdefault("LIAISON_KDF_SECONDS", "0")  # a throwaway vault needs no slow KDF
    suffix = "@2x" if float(os.environ.get("QT_SCALE_FACTOR", "1") or 1) >= 2 else ""
    render(Path(args[0]), suffix, args[1:] or tuple(GROUPS))
    return 0
