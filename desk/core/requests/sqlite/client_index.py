"""Client-name search by word prefix, and the requests table's filters, fast on a million requests.

SQLite's FTS5 (with prefix indexes) finds a one-letter prefix among a million names in a few
milliseconds because each request appears once per prefix; a plain table of (word, request) pairs
would need a DISTINCT over every match. The FTS5 index also holds each request's status and
counselor, so "released, Jane Doe's, client starting with j" is one merge of three lists inside
FTS5 instead of a probe per candidate. Python builds without FTS5 fall back to the word table:
the same answers, slower for very short prefixes. Which one a log uses is fixed when its schema
is created and read back from the schema afterwards.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from desk.core.requests.models import RequestFilter
from desk.core.requests.replay import search_words

FTS_TABLE = "client_fts"
"""Schema 2's index of client names alone; schema 3 replaces it with `SEARCH_TABLE`."""
SEARCH_TABLE = "request_search"
SEARCH_ROWS = "request_search_rows"
"""The view FTS5 reads its columns from: counselor ids hex-encoded, so each is one token."""
WORDS_TABLE = "client_words"
DENSE = 10_000
"""Above this many matches, scanning the order index and probing beats sorting the matches."""

_TOKEN = re.compile(r"[^\W_]+")
_TOKENIZE = "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'"


