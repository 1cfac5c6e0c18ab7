"""The day run sheet: the officer's visits of a day (or days), each with what the officer
chose to take: purpose, address, how to get in, alerts, who lives there, phones, and whether
an interpreter is needed. Printed to carry; marked OFFICIAL-SENSITIVE like every report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain.fields import display_phone
from ..i18n import _
from .furniture import CONTENT_WIDTH, Heading, ProgressFn, ReportMeta, Writer, build_pdf, report

SECTIONS = ("purpose", "address", "access", "alerts", "people", "phones", "interpreter")


def section_title(section: str) -> str:
    """What a run-sheet section prints."""
    return {
        "purpose": _("Purpose of the visit"),
        "address": _("Address"),
        "access": _("Getting in (access notes)"),
        "alerts": _("Alerts"),
        "people": _("Who lives there"),
        "phones": _("Phone numbers"),
        "interpreter": _("Interpreter needed"),
    }[section]


@dataclass(frozen=True)
class RunSheetVisit:
    """One visit with its family and people."""

    visit: Mapping[str, Any]
    family: Mapping[str, Any]
    people: Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class RunSheetData:
    """The visits of the period, in time order."""

    start: date
    end: date
    officer: str
    visits: Sequence[RunSheetVisit]
    sections: Sequence[str] = SECTIONS


def _person(p: Mapping[str, Any]) -> str:
    name = " ".join(str(x) for x in (p.get("given_name"), p.get("family_name")) if x)
    if p.get("preferred_name"):
        name += f" ({p['preferred_name']})"
    role = str(p.get("role") or "")
    return f"{name} — {role}" if role else name


def _rows(item: RunSheetVisit, sections: Sequence[str]) -> list[tuple[str, Any]]:
    visit, family, people = item.visit, item.family, item.people
    values: dict[str, Any] = {
        "purpose": visit.get("purpose"),
        "address": ", ".join(str(x) for x in (family.get("address"), family.get("postcode")) if x),
        "access": family.get("access_notes"),
        "alerts": family.get("alerts"),
        "people": "; ".join(_person(p) for p in people),
        "phones": "; ".join(
            f"{label}: {display_phone(str(phone))}"
            for label, phone in [(_("Family"), family.get("phone"))]
            + [(str(p.get("given_name") or ""), p.get("phone")) for p in people]
            if phone
        ),
        "interpreter": "; ".join(
            _("{name} ({languages})").format(
                name=p.get("given_name"), languages=", ".join(p.get("languages") or []) or "?"
            )
            for p in people
            if p.get("interpreter_needed")
        )
        or None,
    }
    return [(section_title(key), values[key] or _("none recorded")) for key in sections]


def build_run_sheet(
    data: RunSheetData, meta: ReportMeta, progress: ProgressFn | None = None
) -> bytes:
    """The run sheet as PDF bytes."""
    writer = Writer()
    s = writer.styles
    report(progress, "layout", 0.0)
    period = (
        f"{data.start:%A %d %B %Y}"
        if data.start == data.end
        else _("{start} to {end}").format(
            start=f"{data.start:%d %b %Y}", end=f"{data.end:%d %b %Y}"
        )
    )
    story: list[Flowable] = [
        Heading(_("Run sheet"), s.title, 0),
        writer.p(
            _("{officer} · {period} · {n} visits").format(
                officer=data.officer, period=period, n=len(data.visits)
            ),
            s.subtitle,
        ),
    ]
    if not data.visits:
        story.append(writer.empty(_("No visits planned for this period.")))
    last_day = None
    for item in data.visits:
        day = str(item.visit.get("date"))
        if day != last_day and data.start != data.end:
            story.append(writer.h1(f"{date.fromisoformat(day):%A %d %B}"))
        last_day = day
        title = _("{time} · {family}").format(
            time=item.visit.get("time") or _("any time"), family=item.family.get("name") or ""
        )
        story.append(writer.h2(title) if data.start != data.end else writer.h1(title))
        story.append(writer.pairs(_rows(item, data.sections), (45 * mm, CONTENT_WIDTH - 45 * mm)))
        story.append(writer.p(_("Arrived: ______   Left: ______   Outcome: ______"), s.small))
    return build_pdf(meta, story, progress)
