"""Every report kind is a tagged PDF a screen reader can follow (PDF/UA-1).

Checked two ways on real files made from a demo caseload: the `pdfua` machine checker (the
machine-checkable subset of PDF/UA-1 and WCAG, on pikepdf), and this file's own reading of
the PDF: every mark painted on a page is either tagged content or an artifact, every marked
sequence belongs to exactly one structure element, headings never skip a level, figures have
alternative text, tables have header cells with a scope, and each bookmark points at the page
where its heading is.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pikepdf
import pytest
from pdfua import validate

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.domain import outcomes
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.external_tools import tool

from .report_helpers import caseload

KINDS = (
    "case", "chronology", "caseload", "transfer", "sar", "engagement", "run_sheet", "encrypted",
)  # fmt: skip
PASSWORD = "kitchen-table-7"
# Operators that put marks on the page (text, paths, shadings, images and forms).
PAINTING = {
    "Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "BI",
}  # fmt: skip


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every kind of report, made once from a demo caseload with an outcomes scoring."""
    root = tmp_path_factory.mktemp("tagged")
    data, out = root / "data", root / "out"
    data.mkdir()
    out.mkdir()
    vault, _recovery = Vault.create(
        data, PASSPHRASE, owner_name="Gwen Lead", role="lead", kdf_target_seconds=0
    )
    try:
        c = caseload(vault)
        populate_demo(c, families=4, seed=7)
        family = next(f for f in c.families.all() if c.people.pupils(f["id"]))
        pupil = c.people.pupils(family["id"])[0]
        c.outcomes.record(family["id"], dict.fromkeys(outcomes.AREA_KEYS, 3), day=date(2025, 11, 1))
        svc = ReportsService(c)
        made = {
            "case": svc.case_summary(family["id"], ReportOptions(out=out / "case.pdf")),
            "chronology": svc.chronology(family["id"], ReportOptions(out=out / "chron.pdf")),
            "caseload": svc.caseload_overview(ReportOptions(out=out / "caseload.pdf")),
            "transfer": svc.transfer_pack(
                pupil["id"],
                ReportOptions(out=out / "transfer.pdf"),
                receiving_school="Ysgol Gymraeg Demo",
                left_on=date(2025, 11, 10),
            ),
            "sar": svc.subject_access(
                pupil["id"], ReportOptions(out=out / "sar.pdf"), out / "sar.json"
            ),
            "engagement": svc.engagement_summary(ReportOptions(out=out / "engagement.pdf")),
            "run_sheet": svc.run_sheet(
                ReportOptions(
                    out=out / "run.pdf", start=c.ctx.today(), end=c.ctx.today() + timedelta(days=13)
                )
            ),
            "encrypted": svc.case_summary(
                family["id"], ReportOptions(out=out / "locked.pdf", password=PASSWORD)
            ),
        }
        yield {kind: result.path for kind, result in made.items()}
    finally:
        vault.close()


def open_report(kind: str, path: Path) -> pikepdf.Pdf:
    return pikepdf.open(path, password=PASSWORD if kind == "encrypted" else "")


@dataclass
class Tagged:
    """What the structure tree says, read back from the file."""

    roles: list[str]  # every element's role, in reading order
    headings: list[tuple[int, int]]  # (level, page index) in reading order
    owners: dict[tuple[int, int], int]  # (page index, MCID) → how many elements claim it


def read_structure(pdf: pikepdf.Pdf) -> Tagged:
    page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    tagged = Tagged([], [], {})

    def walk(node: pikepdf.Object, inherited_page: int | None) -> None:
        role = str(node.S)[1:]
        page = page_index[node.Pg.objgen] if "/Pg" in node else inherited_page
        tagged.roles.append(role)
        if role.startswith("H") and role[1:].isdigit():
            assert page is not None
            tagged.headings.append((int(role[1:]), page))
        if role == "Figure":
            assert str(node.get("/Alt", "")).strip(), "a figure without alternative text"
        if role == "TH":
            assert str(node.A.Scope) in ("/Column", "/Row"), "a header cell without a scope"
        kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
        for kid in kids:
            if isinstance(kid, int):
                assert page is not None
                key = (page, int(kid))
            elif kid.get("/Type") == "/MCR":
                key = (page_index[kid.Pg.objgen], int(kid.MCID))
            else:
                assert kid.P.objgen == node.objgen, "a child that does not name its parent"
                walk(kid, page)
                continue
            tagged.owners[key] = tagged.owners.get(key, 0) + 1

    root = pdf.Root.StructTreeRoot
    assert str(root.K.S) == "/Document"
    walk(root.K, None)
    return tagged


