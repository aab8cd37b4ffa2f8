"""Answers of availability forms merged into a programme file's data (what YAML reads of it).

On the dates a form asked, its answers decide: « indisponible » makes the day unavailable,
« de préférence » a preferred date, an empty answer clears both. A date of the file the form
did not ask keeps its entry as written (a period that straddles asked dates keeps its other
days, and its reason). A list whose days do not change is left as it was, text included.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from typing import Any

from palliasched.domain.programme import Faculty
from palliasched.io.availability_collect import Collected, FormAnswers, Merged
from palliasched.io.availability_forms import form_instructors

MERGED_KEYS = ("unavailable", "preferred_dates")


def merge_answers(data: dict[str, Any], faculty: Faculty, answers: list[FormAnswers]) -> Collected:
    """``data`` (of one programme file of ``faculty``) with the answers of the instructors it
    writes merged; the others' answers are left to the files that write them."""
    collected = Collected(copy.deepcopy(data))
    entries = collected.data.get("instructors") or []
    index = {entry.get("id"): n for n, entry in enumerate(entries) if isinstance(entry, dict)}
    for answer in answers:
        n = index.get(answer.instructor)
        if n is None:
            continue
        entry = entries[n]
        changes: dict[str, tuple[tuple[dt.date, ...], tuple[dt.date, ...]]] = {}
        for key, marked in zip(MERGED_KEYS, (answer.unavailable, answer.preferred), strict=True):
            new, added, removed = merged_dates(entry.get(key) or [], set(answer.asked), marked)
            if added or removed:
                entry[key] = new
                collected.edits.setdefault(n, {})[key] = new
            changes[key] = (tuple(added), tuple(removed))
        collected.merged.append(
            Merged(
                answer.instructor,
                faculty.instructor(answer.instructor).name,
                answer.file,
                unavailable_added=changes["unavailable"][0],
                unavailable_removed=changes["unavailable"][1],
                preferred_added=changes["preferred_dates"][0],
                preferred_removed=changes["preferred_dates"][1],
                comments=answer.comments,
            )
        )
    return collected


def unanswered(faculty: Faculty, answers: list[FormAnswers]) -> list[str]:
    """The names of the instructors asked who returned no form."""
    answered = {a.instructor for a in answers}
    return [i.name for i in form_instructors(faculty) if i.id not in answered]


def merged_dates(
    entries: list[Any], asked: set[dt.date], marked: Iterable[dt.date]
) -> tuple[list[Any], list[dt.date], list[dt.date]]:
    """The entries of a list of dates once the answers on ``asked`` replace them there;
    with the days added and removed. An entry whose days all stay is kept as written; one
    that loses days keeps the others (and its reason); the days added come as new entries;
    the list is then in date order."""
    old_days = set().union(*(entry_days(e) for e in entries)) if entries else set()
    new_days = (old_days - asked) | set(marked)
    if new_days == old_days:
        return entries, [], []
    out: list[Any] = []
    covered: set[dt.date] = set()
    for entry in entries:
        days = entry_days(entry)
        if days <= new_days:
            out.append(entry)
        else:
            reason = entry.get("reason", "") if isinstance(entry, dict) else ""
            out += runs(days & new_days - covered, reason)
        covered |= days & new_days
    out += runs(new_days - covered, "")
    out.sort(key=lambda e: min(entry_days(e)))
    return out, sorted(new_days - old_days), sorted(old_days - new_days)


def entry_days(entry: Any) -> set[dt.date]:
    """The days of one written entry: a date, or a period {start, end}."""
    if isinstance(entry, dict):
        start, end = _date(entry["start"]), _date(entry["end"])
        return {start + dt.timedelta(days=n) for n in range((end - start).days + 1)}
    return {_date(entry)}


def runs(days: Iterable[dt.date], reason: str) -> list[Any]:
    """``days`` as entries: a date alone, consecutive days as one period."""
    out: list[Any] = []
    ordered = sorted(days)
    start = 0
    for n in range(1, len(ordered) + 1):
        if n < len(ordered) and (ordered[n] - ordered[n - 1]).days == 1:
            continue
        first, last = ordered[start].isoformat(), ordered[n - 1].isoformat()
        if first == last and not reason:
            out.append(first)
        else:
            out.append({"start": first, "end": last} | ({"reason": reason} if reason else {}))
        start = n
    return out


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
