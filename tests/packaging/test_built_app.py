"""The built app (issue 9, acceptance 1): `make package` builds the one-folder Linux app, and
its own binaries — not the source tree — print the version, create and open a vault from the
command line, create one through the GUI's set-up screens offscreen, and write a report PDF.

The build runs once for this module (about a minute on two cores; the time is printed)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from liaison_desktop import __version__
from tests.external_tools import require_pyinstaller_tools

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "tidy kettle under the maple stairs"
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 120
# A regression guard, not a target: the folder was 292 MiB when this test was written.
MAX_APP_MIB = 400

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the build test runs on Linux (CI)"),
]


@dataclass(frozen=True)
class BuiltApp:
    folder: Path
    work: Path  # PyInstaller's build folder, holding the tables of contents of what it froze

    @property
    def cli(self) -> Path:
        return self.folder / "liaison"

    @property
    def gui(self) -> Path:
        return self.folder / "liaison-desktop"


def _env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # The frozen app must find everything inside its own folder, not through the venv.
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"} and not key.startswith("LIAISON_")
    }
    env.update({"QT_QPA_PLATFORM": "offscreen", "LIAISON_KDF_SECONDS": "0", "LANGUAGE": "en"})
    env.update(extra or {})
    return env


def _run(
    app: BuiltApp,
    program: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(env),
        timeout=RUN_TIMEOUT_S,
        cwd=cwd or app.folder.parent,
    )


def _folder_size(folder: Path) -> int:
    """Bytes on disk, each file once (the folder holds symlinks to its Qt libraries)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink() and p.is_file())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltApp:
    """`make package` into a temporary folder (the documented command, with DIST moved)."""
    require_pyinstaller_tools()
    out = tmp_path_factory.mktemp("package")
    started = time.monotonic()
    result = subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "package",
            f"DIST={out / 'dist'}",
            f"PYI_WORK={out / 'work'}",
        ],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    folder = out / "dist" / "liaison-desktop"
    size = _folder_size(folder)
    print(f"\nmake package: {elapsed:.0f} s, dist/liaison-desktop {size / 2**20:.0f} MiB")
    return BuiltApp(folder, out / "work")


def test_both_programs_are_in_one_folder_with_every_resource(built: BuiltApp) -> None:
    assert os.access(built.gui, os.X_OK) and os.access(built.cli, os.X_OK)
    source = ROOT / "liaison_desktop" / "resources"
    frozen = next(built.folder.rglob("liaison_desktop/resources"))
    expected = {
        p.relative_to(source)
        for p in source.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    shipped = {p.relative_to(frozen) for p in frozen.rglob("*") if p.is_file()}
    assert expected <= shipped, sorted(str(p) for p in expected - shipped)
    for kind in ("fonts", "schema", "icons", "templates"):
        assert any(p.parts[0] == kind for p in shipped), kind


def _frozen_modules(built: BuiltApp) -> set[str]:
    """The names of the Python modules in the app's archive (PyInstaller's PYZ-00.toc)."""
    tocs = sorted(built.work.rglob("PYZ-*.toc"))
    assert tocs, "PyInstaller's table of contents of the archive was not found"
    names: set[str] = set()
    for toc in tocs:
        _archive, entries = ast.literal_eval(toc.read_text(encoding="utf-8"))
        names.update(str(entry[0]) for entry in entries)
    return names


def test_every_app_module_and_no_developer_tool_is_frozen(built: BuiltApp) -> None:
    package = ROOT / "liaison_desktop"
    sources = [p.relative_to(ROOT).with_suffix("") for p in package.rglob("*.py")]
    # Modules, and the folders holding them (a folder without __init__.py is still a package).
    expected = {".".join(s.parts).removesuffix(".__init__") for s in sources}
    expected |= {".".join(s.parent.parts) for s in sources}
    frozen = _frozen_modules(built)
    ours = {name for name in frozen if name.split(".")[0] == "liaison_desktop"}
    assert ours == expected, (sorted(expected - ours), sorted(ours - expected))
    assert [name for name in frozen if name.split(".")[0] in ("tools", "babel")] == []


def test_the_folder_stays_a_sensible_size(built: BuiltApp) -> None:
    size = _folder_size(built.folder)
    assert size < MAX_APP_MIB * 2**20, f"{size / 2**20:.0f} MiB"


def test_built_cli_prints_its_version(built: BuiltApp) -> None:
    result = _run(built, built.cli, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"liaison {__version__}"


def test_built_cli_creates_a_vault_with_the_passphrase_on_stdin_and_opens_it(
    built: BuiltApp, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    created = _run(
        built,
        built.cli,
        "--data-dir",
        str(data),
        "--passphrase-file",
        "/dev/stdin",
        "init",
        "--name",
        "Packaged Officer",
        stdin=PASSPHRASE + "\n",
    )
    assert created.returncode == 0, created.stderr
    assert "RECOVERY KEY" in created.stdout
    info = _run(
        built,
        built.cli,
        "--data-dir",
        str(data),
        "info",
        "--json",
        env={"LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert info.returncode == 0, info.stderr
    details = json.loads(info.stdout)
    assert details["owner_name"] == "Packaged Officer"
    assert details["app_version"] == __version__
    wrong = _run(
        built, built.cli, "--data-dir", str(data), "info", env={"LIAISON_PASSPHRASE": "nope"}
    )
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


def test_built_gui_creates_a_vault_offscreen_and_exits_cleanly(
    built: BuiltApp, tmp_path: Path
) -> None:
    data = tmp_path / "gui-data"
    result = _run(
        built, built.gui, "--self-test", str(data), env={"LIAISON_PASSPHRASE": PASSPHRASE}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Self-test passed" in result.stdout
    assert "Traceback" not in result.stderr
    # The vault the GUI made is a real one: the built CLI opens it with the same passphrase.
    info = _run(
        built,
        built.cli,
        "--data-dir",
        str(data),
        "info",
        "--json",
        env={"LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["owner_name"] == "Self-test"
    # Run again on the same folder: the existing vault is refused and left as it was.
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.suffix != ".lock"}
    again = _run(built, built.gui, "--self-test", str(data), env={"LIAISON_PASSPHRASE": PASSPHRASE})
    assert again.returncode == 1
    assert "already holds a vault" in again.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.suffix != ".lock"} == before


def test_built_gui_self_test_needs_a_passphrase(built: BuiltApp, tmp_path: Path) -> None:
    result = _run(built, built.gui, "--self-test", str(tmp_path / "none"))
    assert result.returncode == 64
    assert "LIAISON_PASSPHRASE" in result.stderr
    assert not (tmp_path / "none" / "vault.db").exists()


def test_built_app_writes_a_report_pdf_with_its_fonts(built: BuiltApp, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    data = tmp_path / "demo"
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    demo = _run(
        built, built.cli, "--data-dir", str(data), "demo", "--families", "2", "--seed", "3", env=env
    )
    assert demo.returncode == 0, demo.stderr
    listed = _run(built, built.cli, "--data-dir", str(data), "family", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    family = json.loads(listed.stdout)[0]
    out = tmp_path / "case.pdf"
    report = _run(
        built,
        built.cli,
        "--data-dir",
        str(data),
        "report",
        "case",
        family["id"],
        "--out",
        str(out),
        env=env,
    )
    assert report.returncode == 0, report.stderr
    reader = pypdf.PdfReader(str(out))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "OFFICIAL-SENSITIVE" in text
    assert family["name"] in text
    fonts = {
        str(font.get("/BaseFont"))
        for page in reader.pages
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
    }
    assert any("DejaVu" in name for name in fonts), fonts  # our bundled font, found frozen
