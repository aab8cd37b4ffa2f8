"""The programme as a workbook: which sheet holds which part of the format, and how a value of
the format is written in a cell and read back.

A sheet of entries holds one entry a row (a site, a room, a session), its columns the fields of
the entry in the format (``palliasched schema``), headed by a French label and the field's key
in brackets: "Intervenants [instructors]". Sessions name their programme and UE, cohorts and
UEs their programme. A session's room need is spread over columns of its own
("Salles possibles [rooms.allowed]"), so that a room is chosen in a drop-down list.
Calendrier and Poids hold one setting a row. Indisponibilités holds the ``unavailable`` dates
of instructors and rooms, one a row.

A cell holds a number, a boolean (VRAI/FAUX), a text, or a list of ids written ``a, b``; a
value with more structure (``{among: [a, b], count: 1}``, ``[{start: ..., end: ...}]``) is
written in YAML's one-line form. Nothing a cell holds is evaluated: a formula is an error.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Union

import yaml
from pydantic import BaseModel

from palliasched.io.schema import (
    CalendarIn,
    CohortIn,
    InstructorIn,
    ProgrammeFileIn,
    ProgrammeIn,
    UnitIn,
    WeightsIn,
)
from palliasched.io.schema_sessions import RoomNeedIn, SessionIn
from palliasched.io.schema_sites import RoomIn, SiteIn
from palliasched.io.yaml_source import CoreLoader


@dataclass(frozen=True)
class EntrySheet:
    """A sheet of entries: ``model``'s fields as columns, less those other sheets hold."""

    name: str
    key: str  # the list it holds: sites, rooms, instructors, programmes, cohorts, units, sessions
    model: type[BaseModel]
    parents: tuple[str, ...] = ()  # columns naming the entry's programme (and UE)
    elsewhere: tuple[str, ...] = ()  # fields held by another sheet
    # Fields written one column per field of their own: ``rooms.allowed``, ``rooms.groups``.
    spread: tuple[tuple[str, type[BaseModel]], ...] = ()

    def field_model(self, key: str) -> tuple[type[BaseModel], str]:
        """The model that knows column ``key``, and the field's name there."""
        if "." in key:
            name, field = key.split(".", 1)
            return dict(self.spread)[name], field
        return self.model, key


ENTRY_SHEETS: tuple[EntrySheet, ...] = (
    EntrySheet("Sites", "sites", SiteIn),
    EntrySheet("Salles", "rooms", RoomIn, elsewhere=("unavailable",)),
    EntrySheet("Intervenants", "instructors", InstructorIn, elsewhere=("unavailable",)),
    EntrySheet("Programmes", "programmes", ProgrammeIn, elsewhere=("cohorts", "units", "sessions")),
    EntrySheet("Cohortes", "cohorts", CohortIn, parents=("programme",)),
    EntrySheet("UE", "units", UnitIn, parents=("programme",), elsewhere=("sessions",)),
    EntrySheet(
        "Séances",
        "sessions",
        SessionIn,
        parents=("programme", "unit"),
        spread=(("rooms", RoomNeedIn),),
    ),
)
CALENDAR_SHEET, UNAVAILABLE_SHEET, WEIGHTS_SHEET = "Calendrier", "Indisponibilités", "Poids"
SHEET_ORDER = (
    CALENDAR_SHEET,
    "Sites",
    "Salles",
    "Intervenants",
    UNAVAILABLE_SHEET,
    "Programmes",
    "Cohortes",
    "UE",
    "Séances",
    WEIGHTS_SHEET,
)
# File-level settings written on the Calendrier sheet beside the calendar's.
FILE_SETTINGS = ("version", "include", "travel")
UNAVAILABLE_COLUMNS = ("who", "start", "end", "reason")
PARENT_LABELS = {"programme": "Programme", "unit": "UE"}

