"""The case plan: a family's goals (owner, target, review date, outcomes-wheel area) and the
reviews that record each goal's progress (the Early Help / team-around-the-family plan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


@dataclass(frozen=True)
class GoalProgress:
    """What a review says of one goal."""

    goal_id: str
    progress: str
    comment: str = ""
    status: str | None = None  # the goal's new status, if the review changes it


@dataclass(frozen=True)
class PlanGoal:
    """A goal with its reviews, oldest first."""

    record: Record
    reviews: tuple[Record, ...]

    @property
    def latest_progress(self) -> str | None:
        """The progress the last review recorded, if reviewed."""
        return str(self.reviews[-1]["progress"]) if self.reviews else None


class GoalReviewsService(RecordService):
    """One goal's progress at a review (append-only: a review is not rewritten)."""

    spec = records.GOAL_REVIEW

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "reviewed_by": self.ctx.owner_name,
            "reviewed_on": self.ctx.today().isoformat(),
            **values,
        }
        cleaned = super().prepare_create(values)
        if str(cleaned["reviewed_on"]) > self.ctx.today().isoformat():
            raise ValidationFailed([("reviewed_on", _("cannot be a later day than today"))])
        return cleaned


class PlanService(RecordService):
    """Goals of the family's plan, and its reviews."""

    spec = records.PLAN_GOAL

    @cached_property
    def reviews(self) -> GoalReviewsService:
        return GoalReviewsService(self.ctx)

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "owner": self.ctx.owner_name,
            "set_on": self.ctx.today().isoformat(),
            "status": "open",
            **values,
        }
        return super().prepare_create(values)

    def add_goal(
        self,
        family_id: str,
        goal: str,
        *,
        owner: str | None = None,
        target: str = "",
        review_by: date | None = None,
        area: str | None = None,
        person_id: str | None = None,
    ) -> Record:
        """Agree a goal of the plan."""
        values: dict[str, Any] = {
            "family_id": family_id,
            "goal": goal,
            "target": target or None,
            "review_by": review_by.isoformat() if review_by else None,
            "area": area,
            "person_id": person_id,
        }
        if owner:
            values["owner"] = owner
        return self.create(values)

    def goals(self, family_id: str) -> list[PlanGoal]:
        """The family's goals (open first, then by when set), each with its reviews."""
        goals = self.query(
            "family_id = ?",
            (family_id,),
            order_by="status != 'open', set_on, created_at",
        )
        reviews = self.reviews.for_family(family_id, order_by="reviewed_on, created_at")
        by_goal: dict[str, list[Record]] = {}
        for review in reviews:
            by_goal.setdefault(str(review["goal_id"]), []).append(review)
        return [PlanGoal(g, tuple(by_goal.get(g.id, ()))) for g in goals]

    def review(
        self,
        family_id: str,
        progress: list[GoalProgress],
        *,
        next_review: date | None = None,
    ) -> list[Record]:
        """Record a review of the plan: each goal's progress (and new status), all at once.

        `next_review` becomes the review date of every goal still open.
        """
        goals = {g.id: g for g in self.query("family_id = ?", (family_id,))}
        problems = [
            ("goal_id", _("no goal of this family with id '{id}'").format(id=p.goal_id))
            for p in progress
            if p.goal_id not in goals
        ]
        problems += [
            ("status", _("unknown goal status: {status}").format(status=p.status))
            for p in progress
            if p.status is not None and p.status not in v.GOAL_STATUSES
        ]
        if not progress:
            problems.append(("progress", _("say how at least one goal has gone")))
        if problems:
            raise ValidationFailed(problems)
        written: list[Record] = []
        with self.ctx.vault.transaction():
            for item in progress:
                written.append(
                    self.reviews.create(
                        {
                            "family_id": family_id,
                            "goal_id": item.goal_id,
                            "progress": item.progress,
                            "comment": item.comment.strip() or None,
                        }
                    )
                )
                changes: dict[str, Any] = {}
                status = item.status or ("achieved" if item.progress == "achieved" else None)
                if status and status != goals[item.goal_id].get("status"):
                    changes["status"] = status
                if next_review is not None and (status or goals[item.goal_id]["status"]) == "open":
                    changes["review_by"] = next_review.isoformat()
                if changes:
                    self.update(item.goal_id, changes)
        return written

    def reviews_due(self, within_days: int = 7) -> list[Record]:
        """Open goals whose review date falls within `within_days` days (or has passed)."""
        limit = date.fromordinal(self.ctx.today().toordinal() + within_days)
        return self.query(
            "status = 'open' AND review_by IS NOT NULL AND review_by <= ?",
            (limit.isoformat(),),
            order_by="review_by",
        )
