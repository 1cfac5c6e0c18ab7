"""The handover summary: a departing officer's caseload as the next officer needs it — each
family's children, alerts, open concerns, open actions, the next visit, the last contact and
the next plan review (issue 23). Marked OFFICIAL-SENSITIVE like every report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..i18n import _, ngettext
from .furniture import CONTENT_WIDTH, Heading, ProgressFn, ReportMeta, Writer, build_pdf, report


@dataclass(frozen=True)
class HandoverData:
    """Who hands over to whom, and one line per family."""

    from_name: str
    to_name: str | None
    day: str
    lines: Sequence[Any]  # services.handover_service.HandoverLine


def _rows(line: Any) -> list[tuple[str, Any]]:
    concerns = None
    if line.open_concerns:
        concerns = ngettext("{n} open concern", "{n} open concerns", line.open_concerns).format(
            n=line.open_concerns
        )
        if line.concerns_waiting:
            concerns += _(" ({n} waiting for the lead)").format(n=line.concerns_waiting)
    return [
        (_("Children"), ", ".join(line.children) or _("none recorded")),
        (_("Alerts"), line.alerts or _("none recorded")),
        (_("Concerns"), concerns or _("none open")),
        (_("Open actions"), "; ".join(line.open_actions) or _("none")),
        (_("Next visit"), line.next_visit or _("none planned")),
        (_("Last visit"), line.last_contact or _("none recorded")),
        (_("Plan review due"), line.review_due or _("none set")),
    ]


def build_handover(
    data: HandoverData, meta: ReportMeta, progress: ProgressFn | None = None
) -> bytes:
    """The handover summary as PDF bytes."""
    writer = Writer()
    s = writer.styles
    report(progress, "layout", 0.0)
    to = data.to_name or _("not yet allocated")
    story: list[Flowable] = [
        Heading(_("Caseload handover"), s.title, 0),
        writer.p(
            _("From {source} to {target} · {day} · {n} families").format(
                source=data.from_name, target=to, day=data.day, n=len(data.lines)
            ),
            s.subtitle,
        ),
    ]
    if not data.lines:
        story.append(writer.empty(_("No families were handed over.")))
    for line in data.lines:
        title = f"{line.family} · {line.postcode}" if line.postcode else line.family
        story.append(writer.h1(title))
        story.append(writer.pairs(_rows(line), (40 * mm, CONTENT_WIDTH - 40 * mm)))
    return build_pdf(meta, story, progress)
