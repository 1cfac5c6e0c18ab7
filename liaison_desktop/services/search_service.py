"""Full-text search across families, people, notes, referrals and contacts."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import search_index
from ..store.database import translated_errors
from .closure_service import CLOSED_FAMILIES_SQL
from .context import ServiceContext
from .families_service import FamiliesService


@dataclass(frozen=True)
class SearchResult:
    """One hit, shaped as `search --json` prints it (DESIGN §7)."""

    family_id: str | None
    kind: str
    record_id: str
    title: str
    snippet: str
    # The family's name, postcode and pupils: two "Ali family" hits must never look alike.
    family_label: str = ""


class SearchService:
    """Prefix-matching, ranked search with snippets, inside the encrypted vault."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """Hits for `query`, best first; the text is matched word by word, never as syntax."""
        with translated_errors():
            hits = search_index.search(self.ctx.vault.conn, query, limit)
            # A closed case stays searchable for the lead only: for an officer the work with
            # the family is over (need to know), as in the caseload list (decisions.md).
            if not self.ctx.is_lead and hits:
                closed = {str(r[0]) for r in self.ctx.vault.conn.execute(CLOSED_FAMILIES_SQL)}
                hits = [h for h in hits if h.family_id not in closed]
            family_ids = {h.family_id for h in hits if h.family_id}
            labels = FamiliesService(self.ctx).distinguishing_labels(family_ids)
        return [
            SearchResult(
                family_id=h.family_id,
                kind=h.kind,
                record_id=h.record_id,
                title=h.title,
                snippet=h.snippet,
                family_label=labels.get(h.family_id or "", ""),
            )
            for h in hits
        ]
