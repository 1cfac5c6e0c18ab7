"""Tagged PDF: reportlab with our structure tree, beside Typst, on the 500-note case summary.

The accessibility issue asked for this measurement before choosing how reports are tagged:
either add a structure tree to reportlab's output (what `reports/tagging.py` does) or move
rendering to a generator that tags (Typst 0.14+ writes PDF/UA-1). Both render the same
content: the title, the household table and the 500-entry chronology table. The figures:
median time, file size, and whether the `pdfua` checker finds anything. Typst is not a
dependency of the app; install it to run this (`uv pip install typst==0.15.2`), then
`python -m bench.tagged_pdf_choice`. The result is recorded in docs/decisions.md.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pikepdf
from pdfua import validate

from liaison_desktop.reports.fonts import font_bytes
from liaison_desktop.services.reports_service import ReportOptions, ReportsService

from .reports_bench import FULL_NOTES, build_vault

ROUNDS = 5


def typst_source(title: str, household: list[tuple[str, str]], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return "[" + text.replace("\\", "\\\\").replace("]", "\\]").replace("[", "\\[") + "]"

    def escape_all(text: str) -> str:
        for ch in "#*_`$<>@=-+/":
            text = text.replace(ch, "\\" + ch)
        return text

    header = ", ".join(f"table.header({cell('Name')}, {cell('Role')})".split(", "))
    people = ", ".join(f"{cell(escape_all(n))}, {cell(escape_all(r))}" for n, r in household)
    chronology = ",\n  ".join(", ".join(cell(escape_all(c)) for c in row) for row in rows)
    return f"""
#set document(title: "{title}")
#set text(lang: "en", region: "GB", font: "DejaVu Sans", size: 9pt)
#set page(paper: "a4", margin: 18mm,
  header: align(center, text(weight: "bold", fill: rgb("#8a1c1c"))[OFFICIAL-SENSITIVE]),
  footer: context align(right)[Page #counter(page).display("1 of 1", both: true)])
= {title}
== Household
#table(columns: 2, {header}, {people})
== Chronology
#table(columns: (auto, auto, 1fr, auto),
  table.header([Date], [Kind], [Summary], [By]),
  {chronology})
"""


def main() -> None:
    import typst  # not a dependency: see the module docstring

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fonts = work / "fonts"
        fonts.mkdir()
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            (fonts / name).write_bytes(font_bytes(name))
        vault, c, family_id = build_vault(work, FULL_NOTES)
        try:
            entries = c.chronology.for_family(family_id)
            household = [
                (f"{p['given_name']} {p['family_name']}", str(p["role"]))
                for p in c.people.members(family_id)
            ]
            rows = [
                [f"{e.when:%d %b %Y %H:%M}", e.kind, e.summary, e.author or ""] for e in entries
            ]
            service = ReportsService(c)
            source = work / "case.typ"
            source.write_text(typst_source("Case summary", household, rows), encoding="utf-8")
            ours_path, typst_path = work / "ours.pdf", work / "typst.pdf"
            times: dict[str, list[float]] = {"reportlab + tagging": [], "typst": []}
            service.case_summary(family_id, ReportOptions(out=ours_path))  # warm-up
            for _round in range(ROUNDS):
                t0 = time.perf_counter()
                service.case_summary(family_id, ReportOptions(out=ours_path))
                times["reportlab + tagging"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                pdf = typst.compile(
                    str(source),
                    font_paths=[str(fonts)],
                    ignore_system_fonts=True,
                    pdf_standards=["ua-1"],
                )
                typst_path.write_bytes(pdf)
                times["typst"].append(time.perf_counter() - t0)
        finally:
            vault.close()
        print(f"500-note case summary, median of {ROUNDS} rounds, same process, taking turns")
        base = statistics.median(times["reportlab + tagging"])
        for label, path in (("reportlab + tagging", ours_path), ("typst", typst_path)):
            figure = statistics.median(times[label])
            with pikepdf.open(path) as opened:
                pages = len(opened.pages)
            report = validate(str(path))
            print(
                f"{label:22} {figure:7.3f} s  {figure / base:5.2f}×  "
                f"{pages:4} pages {path.stat().st_size / 1024:7.0f} KiB  "
                f"pdfua findings: {len(report.findings)}"
            )


if __name__ == "__main__":
    main()
