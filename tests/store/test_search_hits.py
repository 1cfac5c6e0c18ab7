"""Search returns what the plain one-statement query (every hit's snippet matched in a join)
returns: the same hits, ranks, titles and snippets, in the same order."""

from __future__ import annotations

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.database import Connection
from liaison_desktop.store.search_index import (
    CANDIDATES,
    SNIPPET_TOKENS,
    search,
    to_match_expression,
)
from liaison_desktop.store.vault import Vault

QUERIES = ("a", "fo", "food bank", "uniform", "school nurse", "damp mould", "Mr", "zzzz", "é")


def reference(conn: Connection, query: str, limit: int) -> list[tuple[object, ...]]:
    """The specification: one statement, snippets matched per hit."""
    expression = to_match_expression(query)
    return [
        tuple(r)
        for r in conn.execute(
            """WITH candidates AS (
                   SELECT rowid AS docid, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts
                   WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3),
               top AS (SELECT docid, score FROM candidates ORDER BY score, docid DESC LIMIT ?2)
               SELECT d.kind, d.record_id, d.family_id, f.title,
                      coalesce(snippet(search_fts, -1, '[', ']', '…', ?4), f.title), top.score
               FROM top
               JOIN search_fts AS f ON f.rowid = top.docid
               JOIN search_docs AS d ON d.docid = top.docid
               WHERE search_fts MATCH ?1
               ORDER BY top.score, top.docid DESC""",
            (expression, limit, CANDIDATES, SNIPPET_TOKENS),
        )
    ]


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_hits_snippets_and_order_match_the_one_statement_query(vault: Vault, limit: int) -> None:
    populate_demo(Caseload(vault), families=25, seed=11)
    found_any = False
    for query in QUERIES:
        hits = search(vault.conn, query, limit)
        got = [(h.kind, h.record_id, h.family_id, h.title, h.snippet, h.rank) for h in hits]
        assert got == reference(vault.conn, query, limit), query
        found_any = found_any or len(got) == limit
    assert found_any  # some query filled the limit, so order and cut-off were compared
    assert any("[" in h.snippet for h in search(vault.conn, "food", limit))
