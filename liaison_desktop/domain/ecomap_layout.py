"""Where each box and label of an ecomap goes in a picture, so that none overlaps another.

Pure geometry: the painter (ui/family/ecomap_view.py) measures text with its font and hands
`arrange` a `measure` function; the tests hand it one that counts characters. Rings are
spaced evenly from the family's own ring out to the fourth community layer and drawn as
ellipses on a wide area. Each box holds a name and, under it, the role it plays for the
family (or what it is): a label on the line itself had no room on short links and sat on the
boxes. Each box starts at its place on its ring; one that would touch a box already placed
moves round its ring a few degrees at a time, then just outside or inside it, and is
shortened (with "…") when a whole turn finds no room; the full words are in the list beside
the picture and in the case summary.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .ecomap import CENTRE_ID, Ecomap, EcomapNode

LABEL_CHARS = 22  # a label is shortened beyond this many characters at first
SHORTER = (16, 10)  # then to these, when there is no room
MAX_ASPECT = 1.8  # how much wider than tall the rings may be drawn
STEP_DEGREES = 3.0
GAP = 4.0  # pixels kept clear around every box
RING_SPREAD = (1.0, 1.18, 0.84, 1.36)  # its ring, then just outside or inside it


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels (top-left corner, width, height)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def touches(self, other: Box, gap: float = GAP) -> bool:
        """Whether the two overlap, or come within `gap` of each other."""
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    def inside(self, width: float, height: float) -> bool:
        return (
            self.x >= 0 and self.y >= 0 and self.x + self.w <= width and self.y + self.h <= height
        )


@dataclass(frozen=True)
class PlacedNode:
    """A node's box and the lines written in it."""

    node: EcomapNode
    lines: tuple[str, ...]
    box: Box


@dataclass(frozen=True)
class RingShape:
    """A ring drawn as an ellipse round the centre."""

    layer: int
    label: str
    rx: float
    ry: float
    caption: Box  # where its name is written, inside its foot: kept clear of every box


@dataclass(frozen=True)
class Drawing:
    """Everything the painter needs, in pixels."""

    centre: tuple[float, float]
    rings: tuple[RingShape, ...]
    nodes: tuple[PlacedNode, ...]

    def box_of(self, node_id: str) -> Box:
        return next(p.box for p in self.nodes if p.node.node_id == node_id)


def caption_text(layer: int, label: str) -> str:
    """A ring's caption: "2 · Families and multi-agency contacts", or "The family"."""
    return label if layer == 0 else f"{layer} · {label}"


def shorten(text: str, chars: int) -> str:
    """`text` cut to `chars` characters with "…" when longer."""
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def arrange(
    ecomap: Ecomap,
    width: float,
    height: float,
    measure: Callable[[str], float],
    line_height: float,
    keep_clear: tuple[Box, ...] = (),
) -> Drawing:
    """Place every box of `ecomap` in a `width` × `height` picture, clear of `keep_clear`
    (the key to the lines, say)."""
    char = max(1.0, measure("n" * 10) / 10)
    full_y = height / 2 - line_height * 2.5
    box_half = char * LABEL_CHARS / 2 + 8
    full_x = max(full_y, min(width / 2 - box_half, full_y * MAX_ASPECT))
    cx, cy = width / 2, height / 2
    radii = sorted({ring.radius for ring in ecomap.rings})
    share = {radius: (index + 1) / len(radii) for index, radius in enumerate(radii)}

    def ring_shape(layer: int, label: str, radius: float) -> RingShape:
        rx, ry = share[radius] * full_x, share[radius] * full_y
        w = measure(caption_text(layer, label)) + 8
        return RingShape(layer, label, rx, ry, Box(cx - w / 2, cy + ry - line_height - 2, w,
                                                   line_height))  # fmt: skip

    rings = tuple(ring_shape(ring.layer, ring.label, ring.radius) for ring in ecomap.rings)
    keep_clear = (*keep_clear, *(ring.caption for ring in rings))
    ring_of_layer = {ring.layer: ring for ring in rings}

    def box_for(lines: tuple[str, ...], x: float, y: float) -> Box:
        w = max(measure(line) for line in lines) + 16
        h = line_height * len(lines) + 8
        return Box(x - w / 2, y - h / 2, w, h)

    roles = {link.target: link.label for link in ecomap.links if link.label}
    placed: list[PlacedNode] = []
    for node in sorted(ecomap.nodes, key=lambda n: (n.node_id != CENTRE_ID, n.layer)):
        second = roles.get(node.node_id) or node.detail
        detail = (second,) if second else ()
        if node.node_id == CENTRE_ID:
            lines = (shorten(node.label, LABEL_CHARS), *detail)
            placed.append(PlacedNode(node, lines, box_for(lines, cx, cy)))
            continue
        shape = ring_of_layer[node.layer]
        start = math.atan2(node.y, node.x)
        found: PlacedNode | None = None

        def free(box: Box) -> bool:
            return (
                box.inside(width, height)
                and not any(box.touches(p.box) for p in placed)
                and not any(box.touches(clear) for clear in keep_clear)
            )

        for chars in (LABEL_CHARS, *SHORTER):
            lines = (shorten(node.label, chars), *(shorten(d, chars) for d in detail))
            # Its own ring first, then just outside or inside it when the ring is full.
            for spread in RING_SPREAD:
                for step in range(int(360 / STEP_DEGREES)):
                    # Round the ring both ways from its own place: 0, +3°, −3°, +6°, …
                    turn = STEP_DEGREES * ((step + 1) // 2) * (1 if step % 2 else -1)
                    angle = start + math.radians(turn)
                    box = box_for(
                        lines,
                        cx + shape.rx * spread * math.cos(angle),
                        cy + shape.ry * spread * math.sin(angle),
                    )
                    if free(box):
                        found = PlacedNode(node, lines, box)
                        break
                if found is not None:
                    break
            if found is not None:
                break
        if found is None:  # the rings are full: the free place nearest its own
            chars = SHORTER[-1]
            lines = (shorten(node.label, chars), *(shorten(d, chars) for d in detail))
            want_x = cx + shape.rx * math.cos(start)
            want_y = cy + shape.ry * math.sin(start)
            spots = sorted(
                (
                    (x, y)
                    for x in range(0, int(width), max(4, int(line_height)))
                    for y in range(0, int(height), max(4, int(line_height)))
                ),
                key=lambda spot: (spot[0] - want_x) ** 2 + (spot[1] - want_y) ** 2,
            )
            box = next(
                (b for b in (box_for(lines, x, y) for x, y in spots) if free(b)),
                box_for(lines, want_x, want_y),
            )
            found = PlacedNode(node, lines, box)
        placed.append(found)

    return Drawing((cx, cy), rings, tuple(placed))
