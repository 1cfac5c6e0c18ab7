"""Pupil facts in a school's export (FSM, pupil premium, SEN status codes, EAL, young carer,
looked after) are imported, refreshed and shown as changes; a bad cell is refused."""

from __future__ import annotations

import pytest

from liaison_desktop.interchange.pupil_csv import RowsRejected
from liaison_desktop.interchange.pupil_refresh import (
    CHANGED,
    UNCHANGED,
    apply_refresh,
    change_text,
    plan_refresh,
)
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault

from .test_pupil_refresh import JAN, ZOFIA, check_written_as_previewed, pupils_by_upn

HEAD = (
    "UPN,Legal Surname,Legal Forename,DOB,FSM Eligible,Pupil Premium,SEN Status,EAL,Young Carer\r\n"
)


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return Caseload(vault)


def test_facts_come_in_and_a_later_list_changes_them(caseload: Caseload) -> None:
    autumn = (
        HEAD
        + f"{ZOFIA},Kowalska,Zofia,02/05/2016,Y,Yes,K,Y,N\r\n"
        + f"{JAN},Kowalski,Jan,11/01/2019,N,No,N,Y,\r\n"
    )
    plan = plan_refresh(caseload, autumn)
    apply_refresh(caseload, plan)
    pupils = pupils_by_upn(caseload)
    zofia, jan = pupils[ZOFIA], pupils[JAN]
    assert (zofia["fsm"], zofia["pupil_premium"], zofia["send"], zofia["eal"]) == (
        True, True, "sen_support", True
    )  # fmt: skip
    assert zofia["young_carer"] is False and jan["fsm"] is False and jan["send"] is None
    # The same list again changes nothing; a "no" is what an unset yes/no was.
    again = plan_refresh(caseload, autumn)
    assert {line.status for line in again.lines} == {UNCHANGED}
    spring = autumn.replace(f"{JAN},Kowalski,Jan,11/01/2019,N,No,N", f"{JAN},Kowalski,Jan,"
                            "11/01/2019,Y,No,E")  # fmt: skip
    later = plan_refresh(caseload, spring)
    line = next(line for line in later.lines if line.upn == JAN)
    assert line.status == CHANGED
    assert change_text(line.changes) == ("free school meals: no → yes; SEN status: — → EHC plan")
    apply_refresh(caseload, later)
    check_written_as_previewed(caseload, later)
    assert pupils_by_upn(caseload)[JAN]["send"] == "ehcp"


def test_a_fact_cell_that_is_not_yes_or_no_is_refused_with_its_row(caseload: Caseload) -> None:
    bad = HEAD + f"{ZOFIA},Kowalska,Zofia,02/05/2016,perhaps,Yes,K,Y,N\r\n"
    with pytest.raises(RowsRejected) as info:
        plan_refresh(caseload, bad)
    assert "free school meals 'perhaps' is not yes or no" in str(info.value)
    assert caseload.people.query("") == []
