"""Every user-visible string in the UI goes through `_()`: an AST scan of ui/ for literal
text handed straight to a widget."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "liaison_desktop" / "ui"

# Constructors and methods whose text arguments an officer reads.
TEXT_CALLS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QToolButton", "QListWidgetItem", "QTreeWidgetItem", "QCommandLinkButton",
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip",
    "setAccessibleName", "setAccessibleDescription", "setWhatsThis", "addTab", "insertTab",
    "setTabText", "setTabToolTip", "addMenu", "setTitle", "setInformativeText",
    "setDetailedText", "setLabelText", "setSuffix", "setPrefix", "setHeaderLabels",
    "showMessage", "information", "warning", "critical", "question", "addRow",
}  # fmt: skip
# Text that is the same in every language: symbols, and the shape of a key to type.
ALLOWED = {"…", "·", "—", "←", "→", "•", "×", "✓", "XXXX-XXXX-…", "liaison1:…"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _needs_translation(node: ast.expr) -> bool:
    """A literal (or f-string) with words in it, not wrapped in `_()`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.strip()
        return any(c.isalpha() for c in text) and text not in ALLOWED
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(v, ast.Constant) and any(c.isalpha() for c in str(v.value))
            for v in node.values
        )
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_needs_translation(e) for e in node.elts)
    return False


def unwrapped(source: str) -> list[tuple[int, str]]:
    """(line, call) of each literal text argument of a text-taking call in `source`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in TEXT_CALLS:
            args = [*node.args, *(k.value for k in node.keywords if k.arg in {"text", "title"})]
            if any(_needs_translation(a) for a in args):
                found.append((node.lineno, _name(node.func)))
    return found


def test_the_scan_finds_literal_text() -> None:
    code = 'QLabel("Hello")\nb.setToolTip(f"Open {x}")\nQLabel(_("Hello"))\nl.setText("")\n'
    assert unwrapped(code) == [(1, "QLabel"), (2, "setToolTip")]


def test_no_user_visible_literal_in_the_ui() -> None:
    problems = [
        f"{path.relative_to(UI.parent)}:{line}: {call}"
        for path in sorted(UI.rglob("*.py"))
        for line, call in unwrapped(path.read_text(encoding="utf-8"))
    ]
    assert problems == []
