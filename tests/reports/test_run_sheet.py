"""The day run sheet: the officer's own planned visits of the day, in time order, with only the
sections chosen, marked OFFICIAL-SENSITIVE and entered in the information-sharing record."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from liaison_desktop.reports.furniture import MARKING
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault

from .report_helpers import TODAY, caseload, poppler_pages


def test_the_run_sheet_holds_the_days_own_visits_and_the_chosen_sections(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    okafor = c.families.create(
        {
            "name": "Okafor family",
            "address": "3 Demo Row, Demoford",
            "postcode": "CF10 1AA",
            "phone": "07700 900123",
            "access_notes": "Knock at the side door",
            "alerts": "Dog in the garden",
        }
    ).id
    c.people.create(
        {"family_id": okafor, "given_name": "Ada", "family_name": "Okafor", "role": "carer",
         "interpreter_needed": True, "languages": ["Yoruba"]}
    )  # fmt: skip
    brennan = c.families.create({"name": "Brennan family"}).id
    c.visits.plan(okafor, TODAY, time="14:00", purpose="Uniform fitting")
    c.visits.plan(brennan, TODAY, time="09:30", purpose="Attendance")
    gone = c.visits.plan(brennan, TODAY, time="11:00", purpose="Cancelled one").id
    c.visits.cancel(gone, by="by_family")
    c.visits.create(
        {"family_id": brennan, "date": TODAY.isoformat(), "time": "12:00",
         "purpose": "Someone else's", "officer": "Other Officer"}
    )  # fmt: skip
    c.visits.plan(okafor, TODAY + timedelta(days=1), time="10:00", purpose="Tomorrow")
    sections = ("purpose", "address", "access", "alerts", "interpreter")
    result = ReportsService(c).run_sheet(
        ReportOptions(out=tmp_path / "run.pdf", start=TODAY, end=TODAY, sections=sections)
    )
    text = " ".join(" ".join(page.split()) for page in poppler_pages(result.path))
    assert MARKING in text
    assert text.index("09:30 · Brennan family") < text.index("14:00 · Okafor family")
    for wanted in ("Knock at the side door", "Dog in the garden", "Ada (Yoruba)",
                   "3 Demo Row, Demoford, CF10 1AA", "2 visits"):  # fmt: skip
        assert wanted in text, wanted
    for unwanted in ("Cancelled one", "Someone else's", "Tomorrow", "07700", "Phone numbers"):
        assert unwanted not in text, unwanted
    shared = c.sharing.for_family(okafor)
    assert [s["what"] for s in shared] == ["run_sheet"]
