"""Clock skew: a device ten hours ahead and one ten hours behind still converge with the lead.

(Ten hours: within the 24 hours a vault allows by default, sync/clock_bounds.py; a stamp
further ahead is refused, tests/reliability/test_forged_clock.py.)

Three real vaults — a lead with a true clock, officer "ahead" (+10 hours) and officer "behind"
(−10 hours), both allocated the same family — edit the same fields and exchange real bundles
in orders hypothesis chooses. What "expected" means, by the HLC rules (store/hlc.py, DESIGN §5):

* each field ends, on every device, with the value of the edit whose version (HLC, then device
  id) is greatest: versions are compared, never wall-clock times;
* an HLC stamp is max(own wall clock, every stamp seen) + a counter, so between edits made
  without having heard of each other the device with the fast clock wins — a fast clock
  wins such ties in wall time, and the edit is kept as a conflict for a person to decide;
* but there is no lasting "future lock-out": once a device has received the fast device's
  edits, its own later edits are stamped after them and win, however slow its clock.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison_desktop.services.allocations_service import AllocationsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.hlc import HybridClock
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.test_convergence import table_rows, versions_of

SKEW = timedelta(hours=10)
FIELDS = ("name", "strengths", "address")
LEAD, AHEAD, BEHIND = 0, 1, 2


@dataclass
class Device:
    """One replica whose clock runs `offset` away from the true time."""

    name: str
    vault: Vault
    caseload: Caseload
    sync: SyncService
    offset: timedelta

    @property
    def device_id(self) -> str:
        return self.sync.identity.device_id


def skewed(vault: Vault, name: str, offset: timedelta) -> Device:
    """Services for `vault` whose wall clock (HLC and timestamps) is off by `offset`."""
    caseload = Caseload(vault)
    store = caseload.ctx.store
    shift_ms = int(offset.total_seconds() * 1000)
    store.clock = HybridClock(store.clock.last, wall=lambda: int(time.time() * 1000) + shift_ms)
    caseload.ctx.now = lambda: datetime.now(UTC) + offset
    return Device(name, vault, caseload, SyncService(caseload.ctx), offset)


@dataclass
class World:
    devices: list[Device]
    root: Path
    # Per example: every value each field was given, by its version.
    written: dict[str, dict[str, str]] = field(default_factory=dict)

    def exchange(self, src: int, dst: int) -> list[str]:
        """One bundle from `src` to `dst`, imported; returns the import's notes."""
        bundle = self.devices[src].sync.export_bytes(self.devices[dst].device_id)
        notes: list[str] = []
        for result in self.devices[dst].sync.import_bytes([bundle.data]):
            notes.extend(result.notes)
        return notes

    def settle(self) -> None:
        """Full rounds of exchanges until nothing changes anywhere."""
        for _round in range(8):
            changed = 0
            for src, source in enumerate(self.devices):
                for dst, target in enumerate(self.devices):
                    if src == dst:
                        continue
                    data = source.sync.export_bytes(target.device_id).data
                    for result in target.sync.import_bytes([data]):
                        changed += result.ops_applied
            if changed == 0:
                return
        raise AssertionError("devices still exchanging changes after 8 full rounds")

    def edit(self, index: int, family_id: str, name: str, value: str) -> None:
        device = self.devices[index]
        device.caseload.families.update(family_id, {name: value})
        version = versions_of(device.vault, "family", family_id)[name]
        self.written.setdefault(name, {})[version] = value

    def new_shared_family(self) -> str:
        """A family the lead allocates to both officers, delivered to them."""
        lead = self.devices[LEAD]
        values = {"name": "Mensah family", "strengths": "close to gran", "address": "2 Hill St"}
        family_id = lead.caseload.families.create(values).id
        for name, value in values.items():
            self.written[name] = {versions_of(lead.vault, "family", family_id)[name]: value}
        allocations = AllocationsService(lead.caseload.ctx)
        for officer in (AHEAD, BEHIND):
            allocations.allocate(family_id, self.devices[officer].device_id)
        for officer in (AHEAD, BEHIND):  # each hears of both allocations, so takes the other's
            self.exchange(LEAD, officer)
        return family_id


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    root = Path(tempfile.mkdtemp(prefix="clock-skew-"))
    devices = []
    for name, role, offset in (
        ("lead", "lead", timedelta(0)),
        ("ahead", "officer", SKEW),
        ("behind", "officer", -SKEW),
    ):
        vault, _recovery = Vault.create(
            root / name, PASSPHRASE, owner_name=name, role=role, kdf_target_seconds=0
        )
        devices.append(skewed(vault, name, offset))
    keys = [d.sync.device().public_key for d in devices]
    world = World(devices, root)
    # The lead pairs with each officer in person; the officers pair with each other on the
    # certificates the lead's first bundle brings them.
    for i, device in enumerate(devices):
        for j, key in enumerate(keys):
            if i != j and LEAD in (i, j):
                device.sync.add_peer(None, key)
    for officer in (AHEAD, BEHIND):
        world.exchange(LEAD, officer)
    devices[AHEAD].sync.add_peer(None, keys[BEHIND])
    devices[BEHIND].sync.add_peer(None, keys[AHEAD])
    yield world
    for device in devices:
        device.vault.close()
    shutil.rmtree(root, ignore_errors=True)


