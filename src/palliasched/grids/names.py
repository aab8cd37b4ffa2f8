"""Names as people type them, matched to the programme: case, accents, spaces, small typos.

"Francoise Bauthamy" is Françoise Bauthamy; a name close to two people, or to nobody, is not
guessed: the caller reports it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from palliasched.words import normalise

__all__ = ["Matcher", "normalise"]

CLOSE_ENOUGH = 0.88


class Matcher:
    """Find the id of a display name among ``(id, name)`` pairs, tolerantly but never guessing."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self.by_name: dict[str, list[str]] = {}
        for entry_id, name in entries:
            for key in {normalise(name), normalise(entry_id)}:
                self.by_name.setdefault(key, []).append(entry_id)

    def find(self, text: str) -> str | None:
        key = normalise(text)
        exact = self.by_name.get(key, [])
        if len(set(exact)) == 1:
            return exact[0]
        if exact:
            return None  # two people share this name: do not guess
        close = difflib.get_close_matches(key, list(self.by_name), n=2, cutoff=CLOSE_ENOUGH)
        candidates = {i for name in close for i in self.by_name[name]}
        return candidates.pop() if len(candidates) == 1 else None
