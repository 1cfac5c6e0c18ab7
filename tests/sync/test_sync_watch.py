"""`liaison sync --dir D --watch`: a background service that syncs when new bundles appear in
the folder, leaves the vault closed between syncs, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

from .world import create_member, pair

ROOT = Path(__file__).resolve().parents[2]


def wait_for_line(process: subprocess.Popen[str], text: str, lines: list[str]) -> None:
    end = time.monotonic() + 60
    assert process.stdout is not None
    while time.monotonic() < end:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        lines.append(line)
        if text in line:
            return
    raise AssertionError(f"never printed {text!r}: {lines}")


def test_watching_a_folder_syncs_when_a_bundle_arrives_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    sam = create_member(tmp_path, "sam", "officer")
    pair(lead, sam)
    folder = tmp_path / "share"
    folder.mkdir()
    env = {
        **os.environ,
        "LIAISON_PASSPHRASE": PASSPHRASE,
        "LIAISON_KDF_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
    }
    watcher = subprocess.Popen(
        [sys.executable, "-m", "liaison_desktop.cli", "--data-dir", str(sam.data_dir),
         "sync", "--dir", str(folder), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    lines: list[str] = []
    try:
        wait_for_line(watcher, "synced: imported 0", lines)  # the first round, at once
        # Between syncs the vault is closed: the lead's work can be checked and done meanwhile.
        with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
            c = Caseload(vault)
            family = c.families.create({"name": "Nowak family"}).id
            c.allocations.allocate(family, sam.device_id, "Sam")
            SyncService(c.ctx).sync_folder(folder)  # a new bundle for Sam appears
        wait_for_line(watcher, "synced: imported 1", lines)
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=30) == 0
        assert "stopped watching" in (watcher.stdout.read() if watcher.stdout else "")
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait(timeout=30)
    with Vault.unlock(sam.data_dir, PASSPHRASE) as vault:
        assert [f["name"] for f in Caseload(vault).families.all()] == ["Nowak family"]
