"""Acceptance 1 of issue 11: invite three families, record attendance for two, and see it in
each family's chronology and in the engagement summary counts."""

from __future__ import annotations

from datetime import date

from liaison_desktop.domain import engagement as eng
from liaison_desktop.services.caseload import Caseload
from tests.services.caseload_helpers import new_family


def test_three_invited_two_came_shows_in_chronologies_and_summary(caseload: Caseload) -> None:
    activity = caseload.activities.add(
        "Cookery class, Tuesdays", "cookery_class", sessions=["2026-11-03", "2026-11-10"]
    )
    first, second = (s.id for s in caseload.activities.sessions_of(activity.id))
    amira = new_family(caseload, "Haddad family")
    kasia = new_family(caseload, "Nowak family")
    lee = new_family(caseload, "Lee family")
    caseload.activities.invite(activity.id, [amira, kasia, lee], on=date(2026, 10, 20))
    caseload.activities.mark(first, amira)
    caseload.activities.mark(second, amira)
    caseload.activities.mark(first, kasia)
    caseload.activities.mark(first, lee, "did_not_attend")

    def story(family_id: str) -> list[tuple[str, str, str]]:
        return [
            (f"{e.when:%Y-%m-%d}", e.kind, e.summary)
            for e in caseload.chronology.for_family(family_id)
        ]

    assert story(amira) == [
        ("2026-10-20", "invitation", "Invited to Cookery class, Tuesdays"),
        ("2026-11-03", "activity_attendance", "Came to Cookery class, Tuesdays"),
        ("2026-11-10", "activity_attendance", "Came to Cookery class, Tuesdays"),
    ]
    assert story(kasia) == [
        ("2026-10-20", "invitation", "Invited to Cookery class, Tuesdays"),
        ("2026-11-03", "activity_attendance", "Came to Cookery class, Tuesdays"),
    ]
    assert story(lee) == [
        ("2026-10-20", "invitation", "Invited to Cookery class, Tuesdays"),
        ("2026-11-03", "activity_attendance", "Did not come to Cookery class, Tuesdays"),
    ]

    summary = caseload.engagement_summary.summary()
    assert summary.term == eng.term_of(date(2026, 11, 20))
    assert summary.current.engaged == 2
    assert summary.current.attended == 2
    [figures] = summary.activities
    assert (figures.title, figures.sessions, figures.invited, figures.attended) == (
        "Cookery class, Tuesdays",
        2,
        3,
        2,
    )
    assert (figures.invited_attended, figures.walk_ins, figures.attendances) == (2, 0, 3)
    [kind] = summary.kinds
    assert (kind.label, kind.activities, kind.invited, kind.attended) == ("Cookery class", 1, 3, 2)
    # The term before saw none of it.
    assert summary.terms[-2].engaged == 0

    # And each family's own engagement view agrees.
    [status] = caseload.engagement.for_family(lee).activities
    assert (status.invited_on, status.sessions_marked, status.attended) == ("2026-10-20", 1, False)
    [status] = caseload.engagement.for_family(amira).activities
    assert (status.sessions_attended, status.last_attended) == (2, "2026-11-10")


def test_an_invited_family_with_no_mark_shows_only_the_invitation(caseload: Caseload) -> None:
    activity = caseload.activities.add("Coffee morning", "coffee_morning", sessions=["2026-11-06"])
    family = new_family(caseload)
    caseload.activities.invite(activity.id, [family], on=date(2026, 11, 1))
    assert [e.kind for e in caseload.chronology.for_family(family)] == ["invitation"]
    assert caseload.engagement_summary.summary().current.engaged == 0


def test_engagement_entries_can_be_filtered_in_the_chronology(caseload: Caseload) -> None:
    family = new_family(caseload)
    caseload.engagement.add_volunteering(
        family, "Reading helper", started_on="2026-09-10", schedule="Fridays"
    )
    role = caseload.engagement.volunteering.for_family(family)[0]
    caseload.engagement.end_volunteering(role.id, date(2026, 11, 1))
    caseload.engagement.sign_agreement(family, date(2026, 9, 5))
    caseload.notes.create(
        {
            "family_id": family,
            "written_at": "2026-09-06T10:00:00",
            "author": "Jo",
            "text": "Phone call",
            "status": "draft",
        }
    )
    entries = caseload.chronology.for_family(family, kinds=["volunteering", "agreement"])
    assert [(e.kind, e.summary) for e in entries] == [
        ("agreement", "Home-school agreement signed"),
        ("volunteering", "Started volunteering: Reading helper (Fridays)"),
        ("volunteering_ended", "Finished volunteering: Reading helper"),
    ]
