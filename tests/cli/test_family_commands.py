"""`liaison family list/show/set` and `note add`, as an officer's script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli, run_cli_process

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


@pytest.fixture
def family_id(vault: Vault) -> str:
    caseload = Caseload(vault)
    family = caseload.families.create({"name": "Kowalczyk family", "postcode": "B1 1AA"})
    caseload.people.create(
        {
            "family_id": family.id,
            "given_name": "Łucja",
            "family_name": "Kowalczyk",
            "role": "pupil",
            "year_group": 3,
        }
    )
    vault.close()
    return family.id


def test_family_list_json_is_a_list_of_id_and_name(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    result = run_cli(capsys, monkeypatch, data_dir, "family", "list", "--json", env=ENV)
    assert result.code == 0
    rows = json.loads(result.out)
    assert [(r["id"], r["name"]) for r in rows] == [(family_id, "Kowalczyk family")]


def test_family_show_json_prints_the_interchange_shape(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    result = run_cli(capsys, monkeypatch, data_dir, "family", "show", family_id, "--json", env=ENV)
    assert result.code == 0
    doc = json.loads(result.out)
    assert doc["id"] == family_id and doc["postcode"] == "B1 1AA"
    assert {"members", "visits", "notes", "referrals", "actions", "consents", "case_links"} <= set(
        doc
    )
    assert [m["given_name"] for m in doc["members"]] == ["Łucja"]


def test_showing_a_family_is_audited(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    run_cli(capsys, monkeypatch, data_dir, "family", "show", family_id, env=ENV)
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        actions = [e.action for e in Caseload(vault).audit.for_family(family_id)]
    assert actions[-1] == "view"


def test_family_set_changes_fields_and_refuses_bad_ones_without_changing_anything(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    ok = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "family",
        "set",
        family_id,
        "phone=0161 496 0000",
        "strengths=Grandparents nearby",
        "--json",
        env=ENV,
    )
    assert ok.code == 0 and json.loads(ok.out)["phone"] == "+441614960000"
    bad = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "family",
        "set",
        family_id,
        "postcode=ZZ",
        "name=Renamed",
        env=ENV,
    )
    assert bad.code == 3 and "postcode" in bad.err
    shown = json.loads(
        run_cli(capsys, monkeypatch, data_dir, "family", "show", family_id, "--json", env=ENV).out
    )
    assert shown["name"] == "Kowalczyk family" and shown["postcode"] == "B1 1AA"
    assert (
        run_cli(capsys, monkeypatch, data_dir, "family", "set", family_id, "upn=X", env=ENV).code
        == 64
    )


def test_note_add_reads_standard_input_and_can_finalise(data_dir: Path, family_id: str) -> None:
    result = run_cli_process(
        data_dir,
        "note",
        "add",
        family_id,
        "--final",
        "--json",
        env=ENV,
        stdin="Phone call: Mum has a job interview on Friday.\n",
    )
    assert result.code == 0, result.err
    note = json.loads(result.out)
    assert note["status"] == "final" and note["text"].startswith("Phone call")
    missing = run_cli_process(data_dir, "note", "add", "no-such-family", "--text", "x", env=ENV)
    assert missing.code == 3 and "no family" in missing.err
