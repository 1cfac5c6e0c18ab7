"""A malicious officer for the insider tests (issue 15): its own vault, the real library, and
real signed bundles.

The insider knows its passphrase and has the project's source. It writes what it likes straight
into its own vault with the store (no service checks), or seals a bundle by hand carrying
operations it made up, and hands the lead an ordinary signed bundle file.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.hlc import format_stamp
from liaison_desktop.store.record_tables import Op
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import audit_anchor
from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync.exchange import _acks_for, _last_out
from liaison_desktop.sync.peers import get_peer
from tests.conftest import PASSPHRASE
from tests.sync.world import Member


def forge(member: Member, kind: str, record_id: str, values: dict[str, Any]) -> Op | None:
    """Write a record into the insider's own vault with the store: no role or allocation check."""
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        return Caseload(vault).ctx.store.put(kind, record_id, values, action="forged")


def sealed(
    member: Member, to: Member, ops: list[dict[str, Any]], extra: dict[str, Any] | None = None
) -> bytes:
    """A correctly signed bundle from `member` to `to` carrying operations made up by hand
    (and any `extra` body entries, such as attachment bytes)."""
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        identity = SyncService(Caseload(vault).ctx).identity
        peer = get_peer(vault, to.device_id)
        assert peer is not None
        seq, prev = _last_out(vault.conn, to.device_id)
        data, _id = fmt.seal(
            signing_key=identity.ed25519_private,
            sender=identity.device_id,
            recipients=[(peer.device_id, peer.x25519)],
            seq=seq + 1,
            prev=prev,
            ack=_acks_for(vault.conn, to.device_id),
            body={
                "ops": ops,
                "purge": [],
                "revoked": [],
                "certs": [],
                "audit": audit_anchor.document(vault.conn, to.device_id),
                **(extra or {}),
            },
        )
    return data


def op_doc(
    *,
    author: str,
    kind: str,
    record_id: str,
    family_id: str | None,
    values: dict[str, Any],
    replaces: dict[str, str | None] | None = None,
    stamp: str | None = None,
) -> dict[str, Any]:
    """One operation as it travels, with whatever author and stamp the insider likes."""
    return {
        "id": uuid.uuid4().hex,
        "hlc": stamp or format_stamp(int(time.time() * 1000), 0),
        "dev": author,
        "kind": kind,
        "rec": record_id,
        "fam": family_id,
        "set": values,
        "rep": replaces if replaces is not None else dict.fromkeys(values),
    }


def write(path: Path, data: bytes) -> Path:
    """The bundle as a file, as the insider hands it over."""
    path.write_bytes(data)
    return path
