"""Packaging test fixtures: no background work left between Qt tests.

(Fast key derivation needs nothing here: tests/conftest.py sets LIAISON_KDF_SECONDS=0 for all.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def no_leftover_work() -> Iterator[None]:
    """A Qt test ends with no background op running and no window awaiting deletion."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    yield
    QThreadPool.globalInstance().waitForDone(30_000)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
