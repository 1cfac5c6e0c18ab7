"""The Today section: each group lists what needs attention and opens its family."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView, build_caseload_section
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.today.today_view import TodayGroup, TodayView, build_today_section

from .ui_helpers import OP_TIMEOUT_MS


def session(qtbot: QtBot, vault: Vault, data_dir: Path) -> tuple[MainWindow, TodayView]:
    window = MainWindow("Dana Lead", "lead")
    qtbot.addWidget(window)
    services = SessionServices.for_window(
        Caseload(vault), SettingsService(data_dir), data_dir, window
    )
    window.set_view("caseload", build_caseload_section(services))
    today = build_today_section(services)
    window.set_view("today", today)
    assert isinstance(today, TodayView)
    window.show()
    qtbot.waitUntil(lambda: today.snapshot is not None, timeout=OP_TIMEOUT_MS)
    return window, today


def lines(group: TodayGroup) -> list[str]:
    return [str(group.model.index(r, 0).data()) for r in range(group.model.rowCount())]


def test_today_lists_each_kind_of_attention_under_its_heading(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(lead_vault)
    today = date.today()
    fid = caseload.families.create({"name": "Nowak family"}).id
    pupil = caseload.people.create({"family_id": fid, "given_name": "Zofia", "role": "pupil"}).id
    caseload.visits.plan(fid, today, purpose="Uniform grant form", time="10:00")
    caseload.visits.plan(fid, today + timedelta(days=3), purpose="Housing letter")
    caseload.actions.add(fid, "Chase the housing officer", due=today - timedelta(days=2))
    caseload.referrals.add(fid, "food_bank", status="sent", reason="Test referral")
    caseload.referrals.add(fid, "baby_bank", reason="Test referral")  # a draft waits for nobody
    caseload.consents.give(fid, "Share with school nurse", "Mum", expires=today + timedelta(10))
    caseload.attendance.record(pupil, "2025-autumn", 100, 82)
    caseload.concerns.raise_concern(fid, "Bruise on arm, explained as a fall", urgency="urgent")

    _window, view = session(qtbot, lead_vault, data_dir)

    assert lines(view.visits_today_group) == ["10:00 · Nowak family · Uniform grant form"]
    assert [line.split(" · ", 1)[1] for line in lines(view.visits_week_group)] == [
        "Nowak family · Housing letter"
    ]
    assert lines(view.actions_group)[0].startswith("Chase the housing officer · Nowak family")
    assert len(lines(view.referrals_group)) == 1
    assert "Food bank" in lines(view.referrals_group)[0]
    assert lines(view.consents_group) == [
        "Share with school nurse · Nowak family · expires in 10 days"
    ]
    assert lines(view.attendance_group) == ["Zofia · Nowak family · 82.0% in 2025-autumn"]
    assert view.concerns_group.isVisible()
    assert lines(view.concerns_group)[0].startswith("Urgent · Nowak family · from ")
    assert view.sync_label.text() == "Not synced yet"
    assert view.overdue_visits_group.empty_label.isVisible()


def test_a_checked_in_visit_past_its_end_raises_a_visible_lone_working_alert(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Adeyemi family"}).id
    visit = caseload.visits.plan(fid, date.today()).id
    caseload.visits.check_in(visit, datetime.now().astimezone() - timedelta(minutes=5))
    _window, view = session(qtbot, vault, data_dir)
    (line,) = lines(view.overdue_visits_group)
    assert line.startswith("Check the officer is safe") and "Adeyemi family" in line
    assert view.overdue_visits_group.list_view.isVisible()
    # An officer's vault has no lead's concerns to show.
    assert not view.concerns_group.isVisible()
    assert not view.following_group.isVisible()

    caseload.visits.check_out(visit)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=OP_TIMEOUT_MS)
    assert lines(view.overdue_visits_group) == []


def test_enter_on_a_line_opens_its_family_in_the_caseload(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Okafor family"}).id
    caseload.visits.plan(fid, date.today(), purpose="Welcome visit")
    window, view = session(qtbot, vault, data_dir)
    group = view.visits_today_group
    group.list_view.setFocus()
    group.list_view.setCurrentIndex(group.model.index(0, 0))
    qtbot.keyClick(group.list_view, Qt.Key.Key_Return)
    assert window.current_section() == "caseload"
    caseload_view = window.view("caseload")
    assert isinstance(caseload_view, CaseloadView)
    assert caseload_view.open_family_id == fid
    assert caseload_view.currentWidget() is caseload_view.family_frame


def test_today_refreshes_every_minute_while_shown(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    _window, view = session(qtbot, vault, data_dir)
    assert view.timer.isActive() and view.timer.interval() == 60_000
    Caseload(vault).actions.add(
        Caseload(vault).families.create({"name": "Brown family"}).id,
        "Book interpreter",
        due=date.today() - timedelta(days=1),
    )
    view.timer.timeout.emit()
    qtbot.waitUntil(lambda: len(lines(view.actions_group)) == 1, timeout=OP_TIMEOUT_MS)


def test_alarm_headings_are_red_only_when_something_is_there(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette

    from liaison_desktop.services.today_service import TodayItem
    from liaison_desktop.ui.today.today_view import TodayGroup
    from liaison_desktop.ui.widgets.styles import ERROR_COLOUR

    group = TodayGroup(
        "Lone working", "No visit is past its expected end.", lambda _f: None, alert=True
    )
    qtbot.addWidget(group)
    red = QColor(ERROR_COLOUR)

    def heading_colour() -> QColor:
        return group.title_label.palette().color(QPalette.ColorRole.WindowText)

    assert heading_colour() != red  # nothing there: no alarm
    group.set_items([TodayItem("Check the officer is safe", "f1")])
    assert heading_colour() == red
    group.set_items([])
    assert heading_colour() != red


def test_a_consent_ending_today_says_today_not_in_0_days(vault: Vault) -> None:
    from liaison_desktop.services.today_service import gather_today

    caseload = Caseload(vault)
    family = caseload.families.create({"name": "Rahman family"}).id
    caseload.consents.give(
        family, "Share with the school nurse", "Mrs Rahman", expires=date.today()
    )
    lines = [item.text for item in gather_today(caseload).consents_expiring]
    assert lines == ["Share with the school nurse · Rahman family · expires today"]


def test_the_day_reads_as_a_plan_with_empty_headings_folded_into_one_line(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Okafor family", "postcode": "LS6 1AA"}).id
    caseload.visits.plan(fid, date.today(), purpose="Late visit", time="15:30")
    caseload.visits.plan(fid, date.today(), time="09:00")
    _window, view = session(qtbot, vault, data_dir)
    assert lines(view.visits_today_group) == [
        "09:00 · Okafor family (LS6 1AA) · (no purpose given)",
        "15:30 · Okafor family (LS6 1AA) · Late visit",
    ]
    # Nothing overdue or waiting: those headings are not shown as empty lists.
    for group in (view.actions_group, view.referrals_group, view.consents_group):
        assert not group.isVisible()
    assert "No actions are overdue." in view.all_clear_label.text()
    assert view.all_clear_label.isVisible()
    # The alarm heading is there, in plain colour, saying so.
    assert view.overdue_visits_group.isVisible()
    assert view.overdue_visits_group.empty_label.isVisible()


def test_a_leads_today_shows_what_needs_the_lead_and_not_officers_daily_work(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(lead_vault)
    today = date.today()
    officers = caseload.families.create({"name": "Shah family"}).id
    own = caseload.families.create({"name": "Lee family"}).id
    caseload.allocations.allocate(officers, "ab" * 16, officer_name="Sam Officer")
    sams = {"family_id": officers, "date": today.isoformat(), "officer": "Sam Officer"}
    caseload.visits.create({**sams, "purpose": "Sam's visit"})  # as it arrives from Sam
    caseload.actions.add(officers, "Sam's action", owner="Sam Officer", due=today - timedelta(1))
    caseload.actions.add(officers, "Lead's action", due=today - timedelta(days=1))
    caseload.visits.plan(own, today, purpose="Lead's own visit", time="11:00")
    routine = caseload.concerns.raise_concern(officers, "Often late", urgency="routine")
    caseload.concerns.raise_concern(own, "Disclosure", urgency="immediate")
    acted = caseload.concerns.raise_concern(own, "No coat", urgency="urgent")
    caseload.concerns.record_action(acted.id, "Coat from the uniform bank")
    lone = caseload.visits.create({**sams, "purpose": "Evening visit"}).id
    caseload.visits.check_in(lone, datetime.now().astimezone() - timedelta(minutes=1))

    _window, view = session(qtbot, lead_vault, data_dir)
    assert lines(view.visits_today_group) == ["11:00 · Lee family · Lead's own visit"]
    assert [line.split(" · ")[0] for line in lines(view.actions_group)] == ["Lead's action"]
    waiting = lines(view.concerns_group)
    assert [line.split(" · ")[0] for line in waiting] == ["Immediate", "Routine"]
    assert not any(line.startswith("URGENT") for line in waiting)
    assert lines(view.following_group)[0].startswith("Action taken · Urgent · Lee family")
    (overdue,) = lines(view.overdue_visits_group)
    assert "Sam Officer at Shah family" in overdue  # a colleague's safety is the lead's
    caseload.concerns.acknowledge(routine.id)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=OP_TIMEOUT_MS)
    assert len(lines(view.concerns_group)) == 1
