"""The desktop GUI: time to the first window beside a bare PySide6 window, and the Caseload
list of 20,000 families (1,000 with --quick; a copy of the run's demo vault) opened, scrolled
to the end and sorted.

Every figure comes from a fresh child process (`bench/gui_first_window.py`,
`bench/gui_caseload_driver.py`), so start-up costs are real and the runner never creates a
QApplication. Without a display the children use Qt's offscreen platform.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from liaison_desktop.store.vault import Vault

from .common import Config, Result, child_env, interleaved, median
from .demo_vault import shared_demo_vault

USES_DEMO_VAULT = True  # `python -m bench` generates the shared demo vault before this runs
NAME = "gui"
BASELINE = (
    "a bare PySide6 QWidget shown in a fresh process, timed the same way (from before "
    "importing PySide6 until the window is exposed)"
)
PASSPHRASE = "benchmark passphrase for fictional data only"
FIRST_WINDOW_AIM = 1.5
# A GUI step longer than this is a visible stall (a "freeze" an officer would notice).
STALL_AIM_S = 0.1


def _env() -> dict[str, str]:
    env = child_env()
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _child(module: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed: {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def _empty_vault(directory: Path) -> None:
    directory.mkdir(parents=True)
    vault, _key = Vault.create(
        directory, PASSPHRASE, owner_name="Bench Officer", role="officer", kdf_target_seconds=0
    )
    vault.close()


def run(config: Config) -> list[Result]:
    """Measure and return the rows of the table."""
    first_dir = config.work_dir / "first-window"
    _empty_vault(first_dir)
    rounds = 3 if config.quick else 7

    def measure(subject: str) -> list[float]:
        if subject == "bare":
            return [float(_child("bench.gui_first_window", "bare"))]
        return [float(_child("bench.gui_first_window", "app", "--data-dir", str(first_dir)))]

    measure("bare")  # warm the disk cache for both
    measure("app")
    samples = interleaved(["app", "bare"], measure, rounds=rounds)

    demo = shared_demo_vault(config)
    list_dir = demo.copy_to(config.work_dir / "caseload")
    figures = json.loads(_child("bench.gui_caseload_driver", str(list_dir), demo.passphrase))
    size = f"{figures['families']:,} families"
    return [
        Result(
            NAME,
            "first_window_median",
            "s",
            median(samples["app"]),
            baseline=median(samples["bare"]),
            size=f"{rounds} runs each, unlock window",
            aim_ratio=FIRST_WINDOW_AIM,
        ),
        Result(
            NAME,
            "caseload_rows_read_median",
            "s",
            figures["read_median_s"],
            size=size,
            note="one aggregated query (worker thread in the app)",
        ),
        Result(
            NAME,
            "caseload_open_to_filled",
            "s",
            figures["open_s"],
            size=size,
            note="view shown → every row in the model",
        ),
        Result(
            NAME,
            "caseload_open_longest_gui_step",
            "s",
            figures["open_longest_gui_step_s"],
            size=size,
            aim_range=(0.0, STALL_AIM_S),
        ),
        Result(
            NAME,
            "caseload_scroll_to_end",
            "s",
            figures["scroll_s"],
            size=size,
            note=f"{figures['scroll_steps']} page steps, each painted",
        ),
        Result(
            NAME,
            "caseload_scroll_longest_step",
            "s",
            figures["scroll_longest_step_s"],
            size=size,
            aim_range=(0.0, STALL_AIM_S),
        ),
        Result(
            NAME,
            "caseload_sort_by_last_contact",
            "s",
            figures["sort_s"],
            size=size,
            aim_range=(0.0, STALL_AIM_S),
        ),
    ]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for result in run(Config(quick="--quick" in sys.argv, seed=1, work_dir=Path(tmp))):
            print(result)
