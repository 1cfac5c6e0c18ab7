"""Schema version 2: the caseload's record tables, operation log, audit log and search index."""

from __future__ import annotations

from . import audit, record_tables, search_index
from .database import Connection


def create_caseload(conn: Connection) -> None:
    """Create everything the caseload needs (called by migration 2)."""
    record_tables.ensure_tables(conn)
    record_tables.create_log_tables(conn)
    audit.create_table(conn)
    search_index.create_tables(conn)
