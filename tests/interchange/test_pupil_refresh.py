"""Three terms of pupil lists, each from a different school system, imported as refreshes:
new pupils, changes, leavers, siblings across surnames, and the preview matching the result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.domain.fields import upn_check_letter
from liaison_desktop.errors import InputRejected
from liaison_desktop.interchange.pupil_csv import RowsRejected
from liaison_desktop.interchange.pupil_refresh import (
    CHANGED,
    LEFT,
    NEW,
    UNCHANGED,
    RefreshPlan,
    apply_as_previewed,
    apply_refresh,
    plan_refresh,
)
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

from .conftest import vault_state


def upn(body: str) -> str:
    return upn_check_letter(body) + body


ZOFIA, JAN, SARA, OLA, TOM = (upn(f"8012000050{n:02d}") for n in (1, 2, 3, 4, 5))
RAVI, MEERA = upn("801200005006"), upn("801200005007")

# Autumn: SIMS's headers. Zofia Kowalska and Jan Kowalski are siblings (one address, one
# carer, two surnames); row 5 has no surname.
SIMS = (
    "UPN,Legal Surname,Legal Forename,DOB,NC Year,Address,Postcode,Primary Contact,"
    "Contact Relationship,Primary Contact Telephone\r\n"
    f"{ZOFIA},Kowalska,Zofia,02/05/2016,Year 4,5 Mill Lane,CF24 2BB,Mrs Anna Kowalska,Mother,"
    "07700 900200\r\n"
    f"{JAN},Kowalski,Jan,11/01/2019,Year 1,5 Mill Lane,CF24 2BB,Mrs Anna Kowalska,Mother,"
    "07700 900200\r\n"
    f"{SARA},Ahmed,Sara,20/06/2015,Year 5,3 Quay Street,M14 3DB,Mr Omar Ahmed,Father,"
    "07700 900300\r\n"
    f"{TOM},,Tom,01/03/2017,Year 3,8 Hill Road,LS6 4DD,Ms Jo Green,Mother,07700 900400\r\n"
)
# Spring: Arbor's headers. Zofia moved up a year, Sara moved house, Ola (Zofia's and Jan's
# sister) and Tom arrive.
ARBOR = (
    "UPN,Last name,First name,Date of birth,Year,Address line 1,Postcode,Primary contact,"
    "Primary contact mobile\r\n"
    f"{ZOFIA},Kowalska,Zofia,2016-05-02,5,5 Mill Lane,CF24 2BB,Anna Kowalska,07700 900200\r\n"
    f"{JAN},Kowalski,Jan,2019-01-11,1,5 Mill Lane,CF24 2BB,Anna Kowalska,07700 900200\r\n"
    f"{SARA},Ahmed,Sara,2015-06-20,5,17 New Street,B12 5EE,Omar Ahmed,07700 900300\r\n"
    f"{OLA},Kowalska,Ola,2020-09-09,R,5 Mill Lane,CF24 2BB,Anna Kowalska,07700 900200\r\n"
    f"{TOM},Green,Tom,2017-03-01,3,8 Hill Road,LS6 4DD,Jo Green,07700 900400\r\n"
)
# Summer: Bromcom's headers. Sara has left; Ravi Patel and Meera Shah share a carer's phone.
BROMCOM = (
    "Student UPN,Legal Surname,Legal Forename,Date Of Birth,Year,Address Line 1,Postcode,"
    "Contact 1 Full Name,Contact 1 Mobile\r\n"
    f"{ZOFIA},Kowalska,Zofia,02/05/2016,5,5 Mill Lane,CF24 2BB,Anna Kowalska,07700 900200\r\n"
    f"{JAN},Kowalski,Jan,11/01/2019,1,5 Mill Lane,CF24 2BB,Anna Kowalska,07700 900200\r\n"
    f"{OLA},Kowalska,Ola,09/09/2020,R,5 Mill Lane,CF24 2BB,Anna Kowalska,07700 900200\r\n"
    f"{TOM},Green,Tom,01/03/2017,3,8 Hill Road,LS6 4DD,Jo Green,07700 900400\r\n"
    f"{RAVI},Patel,Ravi,04/04/2018,2,1 Park Row,NE2 6FF,Priya Patel,07700 900600\r\n"
    f"{MEERA},Shah,Meera,05/05/2016,4,9 Elm Close,L8 7GG,Priya Patel,07700 900600\r\n"
)


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return Caseload(vault)


def pupils_by_upn(caseload: Caseload) -> dict[str, dict[str, Any]]:
    return {str(p["upn"]): dict(p) for p in caseload.ctx.store.query("person", "role = 'pupil'")}


def check_written_as_previewed(caseload: Caseload, plan: RefreshPlan) -> None:
    """Every line of the preview is what the vault now holds."""
    pupils = pupils_by_upn(caseload)
    families = {str(f["id"]): dict(f) for f in caseload.families.all()}
    new_family_of: dict[int, str] = {}
    for line in plan.lines:
        assert line.upn is not None
        person = pupils[line.upn]  # a pupil who left is still there too
        if line.status == NEW:
            if line.family_id:
                assert person["family_id"] == line.family_id
            else:
                assert line.group is not None
                family = new_family_of.setdefault(line.group, str(person["family_id"]))
                assert person["family_id"] == family  # the group became one family
        if line.status == CHANGED:
            for name, _old, new in line.changes:
                holder = (
                    families[str(person["family_id"])]
                    if name in ("address", "postcode")
                    else person
                )
                assert holder[name] == new, (line.name, name)
    groups = list(new_family_of.values())
    assert len(groups) == len(set(groups))  # different groups, different families


def test_three_terms_from_three_systems_refresh_the_caseload(
    caseload: Caseload, vault: Vault
) -> None:
    # Autumn, with the blank surname: refused whole, nothing written.
    with pytest.raises(RowsRejected) as refused:
        plan_refresh(caseload, SIMS)
    assert "row 5" in str(refused.value) and "surname is empty" in str(refused.value)
    autumn = SIMS.replace(f"{TOM},,Tom", f"{TOM},Green,Tom")
    plan = plan_refresh(caseload, autumn)
    assert {line.status for line in plan.lines} == {NEW}
    groups = {line.name: line.group for line in plan.lines}
    assert groups["Zofia Kowalska"] == groups["Jan Kowalski"]  # siblings across surnames
    assert len({groups["Zofia Kowalska"], groups["Sara Ahmed"], groups["Tom Green"]}) == 3
    # The carer's full name, split as it will be written (title dropped), shown beforehand.
    zofia = next(line for line in plan.lines if line.name == "Zofia Kowalska")
    assert zofia.carers == [("Anna", "Kowalska")]
    apply_refresh(caseload, plan)
    check_written_as_previewed(caseload, plan)
    kowalski = caseload.people.members(str(pupils_by_upn(caseload)[JAN]["family_id"]))
    carers = [p for p in kowalski if p["role"] == "carer"]
    assert [(c["given_name"], c["phone"]) for c in carers] == [("Anna", "+447700900200")]

    # Spring: a preview first, then the same plan written.
    plan = plan_refresh(caseload, ARBOR)
    status = {line.name: line for line in plan.lines}
    assert status["Zofia Kowalska"].status == CHANGED
    assert status["Zofia Kowalska"].changes == [("year_group", 4, 5)]
    assert status["Jan Kowalski"].status == UNCHANGED
    sara = status["Sara Ahmed"]
    assert sara.status == CHANGED and {c[0] for c in sara.changes} == {"address", "postcode"}
    assert status["Ola Kowalska"].status == NEW
    assert status["Ola Kowalska"].family_id == pupils_by_upn(caseload)[ZOFIA]["family_id"]
    assert status["Tom Green"].status == UNCHANGED  # same pupil, now with the surname given
    apply_refresh(caseload, plan)
    check_written_as_previewed(caseload, plan)

    # Summer: Sara is listed as left and kept; Ravi and Meera share a carer.
    plan = plan_refresh(caseload, BROMCOM)
    status = {line.name: line for line in plan.lines}
    assert status["Sara Ahmed"].status == LEFT and status["Sara Ahmed"].row is None
    assert status["Ravi Patel"].group == status["Meera Shah"].group is not None
    # The officer splits Meera into a family of her own (her row is 7).
    plan = plan_refresh(caseload, BROMCOM, split=[7])
    status = {line.name: line for line in plan.lines}
    assert status["Ravi Patel"].group != status["Meera Shah"].group
    apply_refresh(caseload, plan)
    check_written_as_previewed(caseload, plan)
    assert SARA in pupils_by_upn(caseload)  # nothing is deleted


def test_a_wrong_upn_check_letter_is_refused(caseload: Caseload) -> None:
    wrong = "A" + ZOFIA[1:] if ZOFIA[0] != "A" else "B" + ZOFIA[1:]
    with pytest.raises(RowsRejected) as refused:
        plan_refresh(caseload, ARBOR.replace(ZOFIA, wrong))
    assert "row 2" in str(refused.value) and "check letter" in str(refused.value)


def test_the_cli_dry_run_shows_every_pupil_and_writes_nothing(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    path = tmp_path / "spring.csv"
    path.write_text(ARBOR, encoding="utf-8")
    before = vault_state(filled_vault)
    dry = run_cli(
        capsys, monkeypatch, filled_vault, "import", str(path), "--dry-run", "--json", env=env
    )
    assert dry.code == 0, dry.err
    report = json.loads(dry.out)
    assert report["imported"] is False and report["new"] == 5
    assert [row["status"] for row in report["rows"]].count(NEW) == 5
    assert vault_state(filled_vault) == before
    text = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--dry-run", env=env)
    assert "Dry run: nothing was written" in text.out and "Ola Kowalska" in text.out
    assert (
        "officer's laptop" in text.out
    )  # filled_vault is an officer's: the list is best the lead's
    written = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=env)
    assert json.loads(written.out)["imported"] is True
    assert vault_state(filled_vault) != before


def test_the_import_refuses_when_the_list_changed_since_the_preview(
    caseload: Caseload, tmp_path: Path
) -> None:
    path = tmp_path / "spring.csv"
    path.write_text(ARBOR, encoding="utf-8")
    shown = plan_refresh(caseload, ARBOR)
    path.write_text(ARBOR.replace("Green,Tom", "Greene,Tom"), encoding="utf-8")
    with pytest.raises(InputRejected, match="changed since the preview"):
        apply_as_previewed(caseload, path, (), shown)
    assert pupils_by_upn(caseload) == {}
    path.write_text(ARBOR, encoding="utf-8")
    apply_as_previewed(caseload, path, (), shown)
    assert len(pupils_by_upn(caseload)) == 5


def test_legal_names_are_kept_with_the_preferred_name_beside_them(caseload: Caseload) -> None:
    listed = (
        "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB\r\n"
        f"{ZOFIA},Kowalska,Zofia,Zosia,02/05/2016\r\n"
        f"{JAN},Kowalski,Jan,Jan,11/01/2019\r\n"
    )
    apply_refresh(caseload, plan_refresh(caseload, listed))
    pupils = pupils_by_upn(caseload)
    assert (pupils[ZOFIA]["given_name"], pupils[ZOFIA]["preferred_name"]) == ("Zofia", "Zosia")
    assert pupils[JAN]["preferred_name"] is None  # the same as the legal forename
    assert caseload.people.display_name(pupils[ZOFIA]) == "Zofia (Zosia) Kowalska"
    later = plan_refresh(caseload, listed.replace("Zosia", "Zosieńka"))
    line = next(line for line in later.lines if line.upn == ZOFIA)
    assert line.status == CHANGED and line.changes == [("preferred_name", "Zosia", "Zosieńka")]
