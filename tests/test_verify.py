"""The checker catches every designed violation, and accepts a valid calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from palliasched import load_programme
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution, SolutionError
from palliasched.verify import verify

DAY = ("matin", "apres-midi")


def placed(
    session: str,
    day: str,
    slots: tuple[str, ...] = DAY,
    instructors: tuple[str, ...] = ("serresse",),
    rooms: tuple[str, ...] = ("coc-3026",),
    site: str = "cochin",
) -> ScheduledSession:
    return ScheduledSession(session, dt.date.fromisoformat(day), slots, instructors, rooms, site)


VALID = {
    "ue6-onco": placed("ue6-onco", "2027-05-10"),
    "ue6-neuro": placed("ue6-neuro", "2027-05-11"),
    "ue7-ethique-1": placed("ue7-ethique-1", "2026-10-05", ("matin",), ("mallet",)),
    "ue7-ethique-2": placed("ue7-ethique-2", "2026-10-06", ("matin",), ("mallet",)),
}


def two_sites(minimal_text: str) -> str:
    """The minimal programme, taught at Cochin or Rennes."""
    return (
        minimal_text.replace(
            "  - {id: cochin, name: Faculté de Cochin}",
            "  - {id: cochin, name: Faculté de Cochin}\n  - {id: rennes, name: Rennes}",
        )
        .replace(
            "  - {id: coc-2010, name: Coc 2010, site: cochin, capacity: 10}",
            "  - {id: coc-2010, name: Coc 2010, site: cochin, capacity: 10}\n"
            "  - {id: ren-1, name: Rennes 1, site: rennes, capacity: 30}",
        )
        .replace("    site: cochin\n", "    site: [cochin, rennes]\n")
    )


@pytest.fixture
def faculty(minimal_text: str, write: Callable[..., Path]) -> Faculty:
    return load_programme(write(two_sites(minimal_text)))


def solution(**changes: ScheduledSession | None) -> Solution:
    sessions = dict(VALID)
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value is None:
            del sessions[key]
        else:
            sessions[key] = value
    return Solution(tuple(sessions.values()))


def rules(faculty: Faculty, sol: Solution) -> set[str]:
    return {v.rule for v in verify(faculty, sol)}


def test_a_valid_calendar_has_no_violation(faculty: Faculty) -> None:
    assert verify(faculty, solution()) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"ue7_ethique_2": placed("ue7-ethique-2", "2026-10-05", ("matin",), ("mallet",))},
            {"instructor-clash", "cohort-clash", "room-clash"},
            id="double booking",
        ),
        pytest.param(
            {"ue6_neuro": placed("ue6-neuro", "2027-05-17")},
            {"not-a-teaching-day"},
            id="public holiday",
        ),
        pytest.param(
            {"ue6_neuro": placed("ue6-neuro", "2027-05-22")}, {"not-a-teaching-day"}, id="saturday"
        ),
        pytest.param({"ue6_neuro": None}, {"missing-session", "unit-hours"}, id="hours off"),
        pytest.param(
            {"ue6_onco": placed("ue6-onco", "2027-05-10", rooms=("coc-2010",))},
            {"room-capacity"},
            id="room too small",
        ),
        pytest.param(
            {"ue6_onco": placed("ue6-onco", "2027-04-12")},
            {"outside-window"},
            id="outside the unit window",
        ),
        pytest.param(
            {"ue7_ethique_2": placed("ue7-ethique-2", "2027-01-05", ("matin",), ("mallet",))},
            {"outside-window"},
            id="outside the semester",
        ),
        pytest.param(
            {"ue6_neuro": placed("ue6-neuro", "2027-05-12")},
            {"regroupement-gap"},
            id="days of a week not consecutive",
        ),
        pytest.param(
            {"ue6_onco": placed("ue6-onco", "2027-05-10", ("matin",))},
            {"wrong-slots"},
            id="full day in a half-day",
        ),
        pytest.param(
            {"ue6_onco": placed("ue6-onco", "2027-05-10", instructors=("mallet",))},
            {"instructors"},
            id="wrong instructor",
        ),
        pytest.param(
            {"ue6_onco": placed("ue6-onco", "2027-05-10", rooms=())}, {"rooms"}, id="no room"
        ),
        pytest.param(
            {"ue6_onco": placed("ue6-onco", "2027-05-10", rooms=("ren-1",))},
            {"site"},
            id="room on another site",
        ),
    ],
)
def test_designed_violations_are_caught(
    faculty: Faculty, changes: dict[str, ScheduledSession | None], expected: set[str]
) -> None:
    assert rules(faculty, solution(**changes)) == expected


def test_two_sites_in_one_day_are_caught(minimal_text: str, write: Callable[..., Path]) -> None:
    text = two_sites(minimal_text).replace(
        "{id: ue7-ethique, length: matin, count: 2, instructors: [mallet]}",
        "{id: ue7-ethique-1, length: matin, instructors: [mallet]}\n"
        "          - {id: ue7-ethique-2, length: apres-midi, instructors: [mallet]}",
    )
    faculty = load_programme(write(text))
    afternoon = placed(
        "ue7-ethique-2", "2026-10-05", ("apres-midi",), ("mallet",), ("ren-1",), "rennes"
    )
    assert rules(faculty, solution(ue7_ethique_2=afternoon)) == {
        "cohort-two-sites",
        "instructor-two-sites",
    }


def test_a_session_scheduled_twice_is_caught(faculty: Faculty) -> None:
    twice = Solution((*solution().sessions, placed("ue6-onco", "2027-05-12")))
    assert "duplicate-session" in rules(faculty, twice)


def test_an_unknown_session_is_caught(faculty: Faculty) -> None:
    extra = Solution((*solution().sessions, placed("ue6-ghost", "2027-05-12")))
    assert rules(faculty, extra) == {"unknown-session"}


def test_instructor_unavailability_is_caught(minimal_text: str, write: Callable[..., Path]) -> None:
    text = minimal_text.replace(
        "{id: serresse, name: Laure Serresse}",
        "{id: serresse, name: Laure Serresse, unavailable: [2027-05-10]}",
    )
    violations = verify(load_programme(write(text)), solution())
    assert [v.rule for v in violations] == ["instructor-unavailable"]
    assert "Laure Serresse is unavailable on 10/05/2027" in violations[0].message


def test_precedence_and_weekly_limit_are_caught(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    text = minimal_text.replace(
        "{id: ue6-onco, title: Oncologie,", "{id: ue6-onco, after: [ue6-neuro], title: Oncologie,"
    ).replace(
        "{id: serresse, name: Laure Serresse}",
        "{id: serresse, name: Laure Serresse, max_days_per_week: 1}",
    )
    assert rules(load_programme(write(text)), solution()) == {
        "precedence",
        "instructor-week-limit",
    }


dates = st.dates(dt.date(2026, 9, 1), dt.date(2027, 9, 30))
ids = st.text("abcdefgh-0123456789", min_size=1, max_size=12)
sessions = st.builds(
    ScheduledSession,
    session=ids,
    date=dates,
    slots=st.lists(st.sampled_from(DAY), min_size=1, max_size=2, unique=True).map(tuple),
    instructors=st.lists(ids, max_size=3).map(tuple),
    rooms=st.lists(ids, max_size=4).map(tuple),
    site=st.none() | ids,
)


@given(st.lists(sessions, max_size=8))
def test_solutions_survive_a_json_round_trip(items: list[ScheduledSession]) -> None:
    original = Solution(tuple(items))
    assert Solution.from_json(original.to_json()) == original


def test_a_broken_solution_file_is_a_located_error() -> None:
    with pytest.raises(SolutionError, match=r"solution\.json:1:2"):
        Solution.from_json("{,", "solution.json")
    with pytest.raises(SolutionError, match=r"sessions\[0\]"):
        Solution.from_json('{"format": 1, "sessions": [{"date": "x"}]}')
