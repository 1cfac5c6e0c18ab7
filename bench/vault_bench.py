"""The encrypted vault against plain SQLite: durable writes, bulk insert, reads and unlock.

The baseline is the same SQLCipher build opened with no key (same engine and version, same
schema, same settings pragmas), so each ratio isolates what encryption costs. The standard
library's `sqlite3` (another SQLite version) is shown as a reference, not used for the ratio.
Every measurement takes turns between the three databases in the same run.
"""

from __future__ import annotations

import random
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from liaison_desktop.crypto.kdf import DEFAULT_TARGET_SECONDS
from liaison_desktop.crypto.secret import SecretKey
from liaison_desktop.store import migrations
from liaison_desktop.store.database import SETTINGS_PRAGMAS, Connection, open_encrypted
from liaison_desktop.store.vault import DB_NAME, Vault

from .common import Config, Result, interleaved, mean, median, percentile, repeat, time_call, timed

NAME = "vault"
BASELINE = (
    "same SQLCipher build with no key, same schema and pragmas; "
    "reference = stdlib sqlite3 (different SQLite version)"
)
AIM_RATIO = 1.3
# DESIGN §3: the KDF is calibrated at creation to about 0.5–1 s on the machine.
KDF_AIM_SECONDS = (0.5, 1.0)
PASSPHRASE = "benchmark passphrase, long enough to be realistic"

VAULT, PLAIN, STDLIB = "vault", "plain", "stdlib"

NOTES_COLUMNS = "id, family_id, written_at, author, text"
SETTINGS_QUERIED = (
    "journal_mode",
    "synchronous",
    "temp_store",
    "foreign_keys",
    "secure_delete",
    "busy_timeout",
    "page_size",
    "cache_size",
)

Row = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Sizes:
    """How much work each measurement does."""

    durable_writes: int
    write_rounds: int  # durable writes are taken in this many turns per database
    bulk_rows: int
    bulk_repeats: int
    read_repeats: int
    open_repeats: int
    kdf_repeats: int
    kdf_target_seconds: float


FULL = Sizes(
    durable_writes=500,
    write_rounds=10,
    bulk_rows=10_000,
    bulk_repeats=3,
    read_repeats=5,
    open_repeats=40,
    kdf_repeats=3,
    kdf_target_seconds=DEFAULT_TARGET_SECONDS,
)
QUICK = Sizes(
    durable_writes=30,
    write_rounds=3,
    bulk_rows=1_000,
    bulk_repeats=1,
    read_repeats=2,
    open_repeats=5,
    kdf_repeats=1,
    kdf_target_seconds=0,  # the Argon2id floor: the smoke test checks wiring, not speed
)


# -- data ----------------------------------------------------------------------------------------
_VOCABULARY = (
    "attendance meeting mother father carer school pupil referral visit phone called agreed "
    "support plan housing benefits worried improved late absent breakfast club uniform "
    "transport appointment nurse doctor teacher class reading homework sleep routine "
    "counsellor food bank letter form deadline review follow up next week calm upset "
    "sibling grandmother social worker early help consent shared discussed"
)
WORDS = tuple(_VOCABULARY.split())


def make_rows(count: int, rng: random.Random, *, families: int = 500) -> list[Row]:
    """Notes-like records: random ids (as the app's uuids), ~400 characters of text."""
    rows: list[Row] = []
    for i in range(count):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 400:
            words.append(rng.choice(WORDS))
        rows.append(
            (
                f"{rng.getrandbits(128):032x}",
                f"fam-{rng.randrange(families):05d}",
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+00:00",
                rng.choice(("A. Officer", "B. Lead", "C. Officer")),
                " ".join(words)[:400],
            )
        )
    return rows


def create_notes_table(conn: Connection, name: str) -> None:
    """The record shape every database gets: a notes table with a family index."""
    conn.execute(
        f"CREATE TABLE {name} (id TEXT PRIMARY KEY, family_id TEXT NOT NULL, "
        "written_at TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL)"
    )
    conn.execute(f"CREATE INDEX {name}_family ON {name}(family_id)")


