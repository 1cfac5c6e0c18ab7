"""One person's own data as PDF and JSON (a subject access request), other people redacted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ...domain import sharing as sh
from ...i18n import _
from ...reports import subject_access as sar
from ...reports.furniture import ProgressFn, report
from ...reports.redaction import build_redactor, person_name, redacted_word
from ..concerns_service import category_words
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
    document = subject_access_document(tools, person_id)
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


def subject_access_document(tools: ReportTools, person_id: str) -> dict[str, Any]:
    """The person's data, other people's names and details replaced (the JSON and the PDF)."""
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

    def clean(record: Mapping[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in record.items():
            if key in ("deleted", "versions", *drop):
                continue
            out[key] = redactor.scrub(value) if isinstance(value, str) else value
        return out

    given = str(subject.get("given_name") or "")
    mention = re.compile(rf"(?<!\w){re.escape(given)}(?!\w)", re.IGNORECASE) if given else None
    notes = [
        clean(n, drop=("visit_id",))
        for n in c.notes.for_family(family_id, order_by="written_at")
        if mention is not None and mention.search(str(n.get("text") or ""))
    ]
    concerns = []
    for view in c.concerns.views_for_child(person_id):  # every concern naming the child
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
        "consents": [
            clean(x)
            for x in c.consents.for_family(family_id, order_by="date")
            if x.get("person_id") == person_id
            or (mention is not None and mention.search(str(x.get("given_by") or "")))
        ],
        "referrals": [
            clean(r, drop=("organisation_id",))
            for r in c.referrals.query("person_id = ?", (person_id,), order_by="date")
        ],
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
