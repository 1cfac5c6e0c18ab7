"""Nothing left behind by the desktop, on a real X server: the clipboard after a lock, and
what a save dialog records under the GTK platform theme (issue 15, part 5).

Each test runs the app in a child process (`desktop_traces_child.py`) under `xvfb-run`, with
HOME and the XDG folders in tmp_path, and drives it with real X key presses (XTEST). Other
programs on the display are separate processes (`clipboard_peer.py`).
"""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import files_containing, new_canary

ROOT = Path(__file__).resolve().parents[2]

# CI installs Xvfb and GTK 3 (.ci/run); elsewhere a missing one is a skip with the reason.
needs_xvfb = pytest.mark.skipif(
    shutil.which("xvfb-run") is None and not os.environ.get("CI"),
    reason="xvfb-run is not installed (bash .ci/run installs it)",
)
needs_gtk = pytest.mark.skipif(
    ctypes.util.find_library("gtk-3") is None and not os.environ.get("CI"),
    reason="GTK 3 (Debian's libgtk-3-0) is not installed, so Qt's GTK platform theme cannot "
    "load (bash .ci/run installs it)",
)


def _home_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_", "DBUS_"))}
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "TMPDIR": str(tmp_path / "tmp"),
            "QT_QPA_PLATFORM": "xcb",
            "LIAISON_KDF_SECONDS": "0",
            "LANGUAGE": "en",
            "PYTHONPATH": str(ROOT),
        }
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return env


def _run_child(tmp_path: Path, env: dict[str, str], *args: str) -> dict[str, Any]:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-m",
         "tests.ui.desktop_traces_child", args[0], str(work), *args[1:]],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=240,
    )  # fmt: skip
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and lines, f"the app failed:\n{proc.stdout}\n{proc.stderr}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


@needs_xvfb
@pytest.mark.slow
def test_lock_takes_back_copied_case_text_and_leaves_another_programs_copy(
    tmp_path: Path,
) -> None:
    canary = new_canary("copied")
    seen = _run_child(tmp_path, _home_env(tmp_path), "clipboard", canary)

    # Ctrl+A, Ctrl+C in the Caseload filter really reached another program…
    assert seen["copied"] == {"clipboard": canary, "selection": canary}
    # …and after Ctrl+L another program finds nothing, in the clipboard or the selection.
    assert seen["after_lock"] == {"clipboard": "", "selection": ""}
    # What the officer copied in another program since is theirs: the lock leaves it.
    other = "shopping list from another program"
    assert seen["other_after_lock"] == {"clipboard": other, "selection": other}
    # A clipboard manager holding our words (it owns the clipboard now) is emptied too.
    assert seen["manager_after_lock"] == {"clipboard": "", "selection": ""}


def _traces(home: Path, canary: str, chosen: Path) -> list[str]:
    """Files under `home` (but the report the officer chose) naming `canary`, in contents or
    in their own names (beyond the folder the test itself made)."""
    hits = [h for h in files_containing(home, [canary]) if home / h != chosen]
    for path in home.rglob("*"):
        if canary in path.name and path not in (chosen, chosen.parent):
            hits.append(f"named {path.relative_to(home)}")
    return hits


@needs_xvfb
@needs_gtk
@pytest.mark.slow
def test_saving_a_report_under_the_gtk_theme_records_no_family_name(tmp_path: Path) -> None:
    canary = new_canary("Family")
    env = {**_home_env(tmp_path), "QT_QPA_PLATFORMTHEME": "gtk3"}
    home = Path(env["HOME"])

    # The officer presses Return on the suggested name.
    seen = _run_child(tmp_path, env, "save-report", canary)

    assert seen["platform_dialog_available"], "GTK's dialog did not load: this proves nothing"
    [chosen] = (home / "Documents").glob("*.pdf")
    assert str(chosen) in seen["message"]
    assert _traces(home, canary, chosen) == []
    assert not seen["native"]  # Qt's own dialog: GTK never hears of the file
    assert seen["suggested"] == [str(chosen)]
    assert canary not in chosen.name and chosen.name.startswith("case-summary-")
    assert not (home / ".local" / "share" / "recently-used.xbel").exists()
    assert not (home / ".config" / "QtProject.conf").exists()


@needs_xvfb
@needs_gtk
@pytest.mark.slow
def test_a_typed_path_through_a_folder_named_for_the_family_is_not_remembered(
    tmp_path: Path,
) -> None:
    canary = new_canary("Family")
    env = {**_home_env(tmp_path), "QT_QPA_PLATFORMTHEME": "gtk3"}
    home = Path(env["HOME"])
    folder = home / "Documents" / f"{canary}-visits"
    folder.mkdir()
    typed = folder / "notes.pdf"

    # The officer types the folder's path and Return (the dialog goes there), then a name.
    seen = _run_child(tmp_path, env, "save-report", canary, f"{folder}|{typed.name}")

    assert seen["platform_dialog_available"], "GTK's dialog did not load: this proves nothing"
    assert typed.is_file() and str(typed) in seen["message"]
    # Qt's dialog keeps its history and last folder (here: the family's folder) in
    # QtProject.conf, GTK in recently-used.xbel: neither is written.
    assert _traces(home, canary, typed) == []
    assert not seen["native"]
