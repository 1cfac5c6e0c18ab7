"""The hybrid logical clock never goes backwards, whatever the wall clock does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.store.hlc import HybridClock, format_stamp, parse_stamp


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=50))
def test_stamps_strictly_increase_even_when_the_wall_clock_jumps_back(walls: list[int]) -> None:
    ticks = iter(walls)
    clock = HybridClock(wall=lambda: next(ticks))
    stamps = [clock.now() for _ in walls]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


@given(st.integers(0, 10**13), st.integers(0, 99_999), st.integers(0, 10**13))
def test_a_local_stamp_after_observing_sorts_after_the_observed_one(
    remote_ms: int, remote_counter: int, wall: int
) -> None:
    clock = HybridClock(wall=lambda: wall)
    remote = format_stamp(remote_ms, remote_counter)
    clock.observe(remote)
    assert clock.now() > remote


@given(st.integers(0, 10**15), st.integers(0, 99_999))
def test_stamps_round_trip(ms: int, counter: int) -> None:
    assert parse_stamp(format_stamp(ms, counter)) == (ms, counter)
