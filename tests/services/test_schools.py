"""Issue 23, item 6: a federation or trust lead holds several schools — families and pupils
name theirs, siblings at another school stay one family, and the caseload list, the caseload
overview and the command line filter by school."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_OK, NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli
from tests.reports.report_helpers import poppler_pages
from tests.services.caseload_helpers import caseload_on, create_lead_vault


@pytest.fixture
def trust(tmp_path: Path) -> Caseload:
    c = caseload_on(create_lead_vault(tmp_path / "lead"))
    hill = c.schools.add("Hillside Primary", urn="100001", trust="Fictional Trust")
    vale = c.schools.add("Vale Academy", urn="100002", trust="Fictional Trust")
    a = c.families.create({"name": "Ashworth family", "school_id": hill.id}).id
    b = c.families.create({"name": "Brennan family", "school_id": vale.id}).id
    c.families.create({"name": "Unplaced family"})
    c.people.create({"family_id": a, "given_name": "Ada", "role": "pupil"})
    # Ada's brother goes to the trust's other school: one family, two schools.
    c.people.create({"family_id": a, "given_name": "Ben", "role": "sibling", "school_id": vale.id})
    c.people.create({"family_id": b, "given_name": "Cai", "role": "pupil"})
    return c


def test_each_school_holds_its_families_and_siblings_cross_schools(trust: Caseload) -> None:
    ids = {str(s["name"]): s.id for s in trust.schools.all()}
    names = {f.id: f["name"] for f in trust.families.all()}
    hill = {names[f] for f in trust.schools.family_ids_at(ids["Hillside Primary"])}
    vale = {names[f] for f in trust.schools.family_ids_at(ids["Vale Academy"])}
    assert hill == {"Ashworth family"}
    assert vale == {"Brennan family", "Ashworth family"}  # Ben's school too
    rows = {r.name: r.schools for r in trust.caseload_rows.rows()}
    assert rows["Ashworth family"] == {ids["Hillside Primary"], ids["Vale Academy"]}
    assert rows["Unplaced family"] == frozenset()
    with pytest.raises(ValidationFailed, match="already listed"):
        trust.schools.add("hillside primary")


def test_the_overview_reports_one_school(trust: Caseload, tmp_path: Path) -> None:
    vale = trust.schools.resolve("Vale Academy")
    result = ReportsService(trust).caseload_overview(
        ReportOptions(out=tmp_path / "vale.pdf", school_id=vale)
    )
    text = " ".join(" ".join(p.split()) for p in poppler_pages(result.path))
    assert "Caseload overview: Vale Academy" in text
    assert "2 families" in text  # Brennan, and Ashworth through Ben
    whole = ReportsService(trust).caseload_overview(ReportOptions(out=tmp_path / "all.pdf"))
    assert "3 families" in " ".join(" ".join(p.split()) for p in poppler_pages(whole.path))


def test_only_a_lead_adds_schools(vault: Vault) -> None:
    with pytest.raises(NotPermitted):
        Caseload(vault).schools.add("Somewhere Primary")


def test_schools_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = create_lead_vault(tmp_path / "cli")
    c = Caseload(lead)
    family = c.families.create({"name": "Nowak family"}).id
    lead.close()
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    data_dir = tmp_path / "cli"

    def cli(*args: str) -> tuple[int, str]:
        result = run_cli(capsys, monkeypatch, data_dir, *args, env=env)
        assert result.code == EXIT_OK, result.err
        return result.code, result.out

    cli("school", "add", "Hillside Primary", "--urn", "100001")
    cli("school", "add", "Vale Academy")
    cli("school", "set", family, "vale academy")
    _code, out = cli("school", "list", "--json")
    counts = {s["name"]: s["families"] for s in json.loads(out)["schools"]}
    assert counts == {"Hillside Primary": 0, "Vale Academy": 1}
    _code, out = cli("report", "caseload", "--school", "Hillside Primary", "--out",
                     str(tmp_path / "h.pdf"), "--json")  # fmt: skip
    text = " ".join(" ".join(p.split()) for p in poppler_pages(tmp_path / "h.pdf"))
    assert "Caseload overview: Hillside Primary" in text and "0 families" in text


def test_a_pupil_list_of_one_school_places_its_families_and_pupils(
    trust: Caseload, tmp_path: Path
) -> None:
    from liaison_desktop.interchange.pupil_refresh import refresh_from_file
    from tests.interchange.test_pupil_refresh import SIMS, upn

    hill, vale = trust.schools.resolve("Hillside Primary"), trust.schools.resolve("Vale Academy")
    path = tmp_path / "hill.csv"
    path.write_text(SIMS.replace(",,Tom,", ",Green,Tom,"), encoding="utf-8")
    refresh_from_file(trust, path, school_id=hill)
    kowalski = next(f for f in trust.families.all() if "Kowalsk" in str(f["name"]))
    assert kowalski["school_id"] == hill
    # Vale's list has a sibling of the Kowalski children: he joins their family as Vale's.
    vale_list = (
        "UPN,Legal Surname,Legal Forename,DOB,NC Year,Address,Postcode,Primary Contact,"
        "Contact Relationship,Primary Contact Telephone\r\n"
        f"{upn('801200005099')},Kowalski,Piotr,02/05/2012,Year 8,5 Mill Lane,CF24 2BB,"
        "Mrs Anna Kowalska,Mother,07700 900200\r\n"
    )
    path.write_text(vale_list, encoding="utf-8")
    plan = refresh_from_file(trust, path, school_id=vale, dry_run=True)
    assert any(line.family_id == kowalski.id for line in plan.lines)
    refresh_from_file(trust, path, school_id=vale)
    piotr = next(p for p in trust.people.members(kowalski.id) if p["given_name"] == "Piotr")
    assert piotr["school_id"] == vale
    assert kowalski.id in trust.schools.family_ids_at(vale)
