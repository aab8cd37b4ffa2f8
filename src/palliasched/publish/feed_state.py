"""What a feed remembers of each event: its stable UID, and its SEQUENCE and last change."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

UID_NAMESPACE = uuid.UUID("6f1c5d2e-8f0a-4f8e-9a59-3c0e2a7d1b44")


@dataclass(frozen=True)
class EventState:
    fingerprint: str
    sequence: int
    changed: dt.datetime
    removed: bool = False


def session_uid(programme_id: str, session_id: str) -> str:
    """Stable across solves: the same session keeps its UID whatever its date."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{programme_id}/{session_id}')}@palliasched"
