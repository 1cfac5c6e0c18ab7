"""The family page's Engagement tab: the profile, activities and volunteering."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.engagement_tab import EngagementTab

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)


def _cells(model: object, row: int) -> list[str]:
    m = model  # a RowsModel
    return [
        str(m.index(row, c).data(Qt.ItemDataRole.DisplayRole))  # type: ignore[attr-defined]
        for c in range(m.columnCount())  # type: ignore[attr-defined]
    ]


def _chronology(caseload: Caseload, family_id: str) -> list[tuple[str, str]]:
    return [(e.kind, e.summary) for e in caseload.chronology.for_family(family_id)]


def test_engagement_tab_comes_last_and_reads_only_when_shown(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[-3:] == ["Engagement", "Files", "Access log"]
    assert titles.index("Engagement") > titles.index("Sharing")
    page.tabs.setCurrentIndex(titles.index("Engagement"))
    tab = page.engagement
    assert isinstance(tab, EngagementTab)
    qtbot.waitUntil(lambda: tab.engagement is not None)
    assert "No activities, volunteering or agreement recorded yet" in tab.terms_label.text()


def test_profile_is_edited_and_saved_and_the_agreement_reaches_the_chronology(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.engagement)
    tab = page.engagement
    qtbot.waitUntil(lambda: tab.engagement is not None)
    page.chronology  # noqa: B018 — built now, so it must refresh when the tab saves
    tab.channel_combo.setCurrentIndex(tab.channel_combo.findData("text_message"))
    tab.language_edit.setText("Polski")
    tab.best_time_edit.setText("Po 15:00, nie w piątki")
    tab.agreement_check.setChecked(True)
    tab.agreement_date.setDate(QDate(2026, 9, 7))
    tab.interests_edit.setPlainText("Gotowanie — happy to help at the cookery class")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.saved_label.text() == "Saved."

    profile = caseload.engagement.profile(family_id)
    assert profile is not None
    assert (profile["preferred_channel"], profile["preferred_language"]) == (
        "text_message",
        "Polski",
    )
    assert profile["best_time"] == "Po 15:00, nie w piątki"
    assert profile["agreement_signed_on"] == "2026-09-07"
    assert ("agreement", "Home-school agreement signed") in _chronology(caseload, family_id)
    assert "Home-school agreement signed" in [
        e.summary for e in page.chronology.model.rows()
    ]  # the open chronology tab was refreshed
    assert "Autumn 2026" in tab.terms_label.text()

    # Unticking the agreement and clearing the language saves them as cleared.
    tab.agreement_check.setChecked(False)
    tab.language_edit.clear()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    profile = caseload.engagement.profile(family_id)
    assert profile is not None
    assert not profile.get("agreement_signed_on") and not profile.get("preferred_language")
    assert profile["preferred_channel"] == "text_message"


def test_activities_and_volunteering_show_and_a_role_is_added_and_ended(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    today = date.today()
    activity = caseload.activities.add(
        "Cookery class, Tuesdays", "cookery_class", sessions=[today - timedelta(days=7), today]
    )
    first, second = caseload.activities.sessions_of(activity.id)
    caseload.activities.invite(activity.id, [family_id], on=today - timedelta(days=10))
    caseload.activities.mark(first.id, family_id)
    caseload.activities.mark(second.id, family_id, "did_not_attend")
    coffee = caseload.activities.add("Coffee morning", "coffee_morning", sessions=[today])
    [coffee_session] = caseload.activities.sessions_of(coffee.id)
    caseload.activities.add_walk_in(coffee_session.id, family_id)

    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.engagement)
    tab = page.engagement
    qtbot.waitUntil(lambda: tab.engagement is not None)
    rows = [_cells(tab.activities_model, r) for r in range(tab.activities_model.rowCount())]
    assert [
        "Cookery class, Tuesdays",
        "Cookery class",
        (today - timedelta(days=10)).isoformat(),
        "1 of 2 sessions",
        (today - timedelta(days=7)).isoformat(),
    ] in rows
    assert [
        "Coffee morning",
        "Coffee morning",
        "Came without an invitation",
        "1 of 1 session",
        today.isoformat(),
    ] in rows

    tab.role_edit.setText("Reading helper")
    tab.schedule_edit.setText("Fridays")
    qtbot.mouseClick(tab.add_role_button, Qt.MouseButton.LeftButton)
    [role] = caseload.engagement.volunteering.for_family(family_id)
    assert (role["role"], role["schedule"], role["started_on"]) == (
        "Reading helper",
        "Fridays",
        today.isoformat(),
    )
    assert _cells(tab.volunteering_model, 0) == [
        "Reading helper",
        "Fridays",
        today.isoformat(),
        "still volunteering",
    ]
    assert not tab.end_role_button.isEnabled()
    tab.volunteering_table.select_source_row(0)
    assert tab.end_role_button.isEnabled()
    qtbot.mouseClick(tab.end_role_button, Qt.MouseButton.LeftButton)
    assert caseload.engagement.volunteering.get(role.id)["ended_on"] == today.isoformat()
    assert _cells(tab.volunteering_model, 0)[3] == today.isoformat()


def test_a_role_with_no_description_is_refused_and_nothing_is_saved(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.engagement)
    tab = page.engagement
    qtbot.waitUntil(lambda: tab.engagement is not None)
    qtbot.mouseClick(tab.add_role_button, Qt.MouseButton.LeftButton)
    assert tab.volunteering_error.isVisible()
    assert tab.volunteering_error.text().startswith("Not added: What they do")
    assert caseload.engagement.volunteering.for_family(family_id) == []
