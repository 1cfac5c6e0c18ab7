"""Programs outside Python that some tests run: each test gets the program or skips saying why.

`make test` installs them first (tools/system-packages.sh, need "test"). Where that was skipped
(LIAISON_SKIP_SYSTEM=1) a missing program skips its tests with the package to install; in CI,
which always installs them, a missing program fails the test instead of hiding it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

# Each program and the Debian package that has it (liaison_desktop/resources/debian-packages.txt).
PACKAGE_OF = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "dbus-run-session": "dbus-daemon",
    "syncthing": "syncthing",
    "objdump": "binutils",
    "xvfb-run": "xvfb",
    "xauth": "xauth",
    "xwininfo": "x11-utils",
    "chattr": "e2fsprogs",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}


def _missing(names: tuple[str, ...]) -> str | None:
    """Why the programs cannot run here, or None when every one is installed."""
    absent = [name for name in names if shutil.which(name) is None]
    if not absent:
        return None
    packages = sorted({PACKAGE_OF[name] for name in absent})
    return (
        f"{', '.join(absent)} not installed (Debian package {', '.join(packages)}; `make test` "
        "installs it through tools/system-packages.sh unless LIAISON_SKIP_SYSTEM=1)"
    )


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def tool(name: str) -> str:
    """The program's path; the test skips (fails in CI) when it is not installed."""
    reason = _missing((name,))
    if reason is not None:
        _skip_or_fail(reason)
    path = shutil.which(name)
    assert path is not None
    return path


def needs_tools(*names: str) -> pytest.MarkDecorator:
    """Skip the test when any of the programs is missing (in CI the test runs and fails)."""
    reason = _missing(names)
    return pytest.mark.skipif(reason is not None and not os.environ.get("CI"), reason=reason or "")


def require_pyinstaller_tools() -> None:
    """What PyInstaller needs from the system: objdump, and the shared libpython."""
    tool("objdump")
    soname = str(sysconfig.get_config_var("INSTSONAME") or "")
    places = [sysconfig.get_config_var("LIBDIR"), Path(sys.base_prefix) / "lib"]
    if not any(place and (Path(place) / soname).is_file() for place in places):
        # Debian's own Python is linked statically; PyInstaller needs the shared copy as well.
        _skip_or_fail(
            f"the shared Python library {soname} is missing (Debian package libpython"
            f"{sys.version_info.major}.{sys.version_info.minor}; `make test` installs it)"
        )


DEBIAN_PYTHON = "/usr/bin/python3"


def debian_python_with(module: str, package: str) -> str:
    """Debian's own Python, which has `module` from Debian `package` (such as pyatspi, which
    is not on PyPI); the test skips (fails in CI) when either is missing."""
    found = Path(DEBIAN_PYTHON).is_file() and (
        subprocess.run([DEBIAN_PYTHON, "-c", f"import {module}"], capture_output=True).returncode
        == 0
    )
    if not found:
        _skip_or_fail(
            f"{DEBIAN_PYTHON} cannot import {module} (Debian package {package}; `make test` "
            "installs it through tools/system-packages.sh unless LIAISON_SKIP_SYSTEM=1)"
        )
    return DEBIAN_PYTHON


# Mounts a tmpfs, bind-mounts it over itself and makes that read-only: all the two mount tests do.
_MOUNT_PROBE = (
    'mount -t tmpfs -o size=1m tmpfs "$1" && mount --bind "$1" "$1" '
    '&& mount -o remount,bind,ro "$1"'
)


@functools.cache
def private_mount_namespace_problem() -> str | None:
    """Why no private mount namespace with mounts of its own can be made here (None: it can).

    Needs root, and fails in a chroot (its root is not a mount point) and in containers that
    forbid mounting; the tests that need one skip there rather than fail."""
    if os.geteuid() != 0:
        return "mounting in a private mount namespace needs root"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", _MOUNT_PROBE, "sh",
             folder],
            capture_output=True,
            text=True,
            timeout=60,
        )  # fmt: skip
    if probe.returncode != 0:
        said = " ".join(probe.stderr.split())
        return f"no private mount namespace can be made here (a chroot or container?): {said}"
    return None


def require_private_mount_namespace(instead: str) -> None:
    """Skip the test, saying what covers it `instead`, where no mount namespace can be made."""
    problem = private_mount_namespace_problem()
    if problem is not None:
        pytest.skip(f"{problem}; {instead}")
