"""Full-text search inside the encrypted vault: one FTS5 table over every searchable record.

`search_docs` maps each record to the FTS rowid, so a record is re-indexed by rowid (fast)
instead of by a scan of unindexed columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..domain.records import RecordSpec
from .database import Connection

SNIPPET_TOKENS = 12
CANDIDATES = 2000


def create_tables(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE search_docs (
            docid INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            family_id TEXT,
            UNIQUE (kind, record_id)
        )"""
    )
    conn.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )


def _text_of(row: dict[str, Any], fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = row.get(name)
        if value is None or value == "":
            continue
        parts.append(" ".join(value) if isinstance(value, list) else str(value))
    return " ".join(parts)


def index_record(conn: Connection, spec: RecordSpec, record_id: str, row: dict[str, Any]) -> None:
    """(Re)index one record; a deleted record is removed from the index."""
    if not spec.searchable:
        return
    existing = conn.execute(
        "SELECT docid FROM search_docs WHERE kind = ? AND record_id = ?", (spec.kind, record_id)
    ).fetchone()
    if existing is not None:
        conn.execute("DELETE FROM search_fts WHERE rowid = ?", (existing[0],))
    if row.get("deleted"):
        if existing is not None:
            conn.execute("DELETE FROM search_docs WHERE docid = ?", (existing[0],))
        return
    title = _text_of(row, spec.title_fields)
    if spec.kind == "referral":
        title = title.replace("_", " ")
    body = _text_of(row, spec.body_fields)
    family_id = row.get(spec.family_field) if spec.family_field else None
    if existing is None:
        cur = conn.execute(
            "INSERT INTO search_docs (kind, record_id, family_id) VALUES (?, ?, ?)",
            (spec.kind, record_id, family_id),
        )
        docid = cur.lastrowid
    else:
        docid = existing[0]
        conn.execute("UPDATE search_docs SET family_id = ? WHERE docid = ?", (family_id, docid))
    conn.execute(
        "INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", (docid, title, body)
    )


def remove_record(conn: Connection, kind: str, record_id: str) -> None:
    """Drop a record from the index (used by purges)."""
    existing = conn.execute(
        "SELECT docid FROM search_docs WHERE kind = ? AND record_id = ?", (kind, record_id)
    ).fetchone()
    if existing is not None:
        conn.execute("DELETE FROM search_fts WHERE rowid = ?", (existing[0],))
        conn.execute("DELETE FROM search_docs WHERE docid = ?", (existing[0],))


def drop_deleted_words(conn: Connection) -> None:
    """Rewrite the index as one segment, so deleted records' words leave it now.

    A plain FTS5 delete only records a delete marker; the old words stay in their segment
    until a later merge. Merging everything ('optimize') drops them, and `secure_delete`
    zeroes the pages the old segments occupied. Used by purges, which are rare.
    """
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: str
    family_id: str | None
    title: str
    snippet: str
    rank: float


_TOKEN = re.compile(r"\w+", re.UNICODE)


def to_match_expression(query: str) -> str | None:
    """A safe FTS5 query: every word must match, the last one (or any) as a prefix.

    The person's text is never passed to FTS5 as syntax: each word is quoted, so quotes,
    operators and column filters in the input are just text.
    """
    words = _TOKEN.findall(query)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:20])


def search(conn: Connection, query: str, limit: int = 50) -> list[SearchHit]:
    """Ranked hits with snippets ([…] marks the matched words).

    Ranking reads every matched document's length, so a word found in tens of thousands of
    records would take tens of milliseconds. The newest CANDIDATES matches are ranked (FTS5
    walks them in rowid order and stops); below that bound the result is the full ranking.
    Snippets are built only for the rows returned, not for every match, and in one more pass
    of the query: each MATCH gathers a prefix's whole list of documents again (about a
    millisecond for a two-letter prefix on 20,000 families), so a join that matched once per
    hit cost tens of milliseconds for 50 hits.
    """
    expression = to_match_expression(query)
    if expression is None:
        return []
    top = conn.execute(
        """WITH candidates AS (
               SELECT rowid AS docid, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts
               WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3),
           top AS (SELECT docid, score FROM candidates ORDER BY score, docid DESC LIMIT ?2)
           SELECT top.docid, top.score, d.kind, d.record_id, d.family_id
           FROM top JOIN search_docs AS d ON d.docid = top.docid
           ORDER BY top.score, top.docid DESC""",
        (expression, limit, CANDIDATES),
    ).fetchall()
    if not top:
        return []
    docids = [int(r[0]) for r in top]
    # The hits' rowid range bounds the pass; `+rowid` keeps the list of hits a filter (offered
    # to FTS5 as `rowid = ?` it would run the MATCH once per hit again).
    listed = ", ".join("?" for _ in docids)
    texts = {
        int(r[0]): (str(r[1]), r[2])
        for r in conn.execute(
            f"""SELECT rowid, title, snippet(search_fts, -1, '[', ']', '…', ?)
                FROM search_fts
                WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ({listed})""",
            (SNIPPET_TOKENS, expression, min(docids), max(docids), *docids),
        )
    }
    hits = []
    for docid, score, kind, record_id, family_id in top:
        title, snippet = texts[int(docid)]
        hits.append(
            SearchHit(
                kind=kind,
                record_id=record_id,
                family_id=family_id,
                title=title,
                snippet=snippet or title,
                rank=score,
            )
        )
    return hits
