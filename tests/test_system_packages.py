"""tools/system-packages.sh (issue 16): one list of Debian packages, read by the script that
installs them and by the app; quick and silent when nothing is missing, and where it cannot
install it says the one apt-get line to run and changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.system_packages import NEEDS, debian_packages
from tests.external_tools import PACKAGE_OF

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "system-packages.sh"
LIST = ROOT / "liaison_desktop" / "resources" / "debian-packages.txt"
BASH = shutil.which("bash") or "/bin/bash"
# What the script runs besides bash's builtins and the Debian tools.
UTILITIES = ("dirname", "readlink", "sed", "tr", "id")


def run_script(
    *args: str,
    env: Mapping[str, str] | None = None,
    user: int | None = None,
    script: Path = SCRIPT,
) -> subprocess.CompletedProcess[str]:
    command = [BASH, str(script), *args]
    if user is not None:  # as another user (setpriv, util-linux): only root can do this
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv (util-linux) is not installed")
        command = [setpriv, f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        # Whether the suite itself was started with LIAISON_SKIP_SYSTEM=1 does not matter here.
        env={**{k: v for k, v in os.environ.items() if k != "LIAISON_SKIP_SYSTEM"}, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture
def bare_bin() -> Iterator[Path]:
    """A PATH folder with only the utilities the script needs, beside a copy of the script and
    its list in `../checkout` (any user can read both; a checkout in /root cannot be)."""
    folder = Path(tempfile.mkdtemp(prefix="liaison-bin-"))
    for part in (SCRIPT, LIST):
        copy = folder / "checkout" / part.relative_to(ROOT)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(part, copy)
    (folder / "bin").mkdir()
    for name in UTILITIES:
        found = shutil.which(name)
        assert found is not None, name
        (folder / "bin" / name).symlink_to(found)
    for path in (folder, *folder.rglob("*")):
        if not path.is_symlink():
            path.chmod(0o755)
    try:
        yield folder / "bin"
    finally:
        shutil.rmtree(folder)


def as_another_user(bare_bin: Path) -> dict[str, Any]:
    """How to run the script as a user who is not root (nobody), when the suite runs as root."""
    if os.geteuid() != 0:
        return {}
    return {"user": 65534, "script": bare_bin.parent / "checkout" / SCRIPT.relative_to(ROOT)}


def test_the_script_and_the_app_read_the_same_list() -> None:
    # A Python dpkg did not install (here, one that does not exist) needs no Debian extras.
    for need in NEEDS:
        listed = run_script("--list", "--python", "/nonexistent/python3", need)
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.split() == debian_packages(need)
    assert "python3-venv" not in debian_packages("test")
    assert set(debian_packages("run")) < set(debian_packages("test"))
    assert {"libglib2.0-0", "libegl1", "libxcb-cursor0"} <= set(debian_packages("run"))


@pytest.mark.skipif(
    shutil.which("dpkg-query") is None or not Path("/usr/bin/python3").exists(),
    reason="needs Debian's own /usr/bin/python3",
)
def test_debians_own_python_also_needs_venv_and_the_shared_libpython() -> None:
    owned = subprocess.run(
        ["dpkg-query", "-S", os.path.realpath("/usr/bin/python3")], capture_output=True
    )
    if owned.returncode != 0:
        pytest.skip("/usr/bin/python3 was not installed by dpkg here")
    for need in NEEDS:
        listed = run_script("--list", "--python", "/usr/bin/python3", need)
        assert listed.stdout.split() == debian_packages(need, debian_python=True)
    assert "python3-venv" in debian_packages("venv", debian_python=True)
    assert "libpython3.11" in debian_packages("test", debian_python=True)
    assert "libpython3.11" not in debian_packages("run", debian_python=True)


def test_every_program_the_tests_need_comes_from_a_package_the_test_list_installs() -> None:
    assert set(PACKAGE_OF.values()) <= set(debian_packages("test"))


def test_skipping_does_nothing_and_says_nothing(bare_bin: Path) -> None:
    # Not even dpkg-query is on this PATH: nothing is looked at.
    done = run_script("test", env={"PATH": str(bare_bin), "LIAISON_SKIP_SYSTEM": "1"})
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_without_dpkg_it_names_the_packages_and_carries_on(bare_bin: Path) -> None:
    done = run_script("run", env={"PATH": str(bare_bin)})
    assert done.returncode == 0, done.stderr
    assert "Not a Debian system" in done.stderr
    assert " ".join(debian_packages("run")) in done.stderr


def test_an_unknown_need_is_a_usage_error() -> None:
    done = run_script("everything")
    assert done.returncode == 64 and "usage:" in done.stderr


def test_when_it_cannot_install_it_prints_the_apt_get_line_and_installs_nothing(
    bare_bin: Path,
) -> None:
    # No package can be removed from this machine to make one missing, so stand-ins play
    # dpkg-query (nothing installed) and apt-get (leaves a mark if it is ever run). The bare
    # Debian 12 check in README ran the real ones.
    mark = bare_bin / "apt-get-ran"
    (bare_bin / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    (bare_bin / "apt-get").write_text(f"#!/bin/sh\ntouch {mark}\n")
    for stand_in in ("dpkg-query", "apt-get"):
        (bare_bin / stand_in).chmod(0o755)
    # Not root, no sudo on the PATH, and no terminal to type a password at.
    done = run_script("run", env={"PATH": str(bare_bin)}, **as_another_user(bare_bin))
    assert done.returncode == 1, done.stdout + done.stderr
    packages = " ".join(debian_packages("run"))
    assert "sudo is not installed. Install them as root with:" in done.stderr
    assert f"\n  apt-get install {packages}\n" in done.stderr
    assert "LIAISON_SKIP_SYSTEM=1" in done.stderr
    assert "Installing" not in done.stdout
    assert not mark.exists()


def test_nothing_missing_is_quick_and_silent() -> None:
    if shutil.which("dpkg-query") is None:
        pytest.skip("not a Debian system")
    wanted = debian_packages("test")
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}=${Status}\n", *wanted], capture_output=True, text=True
    ).stdout
    installed = {line.split("=")[0] for line in status.splitlines() if "ok installed" in line}
    if missing := sorted(set(wanted) - installed):
        # Running the script now would install them: not a test's business.
        pytest.skip(f"not installed here: {' '.join(missing)}")
    started = time.monotonic()
    done = run_script("--python", "/nonexistent/python3", "test")
    elapsed = time.monotonic() - started
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert elapsed < 5, f"{elapsed:.1f} s"


def test_a_sudo_that_would_ask_for_a_password_with_nobody_to_type_it_is_not_run(
    bare_bin: Path,
) -> None:
    mark = bare_bin / "ran"
    (bare_bin / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    # `sudo -n true` fails as a real sudo does when it needs a password; anything else marks.
    (bare_bin / "sudo").write_text(f'#!/bin/sh\n[ "$1" = -n ] && exit 1\ntouch {mark}\n')
    (bare_bin / "apt-get").write_text(f"#!/bin/sh\ntouch {mark}\n")
    for stand_in in ("dpkg-query", "sudo", "apt-get"):
        (bare_bin / stand_in).chmod(0o755)
    done = run_script("run", env={"PATH": str(bare_bin)}, **as_another_user(bare_bin))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "sudo would ask for a password with nobody to type it" in done.stderr
    assert f"\n  sudo apt-get install {' '.join(debian_packages('run'))}\n" in done.stderr
    assert not mark.exists()
