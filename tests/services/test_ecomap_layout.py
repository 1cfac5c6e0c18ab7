"""The ecomap picture's geometry: in a crowded family no box touches another, each says the
role it plays, and everything is inside the picture."""

from __future__ import annotations

from itertools import combinations, pairwise

import pytest

from liaison_desktop.domain.ecomap_layout import Drawing, arrange
from liaison_desktop.services.ecomap_service import FAMILY_RING, Placement, layout


def crowded() -> list[Placement]:
    people = [
        Placement(f"person:c{i}", "person", f"Child{i} Wiśniewska-Okonkwo", "Pupil",
                  FAMILY_RING, "Pupil")
        for i in range(4)
    ] + [
        Placement(f"person:a{i}", "person", f"Adult{i} Nowak", "Carer", FAMILY_RING,
                  "Grandmother and main carer")
        for i in range(3)
    ]  # fmt: skip
    contacts = [
        Placement(
            f"contact:{i}", "contact",
            f"Organisation number {i} with a long name ({'Ms Person'})",
            "Social care" if i % 2 else "Community group",
            1 + i % 4,
            f"Role {i}: weekly support worker",
            ("strong", "tenuous", "stressful", "")[i % 4],
        )
        for i in range(10)
    ]  # fmt: skip
    return people + contacts


@pytest.mark.parametrize(
    ("width", "height", "char", "line"),
    [(1600, 1600, 10.0, 20.0), (1200, 900, 7.0, 15.0), (980, 700, 6.5, 14.0)],
)
def test_nothing_overlaps_in_a_crowded_family(
    width: int, height: int, char: float, line: float
) -> None:
    ecomap = layout("f", "Nowak-Okonkwo household", crowded())
    drawing: Drawing = arrange(ecomap, width, height, lambda t: len(t) * char, line)
    assert len(drawing.nodes) == 1 + 7 + 10
    for a, b in combinations(drawing.nodes, 2):
        assert not a.box.touches(b.box, 0.0), (a.lines, b.lines)
    for placed in drawing.nodes:
        assert placed.box.inside(width, height), placed.lines
        for ring in drawing.rings:  # the rings' names are never under a box
            assert not placed.box.touches(ring.caption, 0.0), (placed.lines, ring.label)
    # Each box says the role its link plays, under the name (shortened, never dropped).
    for link in ecomap.links:
        (placed,) = [p for p in drawing.nodes if p.node.node_id == link.target]
        assert placed.lines[1].rstrip("…") and link.label.startswith(placed.lines[1].rstrip("…"))


def test_rings_are_evenly_spaced_from_the_family_out_to_the_fourth_layer() -> None:
    ecomap = layout("f", "Family", crowded())
    drawing = arrange(ecomap, 1600, 1600, lambda t: len(t) * 10.0, 20.0)
    heights = [ring.ry for ring in drawing.rings]
    assert [ring.layer for ring in drawing.rings] == [FAMILY_RING, 1, 2, 3, 4]
    steps = {round(b - a, 3) for a, b in pairwise(heights)}
    assert len(steps) == 1 and heights[0] == pytest.approx(steps.pop())


def test_a_long_name_is_shortened_not_drawn_over_its_neighbours() -> None:
    names = [Placement(f"contact:{i}", "contact", "A" * 60, "", 1, "") for i in range(8)]
    drawing = arrange(layout("f", "F", names), 900, 700, lambda t: len(t) * 8.0, 16.0)
    for a, b in combinations(drawing.nodes, 2):
        assert not a.box.touches(b.box, 0.0)
    assert all(len(p.lines[0]) <= 22 for p in drawing.nodes)
    assert any(p.lines[0].endswith("…") for p in drawing.nodes)