FRENCH: dict[str, str] = {
    "id": "Identifiant",
    "who": "Intervenant ou salle",
    "reason": "Motif",
    "setting": "Paramètre",
    "value": "Valeur",
    "name": "Nom",
    "title": "Intitulé",
    "address": "Adresse",
    "site": "Site",
    "capacity": "Capacité",
    "home_site": "Site de rattachement",
    "unavailable_from": "Agendas",
    "available_only": "Disponible seulement",
    "max_days_per_week": "Jours max. par semaine",
    "preferred_days": "Jours préférés",
    "preferred_dates": "Dates préférées",
    "weekdays": "Jours d'enseignement",
    "kind": "Type",
    "size": "Effectif",
    "teaching_weeks": "Regroupements",
    "code": "Code",
    "short_title": "Intitulé court",
    "ects": "ECTS",
    "total_hours": "Heures de travail",
    "presence_hours": "Heures présentielles",
    "cohort_hours": "Heures par promotion",
    "async_hours": "Heures asynchrones",
    "semester": "Semestre",
    "window": "Période",
    "internship": "Stage",
    "max_blocks": "Blocs max.",
    "in_order": "Dans l'ordre",
    "length": "Créneau",
    "count": "Nombre",
    "counted_hours": "Heures comptées",
    "instructors": "Intervenants",
    "cohorts": "Promotions",
    "rooms": "Salles",
    "rooms.groups": "Groupes",
    "rooms.per_group": "Salles par groupe",
    "rooms.min_capacity": "Places par salle",
    "rooms.allowed": "Salles possibles",
    "rooms.in_turn": "Groupes à tour de rôle",
    "date": "Date fixée",
    "after": "Après",
    "order": "Place",
    "spacing": "Espacement",
    "start": "Début",
    "end": "Fin",
    "minutes": "Durée (minutes)",
    "release": "Mise en ligne",
    "online": "En ligne",
    "link": "Lien",
    "slots": "Créneaux",
    "time_grid_minutes": "Grille horaire (minutes)",
    "semesters": "Semestres",
    "closures": "Fermetures",
    "academic_year": "Année universitaire",
    "timezone": "Fuseau horaire",
    "holidays": "Jours fériés",
    "version": "Version du format",
    "include": "Fichiers inclus",
    "travel": "Trajets entre sites",
}


def header(key: str) -> str:
    """``Intervenants [instructors]``: the French label, then the key the format knows."""
    label = FRENCH.get(key) or PARENT_LABELS.get(key) or key.replace("_", " ").capitalize()
    return f"{label} [{key}]"


def key_of(text: object) -> str | None:
    """The key of a header cell (``... [instructors]``), or None."""
    if not isinstance(text, str) or not text.rstrip().endswith("]") or "[" not in text:
        return None
    return text.rstrip()[text.rindex("[") + 1 : -1].strip() or None


def columns(sheet: EntrySheet) -> list[str]:
    spread = dict(sheet.spread)
    fields = [
        key
        for f in sheet.model.model_fields
        if f not in sheet.elsewhere
        for key in ([f"{f}.{s}" for s in spread[f].model_fields] if f in spread else [f])
    ]
    return [*sheet.parents, *fields]


def listed_in(sheet: EntrySheet, key: str) -> str:
    """How column ``key`` of ``sheet`` reads a list (see ``only_list``)."""
    return only_list(*sheet.field_model(key))


def column_note(sheet: EntrySheet, key: str) -> str:
    return NOTES.get(key) or description(*sheet.field_model(key))


def setting_models() -> dict[str, type[BaseModel]]:
    return {CALENDAR_SHEET: CalendarIn, WEIGHTS_SHEET: WeightsIn}


