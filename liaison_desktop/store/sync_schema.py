"""Schema version 3: what sync remembers — peers, bundles seen and sent, acknowledgements,
conflicts kept for a person to resolve, and the sync history."""

from __future__ import annotations

from .database import Connection


def create_sync_tables(conn: Connection) -> None:
    """Create the sync tables (called by migration 3)."""
    conn.execute(
        """CREATE TABLE sync_peers (
            device_id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            x25519 BLOB NOT NULL,
            ed25519 BLOB NOT NULL,
            added_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_by TEXT
        ) WITHOUT ROWID"""
    )
    # Revocations are kept apart from peers: a device can be revoked before it is ever added
    # (a lead's revocation travels to officers who never met that device).
    conn.execute(
        """CREATE TABLE sync_revocations (
            device_id TEXT PRIMARY KEY NOT NULL,
            revoked_at TEXT NOT NULL,
            revoked_by TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE sync_bundles_in (
            bundle_id TEXT PRIMARY KEY NOT NULL,
            sender TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            imported_at TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX sync_bundles_in_sender ON sync_bundles_in(sender, seq)")
    conn.execute(
        """CREATE TABLE sync_bundles_out (
            peer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            bundle_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (peer, seq)
        ) WITHOUT ROWID"""
    )
    # Operations in bundles sent to a peer and not yet acknowledged, and purges sent.
    conn.execute(
        """CREATE TABLE sync_sent (
            peer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            op_id TEXT NOT NULL,
            PRIMARY KEY (peer, seq, op_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE sync_sent_purges (
            peer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            family_id TEXT NOT NULL,
            PRIMARY KEY (peer, seq, family_id)
        ) WITHOUT ROWID"""
    )
    # Operations a peer is known to hold (acknowledged, or received from it).
    conn.execute(
        """CREATE TABLE sync_known (
            peer TEXT NOT NULL,
            op_id TEXT NOT NULL,
            PRIMARY KEY (peer, op_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE sync_peer_purged (
            peer TEXT NOT NULL,
            family_id TEXT NOT NULL,
            PRIMARY KEY (peer, family_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE conflicts (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            field TEXT NOT NULL,
            mine TEXT,
            theirs TEXT,
            versions TEXT NOT NULL,
            resolved INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            resolved_at TEXT
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX conflicts_by_record ON conflicts(kind, record_id, field)")
    conn.execute(
        """CREATE TABLE sync_history (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            summary TEXT NOT NULL
        )"""
    )


def create_certificate_tables(conn: Connection) -> None:
    """Certificates and trust roots (called by migration 8; a vault that has them keeps them)."""
    # The newest certificate per device from a lead this vault trusts, as it travels.
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sync_certificates (
            device_id TEXT PRIMARY KEY NOT NULL,
            role TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            document TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    # Lead devices an officer added in person: where its trust in certificates starts.
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sync_trust_roots (
            device_id TEXT PRIMARY KEY NOT NULL,
            added_at TEXT NOT NULL
        ) WITHOUT ROWID"""
    )


def create_erasure_holder_table(conn: Connection) -> None:
    """Which devices held a purged family (called by migration 9).

    A purge marker goes only to the devices that held what it purges. Who held a family is
    known only before the purge (its allocations and operations go with it), so it is kept
    here, by marker, when the marker is made or first applied.
    """
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sync_erasure_holders (
            op_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            PRIMARY KEY (op_id, device_id)
        ) WITHOUT ROWID"""
    )


def create_audit_anchor_tables(conn: Connection) -> None:
    """Audit-chain heads sent and received (called by migration 10)."""
    columns = {str(r[1]) for r in conn.execute("PRAGMA table_info(sync_bundles_out)")}
    if "audit_seq" not in columns:  # the head this device's bundle carried
        conn.execute("ALTER TABLE sync_bundles_out ADD COLUMN audit_seq INTEGER")
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sync_audit_heads (
            device_id TEXT PRIMARY KEY NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            received_at TEXT NOT NULL
        ) WITHOUT ROWID"""
    )


def create_audit_event_tables(conn: Connection) -> None:
    """Other devices' audit events, received in bundles and chain-checked (migration 14).

    A lead keeps each officer's events (no case content) so who viewed, changed or exported
    what can be read on the lead's desk. What a lead already holds is known from its
    acknowledgements (the `audit-events:` keys in `sync_known`, sync/audit_events.py).
    """
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sync_audit_events (
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            device TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT,
            record_id TEXT,
            family_id TEXT,
            op_id TEXT,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS sync_audit_events_family ON sync_audit_events(family_id, at)"
    )
