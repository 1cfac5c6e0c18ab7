"""Families are partners with strengths: no deficit labels anywhere a person can read them.

Scans every string literal in the app's code (docstrings aside: they speak to programmers),
the translation sources, the resources, the user-facing documents and the text of the PDFs the
app prints from a demo caseload. Fails on "hard to reach" and the other labels below.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from tests.reports.report_helpers import pages_text
from tests.services.caseload_helpers import caseload_on, create_lead_vault

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "liaison_desktop"

# Labels that define a family by a deficit (what the school finds hard) instead of a strength.
FORBIDDEN = re.compile(
    r"hard[\s_-]*to[\s_-]*(reach|engage|help)"
    r"|\b(problem|difficult|troubled|chaotic|resistant|uncooperative|non[\s_-]?compliant)"
    r"[\s_-]+(famil|household|parent|carer)"
    r"|\bnon[\s_-]?engag(ing|ed|ers?)\b"
    r"|\bdisengaged[\s_-]+(famil|household|parent|carer)",
    re.IGNORECASE,
)
TEXT_SUFFIXES = {".json", ".po", ".pot", ".md", ".txt", ".qss", ".html", ".svg", ".desktop", ".xml"}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def code_strings(path: Path) -> Iterator[str]:
    """Every string literal in a Python file except docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.value


def offences(texts: Iterator[tuple[str, str]]) -> list[str]:
    """`where: text` for each text holding a forbidden label."""
    found = []
    for where, text in texts:
        flat = re.sub(r"\s+", " ", text)
        for match in FORBIDDEN.finditer(flat):
            found.append(f"{where}: {match.group(0)!r}")
    return found


def _sources() -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        for text in code_strings(path):
            yield str(path.relative_to(ROOT)), text
    folders = [PACKAGE / "resources", ROOT / "resources", ROOT / "docs" / "screenshots"]
    files = [p for folder in folders if folder.is_dir() for p in folder.rglob("*")]
    # decisions.md records engineering choices, quoting these labels to forbid them.
    files += [p for p in (ROOT / "docs").glob("*.md") if p.name != "decisions.md"]
    files += [ROOT / "README.md"]
    for path in sorted(files):
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8", errors="replace")


def test_the_forbidden_labels_are_recognised_however_they_are_written() -> None:
    for text in (
        "Hard to reach families",
        "a HARD-TO-REACH parent",
        "hard_to_reach",
        "hard\nto reach",
        "Problem families",
        "difficult  parents",
        "non-engaging",
        "disengaged families",
    ):
        assert offences(iter([("x", text)])), text
    for text in ("reaching families", "a family that is hard to beat at quizzes", "Reach out"):
        assert not offences(iter([("x", text)])), text


def test_code_resources_and_documents_use_no_deficit_labels() -> None:
    sources = list(_sources())
    assert len(sources) > 1000  # the scan really read the app's strings
    assert offences(iter(sources)) == []


@pytest.fixture
def demo_lead(tmp_path: Path) -> Iterator[Caseload]:
    vault = create_lead_vault(tmp_path / "lead")
    caseload = caseload_on(vault, TODAY)
    populate_demo(caseload, families=6, seed=3, today=TODAY)
    yield caseload
    vault.close()


def test_printed_reports_use_no_deficit_labels(demo_lead: Caseload, tmp_path: Path) -> None:
    reports = ReportsService(demo_lead)
    family = demo_lead.families.query(order_by="name", limit=1)[0].id
    written = [
        reports.caseload_overview(ReportOptions(out=tmp_path / "overview.pdf")).path,
        reports.engagement_summary(ReportOptions(out=tmp_path / "engagement.pdf")).path,
        reports.case_summary(family, ReportOptions(out=tmp_path / "case.pdf")).path,
        reports.chronology(family, ReportOptions(out=tmp_path / "chronology.pdf")).path,
    ]
    texts = [(path.name, " ".join(pages_text(path))) for path in written]
    assert all(len(text) > 200 for _name, text in texts)
    assert offences(iter(texts)) == []
