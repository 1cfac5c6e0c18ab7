"""Report building: a 500-note case summary, from unlocked vault to PDF on disk.

The figure is `ReportsService.case_summary` end to end: reading the family through the
services (chronology included), laying out our tables with the embedded DejaVu fonts and
page furniture, counting pages with pikepdf, writing atomically and auditing. The baseline,
measured in the same run and taking turns with it, is a plain reportlab document of the same
chronology text (one paragraph per entry, built-in Helvetica, no tables, no page x of y), so
the ratio shows what our layout costs over reportlab itself. The time just to read the data
is reported as a reference. Run alone with `python -m bench --only reports`.
"""

from __future__ import annotations

import io
import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault

from .common import Config, Result, interleaved, median

NAME = "reports"
BASELINE = (
    "plain reportlab SimpleDocTemplate of the same chronology text (Helvetica, one paragraph "
    "per entry, no tables or page furniture), built in the same run, taking turns"
)
FULL_NOTES = 500
QUICK_NOTES = 100
ROUNDS = 5
QUICK_ROUNDS = 2
AIM_SECONDS = 3.0  # Reports issue, acceptance 3
PASSPHRASE = "benchmark passphrase for fictional data only"
TODAY = date(2025, 11, 12)
NAMES = ("Siân Llŷr", "Łucja Wąsowska", "Nguyễn Thị Thủy", "مريم الحسيني", "Dafydd ap Rhys")


def build_vault(work_dir: Path, notes: int) -> tuple[Vault, Caseload, str]:
    """A vault holding one fictional family with `notes` final notes and some other records."""
    os.environ.setdefault("LIAISON_KDF_SECONDS", "0")
    data_dir = work_dir / "vault"
    data_dir.mkdir()
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Bench Officer", role="officer", kdf_target_seconds=0
    )
    c = Caseload(vault)
    c.ctx.today = lambda: TODAY
    family = c.families.create(
        {"name": "Bench family (demo)", "strengths": "Fictional family for the benchmark."}
    )
    for i, name in enumerate(NAMES):
        given, _space, surname = name.partition(" ")
        c.people.create(
            {
                "family_id": family.id,
                "given_name": given,
                "family_name": surname,
                "role": "pupil" if i % 2 else "carer",
            }
        )
    start = datetime(2023, 1, 1, 9, 0)
    with vault.transaction():
        for i in range(notes):
            c.notes.create(
                {
                    "family_id": family.id,
                    "written_at": (start + timedelta(hours=37 * i)).isoformat(),
                    "author": NAMES[i % len(NAMES)],
                    "status": "final",
                    "template": "home_visit",
                    "text": f"Visit {i}: talked with {NAMES[(i + 1) % len(NAMES)]} about "
                    "uniform, the food bank voucher and getting to school on time. "
                    "Agreed to follow up with the school nurse next week.",
                }
            )
    return vault, c, family.id


def plain_reportlab(texts: list[str]) -> bytes:
    """The baseline: the same text as plain paragraphs in a default reportlab document."""
    buffer = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    SimpleDocTemplate(buffer).build([Paragraph(escape(t), style) for t in texts])
    return buffer.getvalue()


def run(config: Config) -> list[Result]:
    """Time the case summary beside the plain reportlab baseline."""
    notes = QUICK_NOTES if config.quick else FULL_NOTES
    rounds = QUICK_ROUNDS if config.quick else ROUNDS
    vault, c, family_id = build_vault(config.work_dir, notes)
    out_dir = config.work_dir / "out"
    out_dir.mkdir()
    service = ReportsService(c)
    try:
        entries = c.chronology.for_family(family_id)
        texts = [
            f"{e.when:%d %b %Y %H:%M} · {e.kind} · {e.summary} · {e.author or ''}" for e in entries
        ]
        pages = 0

        def measure(subject: str) -> list[float]:
            nonlocal pages
            t0 = time.perf_counter()
            if subject == "ours":
                result = service.case_summary(family_id, ReportOptions(out=out_dir / "case.pdf"))
                pages = result.pages
            elif subject == "plain":
                plain_reportlab(texts)
            else:
                c.chronology.for_family(family_id)
                c.people.members(family_id)
                c.directory.team(family_id)
            return [time.perf_counter() - t0]

        measure("ours")  # warm-up: font parsing and imports happen once per process
        samples = interleaved(["ours", "plain", "read"], measure, rounds=rounds)
    finally:
        vault.close()
    size = f"{notes} notes, {pages} pages"
    return [
        Result(
            benchmark=NAME,
            name="case_summary_build",
            unit="s",
            figure=median(samples["ours"]),
            baseline=median(samples["plain"]),
            reference=median(samples["read"]),
            size=size,
            aim_range=(0.0, AIM_SECONDS),
            note="median; reference = reading the data only",
        )
    ]


if __name__ == "__main__":
    import sys
    import tempfile

    from .common import results_table

    with tempfile.TemporaryDirectory() as tmp:
        print(results_table(run(Config(quick="--quick" in sys.argv, seed=1, work_dir=Path(tmp)))))
