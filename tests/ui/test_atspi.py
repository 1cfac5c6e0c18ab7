"""What a screen reader gets from the real app over AT-SPI, the tree and events Orca reads.

Under Xvfb in a D-Bus session of its own, atspi_probe.py (Debian's Python with pyatspi)
listens on the accessibility bus while the app is started as a person starts it, unlocked by
typing the passphrase key by key and a family opened with the keyboard (atspi_app_child.py).
Judged here: no event carries a character of the passphrase, the start and main windows are
frames, nothing focusable is nameless, and the family opened is in the tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.widgets.secret_field import MASK
from tests.external_tools import debian_python_with, tool

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
PASSPHRASE = "QhrQsb7 ttyp7 lQ7"
# Any four characters in a row of it: found in an event, they can only come from the field.
PIECES = {PASSPHRASE[i : i + 4] for i in range(len(PASSPHRASE) - 3)}


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Everything the probe heard and read, from one run of the app."""
    system_python = debian_python_with("pyatspi", "python3-pyatspi")
    xvfb_run, dbus_run_session = tool("xvfb-run"), tool("dbus-run-session")
    root = tmp_path_factory.mktemp("atspi")
    data = root / "data"
    data.mkdir()
    vault, _recovery = Vault.create(
        data, PASSPHRASE, owner_name="Gwen Lead", role="lead", kdf_target_seconds=0
    )
    try:
        populate_demo(Caseload(vault), families=3, seed=7)
    finally:
        vault.close()
    out = root / "heard.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIAISON_KDF_SECONDS": "0"}
    env.pop("QT_QPA_PLATFORM", None)  # a real X display: the AT-SPI bridge needs xcb
    done = subprocess.run(
        [xvfb_run, "-a", dbus_run_session, "--", system_python, str(HERE / "atspi_probe.py"),
         str(out), sys.executable, str(HERE / "atspi_app_child.py"), str(data), PASSPHRASE],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )  # fmt: skip
    assert done.returncode == 0 and out.exists(), done.stderr[-3000:]
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert result["error"] == "", result["error"] + done.stderr[-3000:]
    return result


def test_no_event_carries_a_character_of_the_passphrase(heard: dict[str, Any]) -> None:
    events = heard["events"]
    typed = [e for e in events if e["role"] == "password text" and "text-changed" in e["type"]]
    # The typing was heard (one insert per key, at least), as masks only.
    assert len([e for e in typed if e["type"].endswith("insert")]) >= len(PASSPHRASE)
    for event in typed:
        assert set(event["data"]) <= {MASK}, event  # the field's text events: masks only
    for event in events:  # and no event of any kind carries a piece of the passphrase
        assert not any(piece in event["data"] or piece in event["name"] for piece in PIECES)


def test_the_unlock_window_is_a_frame_with_a_named_passphrase_field(
    heard: dict[str, Any],
) -> None:
    tree = heard["trees"]["unlock"]
    windows = [node for node in tree if node["depth"] == 1]
    assert [w["role"] for w in windows] == ["frame"]
    assert windows[0]["name"] == "Liaison Desktop"
    fields = [node for node in tree if node["role"] == "password text"]
    assert [f["name"] for f in fields] == ["Passphrase"]
    buttons = {node["name"] for node in tree if node["role"] == "push button"}
    assert "Unlock" in buttons


@pytest.mark.parametrize("snapshot", ["unlock", "family"])
def test_nothing_focusable_is_nameless(heard: dict[str, Any], snapshot: str) -> None:
    tree = heard["trees"][snapshot]
    focusable = [node for node in tree if node["focusable"] and node["showing"]]
    assert len(focusable) >= (3 if snapshot == "unlock" else 40)
    assert [node for node in focusable if not node["name"].strip()] == []


def test_the_family_opened_is_read_in_the_main_frame(heard: dict[str, Any]) -> None:
    family = heard["family"]
    assert family
    tree = heard["trees"]["family"]
    assert [node["role"] for node in tree if node["depth"] == 1] == ["frame"]
    assert any(family in node["name"] for node in tree if node["showing"])
    # Its tabs are page tabs with names, and the family was announced when it opened.
    assert len([n for n in tree if n["role"] == "page tab" and n["name"]]) >= 5
    announced = [e["data"] for e in heard["events"] if e["type"] == "object:announcement"]
    assert any(family in text for text in announced), announced
