"""Working on the caseload off the GUI thread, on a connection of the worker's own.

The caseload list, Today, the engagement screens and the review queue read whole tables; on
a large caseload that takes longer than a frame, so they read through `read_in_background`
(as does the purge of a whole case, which writes). The worker's caseload keeps the session's
idea of today, so a screen and the services agree on which term it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject

from ..services.caseload import Caseload
from ..services.context import ServiceContext
from .ops import BackgroundOp, OpContext

T = TypeVar("T")


def on_worker(caseload: Caseload, read: Callable[[Caseload], T]) -> T:
    """Run `read` on a caseload over a new connection, closed again afterwards (worker thread)."""
    worker = caseload.vault.open_worker()
    try:
        ctx = ServiceContext.open(worker)
        ctx.today = caseload.ctx.today
        ctx.now = caseload.ctx.now
        return read(Caseload(worker, ctx))
    finally:
        worker.close()


def read_in_background(
    owner: QObject,
    caseload: Caseload,
    read: Callable[[Caseload], T],
    success: Callable[[T], None],
    failure: Callable[[str], None],
) -> BackgroundOp[T]:
    """Start `read` on a worker; `success` or `failure` is called on the GUI thread."""

    def work(_ctx: OpContext) -> T:
        return on_worker(caseload, read)

    op: BackgroundOp[T] = BackgroundOp(owner=owner, work=work, success=success, failure=failure)
    op.run_in_background()
    return op
