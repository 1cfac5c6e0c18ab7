"""Issue 23, item 7: an attachment's bytes travel in bundles to the devices entitled to its
family, checked against the record's size and SHA-256 where they arrive."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

import pytest

from liaison_desktop.errors import VaultDamaged
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import blobs
from tests.conftest import PASSPHRASE
from tests.sync.insider import op_doc, sealed
from tests.sync.test_authority import MP, Cap, School, send

from .test_authority import school as school

LETTER = "Fictional GP letter ✓\n".encode()


def test_the_bytes_reach_the_lead_and_the_officer_but_not_a_colleague(school: School) -> None:
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        sams = Caseload(vault).attachments.attach(school.sams, "gp-letter.txt", LETTER).id
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        assert c.attachments.open_bytes(sams) == LETTER
        leads = c.attachments.attach(school.sams, "plan.txt", b"Fictional plan\n").id
    send(school.lead, school.sam)
    send(school.lead, school.kim)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).attachments.open_bytes(leads) == b"Fictional plan\n"
    with Vault.unlock(school.kim.data_dir, PASSPHRASE) as vault:
        assert vault.conn.execute("SELECT count(*) FROM attachment_blobs").fetchone()[0] == 0
    # Sent once: acknowledged, so the next bundle carries no bytes again.
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert blobs.to_send(vault.conn, school.sam.device_id, {school.sams}) == []


def test_bytes_too_many_for_one_bundle_come_in_the_next(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(blobs, "MAX_BLOB_BYTES", len(LETTER) + 1)
    with Vault.unlock(school.sam.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        first = c.attachments.attach(school.sams, "one.txt", LETTER).id
        second = c.attachments.attach(school.sams, "two.txt", LETTER + b"2").id
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        assert c.attachments.open_bytes(first) == LETTER
        with pytest.raises(VaultDamaged, match="not have arrived"):
            c.attachments.open_bytes(second)
    send(school.lead, school.sam)  # acknowledges the first bundle
    send(school.sam, school.lead)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        assert Caseload(vault).attachments.open_bytes(second) == LETTER + b"2"


def test_bytes_that_do_not_match_their_record_are_refused(
    school: School, capsys: Cap, monkeypatch: MP
) -> None:
    record_id = "ab" * 16
    values = {
        "filename": "letter.txt",
        "size": len(LETTER),
        "sha256": hashlib.sha256(LETTER).hexdigest(),
        "added_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "family_id": school.sams,
    }
    op = op_doc(author=school.sam.device_id, kind="attachment", record_id=record_id,
                family_id=school.sams, values=values)  # fmt: skip
    forged = base64.b64encode(b"Something else entirely").decode()
    data = sealed(school.sam, school.lead, [op], {"blobs": [{"id": record_id, "data": forged}]})
    result = school.refused(capsys, monkeypatch, data)
    assert "do not match its record" in result.err
