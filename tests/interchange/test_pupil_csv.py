"""Pupil lists from school information systems: headers, encodings, grouping, all or nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.interchange.pupil_columns import parse_date, parse_year_group, split_name
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli

from .conftest import vault_state

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}

SIMS = (
    "UPN,Legal Surname,Legal Forename,DOB,NC Year,Address,Postcode,Primary Contact,"
    "Contact Relationship,Contact Phone,Gender\r\n"
    "L12345678901B,Jones,Siân,01/09/2016,Year 3,1 Heol y Coed,CF10 1AA,Mrs Eleri Jones,Mother,"
    "07700 900123,F\r\n"
    "A12345678901C,Jones,Llŷr,14/03/2019,R,1 Heol y Coed,cf10 1aa,Mrs Eleri Jones,Mother,"
    "07700 900123,M\r\n"
    'P12345678901D,Müller,Zoë,2014-07-30,5,22 Station Road,M1 1AE,"Müller, Anja",Carer,,F\r\n'
)


def _people(data_dir: Path) -> list[dict[str, object]]:
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        caseload = Caseload(vault)
        out = []
        for family in caseload.families.all():
            for person in caseload.people.members(family.id):
                out.append({"family": family["name"], **dict(person)})
        return out
    finally:
        vault.close()


def _import(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    path: Path,
    *extra: str,
) -> CliResult:
    return run_cli(capsys, monkeypatch, data_dir, "import", str(path), *extra, env=ENV)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_sims_style_list_imports_in_every_encoding_schools_use(
    encoding: str,
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = SIMS if encoding != "cp1252" else SIMS.replace("Llŷr", "Seán")
    path = tmp_path / "pupils.csv"
    path.write_bytes(text.encode(encoding))
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["new"] == 3 and report["new_families"] == 2 and report["changed"] == 0
    assert len([p for p in _people(filled_vault) if p["role"] == "carer"]) >= 2
    assert report["ignored_columns"] == ["Gender"]
    people = {p["given_name"]: p for p in _people(filled_vault)}
    second = "Seán" if encoding == "cp1252" else "Llŷr"
    assert people["Siân"]["family_id"] == people[second]["family_id"]  # siblings, one household
    assert people["Siân"]["date_of_birth"] == "2016-09-01"
    assert people["Siân"]["year_group"] == 3 and people[second]["year_group"] == 0
    assert people["Zoë"]["family_name"] == "Müller" and people["Zoë"]["year_group"] == 5
    assert people["Eleri"]["role"] == "carer" and people["Eleri"]["phone"] == "+447700900123"
    assert people["Anja"]["family_name"] == "Müller"
    assert people["Anja"]["family_id"] == people["Zoë"]["family_id"]


def test_household_column_groups_pupils_whatever_their_address(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "arbor.csv"
    path.write_text(
        "Household ID,Forename,Surname,Date of Birth,Year Group\n"
        "H1,Phương,Nguyễn,2015-01-02,Year 4\n"
        "H1,Minh,Trần,2017-05-06,Year 2\n"
        "H2,Fatima,Al-Sayed,2018-09-10,Year 1\n",
        encoding="utf-8",
    )
    assert _import(capsys, monkeypatch, filled_vault, path).code == 0
    people = {p["given_name"]: p for p in _people(filled_vault)}
    assert people["Phương"]["family_id"] == people["Minh"]["family_id"]
    assert people["Phương"]["family"] == "Nguyễn / Trần family"
    assert people["Fatima"]["family_id"] != people["Minh"]["family_id"]


def test_mapping_overrides_headers_the_import_does_not_know(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Pupil first,Pupil last,Born on\nAisha,Abdi,03/04/2017\n", encoding="utf-8")
    refused = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), env=ENV)
    assert refused.code == 3 and "no column for forename" in refused.err
    result = run_cli(
        capsys, monkeypatch, filled_vault, "import", str(path),
        "--map", "given_name=Pupil first", "--map", "family_name=Pupil last",
        "--map", "date_of_birth=Born on", env=ENV,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert any(p["given_name"] == "Aisha" for p in _people(filled_vault))
    # Next term's list has the same headers: the mapping is remembered (in the vault).
    path.write_text(
        "Pupil first,Pupil last,Born on\nAisha,Abdi,03/04/2017\nBilal,Abdi,05/06/2019\n",
        encoding="utf-8",
    )
    again = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--dry-run", env=ENV)
    assert again.code == 0, again.err
    assert "date of birth ← 'Born on'" in again.out and "Bilal Abdi" in again.out
    assert "1 new" in again.out and "0 changed" in again.out


def test_every_rejected_row_is_reported_and_nothing_is_written(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Forename,Surname,DOB,Year,Contact Phone,Primary Contact\n"
        "Good,Pupil,01/01/2016,Year 3,,\n"
        "Bad,Date,30/02/2016,Year 3,,\n"
        "Good,Again,01/01/2017,Year 2,,\n"
        "Bad,Year,01/01/2015,Year 27,,\n"
        "Bad,Phone,01/01/2015,4,12345,Mr Phone\n",
        encoding="utf-8",
    )
    before = vault_state(filled_vault)
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 3
    assert "Traceback" not in result.err
    problems = {p["path"]: p["reason"] for p in json.loads(result.out)["problems"]}
    assert set(problems) == {"row 3", "row 5", "row 6"}
    assert "'30/02/2016' is not a real date" in problems["row 3"]
    assert "'Year 27'" in problems["row 5"]
    assert "phone" in problems["row 6"]
    for row in ("row 3", "row 5", "row 6"):
        assert row in result.err
    assert vault_state(filled_vault) == before


def test_the_same_list_imported_twice_changes_nothing_the_second_time(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "pupils.csv"
    path.write_text(SIMS, encoding="utf-8")
    assert run_cli(capsys, monkeypatch, filled_vault, "import", str(path), env=ENV).code == 0
    before = vault_state(filled_vault)
    again = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert again.code == 0, again.err
    report = json.loads(again.out)
    assert (report["new"], report["changed"], report["unchanged"]) == (0, 0, 3)
    assert vault_state(filled_vault) == before  # not a row, op or audit line more


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_uk_and_iso_dates_read_back_as_the_same_day(day: date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day


@pytest.mark.parametrize(
    ("text", "year"),
    [("Year 5", 5), ("Y5", 5), ("5", 5), ("R", 0), ("Reception", 0), ("N", -1), ("", None)],
)
def test_year_groups_are_read_as_schools_write_them(text: str, year: int | None) -> None:
    assert parse_year_group(text) == year


def test_contact_names_lose_their_titles_and_keep_their_order() -> None:
    assert split_name("Mrs Eleri Jones") == ("Eleri", "Jones")
    assert split_name("Müller, Anja") == ("Anja", "Müller")
    # Family name first where that is the convention, particles kept with the surname.
    assert split_name("Nguyễn Thị Lan") == ("Thị Lan", "Nguyễn")
    assert split_name("Mrs Siobhán Ó Briain") == ("Siobhán", "Ó Briain")
    assert split_name("Jan van der Berg") == ("Jan", "van der Berg")
    assert split_name("Mr Seán Mac Aoidh") == ("Seán", "Mac Aoidh")
    assert split_name("Ó Briain") == ("Ó", "Briain")  # two words only: no given name to keep


# -- exports as schools' systems write them (issue 20, first items) -------------------------------
def test_excels_unicode_text_export_utf16_and_tabs_imports(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "pupils.txt"
    path.write_bytes(SIMS.replace(",", "\t").replace('"Müller\tAnja"', "Müller Anja").encode(
        "utf-16"
    ))  # fmt: skip
    assert path.read_bytes()[:2] == b"\xff\xfe" and b"\x00" in path.read_bytes()
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["new"] == 3 and report["encoding"] == "UTF-16"
    people = {p["given_name"]: p for p in _people(filled_vault)}
    assert people["Llŷr"]["family_name"] == "Jones"


def test_a_blank_surname_is_refused_with_the_reason_and_nothing_is_written(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(
        "Legal Forename,Legal Surname,DOB,NC Year\nSiân,Jones,01/09/2016,3\nZoë,,14/03/2019,R\n",
        encoding="utf-8",
    )
    before = vault_state(filled_vault)
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 3, (result.out, result.err)  # refused, not a crash (was exit 1)
    assert "Traceback" not in result.err and "crash" not in result.err.lower()
    problems = {p["path"]: p["reason"] for p in json.loads(result.out)["problems"]}
    assert problems == {"row 3": problems["row 3"]} and "surname is empty" in problems["row 3"]
    assert vault_state(filled_vault) == before


@pytest.mark.parametrize(
    "header", ["Primary Contact Telephone", "Primary contact mobile", "Contact 1 Telephone"]
)
def test_sims_and_arbor_phone_columns_are_read(
    header: str,
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "phones.csv"
    path.write_text(
        f"Legal Forename,Legal Surname,DOB,NC Year,Primary Contact,{header}\n"
        "Siân,Jones,01/09/2016,3,Mrs Eleri Jones,07700 900123\n",
        encoding="utf-8",
    )
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 0, result.err
    assert header not in json.loads(result.out)["ignored_columns"]
    people = {p["given_name"]: p for p in _people(filled_vault)}
    assert people["Eleri"]["phone"] == "+447700900123"
