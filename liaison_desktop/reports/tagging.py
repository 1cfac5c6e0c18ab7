"""Tagged PDF (PDF/UA-1): the structure tree and outline reportlab does not write.

While the story is laid out, every piece of page content is bracketed by a marked-content
sequence. Text and charts carry a marked-content id (MCID) and become structure elements in
reading order: headings, paragraphs, tables with header cells (column or row scope), figures
with their alternative text. Page furniture, table rules and backgrounds are artifacts. After
reportlab has written the file, `finish` adds what reportlab cannot: the structure tree and
its parent tree, the outline (each bookmark pointing at its own page), the language and the
title shown in the window, and the PDF/UA identification in the XMP metadata.

Headings: the report's title is H1, its sections H2 and sub-sections H3, so no level is
skipped. A chart without alternative text is a programming error, refused at layout.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Frame, Paragraph, Table

HEADER_ROWS = "columns"  # the first row(s) name the columns
HEADER_COLUMN = "rows"  # the first column names the rows
LAYOUT = "layout"  # a table only used to place things side by side


@dataclass(frozen=True)
class Content:
    """One marked-content sequence on a page (page numbers start at 1)."""

    page: int
    mcid: int


@dataclass(eq=False)
class Element:
    """A structure element: its role, its children in reading order, and its attributes."""

    role: str
    kids: list[Element | Content] = field(default_factory=list)
    alt: str | None = None
    scope: str | None = None


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int
    page: int
    top: float


class Structure:
    """The structure tree being recorded while the canvas draws; one per document."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.bookmarks: list[Bookmark] = []
        self._open: list[Element] = [self.root]
        self._mcids: dict[int, int] = {}

    @property
    def current(self) -> Element:
        return self._open[-1]

    def open(self, role: str, *, alt: str | None = None, scope: str | None = None) -> Element:
        element = Element(role, alt=alt, scope=scope)
        self.current.kids.append(element)
        self._open.append(element)
        return element

    def close(self, element: Element) -> None:
        while self._open and self._open[-1] is not element:
            self._open.pop()
        if len(self._open) > 1:
            self._open.pop()

    def begin(self, canv: Any, role: str) -> None:
        """Start the content of the current element: `/role <</MCID n>> BDC`."""
        page = canv.getPageNumber()
        mcid = self._mcids.get(page, 0)
        self._mcids[page] = mcid + 1
        self.current.kids.append(Content(page, mcid))
        canv._code.append(f"/{role} <</MCID {mcid}>> BDC")

    def begin_artifact(self, canv: Any, kind: str = "Layout") -> None:
        canv._code.append(f"/Artifact <</Type /{kind}>> BDC")

    def end(self, canv: Any) -> None:
        canv._code.append("EMC")

    # -- undoing a flowable the frame could not place ---------------------------------------
    def checkpoint(self, canv: Any) -> tuple[int, int, int, int]:
        page = canv.getPageNumber()
        return len(canv._code), page, self._mcids.get(page, 0), len(self.current.kids)

    def rollback(self, canv: Any, mark: tuple[int, int, int, int]) -> None:
        code_length, page, mcid, kids = mark
        del canv._code[code_length:]
        self._mcids[page] = mcid
        del self.current.kids[kids:]


def alt_text(flowable: Any) -> str:
    text = getattr(flowable, "alt_text", "")
    if not text:
        raise ValueError(f"A chart in a report has no alternative text: {flowable!r}")
    return str(text)


def leaf_role(flowable: Flowable) -> str | None:
    """The role of a flowable drawn as one piece of content, or None for a container."""
    if isinstance(flowable, Table):
        return None
    if isinstance(flowable, Drawing):
        return "Figure"
    if isinstance(flowable, Paragraph):
        if flowable.style.name == "Title":
            return "H1"
        level = getattr(flowable, "outline_level", None)
        if level is not None:
            return f"H{min(6, int(level) + 2)}"
        return "P"
    return "Div"


class TaggingFrame(Frame):  # type: ignore[misc]
    """A frame that tags every flowable it places (and forgets one it could not place)."""

    def _add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> int:
        structure: Structure = canv.structure
        mark = structure.checkpoint(canv)
        top = self._y
        if isinstance(flowable, Table):
            if getattr(flowable, "_renderCB", None) is None:
                flowable._renderCB = table_events
            drawn = int(super()._add(flowable, canv, trySplit))
        else:
            role = leaf_role(flowable)
            assert role is not None
            element = structure.open(role, alt=alt_text(flowable) if role == "Figure" else None)
            structure.begin(canv, role)
            try:
                drawn = int(super()._add(flowable, canv, trySplit))
            finally:
                structure.end(canv)
                structure.close(element)
        if not drawn or len(canv._code) <= mark[0] + 2:
            structure.rollback(canv, mark)
        flowable._tagged_top = (canv.getPageNumber(), top)
        return drawn

    add = _add


def table_kind(table: Table) -> str:
    return str(getattr(table, "tag_kind", HEADER_ROWS))


