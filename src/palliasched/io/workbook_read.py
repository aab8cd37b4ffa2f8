"""A programme workbook read into the data a YAML programme file gives (``workbook_format``),
with the cell of every entry and field, so that every later error names its sheet and cell.

Nothing is evaluated: a formula is refused where it is, and so is a header the format does
not know, a row naming an unknown programme, UE, instructor or room, or a sheet too large.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from palliasched.errors import Problem, did_you_mean
from palliasched.io.workbook_format import (
    CALENDAR_SHEET,
    ENTRY_SHEETS,
    FILE_SETTINGS,
    SCALAR,
    SHEET_ORDER,
    UNAVAILABLE_COLUMNS,
    UNAVAILABLE_SHEET,
    WEIGHTS_SHEET,
    EntrySheet,
    columns,
    from_cell,
    key_of,
    listed_in,
    only_list,
    setting_models,
)
from palliasched.io.workbook_limits import WorkbookRefused, open_workbook
from palliasched.io.yaml_source import PathKey, YamlSource, YamlSyntaxError

if TYPE_CHECKING:  # openpyxl loads when a workbook is read, not with every command
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

LISTS_SHEET = "Listes"  # the drop-down lists' ids: written, never read


class WorkbookProblems(YamlSyntaxError):
    """A programme workbook that cannot be read: every problem, each at its cell."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0])
        self.problems = problems


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def read_programme_workbook(path: Path, display: str) -> YamlSource:
    """The data and cells of a programme workbook; raises WorkbookProblems."""
    from openpyxl.worksheet.worksheet import Worksheet

    reader = _Reader(display)
    if not path.is_file():
        reader.refuse("file not found", "", "check the path and the file name")
    else:
        try:
            book = open_workbook(path)
        except WorkbookRefused as exc:
            reader.refuse(exc.reason, "")
        else:
            reader.read([s for s in book.worksheets if isinstance(s, Worksheet)])
    if reader.problems:
        raise WorkbookProblems(reader.problems)
    return YamlSource(display, reader.data, cells=reader.cells)


