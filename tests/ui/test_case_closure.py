"""Closing and reopening a case and legal holds from the family page; what Today shows then.

Real vaults (an officer's from the `vault` fixture, a lead's made here), the real Caseload
section with its family pages, and the dialogs driven as a person would.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.today_service import gather_today
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.family.closure_dialog import CloseCaseDialog, ReopenCaseDialog
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.family.hold_dialog import PlaceHoldDialog, ReleaseHoldDialog
from tests.services.caseload_helpers import TODAY, caseload_on

from .ui_helpers import OP_TIMEOUT_MS, caseload_section


def _caseload_section(qtbot: QtBot, caseload: Caseload, data_dir: Path) -> CaseloadView:
    """The real Caseload section, as this vault's owner sees it."""
    return caseload_section(
        qtbot, caseload, data_dir, owner=caseload.ctx.owner_name, role=caseload.ctx.role
    )


def _listed(view: CaseloadView) -> set[str]:
    return {view.model.index(r, 0).data() for r in range(view.model.rowCount())}


def _open_page(qtbot: QtBot, view: CaseloadView, family_id: str) -> FamilyPage:
    view.open_family(family_id)
    assert view.family_frame is not None
    page = view.family_frame.page
    assert isinstance(page, FamilyPage)
    return page


def _close(page: FamilyPage, reason: str, outcome: str = "needs_met") -> CloseCaseDialog:
    page.case_status.close_button.click()
    dialog = page.case_status.dialog
    assert isinstance(dialog, CloseCaseDialog) and dialog.isVisible()
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData(outcome))
    dialog.reason_edit.setPlainText(reason)
    dialog.save_button.click()
    return dialog


def test_closing_a_case_shows_the_banner_and_takes_it_off_the_caseload_list(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    caseload = caseload_on(lead_vault)
    caseload.families.create({"name": "Adeyemi family"})
    closing = caseload.families.create({"name": "Łukasiewicz family"}).id
    view = _caseload_section(qtbot, caseload, data_dir)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=OP_TIMEOUT_MS)

    page = _open_page(qtbot, view, closing)
    status = page.case_status
    assert not status.closed_banner.isVisibleTo(page) and status.close_button.isVisibleTo(page)
    dialog = _close(page, "Attendance back above 95% for a whole term; linked to the food club.")
    assert not dialog.isVisible()
    assert status.closed_banner.isVisibleTo(page)
    banner = status.closed_banner.text()
    assert banner.startswith(
        "Case closed on 2025-03-15 — Attendance back above 95% for a whole term"
    )
    assert "Needs met" in banner
    assert status.reopen_button.isVisibleTo(page) and not status.close_button.isVisibleTo(page)
    assert caseload.closures.status(closing).closed

    view.show_list()
    qtbot.waitUntil(lambda: _listed(view) == {"Adeyemi family"}, timeout=OP_TIMEOUT_MS)

    # The lead still finds the closed case with Ctrl+K search.
    popup = view.search_popup
    assert popup is not None and view.search_action is not None
    view.search_action.trigger()
    popup.query_edit.setText("Łukasiewicz")  # type: ignore[attr-defined]
    popup.run_search()  # type: ignore[attr-defined]
    hits = popup.model._results  # type: ignore[attr-defined]
    assert [h.family_id for h in hits] == [closing]
    popup.hide()


