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
    assert bank.offers == ("Food parcels on a voucher",)
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


def _contact(caseload: Caseload, name: str, organisation: str, kind: str, offers: str) -> str:
    return caseload.directory.create(
        {
            "name": name,
            "organisation": organisation,
            "kind": kind,
            "layer": 1,
            "service_offered": offers,
        }
    ).id


def _referral(caseload: Caseload, family: str, contact: str) -> None:
    caseload.referrals.create(
        {
            "family_id": family,
            "kind": "other",
            "organisation_id": contact,
            "status": "sent",
            "date": "2026-10-01",
        }
    )


def test_contacts_at_one_organisation_make_one_entry_counting_each_family_once(
    caseload: Caseload,
) -> None:
    # Three contacts at one school (the name written three ways) and one at another.
    head = _contact(caseload, "Ms Head", "Demoford Primary", "school", "Breakfast club")
    dsl = _contact(caseload, "Mr Safe", "demoford  PRIMARY", "school", "Safeguarding advice")
    senco = _contact(caseload, "Ms Senco", " Demoford Primary ", "other", "breakfast   CLUB")
    other = _contact(caseload, "Mr Tutor", "Northgate Academy", "school", "Mentoring")
    a, b, c = (new_family(caseload, f"{n} family") for n in "ABC")
    # Family A is referred to two of the school's contacts and has two of them in its team;
    # B is referred to one; C only has the other school in its team.
    _referral(caseload, a, head)
    _referral(caseload, a, dsl)
    _referral(caseload, b, senco)
    caseload.directory.link(a, head, "Head")
    caseload.directory.link(a, dsl, "DSL")
    caseload.directory.link(c, other, "Mentor")
    activity = caseload.activities.add(
        "Breakfast club", "other", sessions=["2026-10-05"], contact_id=dsl
    )
    [session] = caseload.activities.sessions_of(activity.id)
    caseload.activities.mark(session.id, a)
    caseload.activities.mark(session.id, b)

    asset_map = caseload.asset_map.build()
    [layer1] = [g for g in asset_map.layers if g.layer == 1]
    assert [(k.kind, [x.organisation for x in k.assets]) for k in layer1.kinds] == [
        ("school", ["Demoford Primary", "Northgate Academy"])
    ]  # "school" is the kind two of the three contacts have
    school = layer1.kinds[0].assets[0]
    assert set(school.contact_ids) == {head, dsl, senco}
    assert set(school.contact_names) == {"Ms Head", "Mr Safe", "Ms Senco"}
    assert sorted(school.offers) == ["Breakfast club", "Safeguarding advice"]
    connections = school.connections
    assert (connections.referrals, connections.referred_families) == (3, 2)
    assert connections.team_families == 1  # family A once, though two contacts are in its team
    assert (connections.activities, connections.activity_families) == (1, 2)
    assert (asset_map.organisations, asset_map.connected) == (2, 2)


def test_contacts_without_an_organisation_and_namesakes_on_other_layers_stay_apart(
    caseload: Caseload,
) -> None:
    # The directory requires an organisation name, so only a contact written round it (the
    # store directly, as an older device might have) has none: it is an entry of its own.
    for name in ("Jo Bloggs", "Sam Smith"):
        caseload.ctx.store.put(
            "contact",
            caseload.ctx.store.new_id(),
            {"name": name, "organisation": "", "kind": "volunteer", "layer": 4},
        )
    _org(caseload, "Hillside Trust", "food_bank", 3, "Food parcels")
    _org(caseload, "Hillside Trust", "food_bank", 4, "Food parcels")
    asset_map = caseload.asset_map.build()
    assert asset_map.organisations == 4
    layer4 = asset_map.layers[3]
    assert sorted(a.organisation for k in layer4.kinds for a in k.assets) == [
        "Hillside Trust",
        "Jo Bloggs",
        "Sam Smith",
    ]
    [food] = [c for c in asset_map.coverage if c.key == "food"]
    assert [(p.organisation, p.layer) for p in food.providers] == [
        ("Hillside Trust", 3),
        ("Hillside Trust", 4),
    ]
