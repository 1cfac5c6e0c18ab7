"""A bundle file larger than any bundle is refused before it is read (issue 15).

The files are sparse: they take no disk space, but reading one fills memory with zeros, so the
peak memory of the command that refused it shows whether it was read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync.folder_sync import read_bundle_file
from tests.conftest import PASSPHRASE
from tests.sync.world import create_member, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss is POSIX")

MIB = 1024 * 1024
TOO_LARGE = "larger than any bundle this app writes"

# Runs one `liaison` command, then reports its own peak memory in KiB.
CHILD = """
import resource, sys
from liaison_desktop.cli.main import main
code = main(sys.argv[1:])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("PEAK_KIB", peak // 1024 if sys.platform == "darwin" else peak, flush=True)
sys.exit(code)
"""


def sparse_file(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (truncate, as `truncate -s` does)."""
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def liaison(data_dir: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run a command in a fresh interpreter; its result and its peak memory in MiB."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE},
        timeout=300,
    )
    peak = [line for line in done.stdout.splitlines() if line.startswith("PEAK_KIB ")]
    assert peak, done.stderr
    return done, int(peak[0].split()[1]) // 1024


def test_bundle_import_refuses_a_600_mib_file_without_reading_it(tmp_path: Path) -> None:
    me = create_member(tmp_path, "officer", "officer")
    before = snapshot(me)
    small = tmp_path / "junk.lbundle"
    small.write_bytes(b"not a bundle" * 100)
    huge = sparse_file(tmp_path / "huge.lbundle", 600 * MIB)

    baseline, baseline_mib = liaison(me.data_dir, "bundle", "import", str(small))
    assert baseline.returncode == 3, baseline.stderr
    refused, refused_mib = liaison(me.data_dir, "bundle", "import", str(huge))
    assert refused.returncode == 3, refused.stderr
    assert TOO_LARGE in refused.stderr
    assert "Nothing in the vault was changed" in refused.stderr
    # Reading the file would have added 600 MiB to the peak; refusing it adds nothing.
    assert refused_mib - baseline_mib < 64, (baseline_mib, refused_mib)
    assert snapshot(me) == before


def test_folder_sync_refuses_a_600_mib_file_without_reading_it(tmp_path: Path) -> None:
    me = create_member(tmp_path, "officer", "officer")
    folder = tmp_path / "stick"
    folder.mkdir()
    baseline, baseline_mib = liaison(me.data_dir, "sync", "--dir", str(folder))
    assert baseline.returncode == 0, baseline.stderr
    sparse_file(folder / "0123456789abcdef01234567.lbundle", 600 * MIB)

    synced, synced_mib = liaison(me.data_dir, "sync", "--dir", str(folder))
    assert synced.returncode == 0, synced.stderr
    assert "Refused 0123456789abcdef01234567.lbundle" in synced.stdout
    assert TOO_LARGE in synced.stdout
    assert synced_mib - baseline_mib < 64, (baseline_mib, synced_mib)


def test_a_file_that_grows_past_the_limit_after_the_check_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit is lowered so the file can outgrow it cheaply; fstat says it is small.
    monkeypatch.setattr(fmt, "MAX_FILE_BYTES", 4096)
    path = tmp_path / "growing.lbundle"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def fstat_then_grow(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        with open(path, "ab") as grow:
            grow.write(b"x" * 10_000)
        return result

    monkeypatch.setattr(os, "fstat", fstat_then_grow)
    with pytest.raises(fmt.BundleRejected, match=TOO_LARGE):
        read_bundle_file(path)


def test_a_bundle_at_the_limit_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fmt, "MAX_FILE_BYTES", 4096)
    path = tmp_path / "edge.lbundle"
    path.write_bytes(bytes(range(256)) * 16)
    assert read_bundle_file(path) == bytes(range(256)) * 16
