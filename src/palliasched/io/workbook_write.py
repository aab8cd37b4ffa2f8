"""A programme written as a workbook (``palliasched convert --to xlsx``, ``template``).

The data of a programme file (as YAML reads it) goes to the sheets of ``workbook_format``:
each column headed by its French label and key, with the field's description as the header's
note, drop-down lists for the references (instructors, rooms, sites, UEs, slots, weekdays),
text kept as text. Deterministic: the same data gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.calendar import WEEKDAY_IDS
from palliasched.files import reproducible_xlsx
from palliasched.io.schema import InstructorIn
from palliasched.io.workbook_format import (
    CALENDAR_SHEET,
    ENTRY_SHEETS,
    FILE_SETTINGS,
    SHEET_ORDER,
    UNAVAILABLE_COLUMNS,
    UNAVAILABLE_SHEET,
    WEIGHTS_SHEET,
    EntrySheet,
    column_note,
    columns,
    description,
    header,
    listed_in,
    only_list,
    setting_models,
    to_cell,
)

WIDTHS = {"setting": 34, "value": 70, "title": 36, "name": 28, "address": 36, "link": 30}
DEFAULT_SLOT_IDS = ["matin", "apres-midi"]
HEAD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
LIST_ROWS = 2000  # rows a drop-down list reaches
# Columns whose drop-down lists name an entry of another sheet (or a weekday).
REFERENCES = {
    "programme": "programmes",
    "unit": "unites",
    "site": "sites",
    "home_site": "sites",
    "instructors": "intervenants",
    "who": "intervenants",
    "length": "creneaux",
    "preferred_days": "jours",
    "rooms.allowed": "salles",
    "weekdays": "jours",
}


def programme_workbook(data: dict[str, Any]) -> bytes:
    """The workbook of a programme file's data (what YAML reads from it)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    rows = _entry_rows(data)
    for name in SHEET_ORDER:
        sheet = book.create_sheet(name)
        if name in (CALENDAR_SHEET, WEIGHTS_SHEET):
            _settings(sheet, name, data)
        elif name == UNAVAILABLE_SHEET:
            _unavailable(sheet, data)
        else:
            spec = next(s for s in ENTRY_SHEETS if s.name == name)
            _entries(sheet, spec, rows[spec.key])
    _lists(book, data)
    return reproducible_xlsx(book)


