"""The outcomes wheel in reports: the case summary's chart, legend and score table, and the
lead's caseload overview with the average change per area."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from liaison_desktop.domain.outcomes import AREA_KEYS
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault

from .report_helpers import caseload, make_household, pages_text, poppler_pages, squash


def scores(*values: int) -> dict[str, int]:
    return dict(zip(AREA_KEYS, values, strict=True))


def test_case_summary_shows_the_wheel_with_its_legend_and_a_table_of_scores(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    c.outcomes.record(
        house.family_id,
        scores(2, 3, 4, 3, 2, 5, 4, 2),
        day=date(2025, 6, 2),
        family_present="Łucja",
    )
    c.outcomes.record(house.family_id, scores(6, 7, 6, 5, 7, 8, 6, 9), day=date(2025, 10, 20))
    result = ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    text = squash(" ".join(pages_text(result.path)))
    assert "Outcomes wheel" in text
    # The legend under the chart (drawn text, so it is real text in the PDF too).
    assert "Start 2025-06-02" in text and "Review 2025-10-20" in text
    # The table beside it: each numbered area, both scores and the change, so colour is not needed.
    assert "1. Home and money 2 6 +4" in text
    assert "8. Connection to the community 2 9 +7" in text
    assert "6. Safety 5 8 +3" in text
    assert "Average 3.1 6.8 +3.6" in text
    assert "with Łucja" in text


def test_case_summary_says_so_when_the_wheel_was_never_scored(vault: Vault, out_dir: Path) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    result = ReportsService(c).case_summary(house.family_id, ReportOptions(out=out_dir / "c.pdf"))
    text = squash(" ".join(pages_text(result.path)))
    assert "The outcomes wheel has not been scored with this family yet." in text


def test_only_the_start_and_the_two_latest_of_many_scorings_are_charted(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    for month, value in ((1, 2), (3, 3), (5, 4), (7, 5), (9, 6)):
        c.outcomes.record(house.family_id, scores(*[value] * 8), day=date(2025, month, 1))
    result = ReportsService(c).case_summary(
        house.family_id, ReportOptions(out=out_dir / "c.pdf", sections=("outcomes",))
    )
    text = squash(" ".join(pages_text(result.path)))
    assert "1. Home and money 2 5 6 +4" in text
    assert "Showing the start and the two latest of 5 scorings." in text
    for month in ("01", "03", "05", "07", "09"):  # every sitting is still listed below
        assert f"2025-{month}-01: scored by" in text


def test_caseload_overview_shows_the_average_change_per_area_with_families_counted(
    lead_vault: Vault, out_dir: Path
) -> None:
    c = caseload(lead_vault)
    a = make_household(c, notes=1)
    b = make_household(c, notes=1)
    once = make_household(c, notes=1)
    c.outcomes.record(a.family_id, scores(2, 2, 2, 2, 2, 2, 2, 2), day=date(2025, 1, 10))
    c.outcomes.record(a.family_id, scores(5, 3, 2, 2, 4, 6, 2, 2), day=date(2025, 6, 10))
    c.outcomes.record(b.family_id, scores(4, 4, 4, 4, 4, 4, 4, 4), day=date(2025, 2, 10))
    c.outcomes.record(b.family_id, scores(9, 9, 9, 9, 9, 9, 9, 9), day=date(2025, 4, 10))
    c.outcomes.record(b.family_id, scores(6, 4, 3, 4, 6, 4, 4, 5), day=date(2025, 9, 10))
    c.outcomes.record(once.family_id, scores(9, 9, 9, 9, 9, 9, 9, 9), day=date(2025, 9, 10))
    result = ReportsService(c).caseload_overview(ReportOptions(out=out_dir / "o.pdf"))
    text = squash(" ".join(poppler_pages(result.path)))
    assert "Outcomes wheel: average change" in text
    assert "2 families scored at the start and again since; 1 scored once so far." in text
    # a: +3 +1 0 0 +2 +4 0 0; b (latest minus start): +2 0 −1 0 +2 0 0 +1
    expected = (
        ("Home and money", "+2.5"),
        ("Food", "+0.5"),
        ("Health and wellbeing", "−0.5"),
        ("Routines", "0.0"),
        ("School attendance and engagement", "+2.0"),
        ("Safety", "+2.0"),
        ("Relationships", "0.0"),
        ("Connection to the community", "+0.5"),
        ("All areas", "+0.9"),
    )
    for area, change in expected:
        assert f"{area} {change}" in text, area


def test_caseload_overview_says_when_no_family_was_scored_twice(
    lead_vault: Vault, out_dir: Path
) -> None:
    c = caseload(lead_vault)
    make_household(c, notes=1)
    result = ReportsService(c).caseload_overview(ReportOptions(out=out_dir / "o.pdf"))
    text = squash(" ".join(poppler_pages(result.path)))
    assert "0 families scored at the start and again since; 0 scored once so far." in text
    assert "No family has been scored twice yet." in text
