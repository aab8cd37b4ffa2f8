"""A programme file in either form: YAML or a workbook (``palliasched convert``, ``template``).

Both forms read into the same data (``read_source``) and so into the same domain model; a
conversion keeps every value. YAML comments have no place in a workbook: ``yaml_comments``
lists them so that ``convert`` says which lines it could not keep.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from palliasched.domain.weights import SoftWeights
from palliasched.io.schema import ProgrammeFileIn
from palliasched.io.workbook_read import is_workbook, read_programme_workbook
from palliasched.io.yaml_source import YamlSource, read_yaml

# The example of each sheet of the template: a programme that validates as it is.
TEMPLATE_EXAMPLE: dict[str, Any] = {
    "version": 1,
    "calendar": {
        "academic_year": {"start": "2026-09-01", "end": "2027-08-31"},
        "timezone": "Europe/Paris",
        "weekdays": ["mon", "tue", "wed", "thu", "fri"],
        "holidays": "metropole",
        "slots": [
            {"id": "matin", "label": "9h30-12h30", "start": "09:30", "end": "12:30"},
            {"id": "apres-midi", "label": "14h-18h", "start": "14:00", "end": "18:00"},
        ],
        "time_grid_minutes": 15,
        "semesters": {
            "S1": {"start": "2026-09-01", "end": "2026-12-31"},
            "S2": {"start": "2027-01-01", "end": "2027-08-31"},
        },
        "closures": [{"start": "2026-12-19", "end": "2027-01-03", "reason": "Vacances de Noël"}],
    },
    "sites": [
        {
            "id": "cochin",
            "name": "Faculté de Cochin",
            "address": "24 rue du Faubourg Saint-Jacques, 75014 Paris",
        }
    ],
    "rooms": [
        {
            "id": "salle-1",
            "name": "Salle 1",
            "site": "cochin",
            "capacity": 30,
            "unavailable": [{"start": "2027-02-01", "end": "2027-02-05", "reason": "Travaux"}],
        }
    ],
    "instructors": [
        {
            "id": "dupont",
            "name": "Claire Dupont",
            "unavailable": ["2026-11-12"],
            "preferred_days": ["tue", "wed"],
        },
        {"id": "martin", "name": "Paul Martin", "max_days_per_week": 2},
    ],
    "programmes": [
        {
            "id": "du-exemple",
            "title": "DU EXEMPLE",
            "kind": "du",
            "site": "cochin",
            "cohorts": [{"id": "promo-2026", "name": "Promotion 2026-2027", "size": 20}],
            "units": [
                {
                    "id": "ue1",
                    "code": "UE 1",
                    "title": "Fondamentaux",
                    "ects": 2,
                    "total_hours": 44,
                    "presence_hours": 10,
                    "semester": "S1",
                    "sessions": [
                        {
                            "id": "ue1-cours",
                            "title": "Cours",
                            "length": "full-day",
                            "instructors": ["dupont"],
                        },
                        {
                            "id": "ue1-atelier",
                            "title": "Atelier",
                            "length": "matin",
                            "instructors": ["martin"],
                        },
                    ],
                }
            ],
        }
    ],
    "weights": dataclasses.asdict(SoftWeights()),
}


def read_source(path: Path, display: str | None = None) -> YamlSource:
    """A programme file's data, YAML or workbook (raises YamlSyntaxError, located; a
    workbook's WorkbookProblems lists every problem)."""
    if is_workbook(path):
        return read_programme_workbook(path, display or str(path))
    return read_yaml(path, display)


def as_yaml(data: dict[str, Any]) -> str:
    """The data as a YAML programme file, keys in the format's order."""
    order = list(ProgrammeFileIn.model_fields)
    ordered = {k: data[k] for k in sorted(data, key=lambda k: _rank(order, k))}
    text = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    return "# palliasched programme file, format v1 (converted from a workbook).\n" + text


def _rank(order: list[str], key: str) -> tuple[int, str]:
    return (order.index(key) if key in order else len(order), key)


def as_workbook(data: dict[str, Any]) -> bytes:
    from palliasched.io.workbook_write import programme_workbook  # openpyxl, when asked

    return programme_workbook(data)


def yaml_comments(text: str) -> list[int]:
    """The lines of a YAML text holding a comment (a ``#`` outside quotes)."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        quote = ""
        for position, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#" and (position == 0 or line[position - 1] in " \t"):
                lines.append(number)
                break
    return lines


def template_workbook() -> bytes:
    """The documented, example-filled programme workbook ``palliasched template`` writes."""
    return as_workbook(TEMPLATE_EXAMPLE)
