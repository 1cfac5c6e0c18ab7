"""Translation tests run on freshly compiled catalogues and leave the process in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .catalogues import english_afterwards, ensure_compiled


@pytest.fixture(scope="session", autouse=True)
def _compiled() -> None:
    ensure_compiled()


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    with english_afterwards():
        yield
