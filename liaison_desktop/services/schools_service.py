"""The schools of a federation or multi-academy trust (issue 23).

A lead may work for several schools: each family belongs to one (`families.school_id`), and a
pupil at another school of the trust names theirs (`people.school_id`), so siblings at two
schools stay one family. Schools are shared with every device and only a lead adds or changes
them; a vault with no school records is a single-school vault and nothing asks about schools.
"""

from __future__ import annotations

from ..domain import records
from ..domain.record import Record
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


class SchoolsService(RecordService):
    """Add, rename and retire schools; which families and pupils are at which."""

    spec = records.SCHOOL

    def all(self, *, include_retired: bool = False) -> list[Record]:
        """The schools by name (retired ones only when asked)."""
        found = self.query(order_by="name COLLATE NOCASE")
        return [s for s in found if include_retired or not s.get("retired")]

    def add(self, name: str, *, urn: str | None = None, trust: str | None = None) -> Record:
        """A lead adds a school of the federation or trust."""
        self.ctx.require_lead(_("add a school"))
        name = " ".join(name.split())
        if name.lower() in {str(s["name"]).lower() for s in self.all(include_retired=True)}:
            raise ValidationFailed([("name", _("a school of that name is already listed"))])
        values: dict[str, object] = {"name": name, "retired": False}
        if urn:
            values["urn"] = urn.strip()
        if trust:
            values["trust"] = trust.strip()
        return self.create(values)

    def resolve(self, id_or_name: str) -> str:
        """A school's id from its id or its name (case-insensitive); refused when unknown."""
        wanted = id_or_name.strip().casefold()
        for school in self.all(include_retired=True):
            if wanted in (school.id, str(school["name"]).casefold()):
                return school.id
        raise ValidationFailed([("school", _("no school is '{name}'").format(name=id_or_name))])

    def choices(self) -> list[tuple[str, str]]:
        """(id, name) of the schools a family or pupil may be put at (not retired), by name;
        empty in a single-school vault, where nothing asks about schools."""
        return [(s.id, str(s["name"])) for s in self.all()]

    def names(self) -> dict[str, str]:
        """Every school's name by id (retired ones too: old families still name them)."""
        return {s.id: str(s["name"]) for s in self.all(include_retired=True)}

    def family_ids_at(self, school_id: str) -> set[str]:
        """The families of one school: those it holds, and those with a pupil there."""
        held = {str(r["id"]) for r in self.ctx.store.query("family", "school_id = ?", (school_id,))}
        pupils = {
            str(r["family_id"])
            for r in self.ctx.store.query("person", "school_id = ?", (school_id,))
        }
        return held | pupils

    def set_family_school(self, family_id: str, school_id: str | None) -> None:
        """Move a family to a school (None: no school named)."""
        if school_id is not None:
            self.get(school_id)
        from .families_service import FamiliesService

        FamiliesService(self.ctx).update(family_id, {"school_id": school_id})
