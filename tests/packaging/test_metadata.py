"""Linux desktop entry and AppStream metadata validate with the Debian tools (acceptance 2);
every packaging definition takes the version and names from the one place they live."""

from __future__ import annotations

import configparser
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from liaison_desktop import __version__
from liaison_desktop.app import DESKTOP_ID
from tests.external_tools import tool

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
ISS = ROOT / "packaging" / "windows" / "liaison-desktop.iss"
SPEC = ROOT / "packaging" / "liaison-desktop.spec"


def test_desktop_file_validate_passes() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


def test_appstreamcli_validate_passes() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_desktop_entry_starts_the_gui_binary_the_spec_builds() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "liaison-desktop"
    assert section["Icon"] == DESKTOP_ID
    assert 'name="liaison-desktop"' in SPEC.read_text(encoding="utf-8")
    assert "hard to reach" not in DESKTOP.read_text(encoding="utf-8").lower()


def test_appstream_metadata_names_this_version_and_both_programs() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__  # the newest release comes first
    assert {b.text for b in root.iter("binary")} == {"liaison-desktop", "liaison"}
    assert root.find("content_rating") is not None


def test_appstream_screenshots_are_the_ones_in_docs() -> None:
    root = ET.parse(METAINFO).getroot()
    images = [image.text or "" for image in root.iter("image")]
    assert images
    for url in images:
        name = url.rsplit("/", 1)[-1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), name


def test_windows_installer_is_per_user_and_takes_the_version_from_the_build() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.MULTILINE)
    assert r"{localappdata}\Programs" in text or "{autopf}" in text
    assert "[Icons]" in text and "{group}" in text  # a Start-menu shortcut
    assert "Uninstallable=yes" in text or "Uninstallable" not in text  # Inno's default: yes
    # No version typed into the installer: it is passed from liaison_desktop/__init__.py.
    assert __version__ not in text
    assert "AppVersion={#AppVersion}" in text
    assert "liaison-desktop.ico" in text
