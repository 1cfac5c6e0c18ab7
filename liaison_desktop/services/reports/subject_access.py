"""One person's own data as PDF and JSON (a subject access request), other people redacted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ...domain import sharing as sh
from ...domain.record import Record
from ...domain.third_parties import FoundName, find_third_parties
from ...i18n import _
from ...reports import subject_access as sar
from ...reports.furniture import ProgressFn, report
from ...reports.redaction import build_redactor, person_name, redacted_word
from ..concerns_service import ConcernView, category_words
from ..validation import ValidationFailed
from .common import BuiltReport, ReportRequest, ReportTools


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """Everything held about person `request.subject_id`, PDF and JSON (`request.json_out`)."""
    person_id = str(request.subject_id)
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    json_out = request.json_out or options.out.with_name(options.out.name + ".json")
    if not request.previewing:
        tools.check_target(json_out)
    if json_out.resolve() == options.out.resolve():
        raise ValidationFailed([("json_out", _("must be a different file from the PDF"))])
    subject = tools.caseload.people.get(person_id)
    sharing = tools.sharing(
        "subject_access",
        options,
        [str(subject["family_id"])],
        _("Everything held about one person, other people's details redacted"),
        person_id=person_id,
        purpose="subject_access",
        default_recipient=person_name(subject),
        default_organisation=_("The person themselves"),
        default_basis="legal_obligation",
    )
    report(progress, "reading", 0.0)
    document = subject_access_document(
        tools, person_id, keep_names=options.keep_names, redact_text=options.redact_text
    )
    pdf = sar.build_subject_access(document, tools.meta(_("Subject access export")), progress)
    family_id = str(document["household"]["id"])
    payload = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
    return BuiltReport(
        "subject_access",
        pdf,
        family_id=family_id,
        record=("person", person_id),
        sharing=sharing,
        extra_files=((json_out, (payload + "\n").encode("utf-8")),),
        result_extras={"json_path": json_out},
    )


def staff_names(tools: ReportTools, family_id: str) -> list[str]:
    """Names of staff acting in their role, never redacted as third parties: this vault's
    owner and the officers the family is allocated to."""
    return [n for n in (tools.ctx.owner_name, *tools.officers(family_id)) if n]


@dataclass(frozen=True)
class _Sources:
    """The records a SAR of one person prints, read once (for the names found in their text
    and for the document itself)."""

    notes: list[Record]
    concerns: list[ConcernView]
    consents: list[Record]
    referrals: list[Record]

    def texts(self) -> list[str]:
        """Every piece of free text in them (before any redaction)."""
        records: list[Mapping[str, Any]] = [*self.notes, *self.consents, *self.referrals]
        for view in self.concerns:
            records.extend([view.concern, *view.additions])
        return [
            value
            for record in records
            for key, value in record.items()
            if isinstance(value, str) and not key.endswith("_id") and key != "id"
        ]


def _sources(tools: ReportTools, subject: Record) -> _Sources:
    c = tools.caseload
    family_id = str(subject["family_id"])
    mention = _mention(subject)

    def mentions(text: Any) -> bool:
        return mention is not None and mention.search(str(text or "")) is not None

    return _Sources(
        notes=[
            n
            for n in c.notes.for_family(family_id, order_by="written_at")
            if mentions(n.get("text"))
        ],
        concerns=c.concerns.views_for_child(subject.id),  # every concern naming the child
        consents=[
            x
            for x in c.consents.for_family(family_id, order_by="date")
            if x.get("person_id") == subject.id or mentions(x.get("given_by"))
        ],
        referrals=c.referrals.query("person_id = ?", (subject.id,), order_by="date"),
    )


def third_parties(
    tools: ReportTools, person_id: str, sources: _Sources | None = None
) -> list[FoundName]:
    """Other people named in the text of a person's SAR, offered to the lead for review (all
    redacted unless the lead keeps them): names the vault knows, titled surnames ("Mrs
    Patel"), relations' names ("his uncle Dave"). Household members and the family's team are
    redacted by record and are not listed."""
    c = tools.caseload
    subject = c.people.get(person_id)
    if sources is None:
        sources = _sources(tools, subject)
    family_id = str(subject["family_id"])
    household = [dict(p) for p in c.people.members(family_id)]
    known = [person_name(p) for p in c.people.query() if p.get("family_id") != family_id]
    known += [str(ct.get("name") or "") for ct in c.directory.query()]
    keep = [person_name(subject), str(subject.get("preferred_name") or "")]
    keep += staff_names(tools, family_id)
    already = {w.casefold() for p in household for w in person_name(p).split()}
    found = find_third_parties(sources.texts(), known, keep)
    return [f for f in found if not all(w.casefold() in already for w in f.name.split())]


def _mention(subject: Mapping[str, Any]) -> re.Pattern[str] | None:
    given = str(subject.get("given_name") or "")
    return re.compile(rf"(?<!\w){re.escape(given)}(?!\w)", re.IGNORECASE) if given else None


def subject_access_document(
    tools: ReportTools,
    person_id: str,
    *,
    keep_names: Iterable[str] = (),
    redact_text: Iterable[str] = (),
) -> dict[str, Any]:
    """The person's data, other people's names and details replaced (the JSON and the PDF).

    Third parties named only in the text are redacted too, except the names in `keep_names`
    (the lead's review); `redact_text` are words or phrases the lead redacts by hand."""
    c = tools.caseload
    subject = c.people.get(person_id)
    family_id = str(subject["family_id"])
    family = c.families.get(family_id)
    others = [dict(p) for p in c.people.members(family_id) if p.id != person_id]
    contacts = [dict(m.contact) for m in c.directory.team(family_id)]
    redactor = build_redactor(
        people=[dict(subject), *others],
        contacts=[],
        redact_people=[p["id"] for p in others],
        keep_words=[person_name(subject)],
    )
    # Professionals' own names are other people's personal data too; their organisations
    # are not, and officers' names (staff acting in their role) stay (docs/decisions.md).
    redactor.add_words(str(ct.get("name") or "") for ct in contacts)
    sources = _sources(tools, subject)
    kept = {" ".join(k.split()).casefold() for k in keep_names}
    redactor.add_words(
        f.name for f in third_parties(tools, person_id, sources) if f.name.casefold() not in kept
    )
    redactor.add_words(redact_text)

    def clean(record: Mapping[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in record.items():
            if key in ("deleted", "versions", *drop):
                continue
            out[key] = redactor.scrub(value) if isinstance(value, str) else value
        return out

    notes = [clean(n, drop=("visit_id",)) for n in sources.notes]
    concerns = []
    for view in sources.concerns:
        item = clean(view.concern, drop=("source_id", "person_ids"))
        if view.concern.get("category"):
            item["category"] = category_words(str(view.concern["category"]))
        item["additions"] = [clean(a) for a in view.additions]
        concerns.append(item)
    name = person_name(subject)
    return {
        "format": sar.FORMAT,
        "generated_at": tools.ctx.now_iso(),
        "generated_by": tools.ctx.owner_name,
        "subject_name": name,
        "explanation": _(
            "Everything this vault holds about {name}. Other people's names and details "
            "are replaced by {word}."
        ).format(name=name, word=redacted_word()),
        "person": clean(subject),
        "household": {
            "id": family_id,
            "name": family.get("name"),
            "address": family.get("address"),
            "postcode": family.get("postcode"),
            "other_members": len(others),
        },
        "attendance": [
            {
                "period": f.period,
                "sessions_possible": f.sessions_possible,
                "sessions_attended": f.sessions_attended,
                "percentage": None if f.percentage is None else round(f.percentage, 1),
                "persistent_absence": f.persistent_absence,
            }
            for f in c.attendance.figures_for_person(person_id)
        ],
        "consents": [clean(x) for x in sources.consents],
        "referrals": [clean(r, drop=("organisation_id",)) for r in sources.referrals],
        "concerns": concerns,
        "notes": notes,
        "sharing": sharing_for_subject(tools, family_id, person_id, clean),
    }


def sharing_for_subject(
    tools: ReportTools, family_id: str, person_id: str, clean: Any
) -> list[dict[str, Any]]:
    """What left the vault about the person's household (Article 15(1)(c): recipients).

    Entries about another member alone (a sibling's transfer) are that member's, and the
    recipient's own name is a professional's personal data, so only their organisation
    is given (as for the team around the family).
    """
    out = []
    for entry in reversed(tools.caseload.sharing.history(family_id)):
        if entry.get("person_id") not in (None, person_id):
            continue
        out.append(
            clean(
                {
                    "shared_at": entry.get("shared_at"),
                    "what": sh.what_label(str(entry.get("what"))),
                    "details": entry.get("details"),
                    "purpose": sh.purpose_label(str(entry.get("purpose"))),
                    "organisation": entry.get("organisation"),
                    "lawful_basis": sh.basis_label(entry.get("lawful_basis")),
                    "condition": sh.condition_label(entry.get("condition")),
                    "consent_at_the_time": sh.consent_label(entry.get("consent_status")),
                }
            )
        )
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)
