"""The lead's engagement summary: terms, attendance by activity and kind, new partnerships."""

from __future__ import annotations

from datetime import date

from liaison_desktop.domain import engagement as eng
from liaison_desktop.services.caseload import Caseload
from tests.services.caseload_helpers import new_family


def test_families_engaged_per_term_count_each_family_once(caseload: Caseload) -> None:
    a, b, c = (new_family(caseload, n) for n in ("A family", "B family", "C family"))
    open_day = caseload.activities.add("Open day", "open_day", sessions=["2026-03-02"])
    [session] = caseload.activities.sessions_of(open_day.id)
    caseload.activities.mark(session.id, a)  # spring 2026, walked in
    caseload.engagement.sign_agreement(a, date(2026, 9, 7))  # autumn 2026
    caseload.engagement.add_volunteering(a, "Trip helper", started_on="2026-10-01")  # autumn 2026
    caseload.engagement.add_volunteering(
        b, "Breakfast club", started_on="2026-02-01", ended_on="2026-05-01"
    )  # spring and summer 2026
    caseload.engagement.sign_agreement(c, date(2024, 9, 9))  # long before the history
    summary = caseload.engagement_summary.summary()
    by_term = {t.term.label: t for t in summary.terms}
    assert list(by_term) == [
        "Spring 2025",
        "Summer 2025",
        "Autumn 2025",
        "Spring 2026",
        "Summer 2026",
        "Autumn 2026",
    ]
    assert by_term["Spring 2026"].engaged == 2
    assert (by_term["Spring 2026"].attended, by_term["Spring 2026"].volunteered) == (1, 1)
    assert by_term["Summer 2026"].engaged == 1
    autumn = by_term["Autumn 2026"]
    assert (autumn.engaged, autumn.volunteered, autumn.signed_agreement) == (1, 1, 1)
    assert summary.families == 3


def test_a_chosen_term_counts_only_its_own_sessions(caseload: Caseload) -> None:
    family = new_family(caseload)
    activity = caseload.activities.add(
        "Coffee morning", "coffee_morning", sessions=["2026-03-06", "2026-11-06"]
    )
    spring, _autumn = caseload.activities.sessions_of(activity.id)
    caseload.activities.mark(spring.id, family)
    spring_term = eng.term_by_key("2026-spring")
    summary = caseload.engagement_summary.summary(spring_term, terms=3)
    assert summary.term == spring_term and len(summary.terms) == 3
    [figures] = summary.activities
    assert (figures.sessions, figures.attended, figures.walk_ins) == (1, 1, 1)
    autumn_figures = caseload.engagement_summary.summary().activities[0]
    assert (autumn_figures.sessions, autumn_figures.attended) == (1, 0)


def test_new_partnerships_are_organisations_added_or_first_connected_this_term(
    caseload: Caseload,
) -> None:
    family = new_family(caseload)
    # The contact is written today (the real clock), so it is "added" in today's term.
    bank = caseload.directory.create(
        {"organisation": "Hillside Food Bank", "kind": "food_bank", "layer": 3}
    )
    caseload.referrals.create(
        {
            "family_id": family,
            "kind": "food_bank",
            "organisation_id": bank.id,
            "status": "draft",
            "date": "2026-10-12",
        }
    )
    real_term = eng.term_of(date.today())
    [partner] = caseload.engagement_summary.summary(real_term).partnerships
    assert (partner.organisation, partner.how, partner.first_connected_on) == (
        "Hillside Food Bank",
        "referral",
        date(2026, 10, 12),
    )
    assert partner.added_on == date.today()
    # In the autumn term of 2026 it was first connected to a family.
    [autumn] = caseload.engagement_summary.summary(eng.term_by_key("2026-autumn")).partnerships
    assert autumn.contact_id == bank.id
    # Nothing new in a term long before.
    assert caseload.engagement_summary.summary(eng.term_by_key("2020-autumn")).partnerships == ()


def test_activities_run_by_a_partner_connect_families_to_it(caseload: Caseload) -> None:
    family = new_family(caseload)
    bank = caseload.directory.create(
        {"organisation": "Second Stitch", "kind": "clothing_bank", "layer": 3}
    )
    activity = caseload.activities.add(
        "Uniform swap", "onsite_clothing_bank", sessions=["2026-09-20"], contact_id=bank.id
    )
    [session] = caseload.activities.sessions_of(activity.id)
    caseload.activities.mark(session.id, family)
    [partner] = caseload.engagement_summary.summary(eng.term_by_key("2026-autumn")).partnerships
    assert (partner.how, partner.first_connected_on) == ("activity", date(2026, 9, 20))
    asset = next(
        a
        for layer in caseload.asset_map.build().layers
        for group in layer.kinds
        for a in group.assets
        if bank.id in a.contact_ids
    )
    assert (asset.connections.activities, asset.connections.activity_families) == (1, 1)