def table_events(table: Table, event: str, *args: Any) -> None:
    """reportlab's table render callback: structure for cells, artifacts for rules."""
    canv = table.canv
    structure: Structure = canv.structure
    kind = table_kind(table)
    state: dict[str, Any] = table.__dict__.setdefault("_tag_state", {})
    if event == "startTable":
        state["table"] = structure.open("Div" if kind == LAYOUT else "Table")
    elif event in ("startBG", "startLines"):
        structure.begin_artifact(canv)
    elif event in ("endBG", "endLines"):
        structure.end(canv)
    elif event == "startRow" and kind != LAYOUT:
        state["row"] = structure.open("TR")
    elif event == "endRow" and kind != LAYOUT:
        structure.close(state.pop("row"))
    elif event == "startCell":
        row, column, value = args[0], args[1], args[2]
        _start_cell(structure, canv, table, kind, row, column, value, state)
    elif event == "endCell":
        for opened in reversed(state.pop("cell", [])):
            if opened is None:
                structure.end(canv)
            else:
                structure.close(opened)
    elif event == "endTable":
        structure.close(state.pop("table"))


def _start_cell(
    structure: Structure,
    canv: Any,
    table: Table,
    kind: str,
    row: int,
    column: int,
    value: Any,
    state: dict[str, Any],
) -> None:
    # What was opened, in order; None stands for a marked-content sequence to end.
    opened: list[Element | None] = []
    if kind != LAYOUT:
        repeat = table.repeatRows
        headed = repeat if isinstance(repeat, int) and repeat > 0 else 1
        if kind == HEADER_ROWS and row < headed:
            opened.append(structure.open("TH", scope="Column"))
        elif kind == HEADER_COLUMN and column == 0:
            opened.append(structure.open("TH", scope="Row"))
        else:
            opened.append(structure.open("TD"))
    contents = value if isinstance(value, list | tuple) else [value]
    if any(isinstance(c, Table) for c in contents):
        for nested in contents:
            if isinstance(nested, Table) and getattr(nested, "_renderCB", None) is None:
                nested._renderCB = table_events
    elif any(isinstance(c, Drawing) for c in contents):
        figure = next(c for c in contents if isinstance(c, Drawing))
        opened.append(structure.open("Figure", alt=alt_text(figure)))
        structure.begin(canv, "Figure")
        opened.append(None)
    elif contents and any(c not in (None, "") for c in contents):
        role = "P" if kind == LAYOUT else structure.current.role
        if kind == LAYOUT:
            opened.append(structure.open("P"))
        structure.begin(canv, role)
        opened.append(None)
    state["cell"] = opened


# -- after reportlab has written the file ----------------------------------------------------
def finish(pdf: bytes, structure: Structure, title: str, language: str) -> bytes:
    """Add the structure tree, outline, language, shown title and PDF/UA identification."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = document.pages
        parents: dict[int, dict[int, pikepdf.Object]] = {}

        def make(element: Element, parent: pikepdf.Object) -> pikepdf.Object:
            node = document.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name("/" + element.role), P=parent)
            )
            kids = Array()
            first_page: int | None = None
            for kid in element.kids:
                if isinstance(kid, Content):
                    page = pages[kid.page - 1].obj
                    first_page = first_page or kid.page
                    kids.append(Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
                    parents.setdefault(kid.page, {})[kid.mcid] = node
                else:
                    kids.append(make(kid, node))
            node.K = kids
            if first_page is not None:
                node.Pg = pages[first_page - 1].obj
            if element.alt is not None:
                node.Alt = String(element.alt)
            if element.scope is not None:
                node.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
            return node

        root = document.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document_element = make(structure.root, root)
        numbers = Array()
        for index, page in enumerate(pages):
            page.obj.StructParents = index
            page.obj.Tabs = Name.S
            by_mcid = parents.get(index + 1, {})
            numbers.append(index)
            numbers.append(Array([by_mcid[m] for m in range(len(by_mcid))]))
        root.K = document_element
        root.ParentTree = document.make_indirect(Dictionary(Nums=numbers))
        root.ParentTreeNextKey = len(pages)

        catalog = document.Root
        catalog.StructTreeRoot = root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = String(language)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        if structure.bookmarks:
            catalog.PageMode = Name.UseOutlines
            _outline(document, structure.bookmarks)
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            if "/Trapped" in document.docinfo:
                del document.docinfo["/Trapped"]  # reportlab's "not trapped" has no XMP form
            meta.load_from_docinfo(document.docinfo)  # else saving would empty the docinfo
            meta["dc:title"] = title
            meta["dc:language"] = [language]
            meta["pdfuaid:part"] = "1"
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _outline(document: pikepdf.Pdf, bookmarks: Sequence[Bookmark]) -> None:
    with document.open_outline() as outline:
        outline.root.clear()
        path: list[OutlineItem] = []
        for mark in bookmarks:
            item = OutlineItem(mark.title, mark.page - 1, "XYZ", top=mark.top)
            del path[mark.level :]
            (path[-1].children if path else outline.root).append(item)
            path.append(item)
