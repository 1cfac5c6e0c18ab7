"""Letters and forms from the record: the school's templates (built-in, or its own edits,
changed by a lead and shared with every device), filled for one family, and the words kept
for the PDF the reports service writes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import letters, records
from ..domain.record import Record
from ..errors import NotFound
from ..i18n import _
from .attendance_service import AttendanceService
from .directory_service import DirectoryService
from .families_service import FamiliesService
from .people_service import PeopleService
from .record_service import RecordService
from .validation import ValidationFailed
from .visits_service import VisitsService


@dataclass(frozen=True)
class LetterTemplate:
    """A template as offered: the school's own edit where there is one."""

    key: str
    kind: str
    title: str
    body: str
    built_in: bool  # shipped with the app (an edit of it can be undone)
    edited: bool  # the school has its own words for it


@dataclass(frozen=True)
class LetterContent:
    """A filled letter, as the officer will print it (after any change in the preview)."""

    template_key: str
    title: str
    recipient: str  # who it is addressed to (a carer, or a person at an organisation)
    organisation: str  # "" for a letter to the family
    address: str
    body: str
    unknown: tuple[str, ...] = ()


def _long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class LettersService(RecordService):
    """The templates, and filling them."""

    spec = records.LETTER_TEMPLATE

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        self.ctx.require_lead(_("change the school's letter templates"))
        return super().prepare_create(values)

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        self.ctx.require_lead(_("change the school's letter templates"))
        return super().prepare_update(current, values)

    def check_delete(self, current: Record) -> None:
        self.ctx.require_lead(_("change the school's letter templates"))
        super().check_delete(current)

    # -- templates ----------------------------------------------------------------------------
    def templates(self, *, include_retired: bool = False) -> list[LetterTemplate]:
        """Every template, built-in ones first (in their order), then the school's own."""
        own = {str(r["key"]): r for r in self.query("", order_by="title COLLATE NOCASE")}
        out: list[LetterTemplate] = []
        for built in letters.BUILT_IN:
            record = own.pop(built.key, None)
            if record is not None:
                if record.get("retired") and not include_retired:
                    continue
                out.append(self._from_record(record, built_in=True))
            else:
                out.append(
                    LetterTemplate(
                        built.key,
                        built.kind,
                        letters.shown(built.title),
                        letters.shown(built.body),
                        True,
                        False,
                    )
                )
        for record in own.values():
            if include_retired or not record.get("retired"):
                out.append(self._from_record(record, built_in=False))
        return out

    @staticmethod
    def _from_record(record: Record, *, built_in: bool) -> LetterTemplate:
        return LetterTemplate(
            str(record["key"]),
            str(record["kind"]),
            str(record["title"]),
            str(record["body"]),
            built_in,
            True,
        )

    def template(self, key: str) -> LetterTemplate:
        found = next((t for t in self.templates(include_retired=True) if t.key == key), None)
        if found is None:
            raise NotFound(_("There is no letter template '{key}'.").format(key=key))
        return found

    def save_template(
        self, title: str, kind: str, body: str, *, key: str | None = None
    ) -> LetterTemplate:
        """Write the school's words for a template (a new one when `key` is None)."""
        if key is None:
            slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60] or "letter"
            key = slug
            taken = {t.key for t in self.templates(include_retired=True)}
            number = 2
            while key in taken:
                key = f"{slug}-{number}"
                number += 1
        values: dict[str, Any] = {
            "key": key,
            "title": title,
            "kind": kind,
            "body": body,
            "retired": False,
        }
        record_id = letters.template_id(key)
        if self.find(record_id) is None:
            self.create(values, record_id=record_id)
        else:
            self.update(record_id, values)
        return self.template(key)

    def restore_built_in(self, key: str) -> LetterTemplate:
        """Go back to the app's own words for a built-in template."""
        record = self.find(letters.template_id(key))
        if record is not None:
            self.delete(record.id)
        return self.template(key)

    def retire(self, key: str) -> None:
        """Stop offering a template (kept, so a letter made from it can still be traced)."""
        template = self.template(key)
        self.save_template(template.title, template.kind, template.body, key=key)
        self.update(letters.template_id(key), {"retired": True})

    # -- filling ------------------------------------------------------------------------------
    def fill(
        self,
        key: str,
        family_id: str,
        *,
        person_id: str | None = None,
        visit_id: str | None = None,
        organisation_id: str | None = None,
    ) -> LetterContent:
        """The template `key` filled from the family's record."""
        template = self.template(key)
        family = FamiliesService(self.ctx).get(family_id)
        people_service = PeopleService(self.ctx)
        people = people_service.members(family_id)
        carers = [p for p in people if p.get("role") == "carer"]
        pupil = people_service.get(person_id) if person_id else None
        if pupil is not None and pupil.get("family_id") != family_id:
            raise ValidationFailed([("person_id", _("is not a member of this family"))])
        if pupil is None:
            pupils = people_service.pupils(family_id)
            pupil = pupils[0] if pupils else None
        visit = VisitsService(self.ctx).get(visit_id) if visit_id else None
        organisation = DirectoryService(self.ctx).get(organisation_id) if organisation_id else None
        carer = PeopleService.display_name(carers[0]) if carers else _("Parent or carer")
        address = ", ".join(str(x) for x in (family.get("address"), family.get("postcode")) if x)
        values: dict[str, str] = {
            "family_name": str(family.get("name") or ""),
            "carer": carer,
            "address": address,
            "pupil": PeopleService.display_name(pupil) if pupil else "",
            "pupil_first": str(
                (pupil.get("preferred_name") or pupil.get("given_name")) if pupil else ""
            ),
            "year_group": str(pupil.get("year_group") or "") if pupil else "",
            "attendance": self._attendance(pupil),
            "visit_day": _long_day(date.fromisoformat(str(visit["date"]))) if visit else "",
            "visit_time": str(visit.get("time") or "") if visit else "",
            "organisation": str(organisation.get("organisation") or "") if organisation else "",
            "needs": ", ".join(family.get("needs") or []),
            "officer": self.ctx.owner_name,
            "school": self.ctx.setting("school_name", "") or _("the school"),
            "today": _long_day(self.ctx.today()),
        }
        filled = letters.fill(template.body, values)
        if organisation is not None:
            recipient = str(organisation.get("name") or _("Referrals team"))
            to_org = str(organisation.get("organisation") or "")
            postal = str(organisation.get("address") or "")
        else:
            recipient, to_org, postal = carer, "", address
        return LetterContent(
            key, template.title, recipient, to_org, postal, filled.text, filled.unknown
        )

    def _attendance(self, pupil: Record | None) -> str:
        if pupil is None:
            return ""
        figures = [f for f in AttendanceService(self.ctx).figures_for_family(pupil["family_id"])
                   if f.person_id == pupil.id and f.percentage is not None]  # fmt: skip
        if not figures:
            return ""
        latest = figures[-1]
        return _("{pct:.1f}% ({period})").format(pct=latest.percentage, period=latest.period)
