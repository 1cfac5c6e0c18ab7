"""The chronology report: a family's history as one table (date, type, summary, author).

Strategy meetings and Team-Around-the-Family meetings read the chronology on paper, so it is
also a report of its own; the case summary reuses `chronology_flowables`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain.chronology import AMENDMENT, ChronologyEntry, kind_label
from ..i18n import _
from .furniture import CONTENT_WIDTH, Heading, ProgressFn, ReportMeta, Writer, build_pdf, report
from .redaction import Redactor, redacted_word

# Long tables are cut into chunks: reportlab splits a table across pages by re-measuring
# the rows left over, so one 1,000-row table costs far more than twenty 50-row ones.
CHUNK_ROWS = 60
WIDTHS = (24 * mm, 26 * mm, CONTENT_WIDTH - 24 * mm - 26 * mm - 30 * mm, 30 * mm)


@dataclass(frozen=True)
class ChronologyData:
    """What the chronology report shows."""

    family: Mapping[str, Any]
    entries: Sequence[ChronologyEntry]
    start: date | None = None
    end: date | None = None
    redacted_notes: frozenset[str] = field(default_factory=frozenset)


def when_text(when: datetime) -> str:
    """A chronology moment as printed: day, with the time when one is known."""
    day = when.strftime("%d %b %Y")
    return day if (when.hour, when.minute) == (0, 0) else f"{day} {when:%H:%M}"


def kind_text(kind: str) -> str:
    """An entry's type as printed (the same words as on screen)."""
    return kind_label(kind)


def range_text(start: date | None, end: date | None) -> str:
    """The date range a report covers, in words."""
    if start and end:
        return _("From {start} to {end}").format(start=f"{start:%d %b %Y}", end=f"{end:%d %b %Y}")
    if start:
        return _("From {start}").format(start=f"{start:%d %b %Y}")
    if end:
        return _("Up to {end}").format(end=f"{end:%d %b %Y}")
    return _("All dates")


def entry_redacted(entry: ChronologyEntry, notes: frozenset[str]) -> bool:
    """Whether an entry is a redacted note or an amendment of one."""
    if entry.record_id in notes:
        return True
    return entry.kind == AMENDMENT and entry.related_id in notes


def chronology_flowables(
    writer: Writer, entries: Sequence[ChronologyEntry], notes: frozenset[str]
) -> list[Flowable]:
    """The chronology as tables of at most CHUNK_ROWS rows."""
    if not entries:
        return [writer.empty(_("Nothing recorded in this period."))]
    headers = (_("Date"), _("Type"), _("Summary"), _("Recorded by"))
    out: list[Flowable] = []
    for start in range(0, len(entries), CHUNK_ROWS):
        rows = []
        for entry in entries[start : start + CHUNK_ROWS]:
            summary = redacted_word() if entry_redacted(entry, notes) else entry.summary
            rows.append((when_text(entry.when), kind_text(entry.kind), summary, entry.author or ""))
        out.append(writer.table(headers, rows, WIDTHS))
    return out


def build_chronology(
    data: ChronologyData,
    meta: ReportMeta,
    redactor: Redactor | None = None,
    progress: ProgressFn | None = None,
) -> bytes:
    """The chronology report as PDF bytes."""
    writer = Writer(redactor)
    s = writer.styles
    report(progress, "layout", 0.0)
    story: list[Flowable] = [
        Heading(_("Chronology"), s.title, 0),
        writer.p(
            _("{family} · {range} · {n} entries").format(
                family=data.family.get("name") or "",
                range=range_text(data.start, data.end),
                n=len(data.entries),
            ),
            s.subtitle,
        ),
        *chronology_flowables(writer, data.entries, data.redacted_notes),
    ]
    return build_pdf(meta, story, progress)
