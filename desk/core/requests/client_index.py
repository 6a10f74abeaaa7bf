"""Client-name search by word prefix, fast on a million requests.

SQLite's FTS5 (with prefix indexes) counts a one-letter prefix over a million names in tens of
milliseconds because each request appears once per prefix; a plain table of (word, request)
pairs would need a DISTINCT over every match. Python builds without FTS5 fall back to that table:
the same answers, slower for very short prefixes. Which one a log uses is fixed when its schema
is created and read back from the schema afterwards.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from desk.core.requests.replay import search_words

FTS_TABLE = "client_fts"
WORDS_TABLE = "client_words"
DENSE = 10_000
"""Above this many matches, scanning the order index and probing beats sorting the matches."""

_TOKEN = re.compile(r"[^\W_]+")


def fts5_available(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.desk_fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.desk_fts5_probe")
    return True


def create(conn: sqlite3.Connection) -> None:
    """Create the index (inside a migration) and fill it from the existing requests."""
    if fts5_available(conn):
        conn.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(client, content='requests', "
            "content_rowid='num', tokenize='unicode61 remove_diacritics 2', "
            "prefix='1 2 3', detail=none)"
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


class ClientIndex:
    """The search index of one open log."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        found = conn.execute(
            "SELECT name FROM sqlite_master WHERE name IN (?, ?)", (FTS_TABLE, WORDS_TABLE)
        ).fetchone()
        self.fts = found is not None and found[0] == FTS_TABLE

    def add(self, conn: sqlite3.Connection, *, num: int, client: str) -> None:
        if self.fts:
            conn.execute(f"INSERT INTO {FTS_TABLE}(rowid, client) VALUES (?, ?)", (num, client))
        else:
            conn.executemany(
                f"INSERT OR IGNORE INTO {WORDS_TABLE}(word, num) VALUES (?, ?)",
                [(w, num) for w in search_words(client)],
            )

    def matches(self, text: str) -> tuple[str, list[Any]] | None:
        """SQL selecting the numbers of requests whose client matches, or None for no words.

        Every word typed must be the start of some word of the name, in any order.
        """
        if self.fts:
            tokens = list(dict.fromkeys(_TOKEN.findall(text)))
            if not tokens:
                return None
            query = " ".join(f'"{t}"*' for t in tokens)
            return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", [query]
        words = list(dict.fromkeys(w for t in _TOKEN.findall(text) for w in search_words(t)))
        if not words:
            return None
        parts: list[str] = []
        params: list[Any] = []
        for word in words:
            parts.append(f"SELECT num FROM {WORDS_TABLE} WHERE word >= ? AND word < ?")
            params += [word, word[:-1] + chr(ord(word[-1]) + 1)]
        return " INTERSECT ".join(parts), params

    def count_only(self, conn: sqlite3.Connection, text: str) -> int | None:
        """Count matches when the client is the only condition; None if there is no fast way."""
        found = self.matches(text)
        if found is None or not self.fts:
            return None
        sql, params = found
        return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])

    def is_dense(self, conn: sqlite3.Connection, text: str) -> bool:
        """True if more than DENSE requests match (counting stops there)."""
        found = self.matches(text)
        if found is None:
            return False
        sql, params = found
        capped = f"SELECT count(*) FROM ({sql} LIMIT {DENSE + 1})"
        return int(conn.execute(capped, params).fetchone()[0]) > DENSE

    def problem(self, conn: sqlite3.Connection) -> str | None:
        """Whether the index still matches the stored client names (for `verify`)."""
        if self.fts:
            try:
                conn.execute(
                    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
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
