"""The command line asks who an export is for: --recipient, --organisation, --lawful-basis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_REJECTED
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli
from tests.records.sharing_helpers import Family, make_family
from tests.reports.report_helpers import caseload
from tests.sync.world import create_member

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch
SHARE = ["--recipient", "School nurse", "--organisation", "Demoford Health"]


@pytest.fixture
def family(data_dir: Path) -> Family:
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Cli Officer", role="lead", kdf_target_seconds=0
    )
    with vault:
        return make_family(caseload(vault), consent="given")


def _entries(data_dir: Path, family_id: str) -> list[dict[str, object]]:
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        return [dict(e) for e in Caseload(vault).sharing.history(family_id)]


def test_report_for_an_outsider_without_lawful_basis_exits_3_and_writes_nothing(
    capsys: Cap, monkeypatch: MP, data_dir: Path, tmp_path: Path, family: Family
) -> None:
    out = tmp_path / "case.pdf"
    args = ["report", "case", family.family_id, "--out", str(out), *SHARE]
    result = run_cli(capsys, monkeypatch, data_dir, *args, env=ENV)
    assert result.code == EXIT_REJECTED
    assert "lawful_basis" in result.err and "Traceback" not in result.err
    assert not out.exists()
    assert _entries(data_dir, family.family_id) == []


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["report", "case", "{family}"], "case_summary"),
        (["report", "chronology", "{family}"], "chronology"),
        (["report", "caseload"], "caseload_overview"),
        (["report", "transfer", "{pupil}", "--to-school", "Demoford Academy"], "transfer_pack"),
        (["report", "sar", "{pupil}", "--json-out", "{tmp}/sar.json"], "subject_access"),
        (["export-json"], "json_export"),
    ],
)
def test_each_export_command_records_what_to_whom_and_why(
    capsys: Cap,
    monkeypatch: MP,
    data_dir: Path,
    tmp_path: Path,
    family: Family,
    command: list[str],
    what: str,
) -> None:
    out = tmp_path / "out.file"
    args = [a.format(family=family.family_id, pupil=family.pupil_id, tmp=tmp_path) for a in command]
    args += ["--out", str(out), *SHARE, "--lawful-basis", "consent", "--condition"]
    args += ["explicit_consent", "--json"]
    result = run_cli(capsys, monkeypatch, data_dir, *args, env=ENV)
    assert result.code == 0, result.err
    assert out.exists()
    [entry] = _entries(data_dir, family.family_id)
    assert entry["what"] == what
    assert (entry["recipient"], entry["organisation"]) == ("School nurse", "Demoford Health")
    assert (entry["lawful_basis"], entry["condition"]) == ("consent", "explicit_consent")
    assert entry["consent_status"] == "given"
    assert json.loads(result.out).get("sharing_entries", 1) == 1


def test_peer_add_as_another_agency_needs_a_lawful_basis(
    capsys: Cap, monkeypatch: MP, data_dir: Path, tmp_path: Path, family: Family
) -> None:
    agency = create_member(tmp_path, "agency", "officer")
    base = ["peer", "add", "--key", agency.public_key, "--organisation", "Demoford Housing"]
    refused = run_cli(capsys, monkeypatch, data_dir, *base, env=ENV)
    assert refused.code == EXIT_REJECTED
    accepted = run_cli(
        capsys, monkeypatch, data_dir, *base, "--lawful-basis", "public_task", env=ENV
    )
    assert accepted.code == 0, accepted.err
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        c.allocations.allocate(family.family_id, agency.device_id)
    bundle = tmp_path / "b.lbundle"
    exported = run_cli(
        capsys, monkeypatch, data_dir, "bundle", "export", "--to", agency.device_id,
        "--out", str(bundle), env=ENV,
    )  # fmt: skip
    assert exported.code == 0, exported.err
    [entry] = _entries(data_dir, family.family_id)
    assert (entry["what"], entry["organisation"]) == ("sync_bundle", "Demoford Housing")
    assert entry["recipient"] == "agency"  # the peer's name when no person was given
