"""Inputs the fuzzers found that once crashed or misled, kept as plain regression tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import KeyFileDamaged
from liaison_desktop.services.attachments_service import safe_filename
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize("lanes", [100_000, 2**24, 2**40])
def test_a_key_file_asking_for_absurd_argon2_lanes_is_damage_not_a_crash(
    vault: Vault, lanes: int
) -> None:
    """Found by the key-file fuzzer: lanes past what Argon2id takes raised ValueError or
    OverflowError out of the unlock instead of a clear message."""
    data_dir, keys = vault.data_dir, vault.keys_path
    vault.close()
    before = (data_dir / "vault.db").read_bytes()
    doc = json.loads(keys.read_text())
    doc["kdf"]["lanes"] = lanes
    keys.write_text(json.dumps(doc))
    with pytest.raises(KeyFileDamaged, match="tampered"):
        Vault.unlock(data_dir, PASSPHRASE)
    assert (data_dir / "vault.db").read_bytes() == before


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("letter\u202efdp.exe", "letterfdp.exe"),
        ("scan\u2066.pdf\u2069", "scan.pdf"),
        ("\u200fphoto.jpg", "photo.jpg"),
    ],
)
def test_attachment_names_lose_direction_overrides_that_disguise_the_file_type(
    given: str, kept: str, tmp_path: Path
) -> None:
    """Found by the attachment fuzzer: U+202E kept in a name shows 'letterexe.pdf'."""
    assert safe_filename(given) == kept


def test_interchange_json_with_a_5000_digit_number_is_refused_not_a_crash(
    vault: Vault, tmp_path: Path
) -> None:
    """Found by the long JSON run: int() past 4,300 digits raised a bare ValueError."""
    from liaison_desktop.errors import InputRejected
    from liaison_desktop.interchange.json_import import import_json_file
    from liaison_desktop.services.caseload import Caseload
    from tests.reliability.faults import dump_open

    path = tmp_path / "long.json"
    path.write_text('{"format": "liaison-desktop/1", "families": [], "n": 1' + "0" * 5000 + "}")
    before = dump_open(vault)
    with pytest.raises(InputRejected, match="number far too long"):
        import_json_file(Caseload(vault), path)
    assert dump_open(vault) == before
