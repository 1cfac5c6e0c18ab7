"""The ecomap layout: the family at the centre, its people on its own ring, every agency or
asset on its community layer's ring, each tie drawn as strong, tenuous or stressful."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.errors import NotFound
from liaison_desktop.services.ecomap_service import CENTRE_ID, EcomapService, Placement, layout
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on, new_family


def _radius(x: float, y: float) -> float:
    return math.hypot(x, y)


def test_people_and_team_sit_on_their_layers_ring_linked_with_their_role(vault: Vault) -> None:
    caseload = caseload_on(vault)
    family_id = new_family(caseload)
    caseload.people.create({"family_id": family_id, "given_name": "Ada", "role": "pupil"})
    caseload.people.create(
        {"family_id": family_id, "given_name": "Bola", "role": "carer", "relationship": "Mum"}
    )
    contacts = {
        2: caseload.directory.create(
            {"organisation": "Children's Social Care", "kind": "social_care", "layer": 2}
        ),
        3: caseload.directory.create(
            {"organisation": "Hope Food Bank", "kind": "food_bank", "layer": 3}
        ),
        4: caseload.directory.create(
            {"organisation": "Central Library", "kind": "library", "layer": 4}
        ),
    }
    for layer, contact in contacts.items():
        link = caseload.directory.link(family_id, contact.id, f"role on layer {layer}")
        if layer == 2:
            caseload.directory.set_tie(link.id, "stressful")
    unrelated = new_family(caseload, "Another family")
    caseload.directory.link(unrelated, contacts[3].id, "not ours")

    ecomap = EcomapService(caseload.ctx).for_family(family_id)

    assert ecomap.family_name == "Adeyemi family"
    assert [(r.label, r.radius) for r in ecomap.rings] == [
        ("The family", 0.5),
        ("Pupils and staff", 1.0),
        ("Families and multi-agency contacts", 2.0),
        ("Organisations linked to the school", 3.0),
        ("Wider local community", 4.0),
    ]
    centre = ecomap.node(CENTRE_ID)
    assert (centre.x, centre.y, centre.layer) == (0.0, 0.0, 0)
    by_label = {n.label: n for n in ecomap.nodes}
    # The family's own people on its own ring; social care on its community layer, apart.
    assert by_label["Ada"].layer == 0 and by_label["Bola"].layer == 0
    assert by_label["Children's Social Care"].layer == 2
    radii = {r.layer: r.radius for r in ecomap.rings}
    for node in ecomap.nodes[1:]:
        assert _radius(node.x, node.y) == pytest.approx(radii[node.layer])
    links = {ecomap.node(link.target).label: link.label for link in ecomap.links}
    assert links == {
        "Ada": "Pupil",
        "Bola": "Mum",
        "Children's Social Care": "role on layer 2",
        "Hope Food Bank": "role on layer 3",
        "Central Library": "role on layer 4",
    }
    assert "not ours" not in links.values()
    ties = {ecomap.node(link.target).label: link.tie for link in ecomap.links}
    assert ties["Children's Social Care"] == "stressful" and ties["Central Library"] == ""
    text = ecomap.describe()
    assert "Wider local community: Central Library — role on layer 4" in text
    assert (
        "Families and multi-agency contacts: Children's Social Care — role on layer 2 "
        "(stressful tie)"
    ) in text
    assert "The family: Bola — Mum" in text
    assert len(text) == 5


def test_a_family_with_no_links_is_just_the_centre(vault: Vault) -> None:
    caseload = caseload_on(vault)
    ecomap = EcomapService(caseload.ctx).for_family(new_family(caseload))
    assert [n.node_id for n in ecomap.nodes] == [CENTRE_ID] and ecomap.links == ()


def test_unknown_family_is_not_found(vault: Vault) -> None:
    with pytest.raises(NotFound):
        EcomapService(caseload_on(vault).ctx).for_family("no-such-family")


@given(st.lists(st.integers(min_value=1, max_value=4), max_size=40))
def test_every_item_is_on_its_ring_and_items_of_a_ring_never_overlap(layers: list[int]) -> None:
    placements = [
        Placement(f"n{i}", "contact", f"Org {i}", "", layer, "") for i, layer in enumerate(layers)
    ]
    ecomap = layout("f", "Family", placements)
    assert len(ecomap.nodes) == len(layers) + 1 and len(ecomap.links) == len(layers)
    for node in ecomap.nodes[1:]:
        assert _radius(node.x, node.y) == pytest.approx(node.layer)
    points = [(n.layer, round(n.x, 6), round(n.y, 6)) for n in ecomap.nodes[1:]]
    assert len(set(points)) == len(points)
