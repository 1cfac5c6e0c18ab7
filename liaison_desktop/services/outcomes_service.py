"""The family outcomes wheel: recording a scoring, a family's history and progress, and the
average change across the caseload that the lead's overview reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import outcomes, records
from ..domain.outcomes import Progress, Scoring
from ..domain.record import Record
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


@dataclass(frozen=True)
class CaseloadChange:
    """Average change per area (latest minus start) over the families scored at least twice."""

    families: int  # families with a start and a later scoring: the ones averaged
    scored_once: int  # families with only a first scoring so far
    average: tuple[float, ...] | None  # per area in wheel order; None when `families` is 0


def scoring_of(record: Mapping[str, Any], sequence: int = 0) -> Scoring:
    """A stored outcome review (a Record or a row) as a scoring."""
    return Scoring(
        id=str(record["id"]),
        date=str(record["date"]),
        stage=str(record["stage"]),
        scores=outcomes.scores_of(record),
        scored_by=str(record["scored_by"] or ""),
        family_present=str(record.get("family_present") or ""),
        note=str(record.get("note") or ""),
        sequence=sequence,
    )


class OutcomesService(RecordService):
    """Scorings of the outcomes wheel, one record per sitting."""

    spec = records.OUTCOME_REVIEW

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_create(values)
        if date.fromisoformat(cleaned["date"]) > self.ctx.today():
            raise ValidationFailed([("date", _("is in the future; score on or after the day"))])
        return cleaned

    def record(
        self,
        family_id: str,
        scores: Mapping[str, Any],
        *,
        day: date | None = None,
        stage: str | None = None,
        family_present: str = "",
        note: str = "",
        scored_by: str | None = None,
    ) -> Record:
        """Record one scoring of all eight areas; the first for a family is its start."""
        problems = outcomes.score_problems(scores)
        if problems:
            raise ValidationFailed(problems)
        if stage is None:
            stage = (
                "review"
                if self.ctx.store.count(self.kind, "family_id = ?", (family_id,))
                else "start"
            )
        values: dict[str, Any] = {
            "family_id": family_id,
            "date": (day or self.ctx.today()).isoformat(),
            "stage": stage,
            "scored_by": scored_by if scored_by is not None else self.ctx.owner_name,
            "family_present": family_present,
            "note": note,
            **{key: scores[key] for key in outcomes.AREA_KEYS},
        }
        return self.create(values)

    def history(self, family_id: str) -> list[Scoring]:
        """A family's scorings, oldest first."""
        rows = self.ctx.store.query(
            self.kind, "family_id = ?", (family_id,), order_by="date, rowid"
        )
        return outcomes.in_order([scoring_of(r, i) for i, r in enumerate(rows)])

    def progress(self, family_id: str) -> Progress | None:
        """The change since the family's start, or None until they are scored again."""
        return outcomes.progress(self.history(family_id))

    def caseload_change(self) -> CaseloadChange:
        """The average change per area across every family in this vault scored twice or more."""
        by_family: dict[str, list[Scoring]] = {}
        rows = self.ctx.store.query(self.kind, order_by="date, rowid")
        for i, row in enumerate(rows):
            by_family.setdefault(str(row["family_id"]), []).append(scoring_of(row, i))
        families = {r["id"] for r in self.ctx.store.query("family")}
        changes = []
        scored_once = 0
        for family_id, scorings in by_family.items():
            if family_id not in families:  # a family removed since keeps its rows as tombstones
                continue
            found = outcomes.progress(scorings)
            if found is None:
                scored_once += 1
            else:
                changes.append(found.change)
        return CaseloadChange(
            families=len(changes),
            scored_once=scored_once,
            average=outcomes.average_change(changes),
        )