def painted_outside_marked_content(page: pikepdf.Page) -> tuple[list[str], set[int]]:
    """Painting operators found outside any marked sequence, and the MCIDs used on the page."""
    loose: list[str] = []
    mcids: set[int] = set()
    depth = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth += 1
            properties = operands[1] if op == "BDC" else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                assert depth == 1, "a tagged sequence inside another marked sequence"
                mcids.add(int(properties.MCID))
        elif op == "EMC":
            depth -= 1
            assert depth >= 0, "EMC without a sequence to end"
        elif op in PAINTING and depth == 0:
            loose.append(op)
    assert depth == 0, "a marked sequence left open at the end of the page"
    return loose, mcids


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdfua_checker_finds_nothing(
    reports: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    path = reports[kind]
    if kind == "encrypted":  # pdfua opens no encrypted file: check what the password opens
        with open_report(kind, path) as pdf:
            path = tmp_path / "opened.pdf"
            pdf.save(path)
    report = validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert report.exit_code == 0


@pytest.mark.parametrize("kind", KINDS)
def test_every_mark_is_tagged_content_or_an_artifact(reports: dict[str, Path], kind: str) -> None:
    with open_report(kind, reports[kind]) as pdf:
        tagged = read_structure(pdf)
        used: set[tuple[int, int]] = set()
        for index, page in enumerate(pdf.pages):
            loose, mcids = painted_outside_marked_content(page)
            assert loose == [], f"page {index + 1} paints outside marked content: {loose[:5]}"
            assert mcids == set(range(len(mcids))), "MCIDs are not numbered 0…n-1"
            used |= {(index, m) for m in mcids}
            # The parent tree finds each MCID's element.
            parents = pdf.Root.StructTreeRoot.ParentTree.Nums
            number = int(page.obj.StructParents)
            entry = next(parents[i + 1] for i in range(0, len(parents), 2) if parents[i] == number)
            assert len(entry) == len(mcids)
            assert str(page.obj.Tabs) == "/S"
        assert set(tagged.owners) == used, "tagged content without an element, or the reverse"
        assert set(tagged.owners.values()) == {1}, "content claimed by two elements"


@pytest.mark.parametrize("kind", KINDS)
def test_language_title_and_pdfua_identification(reports: dict[str, Path], kind: str) -> None:
    with open_report(kind, reports[kind]) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == str(pdf.docinfo.Title)
        assert str(pdf.docinfo.Subject) == "OFFICIAL-SENSITIVE"


@pytest.mark.parametrize("kind", KINDS)
def test_headings_never_skip_a_level_and_bookmarks_point_at_their_pages(
    reports: dict[str, Path], kind: str
) -> None:
    with open_report(kind, reports[kind]) as pdf:
        tagged = read_structure(pdf)
        levels = [level for level, _page in tagged.headings]
        assert levels[0] == 1 and levels.count(1) == 1, "one H1: the report's title"
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"heading level skipped: H{before} then H{after}"
        with pdf.open_outline() as outline:
            marks: list[int] = []

            def collect(items: list[pikepdf.OutlineItem]) -> None:
                for item in items:
                    marks.append(page_of(pdf, item))
                    collect(item.children)

            collect(outline.root)
        # Every heading is a bookmark (the title too, where it is the only one), in the same
        # order and on the same page.
        pages = [page for _level, page in tagged.headings]
        assert marks in (pages, pages[1:])
        if len(pdf.pages) > 2:
            assert len(set(marks)) > 1, "every bookmark on one page"


def page_of(pdf: pikepdf.Pdf, item: pikepdf.OutlineItem) -> int:
    destination = item.destination
    target = destination[0]
    return next(i for i, page in enumerate(pdf.pages) if page.objgen == target.objgen)


def test_tables_have_header_cells_and_charts_are_figures(reports: dict[str, Path]) -> None:
    with open_report("case", reports["case"]) as pdf:
        roles = read_structure(pdf).roles
    assert roles.count("Table") >= 5 and roles.count("TH") >= 10
    assert "TR" in roles and "TD" in roles
    # The ecomap and the outcomes wheel, each with alternative text (checked in the walk).
    assert roles.count("Figure") == 2
    with open_report("caseload", reports["caseload"]) as pdf:
        assert read_structure(pdf).roles.count("Figure") >= 2


def test_the_figures_say_what_they_show(reports: dict[str, Path]) -> None:
    with open_report("case", reports["case"]) as pdf:
        alts: list[str] = []

        def walk(node: pikepdf.Object) -> None:
            if str(node.S) == "/Figure":
                alts.append(str(node.Alt))
            kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot.K)
    assert any(alt.startswith("Ecomap:") and "described below" in alt for alt in alts)
    assert any(alt.startswith("Outcomes wheel:") for alt in alts)


def test_poppler_reads_the_headings_in_order_with_their_text(reports: dict[str, Path]) -> None:
    """What another reader (poppler) finds in the structure: headings with the bookmarks' text."""
    tree = subprocess.run(
        [tool("pdfinfo"), "-struct-text", str(reports["case"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    headings = [
        (line.strip().split()[0], tree[i + 1].strip().strip('"'))
        for i, line in enumerate(tree)
        if re.fullmatch(r"\s*H\d \(block\)", line)
    ]
    assert headings[0] == ("H1", "Case summary")
    with pikepdf.open(reports["case"]) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert [text for role, text in headings if role == "H2"] == titles
    assert "Household" in titles and "Chronology" in titles
