"""Validation of groups taught in turn: one day must hold all of them."""

from __future__ import annotations

from palliasched.domain.programme import Programme
from palliasched.io.locations import Report


def check_turns(programme: Programme, report: Report) -> None:
    """Group k of a half-day session takes the k-th slot from the one written: the day must
    have that many slots from it (a full day cannot be taught in turn)."""
    ids = [slot.id for slot in programme.slots]
    for session in programme.sessions:
        turn = session.turn
        if turn is None or turn.group != 1:
            continue
        start = ids.index(session.length) if session.length in ids else len(ids)
        if start + turn.of > len(ids):
            report(
                "session",
                session.id,
                f"{turn.of} groups taught in turn from '{session.length}' need {turn.of} "
                f"slots of the day from it, but the day has {len(ids) - start}",
                field="rooms.in_turn",
                hint="start from an earlier slot, or teach the groups in parallel",
            )
