"""The Activities screen: create an activity, invite families, take attendance at the door."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from liaison_desktop.domain import engagement as eng
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.activities.activities_view import ActivitiesView
from liaison_desktop.ui.activities.activity_dialogs import (
    FamilyPickerDialog,
    NewActivityDialog,
    qdate,
)
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.reports.reports_view import ReportsView
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.session_controller import SessionController
from tests.services.caseload_helpers import create_lead_vault

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    make_page_fixture,
)
from .ui_helpers import OP_TIMEOUT_MS, activate, unlocked_session

_WINDOWS: list[MainWindow] = []  # qtbot holds widgets weakly; the test's window must live on


@pytest.fixture(autouse=True)
def _forget_windows() -> Iterator[None]:
    yield
    _WINDOWS.clear()


def _view(qtbot: QtBot, caseload: Caseload) -> ActivitiesView:
    window = MainWindow("Test Officer", "officer")
    qtbot.addWidget(window)
    _WINDOWS.append(window)
    view = ActivitiesView(caseload, window)
    window.set_view("activities", view)
    window.show_section("activities")
    window.show()
    qtbot.waitExposed(window)
    return view


def _create_activity(qtbot: QtBot, view: ActivitiesView, title: str, weeks: int = 1) -> str:
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.new_dialog
    assert isinstance(dialog, NewActivityDialog) and dialog.isVisible()
    dialog.title_edit.setText(title)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("cookery_class"))
    dialog.weeks_spin.setValue(weeks)
    with qtbot.waitSignal(dialog.created) as created:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    return str(created.args[0])


def _pick(qtbot: QtBot, view: ActivitiesView, names: list[str]) -> None:
    """In the open picker, find each family by typing and tick it with Space; then Invite."""
    picker = view.picker
    assert isinstance(picker, FamilyPickerDialog) and picker.isVisible()
    qtbot.waitUntil(lambda: picker.loaded, timeout=OP_TIMEOUT_MS)
    for name in names:
        picker.filter_edit.setText(name)
        qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
        assert picker.list.hasFocus() or picker.list.currentIndex().isValid()
        qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    picker.filter_edit.clear()
    assert picker.ok_button.isEnabled()
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)


def _tick_by_typing(qtbot: QtBot, view: ActivitiesView, name: str) -> None:
    view.filter_edit.setText(name)
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)
    assert view.checklist.currentIndex().isValid()
    qtbot.keyClick(view.checklist, Qt.Key.Key_Space)
    view.filter_edit.clear()


def test_taking_attendance_at_the_door_saves_each_tick_at_once(
    qtbot: QtBot, caseload: Caseload
) -> None:
    names = ["Haddad family", "Nowak-Jones household", "Ó Briain family", "Lee family"]
    ids = {n: caseload.families.create({"name": n}).id for n in names}
    view = _view(qtbot, caseload)
    assert view.empty_label.isVisible()

    activity_id = _create_activity(qtbot, view, "Cookery class, Tuesdays", weeks=3)
    assert view.activity_titles() == ["Cookery class, Tuesdays · Cookery class"]
    sessions = caseload.activities.sessions_of(activity_id)
    today = date.today()
    assert [s["date"] for s in sessions] == [
        (today + timedelta(weeks=n)).isoformat() for n in range(3)
    ]
    assert view.session_day() == today  # the session shown is today's by default
    assert view.count_text() == "0 of 0 here"

    qtbot.mouseClick(view.invite_button, Qt.MouseButton.LeftButton)
    _pick(qtbot, view, ["haddad", "nowak", "briain"])
    assert [r.family_name for r in view.checklist_model.rows()] == [
        "Haddad family",
        "Nowak-Jones household",
        "Ó Briain family",
    ]
    assert view.count_text() == "0 of 3 here"

    _tick_by_typing(qtbot, view, "nowak")
    _tick_by_typing(qtbot, view, "ó bri")
    assert view.count_text() == "2 of 3 here"
    # Saved already: the service's register agrees, with no Save pressed.
    register = caseload.activities.register(sessions[0].id)
    assert register.attended == 2
    assert {r.family_name for r in register.rows if r.attended} == {
        "Nowak-Jones household",
        "Ó Briain family",
    }

    # A slip is undone by unticking it (Space again on the same family).
    _tick_by_typing(qtbot, view, "haddad")
    assert view.count_text() == "3 of 3 here"
    _tick_by_typing(qtbot, view, "haddad")
    assert view.count_text() == "2 of 3 here"
    assert caseload.activities.register(sessions[0].id).attended == 2
    assert caseload.activities.marks.find(eng.mark_id(sessions[0].id, ids["Haddad family"])) is None

    # A walk-in is added and counted as here.
    qtbot.mouseClick(view.walk_in_button, Qt.MouseButton.LeftButton)
    picker = view.picker
    assert isinstance(picker, FamilyPickerDialog)
    qtbot.waitUntil(lambda: picker.loaded, timeout=OP_TIMEOUT_MS)
    offered = [picker.proxy.index(r, 0).data() for r in range(picker.proxy.rowCount())]
    assert offered == ["Lee family"]  # families on the list already are not offered again
    picker.filter_edit.setText("lee")
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.count_text() == "3 of 4 here")
    assert "Lee family (walk-in)" in [
        view.checklist_proxy.index(r, 0).data() for r in range(view.checklist_proxy.rowCount())
    ]

    # Another session day shows the same invited families, none ticked yet.
    view.date_edit.setDate(qdate(today + timedelta(weeks=1)))
    assert view.count_text() == "0 of 3 here"
    view.sessions_combo.setCurrentIndex(0)
    view.sessions_combo.activated.emit(0)
    assert view.session_day() == today and view.count_text() == "3 of 4 here"


def test_ticking_on_a_day_with_no_session_adds_that_session(
    qtbot: QtBot, caseload: Caseload
) -> None:
    family = caseload.families.create({"name": "Adeyemi family"}).id
    activity = caseload.activities.add("Coffee morning", "coffee_morning", sessions=[])
    caseload.activities.invite(activity.id, [family])
    view = _view(qtbot, caseload)
    assert view.select_activity(activity.id)
    assert view.subtitle_label.text().endswith(" · 1 family invited")  # not "1 families"
    assert "No session on" in view.session_label.text()
    assert caseload.activities.sessions_of(activity.id) == []
    assert view.set_attended(family)
    [session] = caseload.activities.sessions_of(activity.id)
    assert session["date"] == date.today().isoformat()
    assert caseload.activities.register(session.id).attended == 1
    assert view.count_text() == "1 of 1 here"
    assert view.sessions_combo.count() == 1


def test_a_new_activity_without_a_title_is_refused_and_nothing_is_saved(
    qtbot: QtBot, caseload: Caseload
) -> None:
    view = _view(qtbot, caseload)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.new_dialog
    assert dialog is not None
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.errors["title"].isVisible()
    assert caseload.activities.all() == []
    dialog.reject()


def test_activities_is_the_seventh_section_on_ctrl_7(
    qtbot: QtBot, recovery_key: str, controller: SessionController
) -> None:
    window = unlocked_session(qtbot, controller)
    assert window.section_keys()[6] == "activities"
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() == "activities"
    assert isinstance(window.view("activities"), ActivitiesView)


def test_acceptance_invite_three_tick_two_and_see_it_everywhere(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 11, acceptance 3: attendance taken through the real widgets shows "2 of 3", in
    each family's chronology and engagement tabs, and in the lead's engagement summary."""
    vault = create_lead_vault(tmp_path / "lead", "Dana Lead")
    try:
        caseload = Caseload(vault)
        ids = {
            n: caseload.families.create({"name": n}).id
            for n in ("Haddad family", "Nowak family", "Lee family")
        }
        view = _view(qtbot, caseload)
        _create_activity(qtbot, view, "Cookery class, Tuesdays")
        qtbot.mouseClick(view.invite_button, Qt.MouseButton.LeftButton)
        _pick(qtbot, view, ["haddad", "nowak", "lee"])
        _tick_by_typing(qtbot, view, "haddad")
        _tick_by_typing(qtbot, view, "nowak")
        assert view.count_text() == "2 of 3 here"

        window = MainWindow("Dana Lead", "lead")
        qtbot.addWidget(window)
        _WINDOWS.append(window)
        services = SessionServices.for_window(caseload, SettingsService(tmp_path), tmp_path, window)
        for name, came in (("Haddad family", True), ("Nowak family", True), ("Lee family", False)):
            page = FamilyPage(services, ids[name])
            window.set_view("caseload", page)
            window.show_section("caseload")
            window.show()
            page.tabs.setCurrentWidget(page.chronology)
            summaries = [e.summary for e in page.chronology.model.rows()]
            assert "Invited to Cookery class, Tuesdays" in summaries
            assert ("Came to Cookery class, Tuesdays" in summaries) is came
            page.tabs.setCurrentWidget(page.engagement)
            engagement_tab = page.engagement
            qtbot.waitUntil(lambda tab=engagement_tab: tab.engagement is not None)
            row = [
                engagement_tab.activities_model.index(0, c).data()
                for c in range(engagement_tab.activities_model.columnCount())
            ]
            assert row[0] == "Cookery class, Tuesdays"
            assert row[3] == ("1 of 1 session" if came else "Not yet")

        reports = ReportsView(caseload, window)
        window.set_view("reports", reports)
        window.show_section("reports")
        window.show()
        assert reports.engagement is not None
        reports.tabs.setCurrentWidget(reports.engagement)
        summary_view = reports.engagement
        qtbot.waitUntil(lambda: summary_view.summary is not None, timeout=OP_TIMEOUT_MS)
        assert summary_view.headline_label.text().endswith(
            ": 2 of 3 families took part in school life"
        )
        current = summary_view.terms_model.rows()[-1]
        assert (current.engaged, current.attended) == (2, 2)
        [activity] = summary_view.activities_model.rows()
        assert (activity.title, activity.invited, activity.attended, activity.walk_ins) == (
            "Cookery class, Tuesdays",
            3,
            2,
            0,
        )
        assert "Cookery class: Invited 3, Came 2" in summary_view.kinds_chart.description()
        assert "Engaged 2" in summary_view.terms_chart.description().splitlines()[-1]
    finally:
        QThreadPool.globalInstance().waitForDone(OP_TIMEOUT_MS)
        vault.close()
