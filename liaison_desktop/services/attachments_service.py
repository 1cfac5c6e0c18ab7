"""Files attached to a family's record, kept encrypted inside the vault.

The bytes go straight from memory into the vault's `attachment_blobs` table, which
SQLCipher encrypts with everything else; nothing is written to a temporary file, so a
letter or photo never sits in plaintext on the disk.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..domain import records
from ..domain.record import Record
from ..domain.records import BY_KIND
from ..errors import InputRejected, VaultDamaged
from ..i18n import _
from ..store.atomic import write_atomically
from .record_service import RecordService
from .validation import ValidationFailed

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class AttachmentTooLarge(InputRejected):
    """The file is over the attachment size limit; nothing was attached."""


def size_text(size: int) -> str:
    """A file size as people read it ("2.5 MiB")."""
    if size >= 1024 * 1024:
        return _("{n:.1f} MiB").format(n=size / (1024 * 1024))
    if size >= 1024:
        return _("{n:.1f} KiB").format(n=size / 1024)
    return _("{n} bytes").format(n=size)


def safe_filename(name: str) -> str:
    """Just the file's own name (no folders, which may name people), without control chars
    or the direction overrides that can disguise a file's type."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    # Bidi controls go too: "letter\u202efdp.exe" would show as "letterexe.pdf".
    base = re.sub(r"[\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", base).strip()
    return base[:255]


class AttachmentsService(RecordService):
    """Attaching, opening and deleting encrypted files."""

    spec = records.ATTACHMENT

    @property
    def max_bytes(self) -> int:
        """The size limit of one attachment (setting `attachment_max_bytes`, default 10 MiB)."""
        raw = self.ctx.setting("attachment_max_bytes", str(DEFAULT_MAX_BYTES))
        try:
            value = int(raw)
        except ValueError:
            return DEFAULT_MAX_BYTES
        return value if value > 0 else DEFAULT_MAX_BYTES

    def attach(
        self,
        family_id: str,
        filename: str,
        data: bytes,
        *,
        record_kind: str | None = None,
        record_id: str | None = None,
        media_type: str | None = None,
    ) -> Record:
        """Store a file's bytes with a family (and optionally one of its records)."""
        limit = self.max_bytes
        if len(data) > limit:
            raise AttachmentTooLarge(
                _(
                    "'{name}' is {size}; attachments can be at most {limit}. Nothing was "
                    "attached. Reduce the file (for example scan at a lower resolution) and try "
                    "again."
                ).format(
                    name=safe_filename(filename),
                    size=size_text(len(data)),
                    limit=size_text(limit),
                )
            )
        name = safe_filename(filename)
        if not name:
            raise ValidationFailed([("filename", _("is required"))])
        values: dict[str, Any] = {
            "family_id": family_id,
            "filename": name,
            "media_type": media_type
            or mimetypes.guess_type(name, strict=False)[0]
            or "application/octet-stream",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "added_at": self.ctx.now_iso(),
        }
        if record_kind is not None or record_id is not None:
            values["record_kind"] = record_kind
            values["record_id"] = record_id
        attachment_id = self.ctx.store.new_id()
        with self.ctx.vault.transaction():
            record = self.create(values, record_id=attachment_id)
            self.ctx.store.put_blob(attachment_id, data)
        return record

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_create(values)
        kind, target = cleaned.get("record_kind"), cleaned.get("record_id")
        if kind is None and target is None:
            return cleaned
        if kind not in BY_KIND or kind in ("family", "attachment") or not target:
            raise ValidationFailed(
                [("record_id", _("an attachment can belong to one record of the family"))]
            )
        row = self.ctx.store.get(str(kind), str(target))
        if row is None:
            raise ValidationFailed(
                [("record_id", _("no {kind} with id '{id}'").format(kind=kind, id=target))]
            )
        if BY_KIND[str(kind)].family_field and row.get("family_id") != cleaned["family_id"]:
            raise ValidationFailed([("record_id", _("belongs to another family"))])
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        # Only the name shown may change: the bytes, their hash and size are fixed.
        locked = set(values) - {"filename"}
        if locked:
            raise ValidationFailed(
                [(name, _("cannot be changed; attach the file again")) for name in sorted(locked)]
            )
        return super().prepare_update(current, {"filename": safe_filename(values["filename"])})

    def open_bytes(self, attachment_id: str) -> bytes:
        """The file's bytes (checked against the hash recorded when it was attached)."""
        record = self.get(attachment_id)
        data = self.ctx.store.get_blob(attachment_id)
        if data is None:
            raise VaultDamaged(
                _(
                    "The file '{name}' is listed but its contents are not in this vault (it may "
                    "not have arrived from another device yet)."
                ).format(name=record["filename"])
            )
        if hashlib.sha256(data).hexdigest() != record["sha256"]:
            raise VaultDamaged(
                _("The file '{name}' does not match what was attached; it may be damaged.").format(
                    name=record["filename"]
                )
            )
        return data

    def newest_first(self, family_id: str) -> list[Record]:
        """A family's attached files, the latest first (as the Files tab lists them)."""
        return self.for_family(family_id, order_by="added_at DESC, created_at DESC")

    def save_copy(self, attachment_id: str, path: Path) -> None:
        """Write the file out to `path`, whole or not at all (the copy is NOT encrypted: the
        person asked for it, and is told so)."""
        data = self.open_bytes(attachment_id)
        write_atomically(path, data, private=True)

    def for_record(self, record_kind: str, record_id: str) -> list[Record]:
        """Files attached to one record."""
        return self.query(
            "record_kind = ? AND record_id = ?", (record_kind, record_id), order_by="added_at"
        )

    def delete(self, record_id: str) -> None:
        """Delete an attachment and its bytes (overwritten: the vault uses secure_delete)."""
        current = self.get(record_id)
        self.check_delete(current)
        with self.ctx.vault.transaction() as conn:
            self.ctx.store.delete(self.kind, record_id)
            # RecordStore has put_blob/get_blob but no delete yet; the blob table is the
            # store's, so this is the one place a service touches it directly.
            conn.execute("DELETE FROM attachment_blobs WHERE id = ?", (record_id,))
