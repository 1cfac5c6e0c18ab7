"""The community directory and the team around the family; actions and what is overdue."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison_desktop.errors import NotFound, NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.directory_service import case_link_id
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


def _contacts(caseload: Caseload) -> dict[str, str]:
    specs = {
        "food": {"organisation": "Hope Food Bank", "kind": "food_bank", "layer": 3,
                 "opening_times": "Tue 10-2", "secure_email": "referrals@hope.example.org"},
        "sw": {"organisation": "Children's Social Care", "name": "Priya Shah",
               "kind": "social_care", "layer": 2},
        "lib": {"organisation": "Central Library", "kind": "library", "layer": 4},
        "mosque": {"organisation": "Al-Noor Mosque", "kind": "faith_group", "layer": 3},
    }  # fmt: skip
    return {key: caseload.directory.create(values).id for key, values in specs.items()}


def test_contacts_are_grouped_by_layer_and_kind(caseload: Caseload) -> None:
    ids = _contacts(caseload)
    by_layer = caseload.directory.by_layer()
    assert set(by_layer) == {1, 2, 3, 4} and by_layer[1] == []
    assert [c.id for c in by_layer[3]] == [ids["mosque"], ids["food"]]
    assert [c.id for c in caseload.directory.in_layer(2)] == [ids["sw"]]
    assert [c.id for c in caseload.directory.by_kind()["library"]] == [ids["lib"]]
    assert list(caseload.directory.by_kind("food_bank")) == ["food_bank"]
    assert [c.id for c in caseload.directory.of_kind("faith_group")] == [ids["mosque"]]


def test_a_contact_needs_a_layer_from_one_to_four(caseload: Caseload) -> None:
    with pytest.raises(ValidationFailed, match="layer"):
        caseload.directory.create({"organisation": "Club", "kind": "youth", "layer": 5})


def test_team_around_the_family_with_roles(caseload: Caseload) -> None:
    ids = _contacts(caseload)
    fid = new_family(caseload)
    other = new_family(caseload, "Brennan family")
    caseload.directory.link(fid, ids["sw"], "Allocated social worker")
    caseload.directory.link(fid, ids["food"], "Weekly parcels")
    caseload.directory.link(other, ids["food"], "Weekly parcels")
    team = caseload.directory.team(fid)
    assert [(m.contact.id, m.role) for m in team] == [
        (ids["sw"], "Allocated social worker"),
        (ids["food"], "Weekly parcels"),
    ]
    linked = caseload.directory.families_linked_to(ids["food"])
    assert [f.id for f in linked] == [fid, other]
    assert [f["name"] for f in linked] == ["Adeyemi family", "Brennan family"]
    with pytest.raises(NotFound):
        caseload.directory.families_linked_to("missing")


def test_linking_again_is_not_a_duplicate_and_ids_are_deterministic(caseload: Caseload) -> None:
    ids = _contacts(caseload)
    fid = new_family(caseload)
    first = caseload.directory.link(fid, ids["lib"], "Homework club")
    second = caseload.directory.link(fid, ids["lib"], " Homework club ")
    assert first.id == second.id == case_link_id(fid, ids["lib"], "Homework club")
    assert len(caseload.case_links.for_family(fid)) == 1
    with pytest.raises(ValidationFailed, match="already used"):
        caseload.case_links.create({"family_id": fid, "contact_id": ids["lib"],
                                    "role": "Homework club"})  # fmt: skip
    caseload.directory.unlink(fid, ids["lib"], "Homework club")
    assert caseload.directory.team(fid) == []
    again = caseload.directory.link(fid, ids["lib"], "Homework club")
    assert again.id == first.id and len(caseload.directory.team(fid)) == 1


def test_a_contact_in_a_team_cannot_be_deleted(caseload: Caseload) -> None:
    ids = _contacts(caseload)
    fid = new_family(caseload)
    caseload.directory.link(fid, ids["sw"], "Social worker")
    with pytest.raises(NotPermitted, match="remove them from those teams first"):
        caseload.directory.delete(ids["sw"])
    caseload.directory.delete(ids["lib"])
    assert caseload.directory.find(ids["lib"]) is None


def test_links_must_name_real_records(caseload: Caseload) -> None:
    fid = new_family(caseload)
    with pytest.raises(ValidationFailed, match="contact_id"):
        caseload.directory.link(fid, "nobody", "Role")


# -- actions -----------------------------------------------------------------------------------
def test_overdue_lists_undone_actions_past_their_due_date(caseload: Caseload) -> None:
    fid = new_family(caseload)
    late = caseload.actions.add(fid, "Send uniform form", due=TODAY - timedelta(days=1))
    caseload.actions.add(fid, "Book interpreter", due=TODAY)
    caseload.actions.add(fid, "No date")
    done = caseload.actions.add(fid, "Done already", due=TODAY - timedelta(days=9))
    caseload.actions.complete(done.id)
    assert [a.id for a in caseload.actions.overdue()] == [late.id]
    assert [a["title"] for a in caseload.actions.due_within(7)] == ["Book interpreter"]
    assert [a["title"] for a in caseload.actions.open_for_family(fid)] == [
        "Send uniform form",
        "Book interpreter",
        "No date",
    ]


def test_completing_records_the_day_and_reopening_clears_it(caseload: Caseload) -> None:
    fid = new_family(caseload)
    action = caseload.actions.add(fid, "Call housing")
    assert action["owner"] == "Test Officer" and action["done"] is False
    done = caseload.actions.complete(action.id)
    assert (done["done"], done["done_at"]) == (True, TODAY.isoformat())
    reopened = caseload.actions.reopen(action.id)
    assert (reopened["done"], reopened["done_at"]) == (False, None)
