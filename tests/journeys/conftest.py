"""The journeys run on the offscreen platform with fast key derivation, like the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIAISON_KDF_SECONDS", "0")


@pytest.fixture(autouse=True)
def _no_leftover_work() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(20_000)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
