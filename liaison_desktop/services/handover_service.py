"""Handover and bulk work for a lead (issue 23): a departing officer's whole caseload moved to
another officer in one step, with what the new officer needs to know; cases closed together.

Every change here is all-or-nothing (one transaction): a handover that cannot allocate one
family allocates none. Taking a family from a device is the same change as `allocate --remove`,
so at the next sync the old device is asked to remove it and the new one receives it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import _
from ..sync.peers import get_peer, list_peers
from .validation import ValidationFailed

if TYPE_CHECKING:
    from .caseload import Caseload


@dataclass(frozen=True)
class Holder:
    """A device that holds families: its id, its owner's name, how many, whether revoked."""

    device_id: str
    name: str
    families: int
    revoked: bool


@dataclass(frozen=True)
class HandoverResult:
    """A caseload moved (or taken back when `to_device` is None)."""

    from_device: str
    from_name: str
    to_device: str | None
    to_name: str | None
    families: tuple[str, ...]


@dataclass(frozen=True)
class HandoverLine:
    """What the next officer needs to know about one family (the handover summary)."""

    family_id: str
    family: str
    postcode: str
    children: tuple[str, ...]
    alerts: str
    open_concerns: int
    concerns_waiting: int
    open_actions: tuple[str, ...]
    next_visit: str | None
    last_contact: str | None
    review_due: str | None


class HandoverService:
    """Whose caseload, moved where, and the summary that goes with it."""

    def __init__(self, caseload: Caseload) -> None:
        self.caseload = caseload
        self.ctx = caseload.ctx

    def holders(self) -> list[Holder]:
        """Every paired device holding families (revoked ones too: their families need a home),
        by name."""
        peers = {p.device_id: p for p in list_peers(self.ctx.vault)}
        counts: dict[str, int] = {}
        for record in self.caseload.allocations.query("active = 1"):
            device = str(record["device_id"])
            counts[device] = counts.get(device, 0) + 1
        found = [
            Holder(
                device,
                peers[device].name if device in peers else device[:8],
                n,
                bool(peers[device].revoked) if device in peers else False,
            )
            for device, n in counts.items()
        ]
        return sorted(found, key=lambda h: (h.name.casefold(), h.device_id))

    def families_of(self, device_id: str) -> list[str]:
        """The families actively allocated to a device."""
        return self.caseload.allocations.families_for_device(device_id)

    def hand_over(self, from_device: str, to_device: str | None) -> HandoverResult:
        """Move every family of `from_device` to `to_device` (None: take them back, to be
        allocated later), in one step: all of them or none."""
        self.ctx.require_lead(_("hand over a caseload"))
        allocations = self.caseload.allocations
        families = self.families_of(from_device)
        from_peer = get_peer(self.ctx.vault, from_device)
        to_name = None
        if to_device is not None:
            if to_device == from_device:
                raise ValidationFailed([("to", _("choose another officer"))])
            officers = dict(allocations.officers())
            if to_device not in officers:
                raise ValidationFailed(
                    [("to", _("is not a trusted officer's device (revoked or never paired)"))]
                )
            to_name = officers[to_device]
        if not families:
            raise ValidationFailed([("from", _("holds no families"))])
        with self.ctx.vault.transaction():
            if to_device is not None:
                allocations.allocate_many(families, to_device, to_name)
            for family_id in families:
                allocations.remove(family_id, from_device)
        return HandoverResult(
            from_device,
            from_peer.name if from_peer is not None else from_device[:8],
            to_device,
            to_name,
            tuple(families),
        )

    def close_many(self, family_ids: Sequence[str], *, reason: str, outcome: str) -> int:
        """Close several cases with one reason and outcome: all of them or none."""
        if not family_ids:
            raise ValidationFailed([("families", _("choose at least one family"))])
        with self.ctx.vault.transaction():
            for family_id in family_ids:
                self.caseload.closures.close(family_id, reason=reason, outcome=outcome)
        return len(family_ids)

    def summary(self, family_ids: Sequence[str]) -> list[HandoverLine]:
        """What the next officer needs to know about each family, by family name."""
        c = self.caseload
        today = self.ctx.today().isoformat()
        lines = []
        for family_id in family_ids:
            family = c.families.get(family_id)
            children = tuple(
                c.people.display_name(p)
                for p in c.people.members(family_id)
                if p.get("role") in ("pupil", "sibling")
            )
            concerns = [view for view in c.concerns.views_for_family(family_id) if not view.closed]
            actions = [a for a in c.actions.for_family(family_id) if not a.get("done")]
            family_visits = c.visits.for_family(family_id)
            visits = [
                v
                for v in family_visits
                if v.get("status") == "planned" and str(v.get("date") or "") >= today
            ]
            contacts = [
                str(v["date"])
                for v in family_visits
                if v.get("status") == "completed" and v.get("date")
            ]
            reviews = [
                str(g.record.get("review_by"))
                for g in c.plan.goals(family_id)
                if g.record.get("review_by") and g.record.get("status") == "open"
            ]
            lines.append(
                HandoverLine(
                    family_id,
                    str(family.get("name") or ""),
                    str(family.get("postcode") or ""),
                    children,
                    str(family.get("alerts") or ""),
                    len(concerns),
                    sum(1 for view in concerns if view.stage == "raised"),
                    tuple(
                        _("{title} (due {due})").format(title=a["title"], due=a["due"])
                        if a.get("due")
                        else str(a["title"])
                        for a in actions
                    ),
                    min((str(v["date"]) for v in visits), default=None),
                    max(contacts, default=None),
                    min(reviews, default=None),
                )
            )
        return sorted(lines, key=lambda line: line.family.casefold())
