"""Counted words in messages: "1 session", "3 sessions", never "session(s)"; and words as
people type them, compared without case, accents or punctuation."""

from __future__ import annotations

import re
import unicodedata

# What grids and feeds say of an online session in place of its room.
ONLINE = "En ligne"


def plural(count: int, word: str, many: str | None = None, *, english: bool = False) -> str:
    """``count`` and ``word``, in the plural (``many``, else ``word`` + "s") unless it is 0
    or 1 (French usage) or, with ``english``, unless it is 1."""
    singular = count == 1 if english else count in (0, 1)
    return f"{count} {word if singular else (many or word + 's')}"


def plural_en(count: int, word: str, many: str | None = None) -> str:
    """``plural`` for English sentences: "0 days", "1 day", "2 days"."""
    return plural(count, word, many, english=True)


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces: "De préférence" is
    "de preference"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()
