"""What every report page carries, and the building blocks the reports share.

Every page: the protective marking in the header and the footer, "Page x of y", who generated
the report and when. "y" is only known once the whole document is laid out, so the canvas
keeps each page's drawing and adds the header and footer when it is saved (the usual
reportlab two-step, without laying the document out twice). Headings become PDF outline
entries (bookmarks) that point at their own pages. Every report is a tagged PDF (PDF/UA-1):
`tagging` records the structure while the pages are drawn and adds it to the file after.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..errors import LiaisonError
from ..i18n import _, current_language
from .fonts import BOLD, REGULAR, register_fonts
from .redaction import Redactor
from .tagging import HEADER_COLUMN, HEADER_ROWS, Bookmark, Structure, TaggingFrame, finish
from .text import markup

MARKING = "OFFICIAL-SENSITIVE"


def report_language() -> str:
    """The language a report is written in (its labels follow the app's language)."""
    return "cy-GB" if current_language() == "cy" else "en-GB"


PAGE_SIZE = A4
MARGIN = 18 * mm
HEADER_GAP = 12 * mm
INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#c7ccd3")
BAND = colors.HexColor("#eef1f5")
ALERT = colors.HexColor("#8a1c1c")

# Tables set a cell font even when every cell is a paragraph; the default is Helvetica,
# which would then be referenced (unembedded) on the page.
CELL_FONT: tuple[tuple[Any, ...], ...] = (("FONT", (0, 0), (-1, -1), REGULAR, 8.5),)

# (stage, fraction done 0–1) → False to cancel
ProgressFn = Callable[[str, float], bool | None]


class ReportCancelled(LiaisonError):
    """The person cancelled the report; nothing was written."""


@dataclass(frozen=True)
class ReportMeta:
    """Who made a report and when, and its neutral title (no case data)."""

    title: str
    generated_by: str
    generated_at: datetime
    subject: str = MARKING


# -- styles ----------------------------------------------------------------------------------
def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": REGULAR,
        "fontSize": 9.5,
        "leading": 12.5,
        "textColor": INK,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    """The paragraph styles every report uses."""

    def __init__(self) -> None:
        register_fonts()
        self.title = _style("Title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=4)
        self.subtitle = _style("Subtitle", fontSize=10, textColor=MUTED, spaceAfter=10)
        self.h1 = _style(
            "Heading1",
            fontName=BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,  # never a heading alone at the foot of a page
        )
        self.h2 = _style(
            "Heading2",
            fontName=BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.body = _style("Body", spaceAfter=4)
        self.cell = _style("Cell", fontSize=8.5, leading=10.5)
        self.cell_bold = _style("CellBold", fontName=BOLD, fontSize=8.5, leading=10.5)
        self.small = _style("Small", fontSize=8, leading=10, textColor=MUTED)
        self.alert = _style("Alert", fontName=BOLD, textColor=ALERT)
        self.centre = _style("Centre", alignment=TA_CENTER)


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that becomes an outline entry (bookmark) at `level`."""

    def __init__(self, text: str, style: ParagraphStyle, level: int) -> None:
        super().__init__(markup(text), style)
        self.outline_text = text
        self.outline_level = level


class Writer:
    """Turns values into flowables; every string passes the redactor on its way in."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        self.styles = Styles()
        self.redactor = redactor or Redactor()

    def p(self, text: Any, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (scrubbed, escaped, RTL made visual)."""
        value = "" if text is None else str(text)
        return Paragraph(markup(self.redactor.scrub(value)), style or self.styles.body)

    def cell(self, text: Any, bold: bool = False) -> Paragraph:
        """A table cell's paragraph."""
        return self.p(text, self.styles.cell_bold if bold else self.styles.cell)

    def h1(self, text: str) -> Heading:
        return Heading(self.redactor.scrub(text), self.styles.h1, 0)

    def h2(self, text: str) -> Heading:
        return Heading(self.redactor.scrub(text), self.styles.h2, 1)

    def empty(self, text: str) -> Paragraph:
        """The line shown where a section has nothing in it."""
        return self.p(text, self.styles.small)

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        widths: Sequence[float],
        *,
        zebra: bool = True,
    ) -> Table:
        """A table with a repeated header row; cells are plain values or flowables."""
        data: list[list[Any]] = [[self.cell(h, bold=True) for h in headers]]
        for row in rows:
            data.append([c if isinstance(c, Flowable) else self.cell(c) for c in row])
        table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        table.tag_kind = HEADER_ROWS
        commands: list[tuple[Any, ...]] = [
            *CELL_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if zebra:
            for i in range(2, len(data), 2):
                commands.append(("BACKGROUND", (0, i), (-1, i), BAND))
        table.setStyle(TableStyle(commands))
        return table

    def pairs(self, items: Iterable[tuple[str, Any]], widths: Sequence[float]) -> Table:
        """A two-column label/value table (skipping empty values)."""
        rows = [
            [self.cell(label, bold=True), self.cell(value)]
            for label, value in items
            if value not in (None, "", [])
        ]
        if not rows:
            rows = [[self.cell(""), self.cell("—")]]
        table = Table(rows, colWidths=list(widths), hAlign="LEFT")
        table.tag_kind = HEADER_COLUMN
        table.setStyle(
            TableStyle(
                [
                    *CELL_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def gap(self, height: float = 4) -> Spacer:
        return Spacer(1, height)


CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN


# -- the canvas that numbers pages ---------------------------------------------------------
def _numbered_canvas(meta: ReportMeta, structure: Structure) -> type[Canvas]:
    generated = _("Generated by {who} on {when}").format(
        who=meta.generated_by or _("(no name set)"),
        when=meta.generated_at.strftime("%d %b %Y %H:%M %Z").strip(),
    )

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps each page until the end, then draws "Page x of y" and the marking on all."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            self.structure = structure

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                # The page's opening (coordinates, starting font) is not content either.
                opening: str = self.__dict__["_preamble"]
                self._preamble = f"/Artifact BMC {opening} EMC"
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = PAGE_SIZE
            self.structure.begin_artifact(self, "Pagination")
            self.saveState()
            self.setFillColor(ALERT)
            self.setFont(BOLD, 9)
            self.drawCentredString(width / 2, height - 11 * mm, MARKING)
            self.drawCentredString(width / 2, 8 * mm, MARKING)
            self.setFillColor(MUTED)
            self.setFont(REGULAR, 7.5)
            self.drawString(MARGIN, height - 11 * mm, meta.title)
            self.drawRightString(
                width - MARGIN,
                height - 11 * mm,
                _("Page {page} of {pages}").format(page=self._pageNumber, pages=total),
            )
            self.drawString(MARGIN, 12.5 * mm, generated)
            self.drawRightString(
                width - MARGIN,
                12.5 * mm,
                _("Page {page} of {pages}").format(page=self._pageNumber, pages=total),
            )
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 13 * mm, width - MARGIN, height - 13 * mm)
            self.line(MARGIN, 16 * mm, width - MARGIN, 16 * mm)
            self.restoreState()
            self.structure.end(self)

    return NumberedCanvas


class _Document(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, meta: ReportMeta, progress: ProgressFn | None) -> None:
        super().__init__(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_GAP / 2,
            bottomMargin=MARGIN + HEADER_GAP / 2,
            title=meta.title,
            author=meta.generated_by,
            subject=meta.subject,
            creator="Liaison Desktop",
            keywords=MARKING,
            # Otherwise every page declares (unembedded) Helvetica as its starting font.
            initialFontName=REGULAR,
            initialFontSize=9.5,
            lang=report_language(),
        )
        frame = TaggingFrame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.meta = meta
        self._progress = progress
        self._total = 1
        self._done = 0
        self.structure = Structure()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            page, top = flowable._tagged_top
            self.structure.bookmarks.append(
                Bookmark(flowable.outline_text, flowable.outline_level, page, top)
            )
        self._done += 1
        if self._progress is not None and self._done % 25 == 0:
            report(self._progress, "layout", min(0.95, self._done / self._total))

    def build_story(self, story: list[Flowable]) -> None:
        self._total = max(1, len(story))
        self.build(story, canvasmaker=_numbered_canvas(self.meta, self.structure))


def report(progress: ProgressFn | None, stage: str, fraction: float) -> None:
    """Tell the progress callback; raise ReportCancelled if it asks to stop."""
    if progress is not None and progress(stage, fraction) is False:
        raise ReportCancelled(_("The report was cancelled; no file was written."))


def build_pdf(meta: ReportMeta, story: list[Flowable], progress: ProgressFn | None = None) -> bytes:
    """Lay out `story` with the page furniture and return the PDF's bytes (in memory only)."""
    register_fonts()
    buffer = io.BytesIO()
    document = _Document(buffer, meta, progress)
    document.build_story(story)
    tagged = finish(buffer.getvalue(), document.structure, meta.title, report_language())
    report(progress, "layout", 1.0)
    return tagged
