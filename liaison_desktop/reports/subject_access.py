"""A subject access export for one person: their data, with other people's redacted.

The reports service gathers the person's records as plain JSON-ready values (already
scrubbed of other people's names); the same document is written as JSON and printed here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from ..i18n import _
from .furniture import CONTENT_WIDTH, ProgressFn, ReportMeta, Writer, build_pdf, report

FORMAT = "liaison-desktop/subject-access-1"
SECTIONS = (
    "person",
    "household",
    "attendance",
    "consents",
    "referrals",
    "concerns",
    "notes",
    "sharing",
)
HIDDEN_KEYS = ("id", "family_id", "person_id", "versions", "deleted")


def section_title(key: str) -> str:
    """A section of the document as headed in the PDF."""
    return {
        "person": _("Personal details"),
        "household": _("Household"),
        "attendance": _("Attendance"),
        "consents": _("Consents"),
        "referrals": _("Referrals"),
        "concerns": _("Concerns"),
        "notes": _("Notes that mention this person"),
        "sharing": _("Information shared outside the vault"),
    }[key]


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


def _record(w: Writer, record: Mapping[str, Any]) -> Flowable:
    items = [(_label(k), _value(v)) for k, v in record.items() if k not in HIDDEN_KEYS]
    return w.pairs(items, (40 * mm, CONTENT_WIDTH - 40 * mm))


def build_subject_access(
    document: Mapping[str, Any], meta: ReportMeta, progress: ProgressFn | None = None
) -> bytes:
    """The subject access export as PDF bytes (from the same document as the JSON)."""
    w = Writer()
    s = w.styles
    report(progress, "layout", 0.0)
    story: list[Flowable] = [
        w.p(_("Subject access export"), s.title),
        w.p(document.get("subject_name", ""), s.subtitle),
        w.p(document.get("explanation", ""), s.small),
    ]
    for key in SECTIONS:
        value = document.get(key)
        story.append(w.h1(section_title(key)))
        records: Sequence[Mapping[str, Any]]
        if isinstance(value, Mapping):
            records = [value]
        elif isinstance(value, list):
            records = value
        else:
            records = []
        if not records:
            story.append(w.empty(_("Nothing recorded.")))
        for record in records:
            story.append(KeepTogether([_record(w, record), w.gap(6)]))
    return build_pdf(meta, story, progress)
