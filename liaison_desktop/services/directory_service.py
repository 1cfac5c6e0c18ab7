"""The directory of agencies and community assets, and the team around each family."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..errors import NotFound, NotPermitted
from ..i18n import _
from .context import ServiceContext
from .record_service import RecordService
from .validation import clean_values

# Fixed namespace so a case link's id depends only on what it links: the same link imported
# twice, or made on two devices, is one record, not a duplicate.
CASE_LINK_NAMESPACE = uuid.UUID("6f1c1f0e-3b0a-5c6e-9a41-0c5e7d2b8a10")


def case_link_id(family_id: str, contact_id: str, role: str | None) -> str:
    """The deterministic id of the link between a family and a contact in a role."""
    return uuid.uuid5(CASE_LINK_NAMESPACE, f"{family_id}|{contact_id}|{role or ''}").hex


@dataclass(frozen=True)
class TeamMember:
    """One contact in the team around a family, with the role they play for it."""

    link_id: str
    contact: Record
    role: str | None
    tie: str = ""  # strong, tenuous or stressful (the ecomap's line), "" when not said


class CaseLinksService(RecordService):
    """Which contact works with which family, in what role."""

    spec = records.CASE_LINK

    def create(self, values: dict[str, Any], *, record_id: str | None = None) -> Record:
        """Write a new case link; its id is derived from family, contact and role."""
        if record_id is None:
            cleaned = clean_values(self.spec, values, creating=True)
            record_id = case_link_id(
                cleaned["family_id"], cleaned["contact_id"], cleaned.get("role")
            )
        return super().create(values, record_id=record_id)

    def link(self, family_id: str, contact_id: str, role: str | None = None) -> Record:
        """Add a contact to a family's team (doing it again changes nothing)."""
        values = {"family_id": family_id, "contact_id": contact_id, "role": role}
        cleaned = clean_values(self.spec, values, creating=True)
        link_id = case_link_id(family_id, cleaned["contact_id"], cleaned.get("role"))
        with self.ctx.vault.transaction():
            existing = self.ctx.store.get(self.kind, link_id, include_deleted=True)
            if existing is None:
                return self.create(values, record_id=link_id)
            if existing.get("deleted"):
                self.check_references(cleaned)
                self.ctx.store.put(self.kind, link_id, {"deleted": False}, action="restore")
        return self.get(link_id)

    def unlink(self, family_id: str, contact_id: str, role: str | None = None) -> None:
        """Take a contact out of a family's team in that role."""
        cleaned_role = clean_values(self.spec, {"role": role}, creating=False).get("role")
        self.delete(case_link_id(family_id, contact_id, cleaned_role))

    def for_contact(self, contact_id: str) -> list[Record]:
        """Every live link to a contact."""
        return self.query("contact_id = ?", (contact_id,), order_by="created_at")


class DirectoryService(RecordService):
    """Contacts and organisations, by community layer and kind; links to families."""

    spec = records.CONTACT

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx)
        self.links = CaseLinksService(ctx)

    def all(self) -> list[Record]:
        """Every contact, by organisation then name."""
        return self.query(order_by="organisation COLLATE NOCASE, name COLLATE NOCASE")

    def by_layer(self) -> dict[int, list[Record]]:
        """Contacts grouped by community layer 1–4 (every layer present, maybe empty)."""
        grouped: dict[int, list[Record]] = {layer: [] for layer in v.LAYERS}
        for contact in self.all():
            grouped.setdefault(int(contact["layer"]), []).append(contact)
        return grouped

    def in_layer(self, layer: int) -> list[Record]:
        """Contacts of one layer."""
        return self.query("layer = ?", (layer,), order_by="organisation COLLATE NOCASE")

    def by_kind(self, kind: str | None = None) -> dict[str, list[Record]]:
        """Contacts grouped by kind (only kinds that have contacts), or just one kind's."""
        grouped: dict[str, list[Record]] = {}
        for contact in self.all():
            if kind is None or contact.get("kind") == kind:
                grouped.setdefault(str(contact["kind"]), []).append(contact)
        return grouped

    def of_kind(self, kind: str) -> list[Record]:
        """Contacts of one kind (food banks, faith groups, …)."""
        return self.query("kind = ?", (kind,), order_by="organisation COLLATE NOCASE")

    # -- the team around the family ----------------------------------------------------------
    def link(self, family_id: str, contact_id: str, role: str | None = None) -> Record:
        """Add a contact to a family's team in a role (idempotent)."""
        return self.links.link(family_id, contact_id, role)

    def unlink(self, family_id: str, contact_id: str, role: str | None = None) -> None:
        """Take a contact out of a family's team."""
        self.links.unlink(family_id, contact_id, role)

    def team(self, family_id: str) -> list[TeamMember]:
        """The contacts working with a family and their roles, by organisation."""
        members = []
        for link in self.links.for_family(family_id, order_by="created_at"):
            contact = self.find(str(link["contact_id"]))
            if contact is not None:
                members.append(
                    TeamMember(link.id, contact, link.get("role"), str(link.get("tie") or ""))
                )
        members.sort(key=lambda m: (str(m.contact.get("organisation") or "").lower(), m.link_id))
        return members

    def set_tie(self, link_id: str, tie: str | None) -> Record:
        """Say how a team member's tie feels to the family: strong, tenuous or stressful
        (None or "" when not said)."""
        return self.links.update(link_id, {"tie": tie or None})

    def families_linked_to(self, contact_id: str) -> list[Record]:
        """The families a contact works with, by name."""
        if self.find(contact_id) is None:
            raise NotFound(_("No contact with id {id} in this vault.").format(id=contact_id))
        family_ids = {str(link["family_id"]) for link in self.links.for_contact(contact_id)}
        families = []
        for family_id in family_ids:
            row = self.ctx.store.get("family", family_id)
            if row is not None:
                data = {k: val for k, val in row.items() if k not in ("id", "deleted")}
                families.append(Record(kind="family", id=family_id, data=data))
        families.sort(key=lambda f: (str(f.get("name") or "").lower(), f.id))
        return families

    def check_delete(self, current: Record) -> None:
        # A contact still in a family's team stays until the links are removed, so a team
        # never silently loses a member.
        links = self.links.for_contact(current.id)
        if links:
            raise NotPermitted(
                _(
                    "This contact works with {n} families; remove them from those teams first. "
                    "Nothing was deleted."
                ).format(n=len({link["family_id"] for link in links}))
            )
