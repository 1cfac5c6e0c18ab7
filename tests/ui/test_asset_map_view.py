"""The Directory's Asset map: organisations by layer and kind, the gaps, partnerships to build."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.directory.asset_map_view import AssetMapView
from liaison_desktop.ui.directory.directory_view import DirectoryView

from .family_fixtures import caseload_fixture  # noqa: F401  (fixture, used by name)
from .ui_helpers import OP_TIMEOUT_MS


def _org(caseload: Caseload, name: str, kind: str, layer: int, offers: str = "") -> str:
    return caseload.directory.create(
        {"organisation": name, "kind": kind, "layer": layer, "service_offered": offers}
    ).id


def test_asset_map_lists_organisations_by_layer_and_shows_the_gaps(
    qtbot: QtBot, caseload: Caseload
) -> None:
    bank = _org(caseload, "Hillside Food Bank", "food_bank", 3, "Food parcels on a voucher")
    _org(caseload, "Demoford Mosque", "faith_group", 3, "Toddler group on Wednesdays")
    _org(caseload, "Children's Services", "social_care", 2)
    _org(caseload, "Corner shop", "business", 4)
    family = caseload.families.create({"name": "Nowak family", "needs": ["ESOL"]}).id
    caseload.referrals.create(
        {
            "family_id": family,
            "kind": "food_bank",
            "organisation_id": bank,
            "status": "sent",
            "date": "2026-10-01",
        }
    )

    directory = DirectoryView(caseload)
    qtbot.addWidget(directory)
    directory.show()
    assert [directory.views.tabText(i) for i in range(2)] == ["Con&tacts", "Asset ma&p"]
    view = directory.asset_map
    assert isinstance(view, AssetMapView) and view.asset_map is None  # nothing read yet
    directory.views.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.asset_map is not None, timeout=OP_TIMEOUT_MS)

    assert view.layer_rows() == [
        "Layer 1: Pupils and staff — 0 organisations",
        "Layer 2: Families and multi-agency contacts — 1 organisation",
        "Layer 3: Organisations linked to the school — 2 organisations",
        "Layer 4: Wider local community — 1 organisation",
    ]
    assert view.organisations_in(3) == [
        (
            "Faith group",
            "Demoford Mosque",
            "Toddler group on Wednesdays",
            "Not connected yet",
        ),
        (
            "Food bank",
            "Hillside Food Bank",
            "Food parcels on a voucher",
            "1 referral (1 family)",
        ),
    ]
    assert [o[1] for o in view.organisations_in(2)] == ["Children's Services"]
    assert view.organisations_in(1) == []
    assert "4 organisations in your school community; 1 of them connected" in (
        view.summary_label.text()
    )

    # The gap panel names support with no local organisation, and not food (there is a bank).
    assert view.gaps_box.title() == "Support with no local organisation yet"
    gaps = view.gaps_label.text().splitlines()
    assert "• Debt and money advice" in gaps and "• English language (ESOL)" in gaps
    assert "• Food" not in gaps
    assert view.partnerships_label.text() == "• English language (ESOL): 1 family here uses it"

    # Adding a provider and refreshing takes it off both lists.
    _org(caseload, "Demoford ESOL Café", "community_group", 4, "ESOL conversation classes")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "English language" not in view.gaps_label.text(), timeout=OP_TIMEOUT_MS)
    assert "English language" not in view.partnerships_label.text()
    assert "Demoford ESOL Café" in [o[1] for o in view.organisations_in(4)]


def test_contacts_of_one_organisation_are_one_row_named_in_full(
    qtbot: QtBot, caseload: Caseload
) -> None:
    long_name = "Demoford Primary School and Children's Centre (demo)"
    for name, offer in (("Ms Head", "Breakfast club"), ("Mr Safe", "Safeguarding advice")):
        caseload.directory.create(
            {
                "organisation": long_name,
                "name": name,
                "kind": "school",
                "layer": 1,
                "service_offered": offer,
            }
        )
    view = AssetMapView(caseload)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitUntil(lambda: view.asset_map is not None, timeout=OP_TIMEOUT_MS)

    assert view.layer_rows()[0] == "Layer 1: Pupils and staff — 1 organisation"
    assert view.organisations_in(1) == [
        ("School", long_name, "Safeguarding advice; Breakfast club", "Not connected yet")
    ]
    assert view.summary_label.text().startswith("1 organisation in your school community;")
    # The organisation column is wide enough for the whole name, and its tooltip names both
    # contacts who work there.
    school = view.model.item(0, 0).child(0, 0).child(0, 0)
    width = view.tree.fontMetrics().horizontalAdvance(long_name)
    assert view.tree.header().sectionSize(0) > width
    assert school.toolTip() == f"{long_name}\nContacts: Mr Safe, Ms Head"
