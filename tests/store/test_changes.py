"""What changed: one event per committed write, none for a write taken back (store/changes.py)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from liaison_desktop.domain.changes import Change
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.caseload_helpers import caseload_on, new_family
from tests.sync.world import create_member, pair


def _heard(vault: Vault) -> list[Change]:
    heard: list[Change] = []
    vault.changes.subscribe(heard.append)
    return heard


def test_a_write_publishes_its_kind_and_family_once_committed(vault: Vault) -> None:
    caseload = caseload_on(vault)
    family_id = new_family(caseload)
    heard = _heard(vault)

    caseload.visits.plan(family_id, date(2025, 3, 20), purpose="Check in")

    assert heard == [Change(frozenset({"visit"}), frozenset({family_id}))]
    assert heard[0].touches(("visit",), family_id)
    assert not heard[0].touches(("note",), family_id)
    assert not heard[0].touches(("visit",), "another-family")


def test_writes_in_one_transaction_are_one_change_published_after_commit(vault: Vault) -> None:
    caseload = caseload_on(vault)
    family_id = new_family(caseload)
    heard = _heard(vault)

    with vault.transaction():
        caseload.visits.plan(family_id, date(2025, 3, 20))
        caseload.people.create({"family_id": family_id, "given_name": "Ada", "role": "pupil"})
        assert heard == []  # nothing is announced before it is committed

    assert len(heard) == 1
    assert heard[0].kinds == {"visit", "person"}
    assert heard[0].family_ids == {family_id}


def test_a_write_taken_back_is_never_announced(vault: Vault) -> None:
    caseload = caseload_on(vault)
    family_id = new_family(caseload)
    heard = _heard(vault)

    with pytest.raises(RuntimeError), vault.transaction():
        caseload.visits.plan(family_id, date(2025, 3, 20))
        raise RuntimeError("the officer's laptop ran out of disk")
    caseload.families.update(family_id, {"postcode": "LS6 1AA"})

    assert heard == [Change(frozenset({"family"}), frozenset({family_id}))]


def test_a_write_on_a_worker_connection_reaches_the_vaults_listeners(vault: Vault) -> None:
    family_id = new_family(caseload_on(vault))
    heard = _heard(vault)
    threads: list[str] = []
    vault.changes.subscribe(lambda _change: threads.append(threading.current_thread().name))

    def work() -> None:
        worker = vault.open_worker()
        try:
            caseload_on(worker).visits.plan(family_id, date(2025, 3, 21))
        finally:
            worker.close()

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()

    assert [c.kinds for c in heard] == [{"visit"}]
    assert threads == ["worker"]  # published where it was written: listeners hand it on


def test_a_listener_that_fails_does_not_stop_the_others_or_the_write(vault: Vault) -> None:
    caseload = caseload_on(vault)

    def broken(_change: Change) -> None:
        raise ValueError("a view that was already destroyed")

    vault.changes.subscribe(broken)
    heard = _heard(vault)
    family_id = new_family(caseload)

    assert [c.family_ids for c in heard] == [{family_id}]
    assert caseload.families.get(family_id).get("name")


def test_unsubscribing_stops_the_events(vault: Vault) -> None:
    caseload = caseload_on(vault)
    heard: list[Change] = []
    stop = vault.changes.subscribe(heard.append)
    new_family(caseload)
    stop()
    new_family(caseload)
    assert len(heard) == 1


def test_an_imported_bundle_announces_what_it_brought(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    pair(lead, officer)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = caseload_on(vault)
        family_id = new_family(caseload)
        caseload.allocations.allocate(family_id, officer.device_id)
        data = SyncService(caseload.ctx).export_bytes(officer.device_id).data
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        heard = _heard(vault)
        SyncService(caseload_on(vault).ctx).import_bytes([data])

    assert heard, "the import announced nothing"
    assert any(c.touches(("family",), family_id) for c in heard)
    assert not any(c.touches(("visit",), family_id) for c in heard)


def test_everything_touches_every_view() -> None:
    assert Change.everything().touches(("note",), "any-family")
    assert Change.of([("contact", None)]).touches(("contact",), "any-family")
