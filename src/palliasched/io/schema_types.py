"""The value types of the programme file format: ids, names, counts, hours, dates, spans.

Each carries its check (length, plain text, no boolean for a number, a real date) so that a
wrong value is refused at its line, with what to write instead. ``schema.py`` builds the
entries of the format from them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    model_validator,
)

from palliasched.errors import shown
from palliasched.limits import (
    MAX_HOURS,
    MAX_NAME,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80),
    Field(description="Identifier: letters, digits, '-', '_' and '.', unique in its kind."),
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONDAY_TO_FRIDAY: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]
# Control characters (line breaks included) would split CSV rows, iCalendar lines and grid
# cells, and could drive a terminal: text is one plain line.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def plain_text(value: str) -> str:
    """``value`` if it holds no control character; else a ValueError naming the character."""
    found = CONTROL.search(value)
    if found is not None:
        char = found.group()
        name = unicodedata.name(char, "a control character")
        raise ValueError(
            f"contains {name.lower()} (U+{ord(char):04X}) at character {found.start() + 1}: "
            "write it on one line, without line breaks or control characters"
        )
    return value


Name = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_NAME), AfterValidator(plain_text)
]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(plain_text)]
Count = Annotated[int, Strict()]  # YAML true is no number


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"a number is needed here (got {value!r})")
    return value


Number = Annotated[float, BeforeValidator(_no_bool)]
Hours = Annotated[
    Number,
    Field(ge=0, le=MAX_HOURS, allow_inf_nan=False, description="Hours; decimals allowed (16.5)."),
]


def calendar_date(value: Any) -> dt.date:
    """A date written YYYY-MM-DD between MIN_YEAR and MAX_YEAR."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{value!r} is no date of the calendar: write dates as YYYY-MM-DD"
            ) from None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValueError(f"write dates as YYYY-MM-DD (got {shown(value)})")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"{value.isoformat()} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    return value


def clock_time(value: Any) -> dt.time:
    """A clock time written HH:MM."""
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
        hours, minutes = map(int, value.strip().split(":"))
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    raise ValueError(f'write clock times as HH:MM, e.g. "09:30" (got {shown(value)})')


Date = Annotated[dt.date, BeforeValidator(calendar_date)]
ClockTime = Annotated[dt.time, BeforeValidator(clock_time)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateSpanIn(_Entry):
    """An inclusive range of dates."""

    start: Date
    end: Date
    reason: Text = Field("", description="Why (shown to coordinators), e.g. 'Vacances de Noël'.")

    @model_validator(mode="after")
    def _in_order(self) -> DateSpanIn:
        if self.end < self.start:
            raise ValueError(
                f"ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()}): "
                "swap start and end"
            )
        return self


def _date_or_span(value: Any) -> str:
    return "Span" if isinstance(value, dict) else "Date"


# One reading per value (a mapping is a range, anything else a date): one error, not two.
DateOrSpan = Annotated[
    Annotated[Date, Tag("Date")] | Annotated[DateSpanIn, Tag("Span")],
    Discriminator(_date_or_span),
    Field(description="A date (YYYY-MM-DD) or a range {start, end}."),
]
