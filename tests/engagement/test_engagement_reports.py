"""The engagement summary in the caseload overview PDF and on its own (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.services.validation import ValidationFailed
from tests.reports.report_helpers import pages_text, squash
from tests.services.caseload_helpers import caseload_on, create_lead_vault, new_family

from .conftest import TODAY


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Caseload]:
    vault = create_lead_vault(tmp_path / "lead")
    yield caseload_on(vault, TODAY)
    vault.close()


def _engagement(c: Caseload) -> None:
    families = [new_family(c, f"Family {n}") for n in range(4)]
    cookery = c.activities.add(
        "Cookery class, Tuesdays", "cookery_class", sessions=["2026-11-03", "2026-11-10"]
    )
    coffee = c.activities.add("Coffee morning", "coffee_morning", sessions=["2026-10-02"])
    c.activities.invite(cookery.id, families[:3])
    c.activities.invite(coffee.id, families)
    first = c.activities.sessions_of(cookery.id)[0].id
    c.activities.mark(first, families[0])
    c.activities.mark(first, families[1])
    c.activities.mark(c.activities.sessions_of(coffee.id)[0].id, families[3])
    c.engagement.sign_agreement(families[2], date(2026, 3, 2))  # spring 2026
    c.families.update(families[0], {"needs": ["ESOL"]})
    c.directory.create({"organisation": "Hillside Food Bank", "kind": "food_bank", "layer": 3})


def _text(path: Path) -> str:
    return squash(" ".join(pages_text(path)))


def test_the_caseload_overview_has_an_engagement_section_with_charts_and_tables(
    lead: Caseload, tmp_path: Path
) -> None:
    _engagement(lead)
    result = ReportsService(lead).caseload_overview(ReportOptions(out=tmp_path / "overview.pdf"))
    text = _text(result.path)
    assert "Family engagement" in text
    assert "Families engaged per term" in text
    # The table beside the chart: term, engaged, came, volunteered, signed.
    assert "Autumn 2026 3 3 0 0" in text
    assert "Spring 2026 1 0 0 1" in text
    assert "Activity attendance, Autumn 2026" in text
    assert "Cookery class 1 3 2" in text  # kind, activities, invited, came
    assert "Coffee morning 1 4 1" in text
    assert "Cookery class, Tuesdays" in text
    assert "New partnerships, Autumn 2026" in text
    assert "Hillside Food Bank" in text
    assert "Partnerships you could build" in text
    assert "English language (ESOL)" in text


def test_the_engagement_summary_prints_on_its_own(lead: Caseload, tmp_path: Path) -> None:
    _engagement(lead)
    result = ReportsService(lead).engagement_summary(ReportOptions(out=tmp_path / "eng.pdf"))
    pages = pages_text(result.path)
    text = squash(" ".join(pages))
    assert text.count("Engagement summary") >= 1
    assert "Autumn 2026 · 4 families" in text
    assert "Attendance by kind of activity" in text  # the chart's title is real text
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)


def test_an_empty_vault_prints_an_engagement_summary_that_says_so(
    lead: Caseload, tmp_path: Path
) -> None:
    result = ReportsService(lead).engagement_summary(ReportOptions(out=tmp_path / "eng.pdf"))
    text = _text(result.path)
    assert "No activity had a session in this term." in text
    assert "No organisation was added or first connected to a family." in text


def test_the_engagement_summary_can_be_previewed_and_names_nobody_to_redact(
    lead: Caseload, tmp_path: Path
) -> None:
    _engagement(lead)
    service = ReportsService(lead)
    preview = service.preview("engagement_summary", None, ReportOptions(out=tmp_path / "x.pdf"))
    assert preview.pages >= 1 and preview.pdf.startswith(b"%PDF")
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(ValidationFailed):
        service.engagement_summary(ReportOptions(out=tmp_path / "y.pdf", redact=("someone",)))
    assert not (tmp_path / "y.pdf").exists()