def family_row(device: Device, family_id: str) -> tuple[object, ...]:
    return table_rows(device.vault, "family")[family_id]


STEPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("edit"),
            st.sampled_from((LEAD, AHEAD, BEHIND)),
            st.sampled_from(FIELDS),
            st.sampled_from(("oak", "ash", "elm", "yew")),
        ),
        st.tuples(
            st.just("sync"),
            st.sampled_from((LEAD, AHEAD, BEHIND)),
            st.sampled_from((LEAD, AHEAD, BEHIND)),
            st.just(""),
        ),
    ),
    min_size=3,
    max_size=14,
)


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_skewed_clocks_converge_per_field_on_the_greatest_version(
    world: World, steps: list[tuple[str, int, object, str]]
) -> None:
    world.written.clear()
    family_id = world.new_shared_family()
    for kind, a, b, value in steps:
        if kind == "edit":
            world.edit(a, family_id, str(b), f"{value} {len(world.written.get(str(b), {}))}")
        elif a != b:
            world.exchange(a, int(str(b)))
    world.settle()

    rows = [family_row(device, family_id) for device in world.devices]
    assert rows[0] == rows[1] == rows[2], "devices did not converge"
    final = world.devices[LEAD].caseload.families.get(family_id)
    versions = versions_of(world.devices[LEAD].vault, "family", family_id)
    for name, by_version in world.written.items():
        greatest = max(by_version)  # "hlc@device": fixed-width HLC first, then device id
        assert versions[name] == greatest, name
        assert final[name] == by_version[greatest], name


@pytest.mark.slow
def test_a_slow_device_edits_after_hearing_from_a_fast_one_still_win(world: World) -> None:
    world.written.clear()
    family_id = world.new_shared_family()
    lead, ahead, behind = world.devices

    # Ahead (ten hours fast) edits; behind (ten hours slow) edits the same field without having
    # heard of it: concurrent, and the fast clock's version is the greater one.
    world.edit(AHEAD, family_id, "strengths", "ahead's view")
    world.edit(BEHIND, family_id, "strengths", "behind's view, unseen")
    # Officers hear of each other's work through the lead (an officer's bundle to another
    # officer carries only what that officer is known to hold).
    notes = world.exchange(AHEAD, LEAD)
    assert any("ahead of this one" in note for note in notes), notes  # the skew is named
    world.exchange(LEAD, BEHIND)
    assert behind.caseload.families.get(family_id)["strengths"] == "ahead's view"
    assert behind.sync.conflicts(), "a concurrent edit must be kept for a person to decide"

    # Now that behind has seen ahead's stamp, its later edits sort after it and win —
    # on every device, although its wall clock is twenty hours behind ahead's.
    world.edit(BEHIND, family_id, "strengths", "behind's later view")
    world.edit(BEHIND, family_id, "address", "7 Dale Road")
    world.settle()
    for device in (lead, ahead, behind):
        family = device.caseload.families.get(family_id)
        assert family["strengths"] == "behind's later view", device.name
        assert family["address"] == "7 Dale Road", device.name
    # The same for the lead (true clock) after it has synced with the fast device.
    world.edit(LEAD, family_id, "strengths", "lead's latest")
    world.settle()
    for device in (lead, ahead, behind):
        assert device.caseload.families.get(family_id)["strengths"] == "lead's latest"
