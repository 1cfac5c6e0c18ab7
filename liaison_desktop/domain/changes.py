"""What changed in the vault: one event per committed write, for whoever shows the data.

Every write through the record store notes the kind it wrote and the family it belongs to;
when the outermost transaction commits, the vault publishes one `Change` with all of them to
its `ChangeFeed` (a rollback drops them). A feed is shared by a vault and its worker
connections, so a write on a worker thread is published too, on that thread: listeners that
touch widgets hand it to their own thread (the UI's relay does, through a queued signal).

Views subscribe instead of being refreshed by hand from wherever the write happened (Anki's
operations report what changed in the same way). A sync or an import, which may touch
anything, publishes `Change.everything()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """The kinds of record written in one transaction, and the families they belong to.

    `family_ids` holds only the families of family records; a change to something that
    belongs to no family (a directory contact, an activity) has its kind and no family.
    """

    kinds: frozenset[str]
    family_ids: frozenset[str]
    is_everything: bool = False

    @classmethod
    def of(cls, written: Iterable[tuple[str, str | None]]) -> Change:
        """The change made by writes of (kind, family id or None)."""
        pairs = list(written)
        return cls(
            kinds=frozenset(kind for kind, _family in pairs),
            family_ids=frozenset(family for _kind, family in pairs if family),
        )

    @classmethod
    def everything(cls) -> Change:
        """Anything may have changed (after a sync or an import)."""
        return cls(kinds=frozenset(), family_ids=frozenset(), is_everything=True)

    def touches(self, kinds: Iterable[str] = (), family_id: str | None = None) -> bool:
        """True when this change may concern a view of `kinds` (any, if none) for `family_id`.

        A view of one family is concerned by writes to that family, and by writes of its kinds
        that belong to no family (a contact on the family's team, say).
        """
        if self.is_everything:
            return True
        wanted = frozenset(kinds)
        if wanted and not (wanted & self.kinds):
            return False
        if family_id is None or not self.family_ids:
            return True
        return family_id in self.family_ids


Listener = Callable[[Change], None]


class ChangeFeed:
    """Listeners of one vault's changes; safe to publish to from any thread."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._guard = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every change from now on; returns the way to stop."""
        with self._guard:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._guard:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        """Tell every listener; one that fails is logged and does not stop the others."""
        with self._guard:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:
                log.exception("a change listener failed")
