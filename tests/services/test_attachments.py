"""Attachments: size-limited, hashed, encrypted inside the vault, deleted with their bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from liaison_desktop.services.attachments_service import AttachmentTooLarge
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.helpers import files_containing, new_canary
from tests.services.caseload_helpers import caseload_on, new_family


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


def test_a_file_over_the_limit_is_refused_naming_the_limit(caseload: Caseload) -> None:
    fid = new_family(caseload)
    with pytest.raises(AttachmentTooLarge, match=r"at most 10\.0 MiB") as caught:
        caseload.attachments.attach(fid, "scan.pdf", b"x" * (10 * 1024 * 1024 + 1))
    assert "Nothing was attached" in str(caught.value) and caught.value.exit_code == 3
    assert caseload.attachments.query() == []
    exactly = caseload.attachments.attach(fid, "scan.pdf", b"x" * (10 * 1024 * 1024))
    assert exactly["size"] == 10 * 1024 * 1024


def test_the_limit_is_a_setting(vault: Vault) -> None:
    vault.set_meta("setting.attachment_max_bytes", "1000")
    caseload = caseload_on(vault)
    fid = new_family(caseload)
    with pytest.raises(AttachmentTooLarge, match="1000 bytes"):
        caseload.attachments.attach(fid, "photo.jpg", b"y" * 1001)


def test_bytes_round_trip_with_hash_and_media_type(caseload: Caseload) -> None:
    fid = new_family(caseload)
    data = bytes(range(256)) * 10
    record = caseload.attachments.attach(fid, r"C:\Users\officer\Letters\housing letter.pdf", data)
    assert record["filename"] == "housing letter.pdf"  # folders are not kept
    assert record["media_type"] == "application/pdf"
    assert record["sha256"] == hashlib.sha256(data).hexdigest() and record["size"] == len(data)
    assert caseload.attachments.open_bytes(record.id) == data
    unknown = caseload.attachments.attach(fid, "blob.zzqx", b"1")
    assert unknown["media_type"] == "application/octet-stream"


def test_an_attachment_may_belong_to_a_record_of_the_same_family(caseload: Caseload) -> None:
    fid = new_family(caseload)
    other = new_family(caseload, "Other")
    note = caseload.notes.write(fid, "Letter from housing attached")
    record = caseload.attachments.attach(
        fid, "letter.png", b"png", record_kind="note", record_id=note.id
    )
    assert [a.id for a in caseload.attachments.for_record("note", note.id)] == [record.id]
    with pytest.raises(ValidationFailed, match="another family"):
        caseload.attachments.attach(other, "x.png", b"1", record_kind="note", record_id=note.id)
    with pytest.raises(ValidationFailed, match="record_id"):
        caseload.attachments.attach(fid, "x.png", b"1", record_kind="note", record_id="missing")


def test_content_cannot_be_changed_after_attaching(caseload: Caseload) -> None:
    fid = new_family(caseload)
    record = caseload.attachments.attach(fid, "a.txt", b"abc")
    with pytest.raises(ValidationFailed, match="sha256"):
        caseload.attachments.update(record.id, {"sha256": "0" * 64})
    assert caseload.attachments.update(record.id, {"filename": "b.txt"})["filename"] == "b.txt"


def test_attachment_content_never_reaches_disk_in_plaintext(data_dir: Path, vault: Vault) -> None:
    caseload = caseload_on(vault)
    fid = new_family(caseload)
    canary = new_canary("ATTACHMENT")
    data = f"Letter to the family\n{canary}\nend\n".encode()
    record = caseload.attachments.attach(fid, "letter.txt", data)
    assert caseload.attachments.open_bytes(record.id) == data
    assert files_containing(data_dir, [canary]) == []
    vault.close()
    assert files_containing(data_dir, [canary]) == []


def test_deleting_an_attachment_removes_its_bytes(caseload: Caseload) -> None:
    fid = new_family(caseload)
    record = caseload.attachments.attach(fid, "a.txt", b"secret bytes")
    caseload.attachments.delete(record.id)
    assert caseload.attachments.find(record.id) is None
    assert caseload.ctx.store.get_blob(record.id) is None
