"""`liaison attendance import`: the school's attendance export from a script, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
UPN = "A123456789012"


@pytest.fixture
def pupil_vault(vault: Vault) -> str:
    c = Caseload(vault)
    fid = c.families.create({"name": "Mensah family"}).id
    person = c.people.create({"family_id": fid, "given_name": "Zoe", "role": "pupil", "upn": UPN})
    vault.close()
    return person.id


def test_an_export_is_imported_and_a_bad_row_refuses_the_whole_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    pupil_vault: str,
    tmp_path: Path,
) -> None:
    good = tmp_path / "autumn.csv"
    good.write_text(f"UPN,Possible Sessions,Sessions Attended\r\n{UPN},140,119\r\n")
    result = run_cli(capsys, monkeypatch, data_dir, "attendance", "import", str(good),
                     "--period", "Autumn 2026", "--json", env=ENV)  # fmt: skip
    assert result.code == 0, result.err
    assert json.loads(result.out)["created"] == 1
    bad = tmp_path / "spring.csv"
    bad.write_text(
        f"UPN,Term,Possible Sessions,Sessions Attended\r\n{UPN},Spring 2027,100,90\r\n"
        "Z999999999999,Spring 2027,100,80\r\n"
    )
    refused = run_cli(capsys, monkeypatch, data_dir, "attendance", "import", str(bad), env=ENV)
    assert refused.code == 3 and "row 3" in refused.err and "Z999999999999" in refused.err
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        figures = Caseload(vault).attendance.figures_for_person(pupil_vault)
        assert [(f.period, f.sessions_attended) for f in figures] == [("Autumn 2026", 119)]
    missing = run_cli(capsys, monkeypatch, data_dir, "attendance", "import",
                      str(tmp_path / "none.csv"), env=ENV)  # fmt: skip
    assert missing.code == 3 and "could not be read" in missing.err
