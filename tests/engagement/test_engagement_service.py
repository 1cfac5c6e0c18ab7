"""A family's engagement profile, agreement and volunteering (services/engagement_service)."""

from __future__ import annotations

from datetime import date

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from tests.services.caseload_helpers import new_family


def test_the_profile_keeps_how_and_when_to_reach_the_family(caseload: Caseload) -> None:
    family = new_family(caseload)
    caseload.engagement.set_profile(
        family,
        {
            "preferred_channel": "text_message",
            "preferred_language": "Polish",
            "best_time": "after 3pm",
        },
    )
    caseload.engagement.set_profile(family, {"best_time": "mornings before 9"})
    profile = caseload.engagement.profile(family)
    assert profile is not None
    assert (profile["preferred_channel"], profile["preferred_language"], profile["best_time"]) == (
        "text_message",
        "Polish",
        "mornings before 9",
    )
    assert caseload.ctx.store.count("engagement_profile") == 1


def test_a_person_can_have_their_own_profile(caseload: Caseload) -> None:
    family = new_family(caseload)
    dad = caseload.people.create({"family_id": family, "given_name": "Tomasz", "role": "carer"}).id
    caseload.engagement.set_profile(family, {"preferred_language": "English"})
    caseload.engagement.set_profile(family, {"preferred_language": "Polish"}, person_id=dad)
    view = caseload.engagement.for_family(family)
    assert view.profile is not None and view.profile["preferred_language"] == "English"
    assert [p["preferred_language"] for p in view.person_profiles] == ["Polish"]


def test_a_person_of_another_family_is_refused(caseload: Caseload) -> None:
    family, other = new_family(caseload), new_family(caseload, "Other family")
    stranger = caseload.people.create({"family_id": other, "given_name": "Sam", "role": "carer"}).id
    with pytest.raises(ValidationFailed):
        caseload.engagement.set_profile(family, {"best_time": "noon"}, person_id=stranger)
    with pytest.raises(ValidationFailed):
        caseload.engagement.add_volunteering(family, "Trip helper", person_id=stranger)
    assert caseload.ctx.store.count("engagement_profile") == 0
    assert caseload.ctx.store.count("volunteering") == 0


def test_an_unknown_channel_is_refused_and_the_profile_is_unchanged(caseload: Caseload) -> None:
    family = new_family(caseload)
    caseload.engagement.set_profile(family, {"preferred_channel": "phone"})
    with pytest.raises(ValidationFailed):
        caseload.engagement.set_profile(family, {"preferred_channel": "pigeon", "best_time": "x"})
    profile = caseload.engagement.profile(family)
    assert profile is not None
    assert (profile["preferred_channel"], profile["best_time"]) == ("phone", None)


def test_signing_the_agreement_defaults_to_today(caseload: Caseload) -> None:
    family = new_family(caseload)
    caseload.engagement.sign_agreement(family)
    assert caseload.engagement.for_family(family).agreement_signed_on == "2026-11-20"


def test_volunteering_cannot_end_before_it_started(caseload: Caseload) -> None:
    family = new_family(caseload)
    role = caseload.engagement.add_volunteering(family, "Trip helper", started_on="2026-10-01")
    with pytest.raises(ValidationFailed, match="before"):
        caseload.engagement.end_volunteering(role.id, date(2026, 9, 1))
    assert caseload.engagement.volunteering.get(role.id)["ended_on"] is None


def test_engaged_terms_count_attendance_volunteering_and_the_agreement(caseload: Caseload) -> None:
    family = new_family(caseload)
    caseload.engagement.sign_agreement(family, date(2025, 9, 8))  # autumn 2025
    # Volunteering from the summer term of 2026, still going: summer 2026 and autumn 2026.
    caseload.engagement.add_volunteering(family, "Library helper", started_on="2026-06-01")
    view = caseload.engagement.for_family(family)
    assert [t.label for t in view.engaged_terms] == ["Autumn 2025", "Summer 2026", "Autumn 2026"]
