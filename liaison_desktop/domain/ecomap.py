"""The family ecomap as plain data: who sits on which community layer, where, linked how.

DESIGN §1 sees the school's community as four concentric layers around the child. The ecomap
puts a family at the centre with its own people (children and adults) on an inner ring of
their own, "The family", and each agency or community asset of its team on the ring of its
own community layer, so statutory services sit on the community layers and never share the
family's ring. Each link is labelled with the role the contact plays for the family and drawn
as the classic ecomap line for its tie: strong, tenuous or stressful. Positions are in "ring
units" (layer n at radius n, the family's ring at FAMILY_RING_RADIUS) so the view only scales
them; nothing here knows about Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..i18n import _
from . import vocabulary as v

# The family's own people sit on a ring of their own inside the community layers.
FAMILY_RING = 0
FAMILY_RING_RADIUS = 0.5
CENTRE_ID = "family"


def ring_label(layer: int) -> str:
    """A ring's name: "The family" inside, then the four community layers."""
    return _("The family") if layer == FAMILY_RING else v.layer_label(layer)


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
    tie: str = ""  # "strong", "tenuous", "stressful" or "" (not said)


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
            where = ring_label(node.layer)
            if link.label:
                line = _("{layer}: {name} — {role}").format(
                    layer=where, name=node.label, role=link.label
                )
            else:
                line = _("{layer}: {name}").format(layer=where, name=node.label)
            if link.tie:
                line += " " + _("({tie} tie)").format(tie=v.label(link.tie).lower())
            lines.append(line)
        return lines


def redacted(ecomap: Ecomap, hidden: Callable[[str], bool], word: str,
             scrub: Callable[[str], str]) -> Ecomap:  # fmt: skip
    """`ecomap` for a redacted report: the nodes `hidden` names say only `word`, and every
    other label and role has `scrub` applied (names written in them)."""
    nodes = tuple(
        replace(n, label=word, detail="")
        if n.node_id != CENTRE_ID and hidden(n.node_id)
        else replace(n, label=scrub(n.label), detail=scrub(n.detail))
        for n in ecomap.nodes
    )
    links = tuple(
        replace(link, label="" if hidden(link.target) else scrub(link.label))
        for link in ecomap.links
    )
    return replace(ecomap, nodes=nodes, links=links)


@dataclass(frozen=True)
class Placement:
    """What the layout needs of one thing to place: id, kind, text and layer."""

    node_id: str
    kind: str
    label: str
    detail: str
    layer: int
    link_label: str
    tie: str = ""


def layout(family_id: str, family_name: str, placements: list[Placement]) -> Ecomap:
    """Place each item evenly around its ring (the family's own, or its community layer's).

    Each ring starts at a different angle so items of neighbouring rings do not line up on
    one spoke, where their labels would collide.
    """
    rings = (
        Ring(FAMILY_RING, ring_label(FAMILY_RING), FAMILY_RING_RADIUS),
        *(Ring(layer, ring_label(layer), float(layer)) for layer in v.LAYERS),
    )
    nodes = [EcomapNode(CENTRE_ID, "family", family_name, "", 0, 0.0, 0.0)]
    links: list[EcomapLink] = []
    for ring in rings:
        on_ring = [p for p in placements if p.layer == ring.layer]
        offset = -math.pi / 2 + ring.layer * math.pi / 4
        for index, item in enumerate(on_ring):
            angle = offset + 2 * math.pi * index / len(on_ring)
            nodes.append(
                EcomapNode(
                    item.node_id,
                    item.kind,
                    item.label,
                    item.detail,
                    ring.layer,
                    ring.radius * math.cos(angle),
                    ring.radius * math.sin(angle),
                )
            )
            links.append(EcomapLink(item.node_id, item.link_label, item.tie))
    return Ecomap(family_id, family_name, rings, tuple(nodes), tuple(links))
