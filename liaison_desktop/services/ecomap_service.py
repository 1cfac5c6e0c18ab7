"""The family ecomap as plain data: who sits on which community layer, where, linked how.

DESIGN §1 sees the school's community as four concentric layers around the child. The ecomap
puts a family at the centre, its children on layer 1 (pupils), its adults on layer 2 (parents
and carers), and each agency or community asset of its team on its own layer's ring, linked to
the centre and labelled with the role it plays for the family. Positions are in "ring units"
(layer n is drawn at radius n) so the view only scales them; nothing here knows about Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import _
from .context import ServiceContext
from .directory_service import DirectoryService
from .families_service import FamiliesService
from .people_service import PeopleService

# Which layer a family member sits on: children are pupils (1), adults parents/carers (2).
PERSON_LAYERS = {"pupil": 1, "sibling": 1, "carer": 2, "other": 2}
CENTRE_ID = "family"


@dataclass(frozen=True)
class Ring:
    """One community layer drawn as a circle of `radius` ring units."""

    layer: int
    label: str
    radius: float


@dataclass(frozen=True)
class EcomapNode:
    """Someone or something placed on the map (the family itself at 0, 0)."""

    node_id: str
    kind: str  # "family", "person" or "contact"
    label: str
    detail: str
    layer: int  # 0 for the family at the centre
    x: float
    y: float


@dataclass(frozen=True)
class EcomapLink:
    """A line from the family at the centre to a node, with the role it plays."""

    target: str
    label: str


@dataclass(frozen=True)
class Ecomap:
    """Everything the view draws, and the text alternative reads."""

    family_id: str
    family_name: str
    rings: tuple[Ring, ...]
    nodes: tuple[EcomapNode, ...]
    links: tuple[EcomapLink, ...]

    def node(self, node_id: str) -> EcomapNode:
        """The node with `node_id`."""
        return next(n for n in self.nodes if n.node_id == node_id)

    def describe(self) -> list[str]:
        """The links as sentences, for a screen reader or anyone who prefers text."""
        lines = []
        for link in self.links:
            node = self.node(link.target)
            if link.label:
                line = _("{layer}: {name} — {role}").format(
                    layer=v.layer_label(node.layer), name=node.label, role=link.label
                )
            else:
                line = _("{layer}: {name}").format(layer=v.layer_label(node.layer), name=node.label)
            lines.append(line)
        return lines


@dataclass(frozen=True)
class Placement:
    """What the layout needs of one thing to place: id, kind, text and layer."""

    node_id: str
    kind: str
    label: str
    detail: str
    layer: int
    link_label: str


def layout(family_id: str, family_name: str, placements: list[Placement]) -> Ecomap:
    """Place each item evenly around its layer's ring (radius = layer).

    Each ring starts at a different angle so items of neighbouring rings do not line up on
    one spoke, where their labels would collide.
    """
    rings = tuple(Ring(layer, v.layer_label(layer), float(layer)) for layer in v.LAYERS)
    nodes = [EcomapNode(CENTRE_ID, "family", family_name, "", 0, 0.0, 0.0)]
    links: list[EcomapLink] = []
    for layer in v.LAYERS:
        on_ring = [p for p in placements if p.layer == layer]
        offset = -math.pi / 2 + (layer - 1) * math.pi / 4
        for index, item in enumerate(on_ring):
            angle = offset + 2 * math.pi * index / len(on_ring)
            nodes.append(
                EcomapNode(
                    item.node_id,
                    item.kind,
                    item.label,
                    item.detail,
                    layer,
                    layer * math.cos(angle),
                    layer * math.sin(angle),
                )
            )
            links.append(EcomapLink(item.node_id, item.link_label))
    return Ecomap(family_id, family_name, rings, tuple(nodes), tuple(links))


def _person_placement(person: Record) -> Placement:
    name = PeopleService.display_name(person)
    role = str(person.get("role") or "other")
    relationship = str(person.get("relationship") or "") or v.label(role)
    return Placement(
        f"person:{person.id}", "person", name, v.label(role), PERSON_LAYERS.get(role, 2),
        relationship,
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
                )
            )
        return layout(family_id, str(family.get("name") or ""), placements)
