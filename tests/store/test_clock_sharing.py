"""Two record stores on one vault never issue a stamp below one the other already issued."""

from __future__ import annotations

from liaison_desktop.store.hlc import format_stamp
from liaison_desktop.store.record_store import RecordStore
from liaison_desktop.store.vault import Vault


def test_a_second_store_sorts_after_stamps_the_first_observed(vault: Vault) -> None:
    first, second = RecordStore(vault), RecordStore(vault)
    op1 = first.put("family", "f1", {"name": "A family"})
    assert op1 is not None
    # The first store learns of a stamp far in the future (an imported bundle from a device
    # whose clock runs 20 hours ahead) and records it, as the merge does.
    future = format_stamp(int(op1.hlc.split("-")[0]) + 20 * 3600 * 1000, 7)  # within bounds
    first.clock.observe(future)
    first.put("family", "f2", {"name": "B family"})
    op2 = second.put("family", "f1", {"name": "A family renamed"})
    assert op2 is not None and op2.hlc > future
