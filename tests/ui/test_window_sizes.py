"""Every window and dialog fits a 1366×768 laptop at 100 % and a 1280×720 (logical) screen at
200 %, opens at a size that fits, and shows its action buttons without scrolling.

Each screen runs in a child process, since Qt reads the screen (size and device pixel ratio,
from the offscreen platform's config file) once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("window_sizes_child.py")
ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"1366x768 at 100%": (1366, 768, 1), "1280x720 at 200%": (1280, 720, 2)}


def measure(tmp_path: Path, width: int, height: int, ratio: int) -> dict[str, object]:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": ratio,
                    }
                ]
            }
        )
    )  # fmt: skip
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "LIAISON_KDF_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("QT_SCALE_FACTOR", None)
    done = subprocess.run(
        [sys.executable, str(CHILD)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_and_dialog_fits_the_screen_and_shows_its_buttons(
    tmp_path: Path, screen: str
) -> None:
    width, height, ratio = SCREENS[screen]
    result = measure(tmp_path, width, height, ratio)
    assert result["screen"] == [width, height]  # the child saw the screen asked for
    windows = result["windows"]
    assert isinstance(windows, list) and len(windows) > 40
    too_big = [w["name"] for w in windows if not w["fits"] or not w["min_fits"]]
    hidden = {w["name"]: w["buttons_outside"] for w in windows if w["buttons_outside"]}
    # Dialogs never scroll sideways; the main window may, below its pictures' minimum (the
    # ecomap and charts scroll rather than overlap).
    sideways = {
        w["name"]: w["sideways"]
        for w in windows
        if w["sideways"] and not str(w["name"]).startswith(("main window", "family:"))
    }
    assert too_big == [] and hidden == {} and sideways == {}, json.dumps(windows, indent=1)


def test_the_note_editor_opens_with_room_to_write(tmp_path: Path) -> None:
    result = measure(tmp_path, 1366, 768, 1)
    windows = result["windows"]
    assert isinstance(windows, list)
    (note,) = [w for w in windows if w["name"] == "note"]
    width, height = note["size"]
    assert width >= 480 and height >= 360  # not the 290 × 280 box it once was
