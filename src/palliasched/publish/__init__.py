"""Everything written for people and programs to read: the files of a solved calendar.

``publish`` writes, into one output folder: ``solution.json`` (to reload it), ``sessions.csv``
and ``sessions.parquet`` (one row per session), ``calendar.xlsx`` (the grid coordinators
publish, with summary sheets), ``feeds/*.ics`` (iCalendar feeds to subscribe to) and
``index.html`` (the subscription page). Every file is written atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from palliasched.moves import Move, notification_text
from palliasched.programme import Faculty
from palliasched.publish.feeds import caldav_resources, feeds_of, session_uid, write_feeds
from palliasched.publish.files import write_atomically
from palliasched.publish.page import subscription_page
from palliasched.publish.table import SESSION_COLUMNS, session_rows, sessions_csv, sessions_parquet
from palliasched.publish.workbook import calendar_workbook
from palliasched.solution import Solution

FEEDS_FOLDER = "feeds"
CHANGES_FILE = "changes.txt"


def publish(
    faculty: Faculty,
    solution: Solution,
    folder: Path,
    *,
    base_url: str | None = None,
    now: dt.datetime | None = None,
    moves: Sequence[Move] | None = None,
) -> list[Path]:
    """Write every output of ``solution`` into ``folder``; returns the paths written.

    Publishing again into the same folder updates the feeds in place (see ``feeds.py``).
    After a re-planning, ``moves`` adds a "Changes" sheet to the workbook and
    ``changes.txt``: every move, and whom to notify of what.
    """
    solution = solution.with_faculty(faculty)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    solution.save(folder / "solution.json")
    written.append(folder / "solution.json")
    for name, data in (
        ("sessions.csv", sessions_csv(faculty, solution)),
        ("sessions.parquet", sessions_parquet(faculty, solution)),
        ("calendar.xlsx", calendar_workbook(faculty, solution, moves)),
    ):
        write_atomically(folder / name, data)
        written.append(folder / name)
    if moves is not None:
        notes = notification_text(faculty, moves).encode()
        write_atomically(folder / CHANGES_FILE, notes)
        written.append(folder / CHANGES_FILE)
    written += write_feeds(faculty, solution, folder / FEEDS_FOLDER, now=now)
    page = subscription_page(faculty, solution, feeds_of(faculty, solution), FEEDS_FOLDER, base_url)
    write_atomically(folder / "index.html", page)
    written.append(folder / "index.html")
    return written


__all__ = [
    "SESSION_COLUMNS",
    "caldav_resources",
    "feeds_of",
    "publish",
    "session_rows",
    "session_uid",
    "write_atomically",
]
