"""Every vocabulary value's label is a literal msgid in the catalogue with a Welsh translation,
translated when shown (not when imported), and no `_()` call builds its msgid at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from liaison_desktop import i18n
from liaison_desktop.domain import chronology
from liaison_desktop.domain import vocabulary as v
from liaison_desktop.services.chronology_service import KINDS
from tools.i18n_check import catalogue_ids, translated_ids

from .catalogues import POT, ROOT, WELSH, extract


def _vocabulary_values() -> list[str]:
    """Every value of every vocabulary the module defines (its upper-case tuples of text)."""
    values: list[str] = []
    for name, vocabulary in vars(v).items():
        if name.isupper() and isinstance(vocabulary, tuple):
            values.extend(x for x in vocabulary if isinstance(x, str) and x not in values)
    return values


VALUES = _vocabulary_values()


def test_the_vocabularies_are_found() -> None:
    # A guard on the discovery above: it must see the vocabularies named in the issue.
    assert {"planned", "food_bank", "carer", "no_access", "legal_obligation"} <= set(VALUES)
    assert len(VALUES) >= 60


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids `make messages` finds in the code now (not the committed template)."""
    return catalogue_ids(extract(tmp_path_factory.mktemp("pot")))


def test_every_vocabulary_label_is_in_the_catalogue_and_in_welsh(extracted: set[str]) -> None:
    pot, welsh = catalogue_ids(POT), translated_ids(WELSH)
    for value in VALUES:
        english = v.label(value)  # the process is in English here, so this is the msgid
        assert english in extracted, f"{english!r} ({value}) is not extracted from the code"
        assert english in pot, f"{english!r} ({value}) is not in liaison.pot: make messages"
        assert english in welsh, f"{english!r} ({value}) has no Welsh translation in cy.po"


def test_labels_are_translated_when_shown_not_when_imported() -> None:
    # vocabulary was imported (in English) long before this; loading Welsh afterwards must
    # still change what label() returns.
    assert v.label("planned") == "Planned"
    i18n.load("cy")
    assert v.label("planned") == "Wedi'i gynllunio"
    assert v.label("food_bank") == "Banc bwyd"
    assert v.label("carer") == "Gofalwr"
    assert v.label("no_access") == "Dim mynediad"
    i18n.load("en")
    assert v.label("planned") == "Planned"


def test_the_english_labels_are_what_they_were() -> None:
    # The literal msgids must read exactly as the old run-time rule made them.
    special = {
        "taf": "Team around the family",
        "energy_fuel": "Energy / fuel",
        "holiday_food": "Holiday food and activities",
        "no_access": "No access",
        "action": "Action taken",  # a concern's stage (issue 18)
        # Issue 22: new values, labelled as an officer says them from the start.
        "asked_neighbour": "Spoke to a neighbour",
        "phoned": "Phoned the family",
        "texted": "Texted the family",
        "school_told": "Told the school's safeguarding lead",
        "looked_around": "Checked for signs of occupancy",
        "by_family": "Cancelled by the family",
        "by_school": "Cancelled by the school",
        "worse": "Got worse",
        "sen_support": "SEN support",
        "ehcp": "EHC plan",
        "cin": "Child in need",
        "cp": "Child protection plan",
        "previously_lac": "Previously looked after",
        "lac": "Looked after",
    }
    for value in VALUES:
        assert v.label(value) == special.get(value, value.replace("_", " ").capitalize())


def test_an_unknown_value_reads_as_words() -> None:
    assert v.label("new_kind_from_a_newer_device") == "New kind from a newer device"
    assert v.label("") == ""


def test_every_chronology_kind_label_is_in_the_catalogue(extracted: set[str]) -> None:
    assert [k for k in KINDS if chronology.kind_label(k) not in extracted] == []


def _dynamic_msgids(path: Path) -> list[str]:
    """`_()`/`ngettext()` calls in one module whose msgid pybabel cannot read."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marks = any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "N_"
        for n in ast.walk(tree)
    )
    found: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        count = {"_": 1, "ngettext": 2}.get(node.func.id, 0)
        for arg in node.args[:count]:
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            # A plain name is allowed only where N_ marks the table it comes from.
            if not literal and not (marks and isinstance(arg, ast.Name)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_msgid_is_built_at_run_time() -> None:
    package = ROOT / "liaison_desktop"
    found = [f for path in sorted(package.rglob("*.py")) for f in _dynamic_msgids(path)]
    assert found == [], "mark the text with N_() or write it literally:\n" + "\n".join(found)
