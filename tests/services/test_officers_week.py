"""Issue 22 services: visit outcomes (no access above all), time and mileage, actions raised
from records and completed with an outcome, and the case plan with its reviews."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.plan_service import GoalProgress
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.services.visits_service import TimeSpent
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


def _visit(caseload: Caseload, fid: str, days: int = 0) -> str:
    return caseload.visits.plan(fid, TODAY + timedelta(days=days), purpose="Check-in").id


def test_no_access_records_what_was_done_and_reaches_the_chronology(caseload: Caseload) -> None:
    fid = new_family(caseload)
    vid = _visit(caseload, fid)
    visit = caseload.visits.record_outcome(
        vid,
        "no_access",
        steps=["card_left", "asked_neighbour", "card_left"],
        note="Curtains drawn, post piling up",
        time=TimeSpent(minutes=10, travel_minutes=25, miles=7),
    )
    assert visit["status"] == "no_access"
    assert visit["no_access_steps"] == ["card_left", "asked_neighbour"]
    assert (visit["minutes"], visit["travel_minutes"], visit["miles"]) == (10, 25, 7)
    assert visit["outcome_at"]
    entry = next(e for e in caseload.chronology.for_family(fid) if e.kind == "visit")
    assert "No access" in entry.summary
    assert "Card left, Spoke to a neighbour" in entry.summary
    assert "Curtains drawn" in entry.summary and "7 miles" in entry.summary


def test_no_access_without_saying_what_was_done_is_refused(caseload: Caseload) -> None:
    fid = new_family(caseload)
    vid = _visit(caseload, fid)
    with pytest.raises(ValidationFailed) as info:
        caseload.visits.record_outcome(vid, "no_access")
    assert [p[0] for p in info.value.problems] == ["no_access_steps"]
    with pytest.raises(ValidationFailed):
        caseload.visits.record_outcome(vid, "no_access", steps=["shouted"])
    assert caseload.visits.get(vid)["status"] == "planned"


def test_a_future_visit_cannot_be_completed_or_found_empty(caseload: Caseload) -> None:
    fid = new_family(caseload)
    vid = _visit(caseload, fid, days=3)
    for outcome in ("completed", "no_access"):
        with pytest.raises(ValidationFailed):
            caseload.visits.record_outcome(vid, outcome, steps=["phoned"])
    cancelled = caseload.visits.record_outcome(vid, "cancelled", cancelled_by="by_family")
    assert cancelled["cancelled_by"] == "by_family"
    with pytest.raises(NotPermitted):
        caseload.visits.record_outcome(vid, "completed")


def test_cancelling_needs_who_cancelled(caseload: Caseload) -> None:
    fid = new_family(caseload)
    vid = _visit(caseload, fid)
    with pytest.raises(ValidationFailed):
        caseload.visits.record_outcome(vid, "cancelled")
    assert caseload.visits.cancel(vid)["cancelled_by"] == "by_school"


def test_rescheduling_plans_the_replacement_and_points_at_it(caseload: Caseload) -> None:
    fid = new_family(caseload)
    vid = _visit(caseload, fid)
    with pytest.raises(ValidationFailed):
        caseload.visits.record_outcome(vid, "rescheduled", new_date=TODAY - timedelta(days=1))
    old = caseload.visits.record_outcome(
        vid, "rescheduled", new_date=TODAY + timedelta(days=7), new_time="14:30"
    )
    new = caseload.visits.get(old["rescheduled_to"])
    assert (new["status"], new["date"], new["time"], new["purpose"]) == (
        "planned",
        (TODAY + timedelta(days=7)).isoformat(),
        "14:30",
        "Check-in",
    )


def test_checking_out_records_the_outcome_once(caseload: Caseload) -> None:
    fid = new_family(caseload)
    vid = _visit(caseload, fid)
    caseload.visits.check_in(vid, caseload.ctx.now() + timedelta(hours=1))
    visit = caseload.visits.check_out(vid, status="no_access", steps=["phoned"])
    assert visit["status"] == "no_access" and visit["checked_out_at"]
    with pytest.raises(NotPermitted):
        caseload.visits.check_out(vid)
    # An outcome said while still inside leaves the check-out to do, and keeps the outcome.
    other = _visit(caseload, fid)
    caseload.visits.check_in(other, caseload.ctx.now() + timedelta(hours=1))
    caseload.visits.record_outcome(other, "completed")
    assert caseload.visits.get(other)["checked_out_at"]


def test_actions_from_a_visit_are_listed_done_with_an_outcome(caseload: Caseload) -> None:
    fid = new_family(caseload)
    other = new_family(caseload, "Other family")
    vid = _visit(caseload, fid)
    visit = caseload.visits.get(vid)
    with pytest.raises(ValidationFailed):
        caseload.actions.add(other, "Call housing", source=visit)
    action = caseload.actions.add(fid, "Call housing", source=visit, due=TODAY + timedelta(days=2))
    later = caseload.actions.add(fid, "Chase uniform", owner="Someone Else")
    assert (action["source_kind"], action["source_id"]) == ("visit", vid)
    assert [a.id for a in caseload.actions.from_source(vid)] == [action.id]
    assert [a.id for a in caseload.actions.mine()] == [action.id]
    done = caseload.actions.complete(action.id, "Housing officer visiting Tuesday")
    assert done["done"] and done["done_at"] == TODAY.isoformat()
    assert [a.id for a in caseload.actions.for_family(fid)] == [later.id, action.id]
    assert caseload.actions.mine() == []
    summaries = [e.summary for e in caseload.chronology.for_family(fid)]
    assert "Action done: Call housing — Housing officer visiting Tuesday" in summaries


def test_a_plan_review_records_progress_per_goal_and_moves_reviews(caseload: Caseload) -> None:
    fid = new_family(caseload)
    rent = caseload.plan.add_goal(
        fid,
        "Rent arrears under control",
        target="Payment plan agreed",
        review_by=TODAY + timedelta(days=5),
        area="home_money",
    )
    school = caseload.plan.add_goal(fid, "Attendance above 90%", review_by=TODAY)
    assert [g.id for g in caseload.plan.reviews_due()] == [school.id, rent.id]
    with pytest.raises(ValidationFailed):
        caseload.plan.review(fid, [GoalProgress("not-a-goal", "some_progress")])
    written = caseload.plan.review(
        fid,
        [
            GoalProgress(rent.id, "some_progress", "Plan agreed with the landlord"),
            GoalProgress(school.id, "achieved"),
        ],
        next_review=TODAY + timedelta(days=42),
    )
    assert len(written) == 2
    goals = {g.record.id: g for g in caseload.plan.goals(fid)}
    assert goals[rent.id].record["review_by"] == (TODAY + timedelta(days=42)).isoformat()
    assert goals[rent.id].latest_progress == "some_progress"
    assert goals[school.id].record["status"] == "achieved"
    assert caseload.plan.reviews_due() == []
    with pytest.raises(NotPermitted):
        caseload.plan.reviews.update(written[0].id, {"comment": "rewritten"})
    kinds = [e.kind for e in caseload.chronology.for_family(fid)]
    assert kinds.count("plan_goal") == 2 and kinds.count("goal_review") == 2


def test_today_lists_families_not_seen_my_actions_due_and_plan_reviews(
    caseload: Caseload,
) -> None:
    from liaison_desktop.services.today_service import gather_today

    unseen, seen_since = new_family(caseload, "Unseen family"), new_family(caseload, "Seen family")
    earlier = caseload.visits.plan(unseen, TODAY, purpose="Check").id
    caseload.visits.record_outcome(earlier, "no_access", steps=["card_left"])
    first = caseload.visits.plan(seen_since, TODAY, purpose="Check").id
    caseload.visits.record_outcome(first, "no_access", steps=["phoned"])
    second = caseload.visits.plan(seen_since, TODAY, time="16:00").id
    caseload.visits.record_outcome(second, "completed")
    caseload.actions.add(unseen, "Phone the family", due=TODAY + timedelta(days=3))
    caseload.actions.add(unseen, "Someone else's", owner="Other", due=TODAY)
    caseload.actions.add(unseen, "Find a coat that fits")  # no date: listed last
    caseload.actions.add(unseen, "Overdue one", due=TODAY - timedelta(days=1))  # in Overdue
    caseload.plan.add_goal(unseen, "Attendance above 90%", review_by=TODAY + timedelta(days=2))
    snap = gather_today(caseload)
    assert [i.text for i in snap.no_access] == [
        f"Unseen family · no access {TODAY:%a %d %b} (Card left)"
    ]
    assert [i.text.split(" · ")[0] for i in snap.actions_due] == [
        "Phone the family",
        "Find a coat that fits",
    ]
    assert snap.actions_due[1].text.endswith("· no date")
    assert [i.text.split(" · ")[0] for i in snap.overdue_actions] == ["Overdue one"]
    assert [i.text.split(" · ")[0] for i in snap.reviews_due] == ["Attendance above 90%"]


def test_the_termly_time_summary_adds_visits_travel_miles_and_casework(
    caseload: Caseload,
) -> None:
    from liaison_desktop.domain.engagement import term_of
    from liaison_desktop.services.time_summary import time_summary

    fid = new_family(caseload)
    first = caseload.visits.plan(fid, TODAY, purpose="One").id
    caseload.visits.record_outcome(
        first, "completed", time=TimeSpent(minutes=45, travel_minutes=20, miles=6)
    )
    second = caseload.visits.plan(fid, TODAY, purpose="Two").id
    caseload.visits.record_outcome(
        second, "no_access", steps=["card_left"], time=TimeSpent(minutes=5, miles=6)
    )
    caseload.visits.plan(fid, TODAY, purpose="Still planned")
    caseload.visits.create(
        {"family_id": fid, "date": TODAY.isoformat(), "status": "completed",
         "officer": "Kim Other", "minutes": 30}
    )  # fmt: skip
    caseload.notes.write(fid, "Phoned the GP", template="phone_call", minutes=15)
    caseload.notes.write(fid, "No time said")
    summary = time_summary(caseload.ctx)
    assert (summary.start, summary.end) == (term_of(TODAY).start, TODAY)  # this term so far
    rows = {r.officer: r for r in summary.officers}
    mine = rows["Test Officer"]
    assert mine.outcomes == {"completed": 1, "no_access": 1}
    assert (mine.minutes, mine.travel_minutes, mine.miles, mine.casework_minutes) == (
        50,
        20,
        12,
        15,
    )
    assert rows["Kim Other"].minutes == 30
    total = summary.total()
    assert (total.visits, total.minutes) == (3, 80)
