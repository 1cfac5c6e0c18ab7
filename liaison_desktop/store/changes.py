"""The writes of a transaction in progress, announced as one `Change` when it commits.

See domain/changes.py for the event and its feed. The vault owns one `PendingChanges`
(a worker connection has its own, sharing its parent's feed); the record store, the merge and
the purge note what they write; the vault's outermost commit publishes, a rollback forgets.
"""

from __future__ import annotations

from ..domain.changes import Change, ChangeFeed


class PendingChanges:
    """The writes of a transaction in progress, published when it commits."""

    def __init__(self, feed: ChangeFeed) -> None:
        self.feed = feed
        self._written: set[tuple[str, str | None]] = set()

    def note(self, kind: str, family_id: str | None) -> None:
        self._written.add((kind, family_id))

    def committed(self) -> None:
        written, self._written = self._written, set()
        if written:
            self.feed.publish(Change.of(written))

    def rolled_back(self) -> None:
        self._written.clear()
