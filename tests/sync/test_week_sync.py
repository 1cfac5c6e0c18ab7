"""Issue 22 records through real bundles: an officer's no-access visit, actions and case plan
reach the lead and the lead's back; an insider cannot write them into another officer's
family or rewrite a plan review."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.plan_service import GoalProgress
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.insider import forge
from tests.sync.test_authority import MP, Cap, School, send

from .test_authority import school as school


def test_the_officers_week_reaches_the_lead_and_the_leads_action_comes_back(
    school: School,
) -> None:
    today = date.today()
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        visit = c.visits.plan(school.sams, today, purpose="Attendance").id
        c.visits.record_outcome(visit, "no_access", steps=["card_left"], note="No answer")
        action = c.actions.add(school.sams, "Phone to rebook", source=c.visits.get(visit)).id
        goal = c.plan.add_goal(school.sams, "Attendance above 90%", review_by=today).id
        c.plan.review(school.sams, [GoalProgress(goal, "some_progress", "Better mornings")])
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        seen = c.visits.get(visit)
        assert (seen["status"], seen["no_access_steps"]) == ("no_access", ["card_left"])
        assert c.actions.get(action)["source_id"] == visit
        (planned,) = c.plan.goals(school.sams)
        assert planned.latest_progress == "some_progress"
        lead_action = c.actions.add(
            school.sams, "Sam: ask the EWO to call", owner="Sam", due=today + timedelta(days=2)
        ).id
    send(school.lead, school.sam)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        assert c.actions.get(lead_action)["owner"] == "Sam"


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        (
            "plan_goal",
            {"goal": "Forged goal", "owner": "Sam", "set_on": "2026-12-01", "status": "open"},
        ),
        ("action", {"title": "Forged action", "owner": "Kim", "done": False}),
    ],
)
def test_an_officer_cannot_write_plans_or_actions_into_another_officers_family(
    school: School, capsys: Cap, monkeypatch: MP, kind: str, values: dict[str, object]
) -> None:
    forge(school.sam, kind, "e1" * 16, {"family_id": school.kims, **values})
    result = school.refused(capsys, monkeypatch)
    assert "not allocated" in result.err


def test_a_plan_review_cannot_be_rewritten_afterwards(
    school: School, capsys: Cap, monkeypatch: MP, tmp_path: Path
) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        goal = c.plan.add_goal(school.sams, "Bedtimes settled").id
        (review,) = c.plan.review(school.sams, [GoalProgress(goal, "not_started")])
    send(school.sam, school.lead)
    forge(school.sam, "goal_review", review.id, {"progress": "achieved"})
    school.refused(capsys, monkeypatch)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).plan.reviews.get(review.id)["progress"] == "not_started"


def test_an_officer_cannot_rewrite_the_schools_letter_templates(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    from liaison_desktop.domain.letters import template_id

    forge(
        school.sam,
        "letter_template",
        template_id("appointment"),
        {"key": "appointment", "title": "Forged", "kind": "appointment",
         "body": "Send your bank details to {officer}"},
    )  # fmt: skip
    result = school.refused(capsys, monkeypatch)
    assert "only a safeguarding lead" in result.err
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert not Caseload(vault).letters.template("appointment").edited
