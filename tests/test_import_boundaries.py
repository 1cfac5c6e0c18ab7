"""DESIGN §2: nothing outside ui/ (and app.py) imports Qt; ui/ never touches SQL or crypto."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "liaison_desktop"
QT_ALLOWED = ("ui/", "app.py", "__main__.py")
UI_FORBIDDEN = ("sqlcipher3", "sqlite3", "sqlite_utils", "cryptography")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ("." * node.level) + (node.module or "")
            names.add(base)
    return names


def _modules() -> list[tuple[str, set[str]]]:
    return [(p.relative_to(PACKAGE).as_posix(), _imports(p)) for p in sorted(PACKAGE.rglob("*.py"))]


def test_only_ui_imports_qt() -> None:
    offenders = [
        rel
        for rel, names in _modules()
        if not rel.startswith(QT_ALLOWED)
        and any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names)
    ]
    assert offenders == []


def test_ui_never_touches_sql_or_crypto_directly() -> None:
    offenders = []
    for rel, names in _modules():
        if not rel.startswith("ui/"):
            continue
        for name in names:
            if name.split(".")[0] in UI_FORBIDDEN or ".store" in name or ".crypto" in name:
                offenders.append(f"{rel}: {name}")
    assert offenders == []


def test_the_boundary_check_sees_imports() -> None:
    # Guard against the walker silently finding nothing.
    names = _imports(PACKAGE / "store" / "database.py")
    assert "sqlcipher3" in names
