"""The one way a built report leaves the app: protect, audit, record the sharing, write.

Every report kind builds a `BuiltReport` in memory; saving is the same for all of them. Only
if the whole PDF was built is it encrypted (if a password was given: AES-256 with pikepdf,
never RC4); then, in one transaction, the report's pending effects are applied (a transfer is
recorded as sent), the export is audited (action "export", never any content), the sharing
entries are written and the file (and any JSON beside it) is written atomically where the
person chose. A file that cannot be written rolls all of it back. A preview does none of this:
it counts the pages and is audited as viewed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from ...errors import StorageFull
from ...i18n import _
from ...reports.furniture import ProgressFn, report
from ...store.atomic import write_atomically
from .common import BuiltReport, ReportOptions, ReportPreview, ReportResult, ReportTools


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def preview(
    tools: ReportTools, built: BuiltReport, subject_id: str | None, about_person: bool
) -> ReportPreview:
    """The built report to look at; audited as viewed, nothing else kept."""
    pages = page_count(built.pdf)
    tools.ctx.store.record_event(
        "view",
        kind=None if subject_id is None else ("person" if about_person else "family"),
        record_id=subject_id,
        family_id=None if about_person else subject_id,
        detail=f"report-preview={built.kind};pages={pages}",
    )
    return ReportPreview(built.kind, built.pdf, pages)


def save(
    tools: ReportTools, built: BuiltReport, options: ReportOptions, progress: ProgressFn | None
) -> ReportResult:
    """Apply the report's effects, audit it, record its sharing and write it: all or nothing."""
    report(progress, "protecting", 0.0)
    pdf = built.pdf
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = len(document.pages)
        if options.password:
            out = io.BytesIO()
            document.save(
                out,
                encryption=pikepdf.Encryption(
                    owner=options.password, user=options.password, R=6, aes=True
                ),
            )
            pdf = out.getvalue()
    report(progress, "writing", 0.0)
    ctx = tools.ctx
    with ctx.vault.transaction():
        for effect in built.effects:
            effect()
        ctx.store.record_event(
            "export",
            kind=built.record[0] if built.record else None,
            record_id=built.record[1] if built.record else None,
            family_id=built.family_id,
            detail=f"report={built.kind};pages={pages};redactions={built.redacted};"
            f"encrypted={'yes' if options.password else 'no'}",
        )
        # The sharing entries are written before the file, in the same transaction: if they
        # fail nothing is written; if the file fails they are rolled back.
        entries = 0
        if built.sharing is not None:
            entries = len(
                tools.caseload.sharing.record(
                    built.kind,
                    built.sharing.resolved,
                    built.sharing.families,
                    details=built.sharing.details,
                    person_id=built.sharing.person_id,
                    encrypted=bool(options.password),
                )
            )
        write_file(options.out, pdf)
        for path, data in built.extra_files:
            write_file(path, data)
    report(progress, "done", 1.0)
    return ReportResult(
        kind=built.kind,
        path=options.out,
        pages=pages,
        size=len(pdf),
        encrypted=bool(options.password),
        redacted=built.redacted,
        sharing_entries=entries,
        **built.result_extras,
    )


def write_file(path: Path, data: bytes) -> None:
    """Write `data` atomically at `path`, or explain why not (nothing is left there)."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise StorageFull(
            _(
                "The report could not be written to {path} ({reason}); no file was left "
                "there. Check the folder exists, is writable and has space."
            ).format(path=path, reason=exc.strerror or type(exc).__name__)
        ) from exc
