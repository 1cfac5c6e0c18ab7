"""The family outcomes wheel: eight areas of family life, scored 1–10 together with the family.

The officer and the family score each area side by side at the start of support and at each
review; the change since the start shows where things moved. The areas and their wording are
our own (not a trademarked tool's). Nothing here does I/O: the service stores scorings as
`outcome_review` records and this module names the areas, checks scores and does the sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import _

LOWEST = 1
HIGHEST = 10
STAGES = ("start", "review")

# Field names of the eight scores, in the order the wheel goes round (clockwise from the top).
AREA_KEYS: tuple[str, ...] = (
    "home_money",
    "food",
    "health",
    "routines",
    "school",
    "safety",
    "relationships",
    "community",
)


@dataclass(frozen=True)
class OutcomeArea:
    """One area of the wheel: its field, its name and what its lowest and highest scores mean."""

    key: str
    title: str
    low: str  # what a 1 means, in one plain line
    high: str  # what a 10 means


def areas() -> tuple[OutcomeArea, ...]:
    """The eight areas in wheel order, in the reader's language."""
    # Built on each call so the words follow the current translation.
    return (
        OutcomeArea(
            "home_money",
            _("Home and money"),
            _("1: the home or bills feel out of control"),
            _("10: the home is secure and money covers what the family needs"),
        ),
        OutcomeArea(
            "food",
            _("Food"),
            _("1: there is often not enough food in the house"),
            _("10: everyone eats well every day"),
        ),
        OutcomeArea(
            "health",
            _("Health and wellbeing"),
            _("1: health worries get in the way of most days"),
            _("10: everyone feels well and knows where to get help"),
        ),
        OutcomeArea(
            "routines",
            _("Routines"),
            _("1: mornings, meals and bedtimes are hard to manage"),
            _("10: the family's days run the way they want them to"),
        ),
        OutcomeArea(
            "school",
            _("School attendance and engagement"),
            _("1: getting to school or learning is a daily struggle"),
            _("10: the children are in school, settled and keen"),
        ),
        OutcomeArea(
            "safety",
            _("Safety"),
            _("1: someone in the family does not feel safe"),
            _("10: everyone feels safe at home and outside"),
        ),
        OutcomeArea(
            "relationships",
            _("Relationships"),
            _("1: relationships at home are strained most of the time"),
            _("10: the family gets on and supports each other"),
        ),
        OutcomeArea(
            "community",
            _("Connection to the community"),
            _("1: the family feels alone where they live"),
            _("10: the family has people and places nearby to turn to"),
        ),
    )


def stage_label(stage: str) -> str:
    """A stage as a person reads it."""
    return {"start": _("Start"), "review": _("Review")}.get(stage, stage)


def score_problem(value: Any) -> str | None:
    """Why `value` is not a score (a whole number 1–10), or None when it is one."""
    if isinstance(value, bool) or not isinstance(value, int):
        return _("must be a whole number from {low} to {high}").format(low=LOWEST, high=HIGHEST)
    if not LOWEST <= value <= HIGHEST:
        return _("must be from {low} to {high}").format(low=LOWEST, high=HIGHEST)
    return None


def score_problems(scores: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every (area key, problem) in a full set of scores: each area scored once, 1–10."""
    problems = []
    for key in AREA_KEYS:
        if key not in scores or scores[key] is None:
            problems.append((key, _("needs a score")))
            continue
        problem = score_problem(scores[key])
        if problem is not None:
            problems.append((key, problem))
    for key in scores:
        if key not in AREA_KEYS:
            problems.append((key, _("is not an area of the outcomes wheel")))
    return problems


Scores = tuple[int, ...]  # one score per area, in AREA_KEYS order


def scores_of(values: Mapping[str, Any]) -> Scores:
    """The eight scores of a stored scoring, in wheel order."""
    return tuple(int(values[key]) for key in AREA_KEYS)


@dataclass(frozen=True)
class Scoring:
    """One sitting at which the officer and the family scored the wheel together."""

    id: str
    date: str  # YYYY-MM-DD
    stage: str
    scores: Scores
    scored_by: str
    family_present: str = ""
    note: str = ""
    sequence: int = 0  # the order it was written in, which breaks ties between same-day scorings

    def score(self, key: str) -> int:
        """This scoring's score for one area."""
        return self.scores[AREA_KEYS.index(key)]

    @property
    def average(self) -> float:
        """The mean of the eight scores."""
        return sum(self.scores) / len(self.scores)


def in_order(scorings: Sequence[Scoring]) -> list[Scoring]:
    """Scorings oldest first (by date, then the order they were written)."""
    return sorted(scorings, key=lambda s: (s.date, s.sequence))


def change(start: Scores, latest: Scores) -> tuple[int, ...]:
    """Per area, how far the score moved from `start` to `latest` (positive is better)."""
    if len(start) != len(latest):
        raise ValueError("scores of different lengths")
    return tuple(b - a for a, b in zip(start, latest, strict=True))


def baseline(scorings: Sequence[Scoring]) -> Scoring | None:
    """The scoring progress is measured from: the latest one marked start, else the first.

    A family whose support starts again (a new episode) is scored "start" again, and from
    then on progress counts from that new start.
    """
    ordered = in_order(scorings)
    if not ordered:
        return None
    starts = [s for s in ordered if s.stage == "start"]
    return starts[-1] if starts else ordered[0]


@dataclass(frozen=True)
class Progress:
    """A family's first (baseline) and latest scoring and the change between them."""

    start: Scoring
    latest: Scoring

    @property
    def change(self) -> tuple[int, ...]:
        """Latest minus start, per area."""
        return change(self.start.scores, self.latest.scores)


def progress(scorings: Sequence[Scoring]) -> Progress | None:
    """Change since the start, or None until there is a later scoring than the start."""
    start = baseline(scorings)
    if start is None:
        return None
    latest = in_order(scorings)[-1]
    if latest is start:
        return None
    return Progress(start, latest)


def average_change(changes: Sequence[Sequence[int]]) -> tuple[float, ...] | None:
    """The mean change per area across families (None when there are none)."""
    if not changes:
        return None
    count = len(changes)
    return tuple(sum(c[i] for c in changes) / count for i in range(len(AREA_KEYS)))