def test_reopening_with_a_reason_brings_the_family_back(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = caseload_on(vault)  # an officer may close and reopen their own cases
    family = caseload.families.create({"name": "Nowak-Jones household"}).id
    # Closed the day before (close and reopen stamped in the same second would tie).
    yesterday = caseload_on(vault, today=TODAY - timedelta(days=1))
    yesterday.closures.close(family, reason="Moved to Leeds", outcome="moved_area")
    view = _caseload_section(qtbot, caseload, data_dir)
    qtbot.waitUntil(lambda: not view.loading, timeout=OP_TIMEOUT_MS)
    assert _listed(view) == set()

    page = _open_page(qtbot, view, family)
    status = page.case_status
    assert status.closed_banner.isVisibleTo(page)
    assert "Moved to Leeds" in status.closed_banner.text()
    assert not status.hold_button.isVisibleTo(page)  # holds are the lead's
    status.reopen_button.click()
    dialog = status.dialog
    assert isinstance(dialog, ReopenCaseDialog)
    dialog.reason_edit.setPlainText("The family moved back and asked for help again.")
    dialog.save_button.click()
    assert not status.closed_banner.isVisibleTo(page)
    assert status.close_button.isVisibleTo(page)
    events = caseload.closures.history(family)
    assert [e["action"] for e in events] == ["close", "reopen"]

    view.show_list()
    qtbot.waitUntil(lambda: _listed(view) == {"Nowak-Jones household"}, timeout=OP_TIMEOUT_MS)


def test_closing_without_a_reason_is_refused_and_the_case_stays_open(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = caseload_on(vault)
    family = caseload.families.create({"name": "Adeyemi family"}).id
    view = _caseload_section(qtbot, caseload, data_dir)
    page = _open_page(qtbot, view, family)
    dialog = _close(page, "   ")
    assert dialog.isVisible()
    assert dialog.form.errors["reason"].isVisibleTo(dialog)
    assert not caseload.closures.status(family).closed
    assert caseload.closures.history(family) == []
    dialog.reject()


def test_the_lead_places_and_releases_a_legal_hold_with_reasons(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    caseload = caseload_on(lead_vault)
    family = caseload.families.create({"name": "Okafor family"}).id
    view = _caseload_section(qtbot, caseload, data_dir)
    page = _open_page(qtbot, view, family)
    status = page.case_status
    assert status.hold_button.isVisibleTo(page) and not status.hold_banner.isVisibleTo(page)

    status.hold_button.click()
    dialog = status.dialog
    assert isinstance(dialog, PlaceHoldDialog)
    dialog.reason_edit.setPlainText("Local authority serious case review, ref. LA-2025-17")
    dialog.save_button.click()
    assert status.hold_banner.isVisibleTo(page)
    assert status.hold_banner.text() == (
        "On legal hold since 2025-03-15 by Dana Lead — Local authority serious case review, "
        "ref. LA-2025-17"
    )
    assert status.release_button.isVisibleTo(page) and not status.hold_button.isVisibleTo(page)
    assert len(caseload.holds.active(family)) == 1

    status.release_button.click()
    release = status.dialog
    assert isinstance(release, ReleaseHoldDialog)
    assert "Placed by Dana Lead on 2025-03-15" in release.intro.text()
    release.save_button.click()  # no reason yet
    assert release.isVisible() and release.form.errors["release_reason"].isVisibleTo(release)
    release.reason_edit.setPlainText("Review concluded.")
    release.save_button.click()
    assert not release.isVisible()
    assert not status.hold_banner.isVisibleTo(page)
    assert caseload.holds.active(family) == []


def _at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC).isoformat(timespec="seconds")


def test_a_closed_case_leaves_today_but_safety_alerts_stay(lead_vault: Vault) -> None:
    caseload = caseload_on(lead_vault)
    closed = caseload.families.create({"name": "Closed family"}).id
    still_open = caseload.families.create({"name": "Open family"}).id
    for family in (closed, still_open):
        caseload.actions.create(
            {"family_id": family, "title": "Phone about uniform", "due": "2025-03-01"}
        )
        caseload.visits.create(
            {
                "family_id": family,
                "date": (TODAY + timedelta(days=1)).isoformat(),
                "purpose": "Home visit",
                "status": "planned",
            }
        )
        caseload.referrals.create(
            {"family_id": family, "kind": "food_bank", "date": "2025-03-01", "status": "sent"}
        )
    # A lone-working visit checked in this morning and never checked out, and an urgent
    # concern: both still matter after the case is closed.
    caseload.visits.create(
        {
            "family_id": closed,
            "date": TODAY.isoformat(),
            "purpose": "Last visit",
            "status": "planned",
            "officer": "Sam Officer",
            "checked_in_at": _at(TODAY, 9),
            "expected_end": _at(TODAY, 10),
        }
    )
    caseload.concerns.raise_concern(closed, "Said she is frightened at home", urgency="urgent")
    before = gather_today(caseload)
    assert len(before.overdue_actions) == 2 and len(before.referrals_waiting) == 2
    caseload.closures.close(closed, reason="Support finished", outcome="needs_met")

    snap = gather_today(caseload)
    for group in (snap.overdue_actions, snap.referrals_waiting, snap.visits_week):
        assert [i.family_id for i in group] == [still_open]
    assert [i.family_id for i in snap.overdue_visits] == [closed]
    assert [i.family_id for i in snap.concerns_waiting] == [closed]
