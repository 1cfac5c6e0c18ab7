"""Writing the vault (or one family) as `liaison-desktop/1` JSON (DESIGN §8).

Empty values (None, empty lists) are always left out, so that import → export → import
gives the same document. The file is plain JSON, not encrypted: it is written only where
the person asked, atomically (temp file in the same folder, fsync, rename).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from ..domain import records
from ..domain.sharing import ShareDetails
from ..errors import InputRejected, StorageFull
from ..i18n import _
from ..services.caseload import Caseload
from ..store.atomic import write_atomically
from .document import (
    ADDITIONS_KEY,
    CONTENT_KEY,
    EXPORT_ORDER,
    FAMILY_ARRAYS,
    FORMAT,
    SHARED_ARRAYS,
    implied_fields,
)


def record_object(kind: str, values: Any) -> dict[str, Any]:
    """One record in the document's shape: id first, then its fields, empty ones left out."""
    spec = records.spec_for(kind)
    skip = implied_fields(kind)
    out: dict[str, Any] = {"id": values["id"]}
    for spec_field in spec.fields:
        if spec_field.name in skip:
            continue
        value = values.get(spec_field.name)
        if value is None or value == []:
            continue
        out[spec_field.name] = list(value) if isinstance(value, list | tuple) else value
    return out


def _rows(caseload: Caseload, kind: str, where: str, params: tuple[Any, ...]) -> list[Any]:
    return caseload.ctx.store.query(kind, where, params, order_by=EXPORT_ORDER[kind])


def family_document(caseload: Caseload, family_id: str) -> dict[str, Any]:
    """One family with everything recorded about it, in the §8 shape (NotFound if absent)."""
    family = caseload.families.get(family_id)
    out = record_object("family", family)
    for key, kind in FAMILY_ARRAYS:
        rows = _rows(caseload, kind, "family_id = ?", (family_id,))
        items = [record_object(kind, row) for row in rows]
        if kind == "concern":
            for item in items:
                additions = _rows(caseload, "concern_addition", "concern_id = ?", (item["id"],))
                item[ADDITIONS_KEY] = [record_object("concern_addition", a) for a in additions]
        if kind == "attachment":
            for item in items:
                data = caseload.attachments.open_bytes(item["id"])
                item[CONTENT_KEY] = base64.b64encode(data).decode("ascii")
        out[key] = items
    return out


def vault_document(caseload: Caseload) -> dict[str, Any]:
    """Every family and the whole contact directory as one `liaison-desktop/1` document."""
    families = _rows(caseload, "family", "", ())
    document: dict[str, Any] = {
        "format": FORMAT,
        "families": [family_document(caseload, f["id"]) for f in families],
    }
    for key, kind in SHARED_ARRAYS:
        rows = [record_object(kind, row) for row in _rows(caseload, kind, "", ())]
        if rows or key == "contacts":
            document[key] = rows
    return document


def dumps(document: dict[str, Any]) -> str:
    """The document as the text written to files: UTF-8 friendly, indented, stable."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _kinds_in(family: dict[str, Any]) -> str:
    """Which record kinds of a family went into the document, for the sharing record."""
    present = ["family"] + [kind for key, kind in FAMILY_ARRAYS if family.get(key)]
    return _("Record kinds: {kinds}").format(kinds=", ".join(present))


def plain_export_target(caseload: Caseload, out: Path) -> Path:
    """Where an unencrypted export may go: never inside the vault's own folder (plaintext
    beside the vault would defeat the point of encrypting it), and into a folder that exists.
    The resolved path, or InputRejected with nothing written."""
    data_dir = caseload.vault.data_dir.resolve()
    target = out.expanduser().resolve()
    if target == data_dir or data_dir in target.parents:
        raise InputRejected(
            _(
                "The export would be written inside the vault's own folder, where nothing "
                "unencrypted belongs. Nothing was written; choose another folder."
            )
        )
    if not target.parent.is_dir():
        raise InputRejected(
            _("The folder {folder} does not exist. Nothing was written.").format(
                folder=target.parent
            )
        )
    return target


def export_json(caseload: Caseload, out: Path, share: ShareDetails | None = None) -> dict[str, int]:
    """Write the whole vault to `out` (plain, unencrypted JSON); returns what was written.

    One information-sharing entry per family is written in the same transaction as the
    file: both or neither (an outside recipient needs their organisation and lawful basis).
    """
    target = plain_export_target(caseload, out)
    resolved = caseload.sharing.resolve("json_export", share or ShareDetails())
    family_ids = [str(r["id"]) for r in _rows(caseload, "family", "", ())]
    caseload.sharing.check(resolved, family_ids)
    document = vault_document(caseload)
    counts = {
        "families": len(document["families"]),
        "contacts": len(document["contacts"]),
    }
    with caseload.vault.transaction():
        caseload.ctx.store.record_event(
            "export", detail=f"liaison-desktop/1 json: {counts['families']} families"
        )
        entries = caseload.sharing.record(
            "json_export",
            resolved,
            [str(f["id"]) for f in document["families"]],
            details={str(f["id"]): _kinds_in(f) for f in document["families"]},
        )
        try:
            write_atomically(target, dumps(document).encode("utf-8"))
        except OSError as exc:
            raise StorageFull(
                _(
                    "The export could not be written to {path} ({reason}); no file was left "
                    "there and nothing was recorded as shared. Check the folder is writable "
                    "and has space."
                ).format(path=target, reason=exc.strerror or type(exc).__name__)
            ) from exc
    counts["sharing_entries"] = len(entries)
    return counts
