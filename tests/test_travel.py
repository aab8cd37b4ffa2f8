"""Travel between sites: the journeys of the bundled data, the hard rule across days for the
solver and the checker, what validation says, and instructors' trips from their home site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from palliasched import (
    ScheduledSession,
    Solution,
    Status,
    check_programme,
    load_programme,
    solve,
    verify,
)
from palliasched.domain.travel import Travel
from palliasched.quality import instructor_trips, soft_costs
from palliasched.solver.placements import Reservations

from .conftest import ROOT
from .rule_cases import apply, instructor, length, pinned, session, travel, write_micro

FACULTY = ROOT / "data" / "faculty-2026-2027.yaml"


def test_the_bundled_faculty_declares_its_journeys_from_every_file() -> None:
    faculty = load_programme(FACULTY)
    travel = faculty.travel
    assert travel.minutes("brest", "rennes") == 145  # from the DIU's file
    assert travel.minutes("cochin", "brest") == travel.minutes("brest", "cochin") == 250
    assert travel.minutes("rennes", "cochin") == 120
    assert (travel.earliest, travel.latest) == (7 * 60, 22 * 60)
    assert check_programme(FACULTY).ok


def test_the_journey_fits_the_evening_or_the_morning_never_split_over_the_night() -> None:
    travel = Travel((("brest", "cochin", 250),))
    # 18:00 in Brest, 09:30 at Cochin the next day: 22:10 > 22:00, 11:10 > 09:30.
    assert travel.unreachable("brest", 18 * 60, "cochin", 9 * 60 + 30, 1)
    assert not travel.unreachable("brest", 17 * 60, "cochin", 9 * 60 + 30, 1)  # evening train
    assert not travel.unreachable("brest", 18 * 60, "cochin", 14 * 60, 1)  # morning train
    assert not travel.unreachable("brest", 18 * 60, "cochin", 9 * 60 + 30, 2)  # a day between
    assert not travel.unreachable("brest", 18 * 60, "lyon", 9 * 60 + 30, 1)  # not declared
    assert travel.round_trip_hours("brest", "cochin") == 10  # 4 h 10 each way: 5 h
    assert travel.round_trip_hours(None, "cochin") == travel.round_trip_hours("brest", "x") == 0


def test_a_calendar_in_the_bundled_faculty_that_breaks_travel_is_caught() -> None:
    """An M2 afternoon at Cochin (to 18:00), then a DIU day in Brest (from 09:00) the next day,
    both taught by Donatien Mallet."""
    faculty = load_programme(FACULTY)
    m2 = next(s for s in faculty.sessions if s.programme == "m2-mp" and s.length == "apres-midi")
    diu = next(s for s in faculty.sessions if s.programme == "diu-partenariat")
    diu_slots = faculty.programme(diu.programme).slots.slots_of(diu.length)
    day = dt.date(2027, 3, 9)
    calendar = Solution(
        (
            ScheduledSession(m2.id, day, ("apres-midi",), ("mallet",), ("coc-3026",), "cochin"),
            ScheduledSession(
                diu.id,
                day + dt.timedelta(days=1),
                tuple(slot.id for slot in diu_slots),
                ("mallet",),
                ("ubo-s101",),
                "brest",
            ),
        )
    )
    found = [v for v in verify(faculty, calendar) if v.rule == "instructor-travel"]
    assert len(found) == 1
    assert found[0].message.startswith("Donatien Mallet ends")
    assert "at 18:00 on 09/03/2027" in found[0].message
    assert "the journey (4 h 10) fits neither the evening nor the morning" in found[0].message
    assert set(found[0].sessions) == {m2.id, diu.id}


def test_the_solver_keeps_a_cohort_off_an_unreachable_site_and_says_why(tmp_path: Path) -> None:
    # UE 1's afternoon in Paris on Tuesday 5: its Brest morning cannot be on Wednesday 6.
    text = apply(
        (
            travel,
            session("u1-a", "site: paris, date: 2027-01-05"),
            length("u1-a", "apres-midi"),
            session("u1-b", "site: brest"),
        )
    )
    faculty = load_programme(write_micro(text, tmp_path))
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL and result.solution is not None
    assert verify(faculty, result.solution) == []
    brest = next(s for s in result.solution.sessions if s.session == "u1-b")
    assert brest.date != dt.date(2027, 1, 6)

    pinned_text = apply((pinned("u1-b", 6),), text)
    impossible = solve(load_programme(write_micro(pinned_text, tmp_path)), time_limit=10)
    assert impossible.status is Status.INFEASIBLE
    assert any(
        "reaches another site the next day only when the journey (Brest-Paris 5 h) fits between "
        "07:00 and the first session, or between the last session and 22:00." in line
        for line in impossible.conflicts
    ), impossible.conflicts


def test_a_day_on_another_site_starts_a_new_trip_and_home_prices_the_journeys(
    tmp_path: Path,
) -> None:
    text = apply((travel, instructor("ana", "home_site: brest")))
    faculty = load_programme(write_micro(text, tmp_path))
    calendar = Solution(
        (
            ScheduledSession("u1-a", dt.date(2027, 1, 5), ("matin",), ("ana",), ("b1",), "brest"),
            ScheduledSession("u2-a", dt.date(2027, 1, 6), ("matin",), ("ana",), ("p1",), "paris"),
            ScheduledSession("u1-b", dt.date(2027, 1, 7), ("matin",), ("ana",), ("p1",), "paris"),
        )
    )
    assert instructor_trips(calendar) == {"ana": 2}  # Brest on Tuesday, Paris Wed-Thu
    costs = {c.rule: c for c in soft_costs(faculty, calendar)}
    assert costs["travel_time"].count == 10  # the Paris trip: 5 h there, 5 h back
    assert costs["travel_time"].details == ("Ana Roux : 10 h de trajet",)


def test_validation_locates_travel_mistakes(tmp_path: Path) -> None:
    text = apply((travel,)) + "    - {between: [paris, brset], minutes: 90}\n"
    text += "    - {between: [brest, paris], minutes: 200}\n"
    checked = check_programme(write_micro(text, tmp_path))
    errors = [str(p) for p in checked.errors]
    assert any(
        "travel time 'brset-paris'" in e and "unknown site 'brset'" in e and "brest" in e
        for e in errors
    ), errors
    assert any("200 minutes, but another entry gives 300" in e for e in errors), errors
    assert all(":" in e.split(" ")[0] for e in errors)  # file:line:column first

    backwards = apply((travel,)).replace("travel:\n", "travel:\n  earliest: '23:00'\n")
    errors = [str(p) for p in check_programme(write_micro(backwards, tmp_path)).errors]
    assert any("earliest 23:00 is not before latest 22:00" in e for e in errors), errors


def test_validation_warns_of_sites_someone_may_go_between_with_no_journey(tmp_path: Path) -> None:
    text = apply((travel,)).replace(
        "  - {id: brest, name: Brest}\n",
        "  - {id: brest, name: Brest}\n  - {id: lyon, name: Lyon}\n",
    )
    text = text.replace("site: [paris, brest]", "site: [paris, brest, lyon]")
    text = text.replace(
        "  - {id: b1, name: B1, site: brest, capacity: 30}\n",
        "  - {id: b1, name: B1, site: brest, capacity: 30}\n"
        "  - {id: l1, name: L1, site: lyon, capacity: 30}\n",
    )
    warnings = [str(p) for p in check_programme(write_micro(text, tmp_path)).warnings]
    assert any(
        "cohort 'du-c'" in w and "no travel time between them (brest-lyon, lyon-paris)" in w
        for w in warnings
    ), warnings


def test_a_batch_placed_elsewhere_keeps_the_journey() -> None:
    """Sessions another batch placed (reservations) bind the next day's placements too."""
    reserved = Reservations()
    reserved.instructor_at[("ana", dt.date(2027, 1, 5))].append(("paris", 14 * 60, 18 * 60))
    journeys = Travel((("brest", "paris", 300),))
    morning = ((9 * 60 + 30, 12 * 60 + 30),)
    next_day = dt.date(2027, 1, 6)
    assert not reserved.instructor_free("ana", next_day, morning, "brest", journeys)
    assert reserved.instructor_free("ana", next_day, morning, "paris", journeys)
    assert reserved.instructor_free("ana", next_day, ((14 * 60, 18 * 60),), "brest", journeys)
    # The day before: a Brest afternoon on the 4th, then Paris's afternoon of the 5th.
    evening = ((14 * 60, 18 * 60),)
    assert reserved.instructor_free("ana", dt.date(2027, 1, 4), evening, "brest", journeys)
    assert not reserved.instructor_free(
        "ana", dt.date(2027, 1, 4), evening, "brest", Travel((("brest", "paris", 600),))
    )
