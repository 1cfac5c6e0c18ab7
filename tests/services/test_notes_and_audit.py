"""Notes are immutable once finalised; every change and every viewing is audited in a chain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import files_containing, new_canary, run_cli


@pytest.fixture
def caseload(vault: Vault) -> Iterator[Caseload]:
    yield Caseload(vault)


def _family(caseload: Caseload, name: str = "Okafor family") -> str:
    return caseload.families.create({"name": name, "postcode": "LS1 4AP"}).id


def test_finalised_note_cannot_be_edited(caseload: Caseload) -> None:
    fid = _family(caseload)
    note = caseload.notes.write(fid, "Mum says the boiler is broken.", final=True)
    with pytest.raises(NotPermitted, match="amendment"):
        caseload.notes.save_draft(note.id, "Changed my mind.")
    with pytest.raises(NotPermitted):
        caseload.notes.delete(note.id)
    assert caseload.notes.get(note.id)["text"] == "Mum says the boiler is broken."


def test_draft_can_be_edited_then_finalised(caseload: Caseload) -> None:
    fid = _family(caseload)
    note = caseload.notes.write(fid, "First thoughts")
    caseload.notes.save_draft(note.id, "Better words")
    final = caseload.notes.finalise(note.id)
    assert final["status"] == "final" and final["text"] == "Better words"
    assert final["finalised_at"]


def test_amendment_links_to_the_note_it_corrects(caseload: Caseload) -> None:
    fid = _family(caseload)
    note = caseload.notes.write(fid, "Visit on Tuesday.", final=True)
    amendment = caseload.notes.amend(note.id, "Correction: the visit was on Wednesday.")
    assert amendment["amends"] == note.id and amendment["status"] == "final"
    assert [a.id for a in caseload.notes.amendments(note.id)] == [amendment.id]
    draft = caseload.notes.write(fid, "draft")
    with pytest.raises(NotPermitted):
        caseload.notes.amend(draft.id, "x")


def test_note_author_and_family_cannot_be_rewritten(caseload: Caseload) -> None:
    fid = _family(caseload)
    other = _family(caseload, "Other family")
    note = caseload.notes.write(fid, "draft")
    with pytest.raises(ValidationFailed, match="family_id"):
        caseload.notes.update(note.id, {"family_id": other})


def test_invalid_values_are_refused_with_the_field_named(caseload: Caseload) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        caseload.families.create({"name": "", "postcode": "NOT A POSTCODE", "phone": "12"})
    fields = {path for path, _reason in excinfo.value.problems}
    assert fields == {"name", "postcode", "phone"}
    assert caseload.families.all() == []


def test_dangling_reference_is_refused(caseload: Caseload) -> None:
    with pytest.raises(ValidationFailed, match="no family"):
        caseload.people.create({"family_id": "missing", "given_name": "A", "role": "pupil"})


def test_every_change_and_view_is_audited(caseload: Caseload) -> None:
    fid = _family(caseload)
    caseload.families.update(fid, {"strengths": "Close to grandparents"})
    caseload.families.view(fid)
    actions = [(e.action, e.kind, e.detail) for e in caseload.audit.for_family(fid)]
    assert actions == [
        ("create", "family", "name,postcode"),
        ("update", "family", "strengths"),
        ("view", "family", ""),
    ]


def test_audit_rows_hold_no_case_content(data_dir: Path, caseload: Caseload) -> None:
    canary = new_canary()
    fid = _family(caseload, canary)
    caseload.notes.write(fid, canary)
    rows = caseload.vault.conn.execute("SELECT * FROM audit").fetchall()
    assert rows and not any(canary in str(value) for row in rows for value in row)


def test_tampering_with_one_audit_row_fails_verify(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    vault: Vault,
) -> None:
    caseload = Caseload(vault)
    fid = _family(caseload)
    caseload.notes.write(fid, "one")
    caseload.notes.write(fid, "two")
    assert VaultService.verify(vault) == []
    vault.conn.execute("UPDATE audit SET actor = 'Someone else' WHERE seq = 2")
    assert any("event 2" in p for p in VaultService.verify(vault))
    vault.close()
    result = run_cli(
        capsys, monkeypatch, data_dir, "verify", env={"LIAISON_PASSPHRASE": PASSPHRASE}
    )
    assert result.code == 1 and "altered" in result.out


def test_deleting_an_audit_row_fails_verify(vault: Vault) -> None:
    caseload = Caseload(vault)
    fid = _family(caseload)
    caseload.families.view(fid)
    caseload.families.view(fid)
    vault.conn.execute("DELETE FROM audit WHERE seq = 2")
    assert any("missing" in p for p in VaultService.verify(vault))


def test_search_finds_records_by_prefix_and_ignores_accents(caseload: Caseload) -> None:
    fid = _family(caseload, "Wiśniewski family")
    caseload.people.create({"family_id": fid, "given_name": "Siân", "role": "carer"})
    caseload.notes.write(fid, "Discussed the uniform grant and breakfast club.")
    kinds = {r.kind for r in caseload.search.search("wisn")}
    assert kinds == {"family"}
    assert [r.kind for r in caseload.search.search("sian")] == ["person"]
    hit = caseload.search.search("breakf")[0]
    assert hit.family_id == fid and "[breakfast]" in hit.snippet
    assert caseload.search.search('"; DROP TABLE notes; --') == []


def test_deleted_records_leave_search_and_views(caseload: Caseload) -> None:
    fid = _family(caseload, "Ahmed family")
    caseload.families.delete(fid)
    assert caseload.search.search("ahmed") == []
    assert caseload.families.all() == []
    assert caseload.families.find(fid) is None


def test_caseload_data_never_reaches_disk_in_plaintext(data_dir: Path, vault: Vault) -> None:
    caseload = Caseload(vault)
    canary = new_canary()
    fid = _family(caseload, f"{canary} family")
    caseload.notes.write(fid, f"Note with {canary}", final=True)
    caseload.people.create({"family_id": fid, "given_name": canary, "role": "carer"})
    assert caseload.search.search(canary[:8])
    assert files_containing(data_dir, [canary]) == []
    vault.close()
    assert files_containing(data_dir, [canary]) == []
