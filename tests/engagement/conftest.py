"""Fixtures for the engagement tests: a caseload on a fixed day in the autumn term."""

from __future__ import annotations

from datetime import date

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on

TODAY = date(2026, 11, 20)  # autumn term 2026


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    """An officer's caseload whose today is in the autumn term of 2026."""
    return caseload_on(vault, TODAY)
