"""Builds a family's ecomap (domain/ecomap.py) from its people and the team around it."""

from __future__ import annotations

from ..domain import vocabulary as v
from ..domain.ecomap import (
    CENTRE_ID,
    FAMILY_RING,
    FAMILY_RING_RADIUS,
    Ecomap,
    EcomapLink,
    EcomapNode,
    Placement,
    Ring,
    layout,
    redacted,
    ring_label,
)
from ..domain.record import Record
from .context import ServiceContext
from .directory_service import DirectoryService
from .families_service import FamiliesService
from .people_service import PeopleService

__all__ = [
    "CENTRE_ID",
    "FAMILY_RING",
    "FAMILY_RING_RADIUS",
    "Ecomap",
    "EcomapLink",
    "EcomapNode",
    "EcomapService",
    "Placement",
    "Ring",
    "layout",
    "redacted",
    "ring_label",
]


def _person_placement(person: Record) -> Placement:
    name = PeopleService.display_name(person)
    role = str(person.get("role") or "other")
    relationship = str(person.get("relationship") or "") or v.label(role)
    return Placement(
        f"person:{person.id}", "person", name, v.label(role), FAMILY_RING, relationship,
    )  # fmt: skip


class EcomapService:
    """Builds a family's ecomap from its people and its team around the family."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.families = FamiliesService(ctx)
        self.people = PeopleService(ctx)
        self.directory = DirectoryService(ctx)

    def for_family(self, family_id: str) -> Ecomap:
        """The ecomap of one family (NotFound if there is no such family)."""
        family = self.families.get(family_id)
        placements = [_person_placement(p) for p in self.people.members(family_id)]
        for member in self.directory.team(family_id):
            contact = member.contact
            organisation = str(contact.get("organisation") or "")
            person = str(contact.get("name") or "")
            label = f"{organisation} ({person})" if person else organisation
            placements.append(
                Placement(
                    f"contact:{member.link_id}",
                    "contact",
                    label,
                    v.label(str(contact.get("kind") or "other")),
                    int(contact.get("layer") or 4),
                    str(member.role or ""),
                    member.tie,
                )
            )
        return layout(family_id, str(family.get("name") or ""), placements)
