"""DESIGN §2: nothing outside ui/ (and app.py) imports Qt; ui/ and the CLI never touch SQL,
storage or crypto; and every import points down the layer order (docs/decisions.md, "Layers")."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.import_graph import PACKAGE as PACKAGE_NAME
from tests.import_graph import import_graph

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


def test_ui_and_cli_never_touch_sql_storage_or_crypto_directly() -> None:
    offenders = []
    graph = import_graph()
    for rel, names in _modules():
        if not rel.startswith(("ui/", "cli/")):
            continue
        module = (
            PACKAGE_NAME + "." + rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        )
        names = {n for n in names if not n.startswith(".")} | graph[module]
        for name in names:
            if name.split(".")[0] in UI_FORBIDDEN or ".store" in name or ".crypto" in name:
                offenders.append(f"{rel}: {name}")
    assert offenders == []


def test_the_boundary_check_sees_imports() -> None:
    # Guard against the walker silently finding nothing.
    names = _imports(PACKAGE / "store" / "database.py")
    assert "sqlcipher3" in names


# The layers, lowest first. A module may import its own package and any lower layer; a layer
# holding several packages keeps them apart (the CLI and the UI never import each other).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("liaison_desktop",),  # the package itself: its version
    ("package_files",),
    ("i18n",),
    ("errors", "paths", "crash_report", "system_packages"),
    ("crypto",),
    ("domain",),
    ("reports",),  # PDF drawing: domain values in, bytes out
    ("store",),
    ("sync",),
    ("services",),
    ("interchange",),  # data in and out through the services
    ("demo",),  # fictional data written through the services
    ("cli", "ui"),
    ("app",),
    ("__main__",),
)
# The one upward import: migration 8 (a data migration from before device certificates) signs
# certificates for peers paired before them with sync's own code, so the certificate format
# keeps one owner. It runs once per vault, inside the migration's transaction.
ALLOWED_UPWARD = {("liaison_desktop.store.migrations", "liaison_desktop.sync.certificates")}


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _layer(module: str) -> int:
    area = _area(module)
    for level, areas in enumerate(LAYERS):
        if area in areas:
            return level
    raise AssertionError(f"{module} is in no layer: add {area!r} to LAYERS")


def test_every_import_points_down_the_layer_order() -> None:
    offenders = []
    for importer, imported in sorted(
        (a, b) for a, targets in import_graph().items() for b in targets
    ):
        if (importer, imported) in ALLOWED_UPWARD or _area(importer) == _area(imported):
            continue
        if _layer(imported) >= _layer(importer):
            offenders.append(f"{importer} -> {imported}")
    assert offenders == []


def test_the_layer_check_knows_every_area_and_sees_an_upward_import() -> None:
    for module in import_graph():
        _layer(module)  # every module is in a layer
    assert _layer("liaison_desktop.services.caseload") > _layer("liaison_desktop.store.vault")
    assert _layer("liaison_desktop.ui.main_window") == _layer("liaison_desktop.cli.main")


def test_views_pass_no_sql_to_the_services() -> None:
    """Ordering and filtering are named service methods, not SQL fragments built in a view."""
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("order_by=", ".query(", " = ?", "SELECT "):
            if needle in text:
                offenders.append(f"{path.relative_to(PACKAGE)}: {needle}")
    assert offenders == []
