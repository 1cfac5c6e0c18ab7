"""Two records of one family: warning before a duplicate is made, merging, removing a mistake.

A family entered twice (two officers, a pupil-list import and a hand-made record) splits its
history: a lead reading one record misses what is in the other. So a new family whose name
matches one already held (same postcode or none given) is named before it is created, and a
lead can merge two records of one family or remove one made by mistake.

Merging moves every record of the duplicate to the family kept, in one all-or-nothing write,
and leaves a note in the kept family's chronology saying so; the duplicate's own record is
deleted (a tombstone, which syncs), and officers who held it are given the kept family. Moving
a record re-files it under another family and changes nothing else: records that are never
edited (concerns, finalised notes) keep every word, and only a lead's device may re-file them
(checked where the change arrives, sync/authority.py).

Removing is for a family created by mistake: refused once anything but the family and its
people has been recorded for it (merge it instead, or close the case), since deleting case
records is records management's job (retention and purge), not a shortcut here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import records
from ..errors import NotPermitted
from ..i18n import _
from .allocations_service import AllocationsService
from .context import ServiceContext
from .families_service import FamiliesService
from .notes_service import NotesService

# Kinds not moved: an allocation's id is made from its family and device (a new one is made
# for the kept family instead), and erasure markers are about the family they name.
NOT_MOVED = frozenset({"family", "allocation", "erasure"})
# What a family created by mistake may hold and still be removed.
REMOVABLE_WITH = frozenset({"family", "person"})


@dataclass(frozen=True)
class PossibleDuplicate:
    """A family already held that may be the one being created."""

    family_id: str
    label: str  # name, postcode and pupils


@dataclass(frozen=True)
class MergeResult:
    """What a merge moved."""

    kept: str
    removed: str
    moved: int


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


class FamilyMergeService:
    """Finding likely duplicates, merging two records of a family, removing a mistake."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.families = FamiliesService(ctx)

    def possible_duplicates(self, name: str, postcode: str = "") -> list[PossibleDuplicate]:
        """Families with this name (spaces and case aside) and the same postcode, or either
        postcode missing: what a person creating a family should see first."""
        if not name.strip():
            return []
        wanted = "".join(postcode.split()).casefold()
        found = [
            f.id
            for f in self.families.summaries()
            if _same_name(str(f.name or ""), name)
            and (not wanted or not f.postcode or "".join(f.postcode.split()).casefold() == wanted)
        ]
        labels = self.families.distinguishing_labels(found)
        return [PossibleDuplicate(family_id, labels[family_id]) for family_id in found]

    def records_of(self, family_id: str) -> dict[str, list[str]]:
        """Ids of every record filed under a family, by kind (the family itself left out)."""
        held: dict[str, list[str]] = {}
        for spec in records.ALL:
            if spec.family_field != "family_id" or spec.kind in NOT_MOVED:
                continue
            rows = self.ctx.store.query(spec.kind, '"family_id" = ?', (family_id,))
            if rows:
                held[spec.kind] = [str(row["id"]) for row in rows]
        return held

    def merge(self, keep_id: str, duplicate_id: str) -> MergeResult:
        """Move everything of `duplicate_id` to `keep_id` and delete the duplicate (lead only)."""
        self.ctx.require_lead(_("merge two records of a family"))
        if keep_id == duplicate_id:
            raise NotPermitted(_("Choose two different family records to merge."))
        keep = self.families.get(keep_id)
        duplicate = self.families.get(duplicate_id)
        labels = self.families.distinguishing_labels([keep_id, duplicate_id])
        allocations = AllocationsService(self.ctx)
        moved = 0
        with self.ctx.vault.transaction():
            # Officers who held the duplicate hold the kept family first, so the moves reach
            # them as changes to a family they are allocated.
            for allocation in allocations.for_family(duplicate_id):
                allocations.allocate(
                    keep_id, str(allocation["device_id"]), allocation.get("officer_name")
                )
            for kind, ids in self.records_of(duplicate_id).items():
                for record_id in ids:
                    self.ctx.store.put(
                        kind, record_id, {"family_id": keep_id}, action="merge", detail=kind
                    )
                    moved += 1
            # Fill what the kept record lacks from the duplicate; nothing it holds is replaced.
            missing = {
                name: duplicate.get(name)
                for name in ("address", "postcode", "phone", "email", "strengths", "key_facts")
                if not keep.get(name) and duplicate.get(name)
            }
            if missing:
                self.families.update(keep_id, missing)
            NotesService(self.ctx).write(
                keep_id,
                _(
                    "Merged with a duplicate record of this family ({duplicate}): its {n} "
                    "records are now filed here, with their dates and authors unchanged."
                ).format(duplicate=labels.get(duplicate_id, duplicate_id), n=moved),
                final=True,
            )
            self.ctx.store.delete("family", duplicate_id)
        return MergeResult(keep_id, duplicate_id, moved)

    def remove(self, family_id: str) -> None:
        """Delete a family created by mistake, with its people (lead only).

        Refused, with the reason, once anything else has been recorded for it.
        """
        self.ctx.require_lead(_("remove a family record"))
        self.families.get(family_id)
        held = self.records_of(family_id)
        recorded = sorted(kind for kind in held if kind not in REMOVABLE_WITH)
        if recorded:
            raise NotPermitted(
                _(
                    "This family already has case records ({kinds}), so it cannot be removed "
                    "as a mistake. If it is a duplicate, merge it into the other record; if the "
                    "work has ended, close the case."
                ).format(kinds=", ".join(records.label_of(kind) for kind in recorded))
            )
        with self.ctx.vault.transaction():
            for person_id in held.get("person", []):
                self.ctx.store.delete("person", person_id)
            self.ctx.store.delete("family", family_id)


def duplicate_names(found: list[PossibleDuplicate]) -> str:
    """The duplicates as lines for a warning."""
    return "\n".join(f"• {d.label}" for d in found)