def _gathered(entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` with the columns of one field (``rooms.groups``, ``rooms.allowed``) gathered
    into that field's mapping."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if "." in key:
            name, field = key.split(".", 1)
            out.setdefault(name, {})[field] = value
        else:
            out[key] = value
    return out


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.data: dict[str, Any] = {}
        self.cells: dict[PathKey, str] = {}
        self.problems: list[Problem] = []
        self.programmes: dict[str, int] = {}
        self.units: dict[tuple[str, str], int] = {}

    def refuse(self, message: str, cell: str, hint: str = "") -> None:
        self.problems.append(Problem(message, file=self.file, cell=cell, hint=hint))

    def read(self, sheets: list[Worksheet]) -> None:
        by_name = {s.title: s for s in sheets}
        for sheet in sheets:
            if sheet.title not in SHEET_ORDER and sheet.title != LISTS_SHEET:
                hint = did_you_mean(sheet.title, SHEET_ORDER) or "the sheets: " + ", ".join(
                    SHEET_ORDER
                )
                self.refuse(f"unknown sheet '{sheet.title}'", f"{sheet.title}!A1", hint)
        if CALENDAR_SHEET not in by_name:
            self.refuse(f"no '{CALENDAR_SHEET}' sheet", "", "start from `palliasched template`")
        if self.problems:
            return
        for name in SHEET_ORDER:
            found = by_name.get(name)
            if found is None or name == UNAVAILABLE_SHEET:
                continue
            sheet = found
            if name in (CALENDAR_SHEET, WEIGHTS_SHEET):
                self._settings(sheet)
            else:
                self._entries(sheet, next(s for s in ENTRY_SHEETS if s.name == name))
        if UNAVAILABLE_SHEET in by_name:
            self._unavailable(by_name[UNAVAILABLE_SHEET])

    # --- cells -----------------------------------------------------------------------------

    def _value(self, cell: Cell, listed: str) -> tuple[bool, Any]:
        """(readable, value) of a cell; a formula or an unreadable text is a problem."""
        where = f"{cell.parent.title}!{cell.coordinate}"
        if cell.data_type == "f":
            self.refuse("a formula is not read", where, "write its value instead of the formula")
            return False, None
        try:
            return True, from_cell(cell.value, listed)
        except ValueError as exc:
            self.refuse(str(exc), where, "write YAML's one-line form, e.g. {groups: 2}")
            return False, None

    def _header(self, sheet: Worksheet, known: list[str]) -> dict[int, str]:
        keys: dict[int, str] = {}
        for cell in sheet[1]:
            if cell.value is None:
                continue
            key = key_of(cell.value)
            if key is None or key not in known:
                said = key or str(cell.value)
                self.refuse(
                    f"unknown column '{cell.value}'",
                    f"{sheet.title}!{cell.coordinate}",
                    (did_you_mean(said, known) or "")
                    + " (a header ends with its key in brackets: 'Nom [name]')",
                )
            else:
                keys[cell.column] = key
        return keys

    # --- sheets ----------------------------------------------------------------------------

    def _settings(self, sheet: Worksheet) -> None:
        model = setting_models()[sheet.title]
        known = list(model.model_fields) + (
            list(FILE_SETTINGS) if sheet.title == CALENDAR_SHEET else []
        )
        target = self.data.setdefault(
            "calendar" if sheet.title == CALENDAR_SHEET else "weights", {}
        )
        for row in sheet.iter_rows(min_row=2, max_col=2):
            name, value = row[0], row[1] if len(row) > 1 else None
            if name.value is None or value is None or value.value is None:
                continue
            key = key_of(name.value) or str(name.value)
            if key not in known:
                self.refuse(
                    f"unknown setting '{name.value}'",
                    f"{sheet.title}!{name.coordinate}",
                    did_you_mean(key, known),
                )
                continue
            ok, parsed = self._value(value, only_list(model, key))
            if not ok:
                continue
            home = self.data if key in FILE_SETTINGS else target
            home[key] = parsed
            path: PathKey = (
                (key,)
                if key in FILE_SETTINGS
                else ("calendar" if sheet.title == CALENDAR_SHEET else "weights", key)
            )
            self.cells[path] = f"{sheet.title}!{value.coordinate}"

    def _entries(self, sheet: Worksheet, spec: EntrySheet) -> None:
        keys = self._header(sheet, columns(spec))
        for row in sheet.iter_rows(min_row=2):
            entry: dict[str, Any] = {}
            where: dict[str, str] = {}
            for cell in row:
                key = keys.get(cell.column or 0)
                if key is None or cell.value is None:
                    continue
                ok, value = self._value(cell, listed_in(spec, key))
                if ok:
                    entry[key] = value
                    where[key] = f"{sheet.title}!{cell.coordinate}"
            if not entry:
                continue
            first = f"{sheet.title}!{row[0].coordinate}"
            path = self._place(spec, _gathered(entry), where, first)
            if path is None:
                continue
            self.cells[path] = first
            for key, cell_ref in where.items():
                if key not in spec.parents:
                    steps = tuple(key.split("."))
                    self.cells.setdefault((*path, steps[0]), cell_ref)
                    self.cells[(*path, *steps)] = cell_ref

    def _place(
        self, spec: EntrySheet, entry: dict[str, Any], where: dict[str, str], first: str
    ) -> PathKey | None:
        """Add ``entry`` where it belongs in the data; its path (None: refused)."""
        parents = {key: entry.pop(key, None) for key in spec.parents}
        if not spec.parents:
            entries = self.data.setdefault(spec.key, [])
            if spec.key == "programmes":
                self.programmes[str(entry.get("id"))] = len(entries)
            entries.append(entry)
            return (spec.key, len(entries) - 1)
        programme_id = str(parents["programme"] or "")
        if programme_id not in self.programmes:
            self.refuse(
                f"unknown programme '{programme_id}'" if programme_id else "no programme named",
                where.get("programme", first),
                did_you_mean(programme_id, list(self.programmes)) or "name a programme's id",
            )
            return None
        index = self.programmes[programme_id]
        programme = self.data["programmes"][index]
        unit_id = parents.get("unit")
        if spec.key == "sessions" and unit_id is not None:
            known = [str(u.get("id")) for u in programme.get("units", [])]
            if str(unit_id) not in known:
                self.refuse(
                    f"unknown UE '{unit_id}' of programme '{programme_id}'",
                    where.get("unit", first),
                    did_you_mean(str(unit_id), known),
                )
                return None
            position = known.index(str(unit_id))
            sessions = programme["units"][position].setdefault("sessions", [])
            sessions.append(entry)
            return ("programmes", index, "units", position, "sessions", len(sessions) - 1)
        entries = programme.setdefault(spec.key, [])
        entries.append(entry)
        return ("programmes", index, spec.key, len(entries) - 1)

    def _unavailable(self, sheet: Worksheet) -> None:
        keys = self._header(sheet, list(UNAVAILABLE_COLUMNS))
        owners = {
            str(e.get("id")): (kind, n)
            for kind in ("instructors", "rooms")
            for n, e in enumerate(self.data.get(kind, []))
        }
        for row in sheet.iter_rows(min_row=2):
            values: dict[str, Any] = {}
            for cell in row:
                key = keys.get(cell.column or 0)
                if key is not None and cell.value is not None:
                    ok, value = self._value(cell, SCALAR)
                    if ok:
                        values[key] = value
            if not values:
                continue
            who, first = str(values.get("who", "")), f"{sheet.title}!{row[0].coordinate}"
            if who not in owners:
                hint = did_you_mean(who, list(owners)) or "an instructor's or a room's id"
                self.refuse(f"unknown instructor or room '{who}'", first, hint)
                continue
            kind, n = owners[who]
            span: Any = values.get("start")
            if "end" in values or "reason" in values:
                span = {k: values[k] for k in ("start", "end", "reason") if k in values}
            spans = self.data[kind][n].setdefault("unavailable", [])
            spans.append(span)
            self.cells[(kind, n, "unavailable", len(spans) - 1)] = first