# -- the three databases -------------------------------------------------------------------------
class Subject(ABC):
    """One database under test, reached through a connection that can be reopened cold."""

    def __init__(self, label: str) -> None:
        self.label = label

    @property
    @abstractmethod
    def conn(self) -> Connection:
        """The open connection."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]:
        """BEGIN IMMEDIATE … COMMIT, as the app writes."""

    @abstractmethod
    def reopen(self) -> None:
        """Close and open again, so the next read starts with an empty page cache."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""


class VaultSubject(Subject):
    """A real vault made by `Vault.create`, written through `vault.transaction()`."""

    def __init__(self, data_dir: Path, kdf_target_seconds: float) -> None:
        super().__init__(VAULT)
        self.data_dir = data_dir
        self.vault, _recovery = Vault.create(
            data_dir,
            PASSPHRASE,
            owner_name="Benchmark Officer",
            role="officer",
            kdf_target_seconds=kdf_target_seconds,
        )
        self.keyfile = Vault.load_keyfile(data_dir)
        key = self.keyfile.unwrap_with_passphrase(PASSPHRASE)
        self._key = key.reveal()  # kept to reopen without the KDF; Vault.close wipes its copy
        key.wipe()

    def data_key(self) -> SecretKey:
        """A fresh copy of the data key (each Vault wipes the one it was given on close)."""
        return SecretKey(self._key)

    @property
    def conn(self) -> Connection:
        return self.vault.conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.vault.transaction() as conn:
            yield conn

    def reopen(self) -> None:
        self.vault.close()
        self.vault = Vault.unlock_with_key(self.data_dir, self.keyfile, self.data_key())

    def close(self) -> None:
        self.vault.close()


def open_direct(connect: Callable[..., Any], path: Path, first: tuple[str, ...] = ()) -> Connection:
    """Open with `connect`, run `first` (e.g. a key or page size), the vault's settings pragmas,
    and read once, as the vault does. With no `first`, the database is unencrypted.

    The settings pragmas include the page cache size, so the standard library's SQLite (built
    with a smaller default cache) gets the same cache as the vault.
    """
    conn = connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in (*first, *SETTINGS_PRAGMAS):
        conn.execute(pragma).fetchall()
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


class DirectSubject(Subject):
    """A database opened with `open_direct`: unencrypted (sqlcipher3 with no key, or sqlite3)
    unless `first` holds a key."""

    def __init__(
        self, label: str, connect: Callable[..., Any], path: Path, first: tuple[str, ...] = ()
    ) -> None:
        super().__init__(label)
        self.connect = connect
        self.path = path
        self.first = first
        self._conn: Connection = open_direct(connect, path, first)

    @property
    def conn(self) -> Connection:
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        # The same statements as Vault.transaction at its outermost level.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def reopen(self) -> None:
        self._conn.close()
        self._conn = open_direct(self.connect, self.path, self.first)

    def close(self) -> None:
        self._conn.close()


def give_vault_schema(subject: DirectSubject) -> None:
    """Create the vault's whole schema (caseload, logs, search index) with its own migrations,
    so the baseline parses the same schema on open and carries the same indexes."""
    migrations.migrate(subject.conn, subject.path)


def copy_schema(source: Connection, target: Connection) -> None:
    """Give `target` every table, index and virtual table of `source`, by their own SQL.

    For the standard library's older SQLite, which cannot run the migration that switches on
    FTS5's secure-delete (SQLite 3.42+): the same tables and indexes, without that option.
    """
    rows = source.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    shadow_of = [str(name) for name, sql in rows if "VIRTUAL TABLE" in str(sql).upper()]
    target.execute("BEGIN IMMEDIATE")
    for name, sql in rows:
        name = str(name)
        if name.startswith("sqlite_") or any(name.startswith(f"{v}_") for v in shadow_of):
            continue  # SQLite's own tables, and those FTS5 makes for its virtual table
        target.execute(str(sql))
    target.execute("COMMIT")


