"""A full disk: clear error, vault unchanged, the app keeps running (issue 8).

Two ways to run out of space, each in a child process: `RLIMIT_FSIZE` (every file the process
writes stops growing at a limit; SIGXFSZ ignored so the write fails with EFBIG), which runs
everywhere; and, where the test runs as root (CI does), a real 12 MiB tmpfs mounted in a
private mount namespace and filled with ballast. In each, the vault is filled with notes until
a write fails, then a note write, a JSON import and a bundle import are tried through the
services (what the GUI shows) and through the `liaison` command (exit code, DESIGN §7): each
is refused with a plain message, the vault is unchanged (a logical dump of every table,
decrypted through the app) and verifies, reads go on working, and once space is freed all
three succeed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.errors import EXIT_ERROR
from liaison_desktop.interchange.json_export import export_json
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.external_tools import require_private_mount_namespace
from tests.sync.world import create_member, pair

from .faults import REPO, child_command, child_env

IMPORT_FAMILIES = 15
BUNDLE_FAMILIES = 20
FULL = ("disk is full", "disk refused to store the change")


def prepare(root: Path) -> tuple[Path, Path, Path]:
    """A lead's vault with one family, a JSON file and a bundle from a paired officer for it."""
    lead = create_member(root, "lead", "lead")
    officer = create_member(root, "officer", "officer")
    pair(officer, lead)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).families.create({"name": "Nowak family", "address": "4 Mill Lane"})
    bundle = root / "from-officer.lbundle"
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        populate_demo(caseload, families=BUNDLE_FAMILIES, seed=11)
        SyncService(caseload.ctx).export_bundle(lead.device_id, bundle)
    source, _recovery = Vault.create(
        root / "source", PASSPHRASE, owner_name="Source", role="officer", kdf_target_seconds=0
    )
    with source:
        caseload = Caseload(source)
        populate_demo(caseload, families=IMPORT_FAMILIES, seed=12)
        export_json(caseload, root / "families.json")
    return lead.data_dir, root / "families.json", bundle


def run_disk_full(root: Path, mode: str) -> dict[str, Any]:
    """Run the disk-full child in `mode` and return its report."""
    data_dir, json_file, bundle = prepare(root)
    command = child_command(
        "disk-full", str(data_dir), mode, str(json_file), str(bundle), str(root / "mnt")
    )
    if mode == "tmpfs":
        command = ["unshare", "--mount", "--propagation", "private", *command]
    proc = subprocess.run(
        command, capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=240
    )
    results = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert proc.returncode == 0 and results, f"child failed:\n{proc.stdout}\n{proc.stderr}"
    report: dict[str, Any] = json.loads(results[0].removeprefix("RESULT "))
    print(json.dumps(report, indent=1)[:3000])
    return report


def check_report(report: dict[str, Any]) -> None:
    """What an officer must see on a full disk, and that nothing was changed or lost."""
    assert report["filled"] >= 1, "the disk was full before the vault could be filled"
    assert report["fill_error"]["error"] == "StorageFull", report["fill_error"]
    for name, attempt in report["attempts"].items():
        assert attempt["error"] == "StorageFull", (name, attempt)
        assert any(words in attempt["message"] for words in FULL), (name, attempt)
        assert "Traceback" not in attempt["message"]
        assert attempt["unchanged"], f"{name} changed the vault on a full disk"
    assert report["read"] == "Nowak family"  # reading goes on working
    assert report["problems"] == []
    for name, cli in report["cli"].items():
        assert cli["code"] == EXIT_ERROR, (name, cli)
        assert any(words in cli["stderr"] for words in FULL), (name, cli)
        assert "Traceback" not in cli["stderr"], (name, cli)
    assert report["unchanged_by_cli"], "a refused command changed the vault"
    # Once space is freed the same writes succeed, and the vault is sound.
    assert report["freed"] == {name: {"error": None} for name in ("note", "import", "bundle")}
    assert report["freed_problems"] == []
    assert report["families"] == 1 + IMPORT_FAMILIES + BUNDLE_FAMILIES


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_file_size_limit_refuses_writes_plainly_and_changes_nothing(tmp_path: Path) -> None:
    check_report(run_disk_full(tmp_path, "rlimit"))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_full_file_system_refuses_writes_plainly_and_changes_nothing(tmp_path: Path) -> None:
    # The size-limited tmpfs is mounted in a private mount namespace, which needs root.
    require_private_mount_namespace("the RLIMIT_FSIZE variant above covers a full disk without one")
    check_report(run_disk_full(tmp_path, "tmpfs"))
