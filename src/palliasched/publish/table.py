"""The calendar as flat files: ``sessions.csv`` and ``sessions.parquet``, one row per session."""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd

from palliasched.domain.frame import sessions_frame
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution

SESSION_COLUMNS: tuple[str, ...] = (
    "session_id",
    "programme",
    "cohorts",
    "ue",
    "title",
    "date",
    "start",
    "end",
    "counted_hours",
    "instructors",
    "rooms",
    "site",
    "online",
)
# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def session_rows(faculty: Faculty, solution: Solution) -> list[dict[str, str]]:
    """One row per session, in date order; times in the programme's time zone, HH:MM."""
    records: list[dict[Any, Any]] = sessions_frame(faculty, solution).to_dict("records")
    return [
        {
            "session_id": str(row["session_id"]),
            "programme": str(row["programme"]),
            "cohorts": ";".join(row["cohorts"]),
            "ue": str(row["ue"]),
            "title": str(row["title"]),
            "date": row["date"].strftime("%Y-%m-%d"),
            "start": row["start"].strftime("%H:%M"),
            "end": row["end"].strftime("%H:%M"),
            "counted_hours": f"{row['counted_hours']:g}",
            "instructors": ";".join(row["instructors"]),
            "rooms": ";".join(row["rooms"]),
            "site": "" if row["site"] is None or pd.isna(row["site"]) else str(row["site"]),
            "online": "true" if row["online"] else "false",
        }
        for row in records
    ]


def sessions_csv(faculty: Faculty, solution: Solution) -> str:
    """``sessions.csv``: cells a spreadsheet would read as a formula are neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SESSION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in session_rows(faculty, solution):
        writer.writerow({k: _neutralised(v) for k, v in row.items()})
    return buffer.getvalue()


def sessions_parquet(faculty: Faculty, solution: Solution) -> bytes:
    """``sessions.parquet``: the DataFrame itself, dtypes and lists kept."""
    buffer = io.BytesIO()
    sessions_frame(faculty, solution).to_parquet(buffer, index=False)
    return buffer.getvalue()


def _neutralised(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