NOTES: dict[str, str] = {
    "id": "Identifiant stable (lettres, chiffres, - _ .) : les autres feuilles le citent.",
    "programme": "L'identifiant du programme (feuille Programmes).",
    "unit": "L'identifiant de l'UE (feuille UE) ; vide pour une séance hors UE.",
    "instructors": "Intervenants (feuille Intervenants), séparés par des virgules ; ou "
    "{among: [a, b, c], count: 1} pour en choisir parmi plusieurs.",
    "cohorts": "Promotions qui assistent (par défaut : toutes celles du programme).",
    "rooms.groups": "Groupes en parallèle, chacun dans sa salle (vide : 1).",
    "rooms.per_group": "Salles par groupe (vide : 1 ; 0 : sans salle).",
    "rooms.min_capacity": "Places nécessaires par salle (vide : l'effectif du groupe).",
    "rooms.allowed": "Les seules salles possibles (feuille Salles), séparées par des "
    "virgules ; vide : toute salle du site assez grande.",
    "rooms.in_turn": "VRAI : les groupes se suivent le même jour avec les mêmes "
    "intervenants, au lieu d'être en parallèle.",
    "length": "Un créneau (matin, apres-midi) ou full-day (journée).",
    "start": "Heure de début HH:MM (avec Fin), ou première date d'une période.",
    "end": "Heure de fin HH:MM, ou dernière date d'une période.",
    "minutes": "Durée en minutes : l'heure de début est choisie sur la grille horaire.",
    "count": "Nombre de séances identiques.",
    "site": "Site (feuille Sites), ou plusieurs séparés par des virgules.",
    "home_site": "Site d'où part l'intervenant (trajets).",
    "semester": "S1, S2 ou both.",
    "window": "Période autorisée, ex. {start: 2027-01-04, end: 2027-02-26}.",
    "date": "Date imposée (AAAA-MM-JJ).",
    "after": "Séances qui doivent avoir eu lieu avant celle-ci.",
    "presence_hours": "Heures présentielles à planifier : la somme des séances.",
    "total_hours": "Heures de travail de l'UE (1 ECTS = 22 h).",
    "preferred_days": "Jours préférés : mon, tue, wed, thu, fri.",
    "preferred_dates": "Dates préférées (ex. rapportées par `availability collect`), "
    "ex. [2027-01-12, {start: 2027-03-01, end: 2027-03-05}].",
    "weekdays": "Les seuls jours possibles : mon, tue, wed, thu, fri, sat.",
    "unavailable_from": "Agendas (.ics exporté, ou adresse CalDAV) : leurs jours occupés "
    "deviennent indisponibles.",
    "who": "Identifiant d'un intervenant ou d'une salle.",
    "reason": "Motif (n'apparaît pour aucun étudiant).",
    "capacity": "Nombre de places.",
    "size": "Nombre d'étudiants de la promotion.",
    "setting": "Le paramètre (sa clé entre crochets).",
    "value": "Sa valeur ; vide : la valeur par défaut.",
}


def description(model: type[BaseModel], key: str) -> str:
    """The note of a column: in French where written, else the format's description."""
    if key in NOTES:
        return NOTES[key]
    info = model.model_fields.get(key) or ProgrammeFileIn.model_fields.get(key)
    return (info.description or "") if info is not None else ""


# --- values in cells ---------------------------------------------------------------------


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


LIST, EITHER, SCALAR = "list", "either", "scalar"


def only_list(model: type[BaseModel], key: str) -> str:
    """How a cell's text ``a, b`` reads: LIST for a field taking a list but no text (``a``
    is ``[a]`` too), EITHER for one taking a text or a list (``a, b`` is a list, ``a`` a text),
    SCALAR for the others."""
    info = model.model_fields.get(key) or ProgrammeFileIn.model_fields.get(key)
    if info is None:
        return SCALAR
    kinds = [m for m in _members(info.annotation) if m is not type(None)]
    if not any(typing.get_origin(m) is list for m in kinds):
        return SCALAR
    texts = any(m is str or (isinstance(m, type) and issubclass(m, str)) for m in kinds)
    return EITHER if texts else LIST


def to_cell(value: Any, listed: str) -> Any:
    """A value of the format as a cell's value (``listed``: see ``only_list``)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if not _needs_quotes(value) else json.dumps(value, ensure_ascii=False)
    plain = isinstance(value, list) and all(_plain(v) for v in value)
    if plain and (listed == LIST or (listed == EITHER and len(value) > 1)):
        return ", ".join(value) if value else "[]"
    return _flow(value)


def from_cell(value: Any, listed: str) -> Any:
    """A cell's value as a value of the format; raises ValueError for unreadable text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith(("{", "[", '"', "'")):
        try:
            return yaml.load(text, Loader=CoreLoader)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or "not YAML"
            raise ValueError(f"'{text}' is not a value the format reads ({problem})") from None
    if listed == LIST or (listed == EITHER and "," in text):
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def _plain(value: Any) -> bool:
    return isinstance(value, str) and value != "" and "," not in value and not _needs_quotes(value)


def _needs_quotes(text: str) -> bool:
    return text != text.strip() or text.startswith(("{", "[", '"', "'"))


def _flow(value: Any) -> str:
    text = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False
    )
    return text.strip()
