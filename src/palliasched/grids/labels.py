"""The text patterns of a grid: dates, slot times, UE lines, groups, room rows."""

from __future__ import annotations

import re

MONTHS = {
    "janv": 1,
    "jan": 1,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "mar": 3,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juil": 7,
    "aout": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
FULL_DATE = re.compile(r"^\s*([^\W\d_]+)?\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
SHORT_DATE = re.compile(r"^\s*(\d{1,2})[-\s.]+([a-z]+)\.?\s*$")
TIMES = re.compile(r"^\s*(\d{1,2})\s*h\s*(\d{2})?\s*-\s*(\d{1,2})\s*h\s*(\d{2})?\s*$")
UNIT_LINE = re.compile(r"^\s*(UE\s*\d+)\s*:\s*(.*)$", re.IGNORECASE)
GROUP = re.compile(
    r"(?:groupe\s*(\d+)\s*/\s*(\d+))|(?:(\d+)\s*/\s*(\d+)\s*(?:de\s*)?groupe)", re.IGNORECASE
)
ROOM_PREFIX = re.compile(r"^\s*salles?\s*-?\s*", re.IGNORECASE)
