"""The search index for the window, built just after it first paints rather than before.

Building the index costs a few milliseconds that the first paint need not wait for; the window
asks for a search only once someone types.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the ranking module (and its danger patterns) load with the first search
    from desk.core.policy.book import PolicyBook
    from desk.core.search.ranking import Answer, Hit, SearchIndex


class LazySearch:
    """The search index, built just after the window first paints rather than before."""

    def __init__(self, book: PolicyBook) -> None:
        self._book = book
        self._index: SearchIndex | None = None
        self._last: tuple[str, Answer] | None = None

    def set_book(self, book: PolicyBook) -> None:
        """Search another policy; its index is built on the next search."""
        self._book = book
        self._index = None
        self._last = None

    def warm(self) -> None:
        """Build the index now (called once the window has painted)."""
        if self._index is None:
            from desk.core.search.ranking import SearchIndex

            self._index = SearchIndex(self._book)

    def search(self, query: str) -> Sequence[Hit]:
        return self.answer(query).hits

    def answer(self, query: str) -> Answer:
        """Ranking, danger and coverage for a question; the last one is kept, since the list
        and the strip ask about the same words on each keystroke."""
        if self._last is not None and self._last[0] == query:
            return self._last[1]
        self.warm()
        assert self._index is not None
        found = self._index.answer(query)
        self._last = (query, found)
        return found
