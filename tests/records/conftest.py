"""Fixtures for records management: a lead's caseload with a closed case long past its dates."""

from __future__ import annotations

from datetime import date

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on

LONG_AGO = date(2010, 7, 20)  # the case closed then; 6 years on is long past TODAY (2025)


@pytest.fixture
def lead(lead_vault: Vault) -> Caseload:
    return caseload_on(lead_vault)