def fts5_available(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.desk_fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.desk_fts5_probe")
    return True


def create_v2(conn: sqlite3.Connection) -> None:
    """The index as schema 2 made it (inside that migration), filled from existing requests."""
    if fts5_available(conn):
        conn.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(client, content='requests', "
            f"content_rowid='num', {_TOKENIZE}, detail=none)"
        )
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        return
    conn.execute(
        f"CREATE TABLE {WORDS_TABLE} (word TEXT NOT NULL, num INTEGER NOT NULL, "
        "PRIMARY KEY (word, num)) WITHOUT ROWID"
    )
    rows = conn.execute("SELECT num, client FROM requests").fetchall()
    conn.executemany(
        f"INSERT OR IGNORE INTO {WORDS_TABLE}(word, num) VALUES (?, ?)",
        ((word, num) for num, client in rows for word in search_words(client)),
    )


def upgrade_v3(conn: sqlite3.Connection) -> None:
    """Replace the FTS5 name index with one that also holds status and counselor (schema 3).

    detail=column keeps which column a token came from, so a status can never match a name;
    columnsize=0 leaves out the token counts, which only ranking would use. Logs on the word
    table keep it: they filter status and counselor with SQL.
    """
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)).fetchone()
    if exists is None:
        return
    conn.execute(f"DROP TABLE {FTS_TABLE}")
    conn.execute(
        f"CREATE VIEW {SEARCH_ROWS} AS SELECT num, client, status, "
        "lower(hex(counselor_id)) AS counselor_key FROM requests"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(client, status, counselor_key, "
        f"content='{SEARCH_ROWS}', content_rowid='num', {_TOKENIZE}, detail=column, "
        "columnsize=0)"
    )
    conn.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")


def counselor_key(counselor_id: str) -> str:
    """The counselor's token in the index; the same as the view's lower(hex(counselor_id))."""
    return counselor_id.encode("utf-8").hex()


def _phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class ClientIndex:
    """The search index of one open log."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        found = conn.execute(
            "SELECT name FROM sqlite_master WHERE name IN (?, ?)", (SEARCH_TABLE, WORDS_TABLE)
        ).fetchone()
        self.fts = found is not None and found[0] == SEARCH_TABLE

    def add(
        self, conn: sqlite3.Connection, *, num: int, client: str, status: str, counselor_id: str
    ) -> None:
        if self.fts:
            conn.execute(
                f"INSERT INTO {SEARCH_TABLE}(rowid, client, status, counselor_key) "
                "VALUES (?, ?, ?, ?)",
                (num, client, status, counselor_key(counselor_id)),
            )
        else:
            conn.executemany(
                f"INSERT OR IGNORE INTO {WORDS_TABLE}(word, num) VALUES (?, ?)",
                [(w, num) for w in search_words(client)],
            )

    def change(
        self,
        conn: sqlite3.Connection,
        *,
        num: int,
        before: tuple[str, str, str],
        after: tuple[str, str, str],
    ) -> None:
        """Follow a request whose (client, status, counselor id) changed."""
        if before == after:
            return
        if self.fts:
            client, status, counselor_id = before
            conn.execute(
                f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, client, status, "
                "counselor_key) VALUES ('delete', ?, ?, ?, ?)",
                (num, client, status, counselor_key(counselor_id)),
            )
            self.add(conn, num=num, client=after[0], status=after[1], counselor_id=after[2])
        elif before[0] != after[0]:
            conn.execute(f"DELETE FROM {WORDS_TABLE} WHERE num = ?", (num,))
            self.add(conn, num=num, client=after[0], status=after[1], counselor_id=after[2])

    def has_words(self, text: str) -> bool:
        return bool(_TOKEN.search(text))

    def match(self, flt: RequestFilter) -> str | None:
        """The FTS5 query for the filter's client words, status and counselor.

        None without FTS5, and when the filter has no client words and not both a status and
        a counselor (SQL's own indexes answer those as fast).
        """
        if not self.fts:
            return None
        words = list(dict.fromkeys(_TOKEN.findall(flt.client)))
        if not words and (flt.status is None or flt.counselor_id is None):
            return None
        terms = [f"client : {_phrase(w)}*" for w in words]
        if flt.status is not None:
            terms.append(f"status : {_phrase(flt.status)}")
        if flt.counselor_id is not None:
            terms.append(f"counselor_key : {_phrase(counselor_key(flt.counselor_id))}")
        return " AND ".join(terms)

    def matches(self, flt: RequestFilter) -> tuple[str, list[Any]] | None:
        """SQL selecting the numbers of requests whose client matches, or None for no words.

        Every word typed must be the start of some word of the name, in any order. With FTS5
        the status and counselor are matched too.
        """
        if not self.has_words(flt.client):
            return None
        if self.fts:
            query = self.match(flt)
            return f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?", [query]
        words = list(dict.fromkeys(w for t in _TOKEN.findall(flt.client) for w in search_words(t)))
        if not words:
            return None
        parts: list[str] = []
        params: list[Any] = []
        for word in words:
            parts.append(f"SELECT num FROM {WORDS_TABLE} WHERE word >= ? AND word < ?")
            params += [word, word[:-1] + chr(ord(word[-1]) + 1)]
        return " INTERSECT ".join(parts), params

    def is_dense(self, conn: sqlite3.Connection, flt: RequestFilter) -> bool:
        """True if more than DENSE requests match (counting stops there)."""
        found = self.matches(flt)
        if found is None:
            return False
        sql, params = found
        capped = f"SELECT count(*) FROM ({sql} LIMIT {DENSE + 1})"
        return int(conn.execute(capped, params).fetchone()[0]) > DENSE

    def problem(self, conn: sqlite3.Connection) -> str | None:
        """Whether the index still matches the stored requests (for `verify`)."""
        if self.fts:
            try:
                conn.execute(
                    f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) "
                    "VALUES ('integrity-check', 1)"
                )
            except sqlite3.DatabaseError:
                return "the client search index does not match the requests"
            return None
        # Order-free checksum, so neither side has to be held in memory or sorted.
        mask = (1 << 64) - 1
        want = have = 0
        for num, client in conn.execute("SELECT num, client FROM requests"):
            for word in set(search_words(client)):
                want = (want + hash((word, num))) & mask
        for word, num in conn.execute(f"SELECT word, num FROM {WORDS_TABLE}"):
            have = (have + hash((word, num))) & mask
        return None if want == have else "the client search index does not match the requests"
