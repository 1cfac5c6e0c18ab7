"""Pupil facts: what holds for a pupil, the caseload list's filter keys per family, the
overview's counts, and one child's chronology."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from liaison_desktop.domain.pupil_facts import facts_of, facts_words
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault
from tests.reports.report_helpers import poppler_pages
from tests.services.caseload_helpers import TODAY, caseload_on


def test_facts_of_a_pupil_and_in_words() -> None:
    pupil = {"fsm": True, "fsm_since": "2024-09-01", "send": "ehcp", "care_status": "lac",
             "eal": True}  # fmt: skip
    assert facts_of(pupil) == {"fsm", "send", "ehcp", "social_care", "lac", "eal"}
    assert facts_words(pupil) == "FSM since 2024-09-01, EHC plan, Looked after, EAL"
    assert facts_of({"care_status": "cp"}) == {"social_care", "cp"}
    assert facts_of({}) == frozenset()


def test_the_caseload_rows_carry_the_pupils_facts_and_the_overview_counts_them(
    lead_vault: Vault, tmp_path: Path
) -> None:
    c = caseload_on(lead_vault)
    first = c.families.create({"name": "Okafor family"}).id
    second = c.families.create({"name": "Brennan family"}).id
    c.people.create({"family_id": first, "given_name": "Tobi", "family_name": "Okafor",
                     "role": "pupil", "fsm": True, "care_status": "cp"})  # fmt: skip
    c.people.create(
        {
            "family_id": first,
            "given_name": "Ada",
            "family_name": "Okafor",
            "role": "carer",
            "young_carer": True,
        }
    )  # fmt: skip  (a carer: not counted)
    c.people.create({"family_id": second, "given_name": "Liam", "family_name": "Brennan",
                     "role": "pupil", "eal": True, "send": "sen_support"})  # fmt: skip
    rows = {r.name: r.facts for r in c.caseload_rows.rows()}
    assert rows == {
        "Okafor family": {"fsm", "social_care", "cp"},
        "Brennan family": {"eal", "send"},
    }
    result = ReportsService(c).caseload_overview(ReportOptions(out=tmp_path / "o.pdf"))
    text = " ".join(" ".join(p.split()) for p in poppler_pages(result.path))
    assert "2 pupils on the caseload." in text
    assert "Free school meals 1" in text and "Child protection plan 1" in text
    assert "Young carer 0" in text and "English as an additional language 1" in text


def test_one_childs_chronology(lead_vault: Vault) -> None:
    c = caseload_on(lead_vault)
    fid = c.families.create({"name": "Okafor family"}).id
    tobi = c.people.create({"family_id": fid, "given_name": "Tobi", "preferred_name": "Tee",
                            "family_name": "Okafor", "role": "pupil"}).id  # fmt: skip
    c.people.create({"family_id": fid, "given_name": "Bisi", "family_name": "Okafor",
                     "role": "pupil"})  # fmt: skip
    about_tee = c.notes.write(fid, "Tee was tired again this morning.").id
    c.notes.write(fid, "Bisi's reading is coming on.")
    c.notes.write(fid, "Mum worried about the rent.")
    c.consents.give(fid, "Share with the school nurse", "Mum", person_id=tobi)
    goal = c.plan.add_goal(fid, "Bedtimes settled", person_id=tobi,
                           review_by=TODAY + timedelta(days=7))  # fmt: skip
    entries = c.chronology.for_child(fid, tobi)
    assert {e.record_id for e in entries} >= {about_tee, goal.id}
    summaries = " | ".join(e.summary for e in entries)
    assert "Tee was tired" in summaries and "school nurse" in summaries
    assert "Bisi" not in summaries and "rent" not in summaries
    assert len(c.chronology.for_family(fid)) > len(entries)