def _entry_rows(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {s.key: [] for s in ENTRY_SHEETS}
    for key in ("sites", "rooms", "instructors"):
        rows[key] = list(data.get(key) or [])
    for programme in data.get("programmes") or []:
        rows["programmes"].append(programme)
        parent = {"programme": programme.get("id")}
        rows["cohorts"] += [parent | c for c in programme.get("cohorts") or []]
        for unit in programme.get("units") or []:
            rows["units"].append(parent | unit)
            rows["sessions"] += [
                parent | {"unit": unit.get("id")} | s for s in unit.get("sessions") or []
            ]
        rows["sessions"] += [parent | {"unit": None} | s for s in programme.get("sessions") or []]
    return rows


def _head(sheet: Worksheet, keys: list[str], notes: list[str]) -> None:
    for column, (key, note) in enumerate(zip(keys, notes, strict=True), start=1):
        cell = sheet.cell(1, column, header(key))
        cell.font, cell.fill = HEAD, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if note:
            cell.comment = Comment(note, "palliasched", width=320, height=120)
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(key, 18)
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _write(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    cell = sheet.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, whatever it starts with


def _entries(sheet: Worksheet, spec: EntrySheet, entries: list[dict[str, Any]]) -> None:
    keys = columns(spec)
    _head(sheet, keys, [column_note(spec, k) for k in keys])
    for row, entry in enumerate(entries, start=2):
        flat = _spread(spec, entry)
        unknown = set(flat) - set(keys) - set(spec.elsewhere)
        if unknown:
            raise ValueError(f"{spec.name}: no column for {sorted(unknown)}")
        for column, key in enumerate(keys, start=1):
            _write(sheet, row, column, to_cell(flat.get(key), listed_in(spec, key)))
    _validations(sheet, keys)


def _spread(spec: EntrySheet, entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` with the fields the sheet spreads over columns flattened (``rooms.groups``)."""
    flat = dict(entry)
    for name, _ in spec.spread:
        value = flat.pop(name, None)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise ValueError(f"{spec.name}: '{name}' is not a mapping")
        flat |= {f"{name}.{k}": v for k, v in value.items()}
    return flat


def _settings(sheet: Worksheet, name: str, data: dict[str, Any]) -> None:
    model = setting_models()[name]
    notes = [description(model, "setting"), description(model, "value")]
    _head(sheet, ["setting", "value"], notes)
    values = dict(data.get("calendar" if name == CALENDAR_SHEET else "weights") or {})
    keys = list(model.model_fields)
    if name == CALENDAR_SHEET:
        keys += list(FILE_SETTINGS)
        values |= {k: data[k] for k in FILE_SETTINGS if k in data}
    for row, key in enumerate(keys, start=2):
        _write(sheet, row, 1, header(key))
        cell = sheet.cell(row, 1)
        note = description(model, key)
        if note:
            cell.comment = Comment(note, "palliasched", width=320, height=120)
        if key in values:
            _write(sheet, row, 2, to_cell(values[key], only_list(model, key)))


def _unavailable(sheet: Worksheet, data: dict[str, Any]) -> None:
    keys = list(UNAVAILABLE_COLUMNS)
    notes = {
        "start": "Une date (AAAA-MM-JJ), ou le premier jour d'une période.",
        "end": "Le dernier jour de la période (vide : la date seule).",
    }
    _head(sheet, keys, [notes.get(k) or description(InstructorIn, k) for k in keys])
    row = 2
    for kind in ("instructors", "rooms"):
        for entry in data.get(kind) or []:
            for span in entry.get("unavailable") or []:
                values = (
                    [entry["id"], span.get("start"), span.get("end"), span.get("reason")]
                    if isinstance(span, dict)
                    else [entry["id"], span, None, None]
                )
                for column, value in enumerate(values, start=1):
                    _write(sheet, row, column, value)
                row += 1
    _validations(sheet, keys)


def _validations(sheet: Worksheet, keys: list[str]) -> None:
    for column, key in enumerate(keys, start=1):
        source = REFERENCES.get(key)
        if source is None:
            continue
        letter = get_column_letter(column)
        check = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
        check.showErrorMessage = False  # a list of several ids ("a, b") is welcome too
        check.promptTitle, check.prompt = header(key)[:32], "Choisir dans la liste, ou écrire a, b"
        check.add(f"{letter}2:{letter}{LIST_ROWS}")
        sheet.add_data_validation(check)


def _lists(book: Workbook, data: dict[str, Any]) -> None:
    """Named ranges the drop-down lists read: ids of the other sheets, the weekdays, and the
    slots of the file's templates (with ``full-day``)."""

    def ids(sheet: str) -> str:
        return f"'{sheet}'!$A$2:$A${LIST_ROWS}"

    named = {
        "programmes": ids("Programmes"),
        "sites": ids("Sites"),
        "intervenants": ids("Intervenants"),
        "salles": ids("Salles"),
        "unites": f"'UE'!$B$2:$B${LIST_ROWS}",
    }
    lists = book.create_sheet("Listes")
    lists.sheet_state = "hidden"
    for row, day in enumerate(WEEKDAY_IDS, start=1):
        lists.cell(row, 1, day)
    named["jours"] = f"'Listes'!$A$1:$A${len(WEEKDAY_IDS)}"
    templates = [(data.get("calendar") or {}).get("slots") or DEFAULT_SLOT_IDS]
    templates += [p.get("slots") or [] for p in data.get("programmes") or []]
    slots = [s.get("id") if isinstance(s, dict) else s for t in templates for s in t]
    slots = [*dict.fromkeys(str(s) for s in slots if s), "full-day"]
    for row, slot in enumerate(slots, start=1):
        lists.cell(row, 2, slot)
    named["creneaux"] = f"'Listes'!$B$1:$B${len(slots)}"
    for name, reference in named.items():
        book.defined_names[name] = DefinedName(name, attr_text=reference)
