"""A letter or form as PDF: the school, the date, who it is to and where, the words (one
paragraph per blank-line block, line breaks kept), tagged like every report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from ..i18n import _
from .furniture import Heading, ProgressFn, ReportMeta, Writer, build_pdf, report


@dataclass(frozen=True)
class LetterPage:
    """What the letter prints."""

    school: str
    day: date
    title: str
    recipient: str
    organisation: str
    address: str
    body: str


def build_letter(data: LetterPage, meta: ReportMeta, progress: ProgressFn | None = None) -> bytes:
    """The letter as PDF bytes."""
    writer = Writer()
    s = writer.styles
    report(progress, "layout", 0.0)
    story: list[Flowable] = [
        writer.p(data.school, s.subtitle),
        writer.p(f"{data.day.day} {data.day:%B %Y}", s.small),
        writer.gap(8),
    ]
    for line in (data.recipient, data.organisation, *data.address.split(",")):
        if line.strip():
            story.append(writer.p(line.strip(), s.body))
    story += [writer.gap(10), Heading(data.title, s.h1, 0)]
    for block in data.body.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            lines = [writer.p(line) for line in block.strip().split("\n")]
            story += lines
            story.append(writer.gap(4))
    if not data.body.strip():
        story.append(writer.empty(_("(This letter has no words yet.)")))
    return build_pdf(meta, story, progress)
