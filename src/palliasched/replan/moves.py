"""What re-planning changed: every session moved, added or removed, and whom to tell.

A :class:`Move` compares one session's old and new place. ``compare`` lists them for two
calendars; ``notifications`` regroups them per instructor (old and new instructors alike).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from palliasched.domain.calendar import french_date
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution

if TYPE_CHECKING:
    from palliasched.replan.changes import Change

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class MoveKind(StrEnum):
    DAY = "day"  # to another day
    SLOT = "slot"  # same day, another slot or site
    ROOM = "room"  # same day and slots, other rooms
    INSTRUCTORS = "instructors"  # same place, other pool instructors
    ADDED = "added"
    REMOVED = "removed"


# Why a session was added or removed, when the change gives no note (English, French).
_DEFAULT_REASONS = {
    MoveKind.ADDED: ("new session", "nouvelle séance"),
    MoveKind.REMOVED: ("no longer in the programme", "retirée du programme"),
}


@dataclass(frozen=True)
class Move:
    """One session whose place changed; ``before``/``after`` are None when added/removed.

    ``causes`` are the changes behind it: those its old place breaks, or, for a knock-on move
    (``knock_on``: moved to make way), those that started the re-planning.
    """

    session: str
    label: str  # "UE 6 : CLINIQUE ONCOLOGIE"
    kind: MoveKind
    before: ScheduledSession | None
    after: ScheduledSession | None
    causes: tuple[Change, ...] = ()
    knock_on: bool = False
    old_place: str = ""  # the way the old place reads ("Tue 11/05/2027")
    new_place: str = ""

    @property
    def reason(self) -> str:
        """``Laure Serresse unavailable: congrès``, ``knock-on of: ...``, or the note of an
        added or cancelled session."""
        return self._reason(english=True)

    @property
    def reason_fr(self) -> str:
        """The same in French, for the workbook."""
        return self._reason(english=False)

    def _reason(self, english: bool) -> str:
        if self.kind in _DEFAULT_REASONS:
            default = _DEFAULT_REASONS[self.kind][0 if english else 1]
            return "; ".join(c.note or default for c in self.causes) or default
        words = "; ".join(c.text if english else c.french for c in self.causes)
        if not self.knock_on:
            return words
        if english:
            return f"knock-on of: {words}" if words else "knock-on"
        return f"par ricochet : {words}" if words else "par ricochet"

    def __str__(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        if self.kind is MoveKind.ADDED:
            return f"{self.label} is added on {self.new_place}{why}"
        if self.kind is MoveKind.REMOVED:
            return f"{self.label} on {self.old_place} is cancelled{why}"
        if self.kind is MoveKind.ROOM:
            change = f"changes room from {self.old_place} to {self.new_place}"
            return f"{self.label} on {self.day} {change}{why}"
        if self.kind is MoveKind.INSTRUCTORS:
            return f"{self.label} on {self.day}: {self.old_place} replaced by {self.new_place}{why}"
        return f"{self.label} moves from {self.old_place} to {self.new_place}{why}"

    @property
    def day(self) -> str:
        placed = self.after or self.before
        return "" if placed is None else short_day(placed)

    @property
    def instructors(self) -> tuple[str, ...]:
        """Everyone concerned: who taught it before and who teaches it now."""
        people = (self.before.instructors if self.before else ()) + (
            self.after.instructors if self.after else ()
        )
        return tuple(dict.fromkeys(people))


def short_day(placed: ScheduledSession) -> str:
    return f"{_DAY_NAMES[placed.date.weekday()]} {french_date(placed.date)}"


def compare(
    faculty: Faculty,
    before: Solution,
    after: Solution,
    changes: Sequence[Change] = (),
    old_faculty: Faculty | None = None,
) -> list[Move]:
    """Every session whose place differs between ``before`` and ``after``, with a reason.

    The reason is the change its old place breaks ("Laure Serresse unavailable"); a session
    moved to make way for another (a knock-on move) says which changes started it.
    """
    old = {s.session: s for s in before.sessions}
    new = {s.session: s for s in after.sessions}
    # What a knock-on move makes way for: the changes that break old places, and new sessions.
    causes = tuple(c for c in changes if c.adds_sessions or any(c.hits(s) for s in old.values()))
    moves = []
    for session_id in sorted(old.keys() | new.keys(), key=lambda i: _when(old, new, i)):
        was, now = old.get(session_id), new.get(session_id)
        label = _label(faculty, old_faculty, session_id)
        if was is None or now is None:
            about = tuple(c for c in changes if session_id in c.sessions)
            if now is not None:
                place = _place(faculty, now)
                moves.append(
                    Move(session_id, label, MoveKind.ADDED, None, now, about, False, "", place)
                )
            elif was is not None:
                place = _place(old_faculty or faculty, was)
                moves.append(
                    Move(session_id, label, MoveKind.REMOVED, was, None, about, False, place)
                )
            continue
        kind = _kind(was, now)
        if kind is None:
            continue
        hit = tuple(c for c in changes if c.hits(was))
        old_place = _place(old_faculty or faculty, was, kind, now)
        new_place = _place(faculty, now, kind, was)
        moves.append(
            Move(session_id, label, kind, was, now, hit or causes, not hit, old_place, new_place)
        )
    return moves


def _when(
    old: dict[str, ScheduledSession], new: dict[str, ScheduledSession], session_id: str
) -> tuple[object, ...]:
    first = old.get(session_id) or new[session_id]
    return (first.date, first.slots, session_id)


def _kind(was: ScheduledSession, now: ScheduledSession) -> MoveKind | None:
    if was.date != now.date:
        return MoveKind.DAY
    if was.slots != now.slots or was.site != now.site:
        return MoveKind.SLOT
    if was.rooms and sorted(was.rooms) != sorted(now.rooms):  # a grid may not give rooms
        return MoveKind.ROOM
    if sorted(was.instructors) != sorted(now.instructors):
        return MoveKind.INSTRUCTORS
    return None


def _label(faculty: Faculty, old_faculty: Faculty | None, session_id: str) -> str:
    for known in (faculty, old_faculty):
        if known is not None and known.has("session", session_id):
            return known.session_label(known.session(session_id))
    return session_id


def _place(
    faculty: Faculty,
    placed: ScheduledSession,
    kind: MoveKind | None = None,
    compared: ScheduledSession | None = None,
) -> str:
    """How a move names a place: ``Tue 11/05/2027`` (with the slot of a part-day session, and
    the site of a move within the day), or only its rooms, or only those of its instructors
    not in ``compared`` (the other side of the move), for such moves."""
    if kind is MoveKind.ROOM:
        names = [faculty.room(r).name if faculty.has("room", r) else r for r in placed.rooms]
        return ", ".join(names) or "no room"
    if kind is MoveKind.INSTRUCTORS:  # only who differs from the other side
        other = () if compared is None else compared.instructors
        return ", ".join(
            faculty.instructor(i).name if faculty.has("instructor", i) else i
            for i in placed.instructors
            if i not in other
        )
    labels = slot_labels(faculty, placed)
    text = short_day(placed) + (" " + "+".join(labels) if labels else "")
    if kind is MoveKind.SLOT and placed.site is not None and faculty.has("site", placed.site):
        text += f" at {faculty.site(placed.site).name}"  # same day: the slot or the site differs
    return text


def slot_labels(faculty: Faculty, placed: ScheduledSession) -> tuple[str, ...]:
    """Labels of the slots a part-day session takes ("9h30-12h30"); () for a full day."""
    if not faculty.has("session", placed.session):
        return placed.slots
    slots = faculty.programme(faculty.session(placed.session).programme).slots
    taken = tuple(slot.label for slot in slots.placed(placed.slots))
    return () if len(taken) == len(slots.slots) else taken


def notifications(faculty: Faculty, moves: Iterable[Move]) -> dict[str, list[Move]]:
    """Per instructor name (sorted): the moves of the sessions they taught or now teach."""
    found: dict[str, list[Move]] = {}
    for move in moves:
        for person in move.instructors:
            name = faculty.instructor(person).name if faculty.has("instructor", person) else person
            found.setdefault(name, []).append(move)
    return dict(sorted(found.items()))


def notification_text(faculty: Faculty, moves: Sequence[Move]) -> str:
    """The changes and, per instructor, whom to notify of what: plain text for a coordinator."""
    if not moves:
        return "No session changes.\n"
    lines = [f"{len(moves)} session change{'s' if len(moves) > 1 else ''}:"]
    lines += [f"  - {move}" for move in moves]
    lines += ["", "Whom to notify:"]
    for name, theirs in notifications(faculty, moves).items():
        lines.append(f"  {name}:")
        lines += [f"    - {move}" for move in theirs]
    return "\n".join(lines) + "\n"
