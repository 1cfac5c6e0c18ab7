"""Acceptance 2 of issue 11: the asset map lists organisations by layer and flags a support kind
with no provider (and stops flagging it when one is added)."""

from __future__ import annotations

from liaison_desktop.services.caseload import Caseload
from tests.services.caseload_helpers import new_family


def _org(caseload: Caseload, name: str, kind: str, layer: int, offers: str = "") -> str:
    return caseload.directory.create(
        {"organisation": name, "kind": kind, "layer": layer, "service_offered": offers}
    ).id


def test_organisations_are_listed_by_layer_and_kind(caseload: Caseload) -> None:
    _org(caseload, "Hillside Food Bank", "food_bank", 3, "Food parcels on a voucher")
    _org(caseload, "St Anne's Pantry", "food_bank", 3)
    _org(caseload, "Demoford Mosque", "faith_group", 3)
    _org(caseload, "Children's Services", "social_care", 2)
    _org(caseload, "Corner shop", "business", 4)
    asset_map = caseload.asset_map.build()
    assert [(g.layer, g.count) for g in asset_map.layers] == [(1, 0), (2, 1), (3, 3), (4, 1)]
    layer3 = asset_map.layers[2]
    assert layer3.label == "Organisations linked to the school"
    assert [(k.label, [a.organisation for a in k.assets]) for k in layer3.kinds] == [
        ("Faith group", ["Demoford Mosque"]),
        ("Food bank", ["Hillside Food Bank", "St Anne's Pantry"]),
    ]
    bank = layer3.kinds[1].assets[0]
    assert bank.offers == "Food parcels on a voucher"
    assert "food" in bank.supports
    assert asset_map.organisations == 5


def test_a_support_kind_with_no_provider_is_flagged_until_one_is_added(caseload: Caseload) -> None:
    _org(caseload, "Hillside Food Bank", "food_bank", 3)
    gaps = {c.key for c in caseload.asset_map.build().gaps}
    assert "money_advice" in gaps and "food" not in gaps
    # An organisation whose offer mentions debt advice fills the gap, whatever its kind.
    _org(caseload, "Citizens Advice Demoford", "other", 4, "Free debt and benefits advice")
    asset_map = caseload.asset_map.build()
    assert "money_advice" not in {c.key for c in asset_map.gaps}
    [coverage] = [c for c in asset_map.coverage if c.key == "money_advice"]
    assert coverage.label == "Debt and money advice" and len(coverage.providers) == 1


def test_partnerships_to_build_are_needs_on_the_caseload_with_no_provider(
    caseload: Caseload,
) -> None:
    _org(caseload, "Hillside Food Bank", "food_bank", 3)
    a = new_family(caseload, "A family")
    b = new_family(caseload, "B family")
    caseload.families.update(a, {"needs": ["ESOL", "food"]})
    caseload.families.update(b, {"needs": ["esol", "money advice"]})
    to_build = caseload.asset_map.build().partnerships_to_build
    assert [(c.key, c.families_needing) for c in to_build] == [
        ("english_language", 2),
        ("money_advice", 1),
    ]  # food is needed too, but there is a food bank


def test_connections_count_referrals_and_teams_by_family(caseload: Caseload) -> None:
    bank = _org(caseload, "Hillside Food Bank", "food_bank", 3)
    a, b = new_family(caseload, "A family"), new_family(caseload, "B family")
    for family in (a, a, b):
        caseload.referrals.create(
            {
                "family_id": family,
                "kind": "food_bank",
                "organisation_id": bank,
                "status": "draft",
                "date": "2026-10-01",
            }
        )
    caseload.directory.link(a, bank, "Food parcels")
    [asset] = caseload.asset_map.build().layers[2].kinds[0].assets
    c = asset.connections
    assert (c.referrals, c.referred_families, c.team_families, c.activities) == (3, 2, 1, 0)
    assert caseload.asset_map.build().connected == 1
