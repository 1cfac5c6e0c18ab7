"""Demo data: fictional, varied, deterministic with a seed, and written like real records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.demo.generator import DemoGenerator
from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.demo.setting import DEMO_MARK, entries_from_contacts, upn_check_letter
from liaison_desktop.domain import records
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

TODAY = date(2025, 11, 12)


def _filled_vault(path: Path, seed: int, families: int = 12) -> Vault:
    vault, _recovery = Vault.create(
        path, PASSPHRASE, owner_name="Demo Officer", role="lead", kdf_target_seconds=0
    )
    populate_demo(Caseload(vault), families=families, seed=seed, today=TODAY)
    return vault


def _story(vault: Vault) -> tuple[list[tuple[str, str, str]], list[str]]:
    """What a reader sees, without ids: family names and addresses, and every note's text."""
    caseload = Caseload(vault)
    families = sorted(
        (f["name"], f.get("address") or "", f.get("postcode") or "")
        for f in caseload.families.all()
    )
    notes = sorted(str(n.get("text")) for n in caseload.notes.query())
    return families, notes


def test_same_seed_tells_the_same_story(tmp_path: Path) -> None:
    first = _filled_vault(tmp_path / "a", seed=7)
    second = _filled_vault(tmp_path / "b", seed=7)
    try:
        assert _story(first) == _story(second)
        assert len(_story(first)[1]) >= 12 * 3
    finally:
        first.close()
        second.close()


def test_different_seed_tells_a_different_story(tmp_path: Path) -> None:
    first = _filled_vault(tmp_path / "a", seed=7)
    second = _filled_vault(tmp_path / "b", seed=8)
    try:
        families_a, notes_a = _story(first)
        families_b, notes_b = _story(second)
        assert families_a != families_b
        assert notes_a != notes_b
    finally:
        first.close()
        second.close()


def test_households_are_varied_across_cultures() -> None:
    generator = DemoGenerator(3, today=TODAY)
    directory = entries_from_contacts(generator.directory())
    households = [generator.family(i, directory) for i in range(400)]
    surnames = {r.values["family_name"] for h in households for r in h if r.kind == "person"}
    given_names = {r.values["given_name"] for h in households for r in h if r.kind == "person"}
    languages = {
        lang for h in households for r in h if r.kind == "person" for lang in r.values["languages"]
    }
    assert len(surnames) > 150
    assert len(given_names) > 400
    assert {"Welsh", "Polish", "Urdu", "Somali", "Romanian", "Arabic"} <= languages
    kinds = {r.kind for h in households for r in h}
    assert {"family", "person", "visit", "note", "referral", "action", "consent"} <= kinds
    statuses = {r.values["status"] for h in households for r in h if r.kind == "referral"}
    assert {"draft", "sent", "fulfilled", "declined", "withdrawn"} <= statuses


def test_demo_fills_a_vault_that_verifies_and_covers_all_four_layers(vault: Vault) -> None:
    caseload = Caseload(vault)
    summary = populate_demo(caseload, families=15, seed=2, today=TODAY)
    assert summary.families == 15
    assert caseload.ctx.store.count("family") == 15
    assert summary.counts["note"] >= 15 * 3
    assert VaultService.verify(vault) == []
    layers = {c["layer"] for c in caseload.directory.all()}
    assert layers == {1, 2, 3, 4}
    kinds = {c["kind"] for c in caseload.directory.all()}
    assert {
        "social_care",
        "early_help",
        "health",
        "mental_health",
        "housing",
        "attendance",
    } <= kinds
    assert {"food_bank", "faith_group", "library", "youth", "sports", "museum"} <= kinds
    assert {"business", "transport", "community_group"} <= kinds
    # Every write was audited like an officer's own.
    assert len(caseload.audit.all()) >= summary.records


def test_demo_data_is_marked_fictional_and_strengths_based(vault: Vault) -> None:
    caseload = Caseload(vault)
    populate_demo(caseload, families=20, seed=5, today=TODAY)
    for family in caseload.families.all():
        assert str(family["key_facts"]).startswith(DEMO_MARK)
        assert family["phone"] is None or family["phone"].startswith("+447700900")
        assert str(family["postcode"]).startswith("DM")
    for contact in caseload.directory.all():
        assert str(contact["organisation"]).endswith("(demo)")
        assert str(contact["email"]).endswith(".example")
    texts = [str(n["text"]).lower() for n in caseload.notes.query()]
    assert texts and not any("hard to reach" in t for t in texts)


def test_search_finds_a_demo_family_by_the_start_of_its_name(vault: Vault) -> None:
    caseload = Caseload(vault)
    populate_demo(caseload, families=10, seed=4, today=TODAY)
    family = caseload.families.all()[0]
    prefix = str(family["name"]).split()[0][:4]
    hits = caseload.search.search(prefix, limit=200)
    assert family.id in {h.family_id for h in hits if h.kind == "family"}


def test_filling_again_adds_families_and_reuses_the_directory(vault: Vault) -> None:
    caseload = Caseload(vault)
    first = populate_demo(caseload, families=5, seed=1, today=TODAY)
    second = populate_demo(caseload, families=5, seed=1, today=TODAY)
    assert first.contacts_created > 0
    assert second.contacts_created == 0
    assert caseload.ctx.store.count("family") == 10
    assert caseload.ctx.store.count("contact") == first.contacts_created


def test_progress_is_reported_and_cancel_keeps_whole_batches(vault: Vault) -> None:
    caseload = Caseload(vault)
    seen: list[tuple[int, int]] = []
    summary = populate_demo(
        caseload,
        families=9,
        seed=1,
        today=TODAY,
        batch_size=3,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert seen == [(0, 9), (3, 9)]
    assert summary.cancelled
    assert summary.families == 3
    assert caseload.ctx.store.count("family") == 3
    # A cancelled run leaves whole families: each has its people and notes.
    for family in caseload.families.all():
        assert caseload.people.for_family(family.id)
        assert caseload.notes.for_family(family.id)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_generated_upns_pass_validation(body: str) -> None:
    upn = upn_check_letter(body) + body
    assert records.PERSON.field("upn").clean(upn) == upn


def test_liaison_demo_creates_a_demo_vault_and_prints_counts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    result = run_cli(
        capsys, monkeypatch, data_dir, "demo", "--families", "20", "--seed", "1", "--json", env=env
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["created_vault"] is True
    assert data["families"] == 20
    assert data["records"]["family"] == 20
    assert data["recovery_key"]
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        meta = vault.meta()
        assert (meta["owner_name"], meta["role"]) == ("Demo Officer", "lead")
        assert Caseload(vault).ctx.store.count("family") == 20


def test_create_demo_vault_makes_a_lead_vault_its_passphrase_opens(data_dir: Path) -> None:
    from liaison_desktop.demo.populate import create_demo_vault

    vault, passphrase = create_demo_vault(data_dir, families=3, seed=1)
    vault.close()
    with Vault.unlock(data_dir, passphrase) as reopened:
        assert reopened.meta()["role"] == "lead"
        assert Caseload(reopened).ctx.store.count("family") == 3
