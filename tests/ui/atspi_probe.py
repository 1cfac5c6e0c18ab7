"""What a screen reader receives from the app over AT-SPI, written to a JSON file.

Runs with Debian's own Python (/usr/bin/python3, where python3-pyatspi lives), inside a D-Bus
session and an X display (the test starts it with `xvfb-run -a dbus-run-session`):

    /usr/bin/python3 atspi_probe.py OUT.json APP_PYTHON CHILD DATA_DIR PASSPHRASE

It listens to every text, focus, name and announcement event on the accessibility bus,
starts the app (atspi_app_child.py with the app's Python), and when the app asks (its unlock
window shown, then a family opened) walks the app's accessibility tree: every object's role,
name, description and states. Events and trees go to OUT.json for the test to judge. Orca
reads exactly this tree and these events.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pyatspi
from gi.repository import GLib

DEADLINE_SECONDS = 90
EVENTS = (
    "object:text-changed",
    "object:text-caret-moved",
    "object:state-changed:focused",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:announcement",
    "object:children-changed",
    "window:activate",
)


def describe(accessible: Any) -> dict[str, Any]:
    try:
        states = accessible.getState()
        return {
            "role": accessible.getRoleName(),
            "name": accessible.name or "",
            "description": accessible.description or "",
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "showing": states.contains(pyatspi.STATE_SHOWING),
            "password": accessible.getRoleName() == "password text",
        }
    except Exception as exc:  # an object gone while being read
        return {"role": "gone", "name": str(exc), "description": "", "focusable": False}


def walk(accessible: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if accessible is None or depth > 40 or len(out) > 5000:
        return
    item = describe(accessible)
    item["depth"] = depth
    out.append(item)
    try:
        children = [accessible.getChildAtIndex(i) for i in range(accessible.childCount)]
    except Exception:
        return
    for child in children:
        walk(child, out, depth + 1)


def main() -> int:
    out_path, app_python, child, data_dir, passphrase = sys.argv[1:6]
    events: list[dict[str, Any]] = []
    result: dict[str, Any] = {"events": events, "trees": {}, "family": "", "error": ""}

    def on_event(event: Any) -> None:
        item = describe(event.source)
        item.update(type=event.type, detail1=event.detail1, data=str(event.any_data or ""))
        events.append(item)

    pyatspi.Registry.registerEventListener(on_event, *EVENTS)
    done_dir = Path(tempfile.mkdtemp())
    env = {**os.environ, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1"}
    app = subprocess.Popen(
        [app_python, child, data_dir, passphrase, str(done_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(app.stdout or []), daemon=True).start()
    started = time.monotonic()

    def poll() -> bool:
        for line in list(lines):
            word, _space, rest = line.strip().partition(" ")
            if word == "FAMILY":
                result["family"] = rest
            elif word == "SNAPSHOT" and rest not in result["trees"]:
                tree: list[dict[str, Any]] = []
                desktop = pyatspi.Registry.getDesktop(0)
                for i in range(desktop.childCount):
                    candidate = desktop.getChildAtIndex(i)
                    if candidate is not None and candidate.get_process_id() == app.pid:
                        walk(candidate, tree)
                result["trees"][rest] = tree
                (done_dir / rest).touch()
        if app.poll() is not None or time.monotonic() - started > DEADLINE_SECONDS:
            if app.poll() is None:
                app.kill()
                result["error"] = "the app did not finish in time"
            elif app.returncode != 0:
                result["error"] = f"the app exited with {app.returncode}"
            pyatspi.Registry.stop()
            return False
        return True

    GLib.timeout_add(100, poll)
    pyatspi.Registry.start()
    Path(out_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
