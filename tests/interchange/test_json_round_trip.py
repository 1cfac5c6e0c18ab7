"""Round trip (issue acceptance 1): import a document, export the vault, get the same document."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from liaison_desktop.interchange.json_export import family_document, vault_document
from liaison_desktop.interchange.json_import import import_document
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import files_containing, new_canary, run_cli

from .strategies import documents, normalised


def _fresh_vault(root: Path) -> Vault:
    folder = Path(tempfile.mkdtemp(dir=root))
    vault, _recovery = Vault.create(
        folder, PASSPHRASE, owner_name="Round Trip", role="officer", kdf_target_seconds=0
    )
    return vault


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=documents())
def test_import_then_export_gives_back_the_same_document(
    tmp_path_factory: pytest.TempPathFactory, document: dict[str, Any]
) -> None:
    vault = _fresh_vault(tmp_path_factory.mktemp("roundtrip"))
    try:
        caseload = Caseload(vault)
        import_document(caseload, json.loads(json.dumps(document)))
        exported = vault_document(caseload)
        assert normalised(exported) == normalised(document)
        # …and importing the export again changes nothing and gives the same export.
        summary = import_document(caseload, exported)
        assert summary.total_written == 0
        assert normalised(vault_document(caseload)) == normalised(document)
    finally:
        vault.close()


def _sample() -> dict[str, Any]:
    return {
        "format": "liaison-desktop/1",
        "contacts": [
            {"id": "c1", "organisation": "Trussell food bank", "kind": "food_bank", "layer": 3}
        ],
        "families": [
            {
                "id": "f1",
                "name": "Nguyễn family",
                "members": [
                    {"id": "p1", "given_name": "Phương", "family_name": "Nguyễn", "role": "pupil"}
                ],
                "notes": [
                    {
                        "id": "n1",
                        "written_at": "2024-03-01T09:00:00",
                        "author": "Officer",
                        "text": "Home visit.",
                        "status": "final",
                    }
                ],
                "case_links": [{"contact_id": "c1", "role": "food parcels"}],
            }
        ],
    }


def test_family_document_is_one_family_in_the_interchange_shape(vault: Vault) -> None:
    caseload = Caseload(vault)
    import_document(caseload, _sample())
    doc = family_document(caseload, "f1")
    assert doc["id"] == "f1" and doc["name"] == "Nguyễn family"
    assert [m["given_name"] for m in doc["members"]] == ["Phương"]
    assert doc["notes"][0]["status"] == "final"
    assert doc["case_links"][0]["contact_id"] == "c1"
    assert "family_id" not in doc["members"][0]  # implied by nesting, never repeated
    assert doc["visits"] == [] and doc["referrals"] == []


def test_case_link_without_id_is_not_duplicated_by_a_second_import(vault: Vault) -> None:
    caseload = Caseload(vault)
    import_document(caseload, _sample())
    import_document(caseload, _sample())
    assert len(family_document(caseload, "f1")["case_links"]) == 1


def test_export_via_cli_says_it_is_not_encrypted_and_writes_only_where_asked(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    Vault.create(data_dir, PASSPHRASE, owner_name="T", role="officer", kdf_target_seconds=0)[
        0
    ].close()
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_sample()), encoding="utf-8")
    assert run_cli(capsys, monkeypatch, data_dir, "import", str(source), env=env).code == 0
    out = tmp_path / "out" / "export.json"
    out.parent.mkdir()
    result = run_cli(capsys, monkeypatch, data_dir, "export-json", "--out", str(out), env=env)
    assert result.code == 0
    assert "NOT encrypted" in result.out
    assert sorted(p.name for p in out.parent.iterdir()) == ["export.json"]  # no temp left
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["format"] == "liaison-desktop/1"
    assert exported["families"][0]["members"] == _sample()["families"][0]["members"]
    assert exported["families"][0]["notes"] == _sample()["families"][0]["notes"]
    assert exported["contacts"] == _sample()["contacts"]
    inside = data_dir / "export.json"
    refused = run_cli(capsys, monkeypatch, data_dir, "export-json", "--out", str(inside), env=env)
    assert refused.code == 3 and not inside.exists()


def test_imported_canary_never_reaches_the_data_folder_in_plaintext(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    Vault.create(data_dir, PASSPHRASE, owner_name="T", role="officer", kdf_target_seconds=0)[
        0
    ].close()
    name, note = new_canary("NAME"), new_canary("NOTE")
    doc = _sample()
    doc["families"][0]["members"][0]["given_name"] = name
    doc["families"][0]["notes"][0]["text"] = f"Visited and spoke with {name}. {note}"
    source = tmp_path / "canary.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    result = run_cli(capsys, monkeypatch, data_dir, "import", str(source), env=env)
    assert result.code == 0, result.err
    assert name not in result.out + result.err
    assert files_containing(data_dir, [name, note]) == []
    # It really is in the vault: search finds it once unlocked.
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        assert Caseload(vault).search.search(name)
    finally:
        vault.close()
