"""The hybrid logical clock never goes backwards, whatever the wall clock does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.store.hlc import (
    ADOPT_AHEAD_MS,
    MAX_COUNTER,
    MAX_MS,
    HybridClock,
    format_stamp,
    parse_stamp,
)


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
    adopted = clock.observe(remote)
    assert adopted == (remote_ms <= wall + ADOPT_AHEAD_MS)
    if adopted:
        assert clock.now() > remote
    else:  # too far ahead to be a clock: not adopted, so it cannot lock the clock up
        assert clock.now() <= format_stamp(wall, MAX_COUNTER)


@given(
    st.one_of(
        st.text(max_size=30),
        st.builds(format_stamp, st.integers(0, MAX_MS), st.integers(0, MAX_COUNTER)),
        st.sampled_from(["9999999999999999-99998", "9999999999999999-99999", "1" * 17 + "-0"]),
    ),
    st.integers(0, 10**13),
    st.integers(1, 200_001),
)
def test_no_stored_or_received_value_makes_the_clock_fail(
    value: str, wall: int, steps: int
) -> None:
    clock = HybridClock(value, wall=lambda: wall)
    clock.observe(value)
    clock.observe("9999999999999999-99998")  # the forged stamp of issue 15
    stamps = [clock.now() for _ in range(min(steps, 3))]
    for stamp in stamps:
        assert parse_stamp(stamp) <= (MAX_MS, MAX_COUNTER)  # always the fixed width


def test_at_the_end_of_its_range_the_clock_stays_there() -> None:
    clock = HybridClock(wall=lambda: MAX_MS)
    stamps = [clock.now() for _ in range(MAX_COUNTER + 3)]
    assert stamps[-1] == format_stamp(MAX_MS, MAX_COUNTER)
    assert all(parse_stamp(s) for s in stamps)


@given(st.integers(0, 10**15), st.integers(0, 99_999))
def test_stamps_round_trip(ms: int, counter: int) -> None:
    assert parse_stamp(format_stamp(ms, counter)) == (ms, counter)
