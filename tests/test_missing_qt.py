"""On a bare system where Qt's libraries cannot load, `liaison-desktop` says in one line which
Debian packages to install and exits 1, with no traceback (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys

from liaison_desktop.system_packages import debian_packages, missing_qt_library_message

# What the dynamic loader says when PySide6's QtCore needs a library that is not installed.
LOADER_ERROR = "libglib-2.0.so.0: cannot open shared object file: No such file or directory"

# Start the app as its entry point does, after making `PySide6.QtCore` fail to load the way
# the loader fails on a bare Debian (the library cannot be removed from this machine).
START_WITH_BROKEN_QT = """
import sys

class BrokenQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtCore":
            raise ImportError(sys.argv[1])
        return None

sys.meta_path.insert(0, BrokenQt())
from liaison_desktop.app import main
sys.exit(main(["--help"]))
"""


def start_with_broken_qt(error: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", START_WITH_BROKEN_QT, error],
        capture_output=True,
        text=True,
        env={**os.environ, "LANGUAGE": "en"},
        timeout=60,
    )


def test_a_missing_qt_library_is_one_line_naming_the_packages() -> None:
    done = start_with_broken_qt(LOADER_ERROR)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "libglib-2.0.so.0" in lines[0]
    assert f"sudo apt-get install {' '.join(debian_packages('run'))}" in lines[0]
    assert done.stdout == ""


def test_any_other_import_error_keeps_its_traceback() -> None:
    # Not a missing system library (a broken install, say): hiding it would hide the cause.
    done = start_with_broken_qt("No module named 'PySide6.QtCore'")
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "No module named" in done.stderr
    assert "apt-get" not in done.stderr


def test_the_message_names_the_library_and_every_package_the_app_needs() -> None:
    message = missing_qt_library_message(ImportError(LOADER_ERROR))
    assert message is not None and "\n" not in message
    assert "libglib-2.0.so.0" in message
    assert message.endswith("apt-get install " + " ".join(debian_packages("run")))
    undefined = "/x/libshiboken6.abi3.so.6.11: undefined symbol: _ZN7Shiboken"
    assert missing_qt_library_message(ImportError(undefined)) is None