def settings_of(conn: Connection) -> dict[str, str]:
    """The settings that must match for a ratio to mean anything."""
    return {name: str(conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in SETTINGS_QUERIED}


def check_same_settings(subjects: dict[str, Subject]) -> None:
    """Refuse to report ratios if the baseline runs with different settings from the vault."""
    vault_settings = settings_of(subjects[VAULT].conn)
    for label, subject in subjects.items():
        found = settings_of(subject.conn)
        if found != vault_settings:
            raise RuntimeError(f"{label} settings {found} differ from the vault's {vault_settings}")
    if subjects[VAULT].conn.execute("PRAGMA cipher_use_hmac").fetchone()[0] not in ("1", 1):
        raise RuntimeError("the vault must run with per-page HMAC on")


# -- measurements --------------------------------------------------------------------------------
def measure_durable_writes(
    subjects: dict[str, Subject], rows: list[Row], sizes: Sizes
) -> dict[str, list[float]]:
    """Seconds per single-row write, each its own committed (fsynced) transaction."""
    insert = f"INSERT INTO bench_notes ({NOTES_COLUMNS}) VALUES (?, ?, ?, ?, ?)"
    batch = sizes.durable_writes // sizes.write_rounds
    cursors = dict.fromkeys(subjects, 0)

    def write_batch(label: str) -> list[float]:
        subject = subjects[label]
        samples = []
        for _ in range(batch):
            row = rows[cursors[label]]
            cursors[label] += 1

            def one_write(row: Row = row) -> None:
                with subject.transaction() as conn:
                    conn.execute(insert, row)

            samples.append(time_call(one_write))
        return samples

    for label in subjects:  # warm-up: file growth, statement cache, first WAL frames
        for row in rows[-10:]:
            with subjects[label].transaction() as conn:
                conn.execute(insert, row)
    return interleaved(list(subjects), write_batch, rounds=sizes.write_rounds)


def measure_bulk_insert(
    subjects: dict[str, Subject], rows: list[Row], sizes: Sizes
) -> dict[str, list[float]]:
    """Seconds to insert all rows in one transaction into a fresh table (commit included)."""
    counter = dict.fromkeys(subjects, 0)

    def bulk(label: str) -> list[float]:
        subject = subjects[label]
        table = f"bench_bulk_{counter[label]}"
        counter[label] += 1
        with subject.transaction() as conn:
            create_notes_table(conn, table)
        insert = f"INSERT INTO {table} ({NOTES_COLUMNS}) VALUES (?, ?, ?, ?, ?)"

        def run() -> None:
            with subject.transaction() as conn:
                conn.executemany(insert, rows)

        return [time_call(run)]

    for label in subjects:
        bulk(label)  # warm-up into bench_bulk_0, which the read measurements then use
    return interleaved(list(subjects), bulk, rounds=sizes.bulk_repeats)


def measure_reads(
    subjects: dict[str, Subject], rows: list[Row], sizes: Sizes
) -> dict[str, dict[str, list[float]]]:
    """Full scan, lookups by primary key and by family, each from a freshly opened connection.

    Also lookups by primary key on a connection that has read everything once: SQLCipher's
    page cache holds decrypted pages, so this shows what encryption costs once warm.
    """
    ids = [r[0] for r in rows]
    random.Random(len(ids)).shuffle(ids)
    families = sorted({r[1] for r in rows})
    results: dict[str, dict[str, list[float]]] = {}

    def scan(conn: Connection) -> None:
        got = conn.execute(f"SELECT {NOTES_COLUMNS} FROM bench_bulk_0").fetchall()
        if len(got) != len(rows):
            raise RuntimeError(f"scan found {len(got)} rows, expected {len(rows)}")

    def by_id(conn: Connection) -> None:
        query = "SELECT family_id, written_at, author, text FROM bench_bulk_0 WHERE id = ?"
        for row_id in ids:
            if conn.execute(query, (row_id,)).fetchone() is None:
                raise RuntimeError(f"row {row_id} missing")

    def by_family(conn: Connection) -> None:
        query = (
            "SELECT id, written_at, text FROM bench_bulk_0 WHERE family_id = ? ORDER BY written_at"
        )
        found = sum(len(conn.execute(query, (f,)).fetchall()) for f in families)
        if found != len(rows):
            raise RuntimeError(f"family lookups found {found} rows, expected {len(rows)}")

    readers: list[tuple[str, Callable[[Connection], None], bool]] = [
        ("scan", scan, False),
        ("by_id", by_id, False),
        ("by_family", by_family, False),
        ("by_id_warm", by_id, True),
    ]
    for kind, reader, warm in readers:

        def measure(
            label: str, reader: Callable[[Connection], None] = reader, warm: bool = warm
        ) -> list[float]:
            subject = subjects[label]

            def setup() -> None:
                subject.reopen()
                if warm:
                    reader(subject.conn)

            return repeat(lambda: reader(subject.conn), repeats=1, warmup=0, setup=setup)

        for label in subjects:  # warm-up: OS file cache and code paths
            subjects[label].reopen()
            reader(subjects[label].conn)
        results[kind] = interleaved(list(subjects), measure, rounds=sizes.read_repeats)
    return results


def measure_open(
    vault: VaultSubject, plain_path: Path, stdlib_path: Path, sizes: Sizes
) -> tuple[dict[str, list[float]], list[float]]:
    """Seconds to open each database (key, settings, first read); and the whole Vault open."""
    db_path = vault.data_dir / DB_NAME
    openers: dict[str, Callable[[], Connection]] = {
        VAULT: lambda: open_encrypted(db_path, vault.data_key()),
        PLAIN: lambda: open_direct(sqlcipher3.connect, plain_path),
        STDLIB: lambda: open_direct(sqlite3.connect, stdlib_path),
    }

    def measure(label: str) -> list[float]:
        samples = []
        for _ in range(sizes.open_repeats):
            elapsed, conn = timed(openers[label])
            conn.close()
            samples.append(elapsed)
        return samples

    for label in openers:
        openers[label]().close()
    raw_open = interleaved(list(openers), measure, rounds=3)

    # Vault.unlock_with_key: lock file, open, key-file match, schema check, meta write.
    whole: list[float] = []
    for i in range(sizes.open_repeats + 1):
        elapsed, opened = timed(
            lambda: Vault.unlock_with_key(vault.data_dir, vault.keyfile, vault.data_key())
        )
        opened.close()
        if i:
            whole.append(elapsed)
    return raw_open, whole


def measure_kdf(vault: VaultSubject, sizes: Sizes) -> tuple[list[float], list[float]]:
    """Seconds for Argon2id + unwrap at the vault's calibrated parameters; and a full unlock."""
    kdf = repeat(
        lambda: vault.keyfile.unwrap_with_passphrase(PASSPHRASE).wipe(),
        repeats=sizes.kdf_repeats,
        warmup=1,
    )
    unlock: list[float] = []
    for _ in range(sizes.kdf_repeats):
        elapsed, opened = timed(lambda: Vault.unlock(vault.data_dir, PASSPHRASE))
        opened.close()
        unlock.append(elapsed)
    return kdf, unlock


# -- the benchmark -------------------------------------------------------------------------------
def run(config: Config) -> list[Result]:
    """Every vault figure, measured side by side with the baselines."""
    sizes = QUICK if config.quick else FULL
    rng = random.Random(config.seed)
    write_rows = make_rows(sizes.durable_writes + 10, rng)
    bulk_rows = make_rows(sizes.bulk_rows, rng)

    plain_path = config.work_dir / "plain.db"
    stdlib_path = config.work_dir / "stdlib.db"
    vault = VaultSubject(config.work_dir / "vault", sizes.kdf_target_seconds)
    subjects: dict[str, Subject] = {
        VAULT: vault,
        PLAIN: DirectSubject(PLAIN, sqlcipher3.connect, plain_path),
        STDLIB: DirectSubject(STDLIB, sqlite3.connect, stdlib_path),
    }
    try:
        plain = subjects[PLAIN]
        assert isinstance(plain, DirectSubject)
        give_vault_schema(plain)
        copy_schema(plain.conn, subjects[STDLIB].conn)
        check_same_settings(subjects)
        for subject in subjects.values():
            with subject.transaction() as conn:
                create_notes_table(conn, "bench_notes")

        writes = measure_durable_writes(subjects, write_rows, sizes)
        bulk = measure_bulk_insert(subjects, bulk_rows, sizes)
        reads = measure_reads(subjects, bulk_rows, sizes)
    finally:
        for subject in subjects.values():
            subject.close()
    raw_open, vault_open = measure_open(vault, plain_path, stdlib_path, sizes)
    kdf, unlock = measure_kdf(vault, sizes)

    ms = 1000.0
    params = vault.keyfile.kdf
    kdf_note = (
        f"Argon2id {params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}"
        + (" (floor: --quick)" if config.quick else f" (calibrated to {DEFAULT_TARGET_SECONDS} s)")
    )
    n_writes = len(writes[VAULT])
    n_bulk = sizes.bulk_rows

    def row(
        name: str,
        size: str,
        samples: dict[str, list[float]],
        stat: Callable[[list[float]], float],
        note: str,
        scale: float = ms,
    ) -> Result:
        return Result(
            benchmark=NAME,
            name=name,
            unit="ms",
            size=size,
            figure=stat(samples[VAULT]) * scale,
            baseline=stat(samples[PLAIN]) * scale,
            reference=stat(samples[STDLIB]) * scale,
            aim_ratio=AIM_RATIO,
            note=note,
        )

    return [
        row(
            "durable_write_mean",
            f"{n_writes} txns",
            writes,
            mean,
            "one row per committed transaction, synchronous=FULL",
        ),
        row(
            "durable_write_p95",
            f"{n_writes} txns",
            writes,
            lambda s: percentile(s, 95),
            "95th percentile of the same writes",
        ),
        row(
            "bulk_insert",
            f"{n_bulk:,} rows",
            bulk,
            median,
            f"one transaction, median of {sizes.bulk_repeats}",
        ),
        row(
            "read_scan",
            f"{n_bulk:,} rows",
            reads["scan"],
            median,
            "SELECT all from a freshly opened connection (cold page cache)",
        ),
        row(
            "read_by_id",
            f"{n_bulk:,} lookups",
            reads["by_id"],
            median,
            "every row by primary key, shuffled, fresh connection",
        ),
        row(
            "read_by_id_warm",
            f"{n_bulk:,} lookups",
            reads["by_id_warm"],
            median,
            "the same lookups again on the same connection (decrypted pages cached)",
        ),
        row(
            "read_by_family",
            "500 queries",
            reads["by_family"],
            median,
            "family_id index, ORDER BY written_at, fresh connection",
        ),
        row(
            "db_open",
            f"{len(raw_open[VAULT])} opens",
            raw_open,
            median,
            "open_encrypted (raw key) vs connect: settings pragmas + first read",
        ),
        Result(
            benchmark=NAME,
            name="vault_open",
            unit="ms",
            size=f"{len(vault_open)} opens",
            figure=median(vault_open) * ms,
            note="Vault.unlock_with_key: lock file, open, schema check, meta write",
        ),
        Result(
            benchmark=NAME,
            name="unlock_kdf",
            unit="s",
            size=f"{len(kdf)} derivations",
            figure=median(kdf),
            aim_range=None if config.quick else KDF_AIM_SECONDS,
            note=kdf_note,
        ),
        Result(
            benchmark=NAME,
            name="unlock_total",
            unit="s",
            size=f"{len(unlock)} unlocks",
            figure=median(unlock),
            note="Vault.unlock with the passphrase, end to end",
        ),
    ]
