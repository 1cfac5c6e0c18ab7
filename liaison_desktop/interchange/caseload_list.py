"""The visible caseload list as CSV (issue 23): the columns and rows the person sees, for a
spreadsheet. Not encrypted, so it is written like the JSON export: never inside the vault's
folder, audited, and entered in each family's sharing record in the same transaction.

A cell a spreadsheet would run as a formula (starting with =, +, -, @ or a tab) is written
with a leading apostrophe: a family's name typed as "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ..domain.sharing import ShareDetails
from ..errors import StorageFull
from ..i18n import _
from ..services.caseload import Caseload
from ..store.atomic import write_atomically
from .json_export import plain_export_target

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A cell's text, made inert for spreadsheets."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def caseload_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel opens it with accents intact)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([safe_cell(str(cell)) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_caseload_list(
    caseload: Caseload,
    out: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    family_ids: Sequence[str],
    share: ShareDetails | None = None,
) -> int:
    """Write the list to `out` (one row per family in `family_ids`, in order); returns how
    many families were written. The file, the audit event and the sharing entries: all or
    none."""
    target = plain_export_target(caseload, out)
    resolved = caseload.sharing.resolve("caseload_list", share or ShareDetails())
    caseload.sharing.check(resolved, list(family_ids))
    data = caseload_csv(headers, rows)
    with caseload.vault.transaction():
        caseload.ctx.store.record_event(
            "export",
            detail=f"caseload list csv: {len(family_ids)} families, {len(headers)} columns",
        )
        caseload.sharing.record(
            "caseload_list",
            resolved,
            list(family_ids),
            details=_("Columns: {columns}").format(columns=", ".join(headers)),
        )
        try:
            write_atomically(target, data)
        except OSError as exc:
            raise StorageFull(
                _(
                    "The list could not be written to {path} ({reason}); no file was left there "
                    "and nothing was recorded as shared."
                ).format(path=target, reason=exc.strerror or type(exc).__name__)
            ) from exc
    return len(family_ids)
