"""Packaging test fixtures: fast key derivation, and no background work left between tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Argon2id floor (64 MiB, t=3) instead of the calibrated second."""
    monkeypatch.setenv("LIAISON_KDF_SECONDS", "0")


@pytest.fixture
def no_leftover_work() -> Iterator[None]:
    """A Qt test ends with no background op running and no window awaiting deletion."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    yield
    QThreadPool.globalInstance().waitForDone(30_000)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
