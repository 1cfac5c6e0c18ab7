"""The family outcomes wheel: the areas, scoring rules, change maths and the service."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain import outcomes
from liaison_desktop.domain.outcomes import AREA_KEYS, Scoring
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.helpers import files_containing, new_canary
from tests.services.caseload_helpers import TODAY, caseload_on, new_family

score = st.integers(min_value=outcomes.LOWEST, max_value=outcomes.HIGHEST)
scores = st.tuples(*(score for _ in AREA_KEYS))


def full(value: int = 5, **overrides: int) -> dict[str, int]:
    """A full set of scores, every area `value` unless overridden."""
    return {key: overrides.get(key, value) for key in AREA_KEYS}


def scoring(scores_: tuple[int, ...], day: str, stage: str = "review", seq: int = 0) -> Scoring:
    return Scoring(id=f"s{seq}", date=day, stage=stage, scores=scores_, scored_by="A", sequence=seq)


# -- the areas ------------------------------------------------------------------------------
def test_eight_areas_each_with_a_name_and_what_one_and_ten_mean() -> None:
    areas = outcomes.areas()
    assert tuple(a.key for a in areas) == AREA_KEYS
    assert len(areas) == 8
    assert len({a.title for a in areas}) == 8
    for area in areas:
        assert area.low.startswith("1:") and area.high.startswith("10:")
        assert "\n" not in area.low + area.high


def test_areas_use_our_own_words_not_a_trademarked_tool_or_deficit_labels() -> None:
    text = " ".join(f"{a.title} {a.low} {a.high}" for a in outcomes.areas()).lower()
    for banned in ("outcomes star", "outcome star", "hard to reach", "journey of change"):
        assert banned not in text


# -- validation -----------------------------------------------------------------------------
@given(st.dictionaries(st.sampled_from(AREA_KEYS), score, min_size=8, max_size=8))
def test_any_full_set_of_scores_from_one_to_ten_is_accepted(values: dict[str, int]) -> None:
    assert outcomes.score_problems(values) == []


@given(st.one_of(st.integers().filter(lambda n: not 1 <= n <= 10), st.text(), st.booleans()))
def test_a_score_outside_one_to_ten_or_not_a_number_is_refused(bad: object) -> None:
    problems = outcomes.score_problems({**full(), "safety": bad})
    assert [key for key, _message in problems] == ["safety"]


def test_a_missing_area_and_an_unknown_area_are_both_named() -> None:
    values = full()
    del values["food"]
    problems = dict(outcomes.score_problems({**values, "pets": 4}))
    assert set(problems) == {"food", "pets"}


# -- change maths (laws) --------------------------------------------------------------------
@given(scores)
def test_no_change_from_a_scoring_to_itself(a: tuple[int, ...]) -> None:
    assert outcomes.change(a, a) == (0,) * 8


@given(scores, scores)
def test_change_is_antisymmetric_and_within_nine_either_way(
    a: tuple[int, ...], b: tuple[int, ...]
) -> None:
    forward = outcomes.change(a, b)
    assert forward == tuple(-x for x in outcomes.change(b, a))
    assert all(-9 <= x <= 9 for x in forward)


@given(scores, scores, scores)
def test_changes_add_up_along_the_way(
    a: tuple[int, ...], b: tuple[int, ...], c: tuple[int, ...]
) -> None:
    via = tuple(x + y for x, y in zip(outcomes.change(a, b), outcomes.change(b, c), strict=True))
    assert via == outcomes.change(a, c)


@given(st.lists(st.tuples(*(st.integers(-9, 9) for _ in AREA_KEYS)), min_size=1, max_size=30))
def test_average_change_lies_between_the_smallest_and_largest_change(
    changes: list[tuple[int, ...]],
) -> None:
    average = outcomes.average_change(changes)
    assert average is not None
    for i, value in enumerate(average):
        column = [c[i] for c in changes]
        assert min(column) - 1e-9 <= value <= max(column) + 1e-9
    assert outcomes.average_change([changes[0]] * 3) == pytest.approx(changes[0])


def test_average_change_of_nothing_is_none() -> None:
    assert outcomes.average_change([]) is None


@given(st.lists(scores, min_size=1, max_size=6), st.randoms())
def test_progress_runs_from_the_first_scoring_to_the_last_whatever_the_order_given(
    sittings: list[tuple[int, ...]], rnd: object
) -> None:
    made = [
        scoring(s, f"2025-01-{i + 1:02d}", "start" if i == 0 else "review", i)
        for i, s in enumerate(sittings)
    ]
    shuffled = list(made)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    found = outcomes.progress(shuffled)
    if len(made) == 1:
        assert found is None
    else:
        assert found is not None
        assert found.start is made[0] and found.latest is made[-1]
        assert found.change == outcomes.change(sittings[0], sittings[-1])


def test_a_new_start_resets_the_baseline() -> None:
    first = scoring(tuple([2] * 8), "2025-01-01", "start", 0)
    review = scoring(tuple([4] * 8), "2025-02-01", "review", 1)
    restart = scoring(tuple([3] * 8), "2025-06-01", "start", 2)
    later = scoring(tuple([7] * 8), "2025-09-01", "review", 3)
    assert outcomes.progress([first, review, restart]) is None
    found = outcomes.progress([first, review, restart, later])
    assert found is not None and found.change == (4,) * 8


# -- the service ----------------------------------------------------------------------------
def test_first_scoring_is_the_start_and_later_ones_are_reviews(vault: Vault) -> None:
    caseload = caseload_on(vault)
    family = new_family(caseload)
    first = caseload.outcomes.record(
        family, full(3), day=date(2025, 1, 10), family_present="Mum (Grace)", note="At home"
    )
    second = caseload.outcomes.record(family, full(5, food=8), day=date(2025, 3, 1))
    assert first["stage"] == "start" and second["stage"] == "review"
    assert first["scored_by"] == vault.meta()["owner_name"]
    history = caseload.outcomes.history(family)
    assert [s.id for s in history] == [first.id, second.id]
    assert history[0].family_present == "Mum (Grace)"
    progress = caseload.outcomes.progress(family)
    assert progress is not None
    assert progress.change == tuple(5 if key == "food" else 2 for key in AREA_KEYS)


def test_history_is_in_date_order_even_when_an_earlier_sitting_is_entered_late(
    vault: Vault,
) -> None:
    caseload = caseload_on(vault)
    family = new_family(caseload)
    caseload.outcomes.record(family, full(6), day=date(2025, 3, 1), stage="review")
    caseload.outcomes.record(family, full(2), day=date(2025, 1, 5), stage="start")
    history = caseload.outcomes.history(family)
    assert [s.date for s in history] == ["2025-01-05", "2025-03-01"]
    progress = caseload.outcomes.progress(family)
    assert progress is not None and progress.change == (4,) * 8


@pytest.mark.parametrize(
    ("scores_", "day"),
    [
        (full(5, safety=11), TODAY),
        (full(5, safety=0), TODAY),
        ({k: 5 for k in AREA_KEYS[:7]}, TODAY),
        (full(5), date(2025, 3, 16)),  # tomorrow
    ],
)
def test_a_bad_scoring_is_refused_and_nothing_is_written(
    vault: Vault, scores_: dict[str, int], day: date
) -> None:
    caseload = caseload_on(vault)
    family = new_family(caseload)
    ops_before = vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    with pytest.raises(ValidationFailed):
        caseload.outcomes.record(family, scores_, day=day)
    assert caseload.outcomes.history(family) == []
    assert vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == ops_before


def test_caseload_average_change_counts_only_families_scored_twice(vault: Vault) -> None:
    caseload = caseload_on(vault)
    a, b, c = (new_family(caseload, n) for n in ("A family", "B family", "C family"))
    caseload.outcomes.record(a, full(2), day=date(2025, 1, 1))
    caseload.outcomes.record(a, full(6, safety=2), day=date(2025, 3, 1))  # +4, safety 0
    caseload.outcomes.record(b, full(5), day=date(2025, 1, 1))
    caseload.outcomes.record(b, full(6, safety=9), day=date(2025, 2, 1))
    caseload.outcomes.record(b, full(7, safety=8), day=date(2025, 3, 1))  # +2, safety +3
    caseload.outcomes.record(c, full(9), day=date(2025, 1, 1))  # scored once
    result = caseload.outcomes.caseload_change()
    assert result.families == 2 and result.scored_once == 1
    assert result.average is not None
    expected = {key: (4 + 2) / 2 for key in AREA_KEYS}
    expected["safety"] = (0 + 3) / 2
    assert result.average == pytest.approx(tuple(expected[k] for k in AREA_KEYS))


def test_caseload_average_change_is_none_without_second_scorings(vault: Vault) -> None:
    caseload = caseload_on(vault)
    caseload.outcomes.record(new_family(caseload), full(4))
    result = caseload.outcomes.caseload_change()
    assert (result.families, result.scored_once, result.average) == (0, 1, None)


def test_a_scoring_appears_in_the_chronology(vault: Vault) -> None:
    caseload = caseload_on(vault)
    family = new_family(caseload)
    caseload.outcomes.record(family, full(4, food=8), day=date(2025, 2, 3), family_present="Dad")
    entries = [e for e in caseload.chronology.for_family(family) if e.kind == "outcome_review"]
    assert len(entries) == 1
    assert entries[0].when.date() == date(2025, 2, 3)
    assert "start" in entries[0].summary and "4.5 of 10" in entries[0].summary
    assert "Dad" in entries[0].summary
    only = caseload.chronology.for_family(family, kinds=["outcome_review"])
    assert [e.kind for e in only] == ["outcome_review"]


def test_a_scoring_note_is_encrypted_on_disk_and_searchable(data_dir: Path, vault: Vault) -> None:
    caseload = caseload_on(vault)
    family = new_family(caseload)
    canary = new_canary("OUTCOMES")
    caseload.outcomes.record(family, full(5), note=f"Talked it through {canary}")
    assert [h.kind for h in caseload.search.search(canary)] == ["outcome_review"]
    assert files_containing(data_dir, [canary]) == []
    vault.close()
    assert files_containing(data_dir, [canary]) == []


def test_demo_families_have_start_and_review_scorings(vault: Vault) -> None:
    from liaison_desktop.demo.populate import populate_demo

    caseload = caseload_on(vault)
    populate_demo(caseload, families=12, seed=7)
    histories = [caseload.outcomes.history(f.id) for f in caseload.families.all()]
    assert any(len(h) == 2 for h in histories)
    assert any(len(h) == 0 for h in histories)  # only some families, as in life
    for history in histories:
        assert [s.stage for s in history] in ([], ["start"], ["start", "review"])
        assert all(s.date <= TODAY.isoformat() for s in history)
    change = caseload.outcomes.caseload_change()
    assert change.families == sum(len(h) == 2 for h in histories)
