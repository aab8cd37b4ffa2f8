"""Everything written for people and programs to read: the files of a solved calendar.

``publish`` writes, into one output folder: ``solution.json`` (to reload it), ``sessions.csv``
and ``sessions.parquet`` (one row per session), ``calendar.xlsx`` (the grid coordinators
publish, with summary sheets), ``feeds/*.ics`` (iCalendar feeds to subscribe to) and
``index.html`` (the subscription page). Every file is written atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.errors import PublishError, check_base_url
from palliasched.files import write_atomically
from palliasched.publish.feed_state import session_uid
from palliasched.publish.feeds import caldav_resources, feeds_of, write_feeds
from palliasched.publish.folder import publish_folder
from palliasched.publish.page import subscription_page
from palliasched.publish.table import SESSION_COLUMNS, session_rows, sessions_csv, sessions_parquet
from palliasched.publish.workbook import calendar_workbook
from palliasched.replan.moves import Move, notification_text

FEEDS_FOLDER = "feeds"
CHANGES_FILE = "changes.txt"


def publish(
    faculty: Faculty,
    solution: Solution,
    folder: str | PathLike[str],
    *,
    base_url: str | None = None,
    now: dt.datetime | None = None,
    moves: Sequence[Move] | None = None,
) -> list[Path]:
    """Write every output of ``solution`` into ``folder``; returns the paths written.

    The folder changes as a whole (see ``folder.py``): it shows the old calendar until the
    new one is complete. Publishing again into it updates the feeds in place (``feeds.py``).
    After a re-planning, ``moves`` adds a "Changes" sheet to the workbook and
    ``changes.txt``: every move, and whom to notify of what.
    """
    folder = Path(folder)
    if base_url is not None:
        check_base_url(base_url)
    if not solution.sessions:
        raise PublishError(
            f"{folder}: the calendar holds no session: nothing to publish "
            "(hint: solve the programme, or check the grid or solution.json it was read from)"
        )
    solution = solution.with_faculty(faculty)

    def write(version: Path) -> list[str]:
        written = ["solution.json"]
        solution.save(version / "solution.json")
        files: dict[str, str | bytes] = {
            "sessions.csv": sessions_csv(faculty, solution),
            "sessions.parquet": sessions_parquet(faculty, solution),
            "calendar.xlsx": calendar_workbook(faculty, solution, moves),
        }
        if moves is not None:
            files[CHANGES_FILE] = notification_text(faculty, moves).encode()
        feeds = feeds_of(faculty, solution)
        files["index.html"] = subscription_page(faculty, solution, feeds, FEEDS_FOLDER, base_url)
        for name, data in files.items():
            write_atomically(version / name, data)
            written.append(name)
        paths = write_feeds(faculty, solution, version / FEEDS_FOLDER, now=now)
        return written + [str(path.relative_to(version)) for path in paths]

    return publish_folder(folder, write)


__all__ = [
    "SESSION_COLUMNS",
    "caldav_resources",
    "feeds_of",
    "publish",
    "session_rows",
    "session_uid",
    "write_atomically",
]
