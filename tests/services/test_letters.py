"""Letters and forms: built-in templates and the school's own (a lead's to change), filled from
the record with unknown placeholders shown, and saved as a PDF recorded as sent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from liaison_desktop.domain.letters import fill
from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault
from tests.reports.report_helpers import poppler_pages
from tests.services.caseload_helpers import TODAY, caseload_on


@pytest.fixture
def family(lead_vault: Vault) -> tuple[Caseload, str]:
    c = caseload_on(lead_vault)
    fid = c.families.create(
        {"name": "Okafor family", "address": "3 Demo Row, Demoford", "postcode": "CF10 1AA",
         "needs": ["food", "uniform"]}
    ).id  # fmt: skip
    c.people.create({"family_id": fid, "given_name": "Ada", "family_name": "Okafor",
                     "role": "carer"})  # fmt: skip
    c.people.create({"family_id": fid, "given_name": "Tobi", "family_name": "Okafor",
                     "preferred_name": "Tee", "role": "pupil", "year_group": 4})  # fmt: skip
    return c, fid


def test_fill_keeps_unknown_placeholders_visible() -> None:
    filled = fill("Dear {carer}, see you {when} in {school}.", {"carer": "Ada", "school": ""})
    assert filled.text == "Dear Ada, see you [when] in [school]."
    assert filled.unknown == ("when",)


def test_an_appointment_letter_is_filled_from_the_record(family: tuple[Caseload, str]) -> None:
    c, fid = family
    visit = c.visits.plan(fid, TODAY + timedelta(days=3), time="10:30")
    letter = c.letters.fill("appointment", fid, visit_id=visit.id)
    assert letter.recipient == "Ada Okafor" and letter.organisation == ""
    assert letter.address == "3 Demo Row, Demoford, CF10 1AA"
    assert "Dear Ada Okafor," in letter.body
    assert f"{TODAY + timedelta(days=3):%A}" in letter.body and "10:30" in letter.body
    assert "Tee" in letter.body and letter.unknown == ()


def test_the_school_edits_a_template_and_can_go_back(family: tuple[Caseload, str]) -> None:
    c, fid = family
    c.letters.save_template(
        "Our visit", "appointment", "Hello {carer}, {pupil_first} {oops}", key="appointment"
    )
    letter = c.letters.fill("appointment", fid)
    assert letter.body == "Hello Ada Okafor, Tee [oops]" and letter.unknown == ("oops",)
    own = c.letters.save_template("Coffee morning", "invitation", "Come, {carer}!")
    assert own.key == "coffee-morning" and not own.built_in
    assert [t.key for t in c.letters.templates()][-1] == "coffee-morning"
    c.letters.retire("coffee-morning")
    assert "coffee-morning" not in [t.key for t in c.letters.templates()]
    restored = c.letters.restore_built_in("appointment")
    assert restored.title == "Home visit appointment" and not restored.edited


def test_an_officer_cannot_change_the_templates(vault: Vault) -> None:
    c = caseload_on(vault)
    with pytest.raises(NotPermitted):
        c.letters.save_template("Mine", "other", "Hello")
    assert [t.key for t in c.letters.templates()] == [
        "appointment",
        "attendance",
        "referral_form",
        "invitation",
    ]


def test_a_referral_form_goes_to_the_organisation_and_is_recorded_as_shared(
    family: tuple[Caseload, str], tmp_path: Path
) -> None:
    c, fid = family
    bank = c.directory.create(
        {"organisation": "Demoford Food Bank", "name": "Sam Reed", "kind": "food_bank", "layer": 3}
    )
    letter = c.letters.fill("referral_form", fid, organisation_id=bank.id)
    assert (letter.recipient, letter.organisation) == ("Sam Reed", "Demoford Food Bank")
    preview = ReportsService(c).preview_letter(fid, letter)
    assert preview.pages == 1
    assert c.sharing.for_family(fid) == []  # a preview shares nothing
    result = ReportsService(c).letter(fid, letter, ReportOptions(out=tmp_path / "referral.pdf"))
    text = " ".join(" ".join(p.split()) for p in poppler_pages(result.path))
    assert "To: Demoford Food Bank" in text and "Needs" not in text
    assert "food, uniform" in text and "Tobi (Tee) Okafor (year 4)" in text
    (entry,) = c.sharing.for_family(fid)
    assert (entry["what"], entry["recipient"], entry["organisation"]) == (
        "letter",
        "Sam Reed",
        "Demoford Food Bank",
    )
