"""Developer tooling stays out of the product (issue 17, part 6): the screenshot scripts and
the translation checker live in the top-level `tools` package, `liaison_desktop` never imports
it, and the packaging spec takes the whole runtime package with no hand list of exclusions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.screenshots import render

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "liaison_desktop"
SPEC = ROOT / "packaging" / "liaison-desktop.spec"
# Imported only by build and developer tools; the app reads compiled catalogues.
BUILD_ONLY = ("tools", "babel")


def _imported(path: Path) -> set[str]:
    """Every absolute module name `path` imports, at any depth (lazy imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_app_never_imports_the_tools_or_babel() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in sorted(_imported(path))
        if name.split(".")[0] in BUILD_ONLY
    ]
    assert offenders == []


def test_the_import_scan_sees_a_lazy_import(tmp_path: Path) -> None:
    # The check above must not pass only because it finds nothing.
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from tools.screenshots import session\n    import babel\n")
    assert {"tools.screenshots", "babel"} <= _imported(module)


def test_no_developer_tool_is_left_in_the_runtime_package() -> None:
    names = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))
    assert [n for n in names if "screenshot" in n or "i18n_check" in n] == []
    tools = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tools").rglob("*.py")}
    assert {"tools/i18n_check.py", "tools/screenshots/session.py"} <= tools


def test_the_spec_takes_the_whole_package_with_no_exclusion_list() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert 'collect_submodules("liaison_desktop")' in text
    assert "filter=" not in text and "BUILD_TOOLS" not in text
    assert '"tools",' in text  # and the tools package is kept out by name as well


def test_the_screenshot_modules_share_one_session_helper() -> None:
    # No screenshot module reaches into another's private helpers any more.
    for path in sorted((ROOT / "tools" / "screenshots").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not any(a.name.startswith("_") for a in node.names), path.name


def test_the_screenshot_command_refuses_unknown_groups(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert render.main([]) == 64
    assert render.main([str(tmp_path / "out"), "no-such-screen"]) == 64
    assert "usage: python -m tools.screenshots OUTDIR" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything was rendered
    assert set(render.GROUPS) >= {"setup", "caseload", "records", "engagement", "unlock"}
