"""Holidays, closures and teaching days, as French faculties count them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from palliasched.domain.calendar import (
    Calendar,
    Closure,
    DateRange,
    HolidayRegion,
    format_hours,
    french_day,
)

YEAR = DateRange(dt.date(2026, 9, 1), dt.date(2027, 9, 30))


def test_metropolitan_holidays_of_2026_2027() -> None:
    holidays = Calendar(YEAR).public_holidays
    assert holidays[dt.date(2026, 11, 11)] == "Armistice"
    assert holidays[dt.date(2027, 5, 17)] == "Lundi de Pentecôte"
    assert dt.date(2027, 3, 26) not in holidays  # Good Friday only in Alsace-Moselle
    assert dt.date(2026, 12, 26) not in holidays
    assert all(day in YEAR for day in holidays)


def test_alsace_moselle_adds_good_friday_and_saint_stephen() -> None:
    holidays = Calendar(YEAR, holiday_region=HolidayRegion.ALSACE_MOSELLE).public_holidays
    assert holidays[dt.date(2027, 3, 26)] == "Vendredi saint"
    assert holidays[dt.date(2026, 12, 26)] == "Saint-Étienne"


def test_no_holidays_when_switched_off() -> None:
    assert Calendar(YEAR, holiday_region=HolidayRegion.NONE).public_holidays == {}


def test_teaching_days_skip_weekends_holidays_and_closures() -> None:
    christmas = Closure(DateRange(dt.date(2026, 12, 19), dt.date(2027, 1, 3)), "Noël")
    calendar = Calendar(YEAR, closures=(christmas,))
    november = calendar.teaching_days(DateRange(dt.date(2026, 11, 9), dt.date(2026, 11, 15)))
    assert dt.date(2026, 11, 11) not in november
    assert [d.weekday() for d in november] == [0, 1, 3, 4]
    assert calendar.closure_reason(dt.date(2026, 12, 22)) == "closure (Noël)"
    assert calendar.closure_reason(dt.date(2026, 11, 11)) == "public holiday (Armistice)"
    assert calendar.closure_reason(dt.date(2027, 10, 1)) == "outside the academic year"


def test_french_day_headers_name_the_right_weekday() -> None:
    # The published grid wrote "Mardi 15/03/2027": it is a Monday.
    assert french_day(dt.date(2027, 3, 15)) == "Lundi 15/03/2027"
    assert french_day(dt.date(2026, 10, 5)) == "Lundi 05/10/2026"
    assert french_day(dt.date(2027, 9, 24)) == "Vendredi 24/09/2027"


def test_hours_are_written_the_french_way() -> None:
    assert format_hours(8 * 60) == "8 h"
    assert format_hours(990) == "16,5 h"
    assert format_hours(90) == "1,5 h"


@given(
    st.dates(dt.date(2026, 9, 1), dt.date(2027, 9, 30)),
    st.dates(dt.date(2026, 9, 1), dt.date(2027, 9, 30)),
)
def test_teaching_days_are_exactly_the_days_with_no_closure_reason(a: dt.date, b: dt.date) -> None:
    calendar = Calendar(YEAR)
    span = DateRange(min(a, b), max(a, b))
    days = calendar.teaching_days(span)
    assert days == [d for d in span.days() if calendar.closure_reason(d) is None]
    assert all(d.weekday() < 5 and d not in calendar.public_holidays for d in days)
