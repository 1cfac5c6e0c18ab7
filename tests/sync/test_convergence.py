"""Convergence of real vaults exchanging real bundle files (DESIGN §5, issue 6 acceptance 1).

Three or four devices — one lead, the rest officers — make random edits (including the same
field on two devices before either has heard of the other's edit), deletes and allocations,
and exchange bundle files delivered in random order, duplicated and dropped. After a final
full exchange every device holds exactly what it is entitled to (the lead: everything; an
officer: its allocated families and the shared directory), identical to the lead's copy, and
every concurrent edit of one field is recorded as a conflict on every device holding it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from liaison_desktop.domain.records import ALL, spec_for
from liaison_desktop.errors import InputRejected
from liaison_desktop.services.allocations_service import AllocationsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.directory_service import DirectoryService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

WORDS = st.sampled_from(["alpha", "bravo", "charlie", "delta", "echo"])
FAMILY_FIELDS = ("name", "strengths", "address")


@dataclass
class Device:
    """One replica: a real vault with its services."""

    vault: Vault
    caseload: Caseload
    sync: SyncService
    role: str

    @property
    def device_id(self) -> str:
        return self.sync.identity.device_id


def versions_of(vault: Vault, kind: str, record_id: str) -> dict[str, str]:
    row = vault.conn.execute(
        f'SELECT versions FROM "{spec_for(kind).table}" WHERE id = ?', (record_id,)
    ).fetchone()
    return json.loads(row[0]) if row else {}


def table_rows(vault: Vault, kind: str) -> dict[str, tuple[Any, ...]]:
    """Every row of a kind (tombstones too) without local timestamps."""
    spec = spec_for(kind)
    columns = ["id", *(f.name for f in spec.fields), "deleted", "versions"]
    quoted = ", ".join(f'"{c}"' for c in columns)
    return {
        r[0]: tuple(r)
        for r in vault.conn.execute(f'SELECT {quoted} FROM "{spec.table}" ORDER BY id')
    }


class SyncMachine(RuleBasedStateMachine):
    families = Bundle("families")
    notes = Bundle("notes")
    contacts = Bundle("contacts")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-machine-"))
        self.devices: list[Device] = []
        self.in_flight: list[tuple[int, Path]] = []  # (recipient index, bundle file)
        # Causality of every field edit: (kind, record, field) -> {version: replaced version}.
        self.graph: dict[tuple[str, str, str], dict[str, str | None]] = {}
        self.file_counter = 0

    # -- set-up ----------------------------------------------------------------------------
    @initialize(target=families, n=st.integers(min_value=3, max_value=4))
    def create_devices(self, n: int) -> Any:
        for i in range(n):
            role = "lead" if i == 0 else "officer"
            vault, _recovery = Vault.create(
                self.root / f"device{i}",
                PASSPHRASE,
                owner_name=f"Person {i}",
                role=role,
                kdf_target_seconds=0,
            )
            caseload = Caseload(vault)
            self.devices.append(Device(vault, caseload, SyncService(caseload.ctx), role))
        keys = [d.sync.device().public_key for d in self.devices]
        # The lead and each officer pair in person; officers pair with each other on the
        # certificates the lead's first bundle brings them (below).
        for i, device in enumerate(self.devices):
            for j, key in enumerate(keys):
                if i != j and 0 in (i, j):
                    device.sync.add_peer(None, key)
        # Start from a shared caseload (two families, one held by two officers) so that the
        # random steps spend their time on concurrent edits rather than on getting started.
        lead = self.devices[0]
        allocations = AllocationsService(lead.caseload.ctx)
        seeded = []
        for name, officers in (("Seed one", [1]), ("Seed two", [1, 2])):
            family = lead.caseload.families.create({"name": name, "address": "1 Road"})
            self._edited(lead, "family", family.id, {})
            for index in officers:
                allocations.allocate(family.id, self.devices[index].device_id)
            seeded.append(family.id)
        for officer in self.devices[1:]:
            officer.sync.import_bytes([lead.sync.export_bytes(officer.device_id).data])
        for i, device in enumerate(self.devices[1:], start=1):
            for j, key in enumerate(keys[1:], start=1):
                if i != j:
                    device.sync.add_peer(None, key)
        return multiple(*seeded)

    def teardown(self) -> None:
        try:
            if self.devices:
                self.final_exchange_and_check()
        finally:
            for device in self.devices:
                device.vault.close()
            shutil.rmtree(self.root, ignore_errors=True)

    # -- bookkeeping ---------------------------------------------------------------------
    def _edited(self, device: Device, kind: str, record_id: str, before: dict[str, str]) -> None:
        after = versions_of(device.vault, kind, record_id)
        for name, version in after.items():
            if before.get(name) != version:
                self.graph.setdefault((kind, record_id, name), {})[version] = before.get(name)

    def _officers(self) -> list[int]:
        return list(range(1, len(self.devices)))

    def _device(self, data: st.DataObject) -> tuple[int, Device]:
        index = data.draw(st.integers(0, len(self.devices) - 1))
        return index, self.devices[index]

    # -- edits ---------------------------------------------------------------------------
    @rule(target=families, name=WORDS)
    def lead_creates_family(self, name: str) -> str:
        lead = self.devices[0]
        family = lead.caseload.families.create({"name": name, "address": "1 Road"})
        self._edited(lead, "family", family.id, {})
        return family.id

    @rule(family=families, data=st.data())
    def lead_allocates(self, family: str, data: st.DataObject) -> None:
        officer = self.devices[data.draw(st.sampled_from(self._officers()))]
        lead = self.devices[0]
        if lead.caseload.families.find(family) is None:
            return
        AllocationsService(lead.caseload.ctx).allocate(family, officer.device_id)

    @rule(family=families, data=st.data())
    def lead_takes_back(self, family: str, data: st.DataObject) -> None:
        officer = self.devices[data.draw(st.sampled_from(self._officers()))]
        service = AllocationsService(self.devices[0].caseload.ctx)
        if family in service.families_for_device(officer.device_id):
            service.remove(family, officer.device_id)

    @rule(family=families, field=st.sampled_from(FAMILY_FIELDS), value=WORDS, data=st.data())
    def edit_family(self, family: str, field: str, value: str, data: st.DataObject) -> None:
        _i, device = self._device(data)
        if device.caseload.families.find(family) is None:
            return  # not held here (not allocated, or deleted)
        before = versions_of(device.vault, "family", family)
        device.caseload.families.update(family, {field: value})
        self._edited(device, "family", family, before)

    @rule(
        family=families,
        field=st.sampled_from(FAMILY_FIELDS),
        values=st.tuples(WORDS, WORDS),
        pair=st.tuples(st.integers(0, 3), st.integers(0, 3)),
    )
    def same_field_on_two_devices(
        self, family: str, field: str, values: tuple[str, str], pair: tuple[int, int]
    ) -> None:
        a, b = (i % len(self.devices) for i in pair)
        if a == b:
            return
        for index, value in zip((a, b), values, strict=True):
            device = self.devices[index]
            if device.caseload.families.find(family) is None:
                continue
            before = versions_of(device.vault, "family", family)
            device.caseload.families.update(family, {field: value + "!"})
            self._edited(device, "family", family, before)

    @rule(target=notes, family=families, text=WORDS, data=st.data())
    def write_note(self, family: str, text: str, data: st.DataObject) -> str:
        _i, device = self._device(data)
        if device.caseload.families.find(family) is None:
            return ""
        note = device.caseload.notes.write(family, text)
        self._edited(device, "note", note.id, {})
        return note.id

    @rule(note=notes, text=WORDS, data=st.data())
    def edit_note(self, note: str, text: str, data: st.DataObject) -> None:
        _i, device = self._device(data)
        if not note or device.caseload.notes.find(note) is None:
            return
        before = versions_of(device.vault, "note", note)
        device.caseload.notes.save_draft(note, text)
        self._edited(device, "note", note, before)

    @rule(note=notes, data=st.data())
    def delete_note(self, note: str, data: st.DataObject) -> None:
        _i, device = self._device(data)
        if not note or device.caseload.notes.find(note) is None:
            return
        before = versions_of(device.vault, "note", note)
        device.caseload.notes.delete(note)
        self._edited(device, "note", note, before)

    @rule(target=contacts, name=WORDS, data=st.data())
    def add_contact(self, name: str, data: st.DataObject) -> str:
        _i, device = self._device(data)
        contact = DirectoryService(device.caseload.ctx).create(
            {"organisation": name, "kind": "health", "layer": 2}
        )
        self._edited(device, "contact", contact.id, {})
        return contact.id

    @rule(contact=contacts, name=WORDS, data=st.data())
    def edit_contact(self, contact: str, name: str, data: st.DataObject) -> None:
        _i, device = self._device(data)
        service = DirectoryService(device.caseload.ctx)
        if service.find(contact) is None:
            return
        before = versions_of(device.vault, "contact", contact)
        service.update(contact, {"organisation": name})
        self._edited(device, "contact", contact, before)

    # -- transport -----------------------------------------------------------------------
    @rule(pair=st.tuples(st.integers(0, 3), st.integers(0, 3)))
    def write_bundle(self, pair: tuple[int, int]) -> None:
        src, dst = (i % len(self.devices) for i in pair)
        if src == dst:
            return
        self.file_counter += 1
        path = self.root / "post" / f"{self.file_counter}.lbundle"
        path.parent.mkdir(exist_ok=True)
        self.devices[src].sync.export_bundle(self.devices[dst].device_id, path)
        self.in_flight.append((dst, path))

    @rule(pair=st.tuples(st.integers(0, 3), st.integers(0, 3)))
    def hand_bundle_over_at_once(self, pair: tuple[int, int]) -> None:
        src, dst = (i % len(self.devices) for i in pair)
        if src != dst:
            self.write_bundle((src, dst))
            self.deliver_bundle_at(len(self.in_flight) - 1, keep_copy=False)

    @precondition(lambda self: bool(self.in_flight))
    @rule(data=st.data(), keep_copy=st.booleans())
    def deliver_bundle(self, data: st.DataObject, keep_copy: bool) -> None:
        self.deliver_bundle_at(data.draw(st.integers(0, len(self.in_flight) - 1)), keep_copy)

    def deliver_bundle_at(self, index: int, keep_copy: bool) -> None:
        dst, path = self.in_flight[index]
        if not keep_copy:  # a kept copy is delivered again later: a duplicate
            del self.in_flight[index]
        try:
            self.devices[dst].sync.import_files([path])
        except InputRejected as exc:
            # The only acceptable refusal: an older bundle after a newer one from the same
            # sender (everything in it travelled again in the newer one).
            assert "older than a bundle already imported" in str(exc), str(exc)

    @precondition(lambda self: bool(self.in_flight))
    @rule(data=st.data())
    def drop_bundle(self, data: st.DataObject) -> None:
        del self.in_flight[data.draw(st.integers(0, len(self.in_flight) - 1))]

    @invariant()
    def officers_hold_only_families_once_allocated_to_them(self) -> None:
        if not self.devices:
            return
        lead = self.devices[0].vault
        for device in self.devices[1:]:
            ever = {
                r[0]
                for r in lead.conn.execute(
                    "SELECT family_id FROM allocations WHERE device_id = ?", (device.device_id,)
                )
            }
            held = {r[0] for r in device.vault.conn.execute("SELECT id FROM families")}
            assert held <= ever

    # -- the end -------------------------------------------------------------------------
    def final_exchange_and_check(self) -> None:
        for _round in range(8):
            changed = 0
            for src in self.devices:
                for dst in self.devices:
                    if src is dst:
                        continue
                    exported = src.sync.export_bytes(dst.device_id)
                    for result in dst.sync.import_bytes([exported.data]):
                        changed += result.ops_applied + result.purged_families
            if changed == 0:
                break
        else:
            raise AssertionError("devices still exchanging changes after 8 full rounds")

        for device in self.devices:  # lost, repeated, late bundles: nobody flagged or refused
            security = device.vault.conn.execute(
                "SELECT action, detail FROM audit WHERE action LIKE 'security-%'"
            ).fetchall()
            assert security == [], security
        lead = self.devices[0]
        held = sum(
            d.vault.conn.execute("SELECT count(*) FROM families").fetchone()[0]
            for d in self.devices[1:]
        )
        event(f"families held by officers at the end: {min(held, 5)}+")
        lead_rows = {spec.kind: table_rows(lead.vault, spec.kind) for spec in ALL}
        for index, device in enumerate(self.devices[1:], start=1):
            entitled = set(
                AllocationsService(lead.caseload.ctx).families_for_device(device.device_id)
            )
            for spec in ALL:
                expected = {
                    rid: row
                    for rid, row in lead_rows[spec.kind].items()
                    if spec.family_field is None
                    or (rid if spec.family_field == "id" else row[1]) in entitled
                }
                actual = table_rows(device.vault, spec.kind)
                assert actual == expected, f"device {index} differs in {spec.kind}"

        for (kind, record_id, field), parents in self.graph.items():
            versions = sorted(parents)
            if not any(
                self._concurrent(parents, a, b)
                for i, a in enumerate(versions)
                for b in versions[i + 1 :]
            ):
                continue
            for index, device in enumerate(self.devices):
                if not device.vault.conn.execute(
                    f'SELECT 1 FROM "{spec_for(kind).table}" WHERE id = ?', (record_id,)
                ).fetchone():
                    continue
                found = device.vault.conn.execute(
                    "SELECT count(*) FROM conflicts WHERE kind = ? AND record_id = ? AND field = ?",
                    (kind, record_id, field),
                ).fetchone()[0]
                assert found, f"device {index} has no conflict for concurrent {kind}.{field}"
                event("a concurrent edit was checked on a device")

    @staticmethod
    def _ancestors(parents: dict[str, str | None], version: str) -> set[str]:
        seen: set[str] = set()
        current = parents.get(version)
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        return seen

    def _concurrent(self, parents: dict[str, str | None], a: str, b: str) -> bool:
        return a not in self._ancestors(parents, b) and b not in self._ancestors(parents, a)


SyncMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_replicas_converge_with_real_bundles = SyncMachine.TestCase
