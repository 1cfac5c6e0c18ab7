"""Runtime resources: inside the package, read through importlib.resources, all in a wheel."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from liaison_desktop.domain import vocabulary as v
from liaison_desktop.services.note_templates import outline
from liaison_desktop.ui.app_icon import ICON_SIZES, icon_png

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "liaison_desktop"
RESOURCES = PACKAGE / "resources"
ICONS = RESOURCES / "icons"


def _package_data_globs() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs: list[str] = pyproject["tool"]["setuptools"]["package-data"]["liaison_desktop"]
    return globs


def test_every_runtime_resource_is_carried_by_a_package_data_glob() -> None:
    # setuptools copies into a wheel only what these globs match (relative to the package).
    covered = {path for glob in _package_data_globs() for path in PACKAGE.glob(glob)}
    resources = {
        path for path in RESOURCES.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    }
    assert resources, "no resources found"
    missing = sorted(str(path.relative_to(PACKAGE)) for path in resources - covered)
    assert missing == [], f"not in [tool.setuptools.package-data]: {missing}"


def test_the_kinds_of_resources_the_issue_names_are_all_there() -> None:
    for folder in ("fonts", "schema", "icons", "templates"):
        assert any((RESOURCES / folder).iterdir()), folder


def test_no_module_finds_resources_relative_to_its_own_file() -> None:
    # `Path(__file__).parent / "resources"` works from a checkout but not from every
    # installed or frozen layout; importlib.resources.files() does.
    offenders = []
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        if "__file__" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith(("resources", "fonts", "icons", "templates"))
            ):
                offenders.append(str(source.relative_to(ROOT)))
    assert offenders == []


def test_icon_is_rendered_at_every_size_from_its_svg_source() -> None:
    from PySide6.QtGui import QImage

    assert (ROOT / "resources" / "icons" / "liaison-desktop.svg").is_file()
    for size in (*ICON_SIZES, 1024):
        image = QImage.fromData(icon_png(size), "PNG")
        assert (image.width(), image.height()) == (size, size)
        # Transparent corners (a rounded square), opaque middle: a real drawing, not blank.
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_windows_and_macos_icon_files_hold_the_sizes_those_systems_use() -> None:
    image_module = pytest.importorskip("PIL.Image")  # the `package` extra
    with image_module.open(ICONS / "liaison-desktop.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with image_module.open(ICONS / "liaison-desktop.icns") as icns:
        assert icns.size == (1024, 1024)
        assert (16, 16, 2) in icns.info["sizes"] or (16, 16, 1) in icns.info["sizes"]


@pytest.mark.parametrize("template", [t for t in v.NOTE_TEMPLATES if t != "general"])
def test_note_templates_come_from_resource_files(template: str) -> None:
    text = outline(template, "en")
    assert text == (RESOURCES / "templates" / f"{template}.txt").read_text(encoding="utf-8")
    assert text.count(":\n") >= 3  # headings for the officer to write under


def test_general_and_unknown_templates_start_empty_and_missing_translations_fall_back() -> None:
    assert outline("general", "en") == ""
    assert outline("no_such_template", "en") == ""
    assert outline("../../pyproject", "en") == ""  # only known template names are read
    assert outline("home_visit", "xx") == outline("home_visit", "en")


def test_the_note_editors_outline_is_the_template_file() -> None:
    # tests/ui/test_note_editor.py shows the editor filling itself from skeleton().
    from liaison_desktop.ui.family.note_editor import skeleton

    assert skeleton("home_visit") == (RESOURCES / "templates" / "home_visit.txt").read_text(
        encoding="utf-8"
    )


def test_app_icon_draws_every_size_it_offers(qapp: object) -> None:
    from liaison_desktop.ui.app_icon import app_icon

    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    for size in ICON_SIZES:
        image = icon.pixmap(size, size).toImage()
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # decoded, not blank
