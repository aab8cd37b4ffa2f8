"""Write ``published-2026-2027.xlsx``: the published M2 2026-2027 calendar as a hand-made grid.

Transcribed from the programme's published calendar (the brochure's "MASTER 2 MEDECINE
PALLIATIVE 2026-2027" grid), keeping its defects: "Mardi 15/03/2027" over a Monday, UE 8 (a
semester-2 unit) in December, a third UE 6 day repeating the first one's title, UE 8's project
as a whole day, UE 10 reduced to its presentations, rooms left blank ("Salle -", "Salles -
et") or partial ("Salle - Coc"), "Francoise" without its cedilla, "9h30- 12h30" with a space,
the presentations' "9h30-13h30" row, short day headers ("06-oct") after the first full date.
Whole days are merged over the two slot rows, as in the original workbook.

    .venv/bin/python data/transcribe_published_grid.py   # rewrites data/published-2026-2027.xlsx
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
MORNING, AFTERNOON = "9h30-12h30", "14h-18h"
RSCA = "Francoise Bauthamy\nLaurent Calvel\nLaurène Sanchez\nPascale Vinant\nLaura Sessa\nAriane De Buyer"
PEDAGOGIE = "UE 1 : PEDAGOGIE\nLaurent Calvel\nCatherine Chevalier"

# (header label, day headers, room row, morning label, [(morning, afternoon or FULL)])
FULL = object()
BLOCKS = [
    ("1er semestre 2026-2027", None),
    (
        "Semaine",
        ["Lundi 05/10/2026", "06-oct", "07-oct", "08-oct"],
        ["Salle -"] * 4,
        MORNING,
        [
            ("Journée d'ouverture (09h30 - 18h)", FULL),
            (PEDAGOGIE, FULL),
            (PEDAGOGIE, FULL),
            ("UE 11 : Recherche\nElise Perceau-Chambard\nCarole Bouleuc", FULL),
        ],
    ),
    (
        "Semaine",
        ["Lundi 02/11/2026", "03-nov", "04-nov", "05-nov", "06-nov"],
        ["Salles - et", "Salle - Coc", "Salle", "Salle", "Salle"],
        MORNING,
        [
            ("UE 4 : RELATION ET INTERSUBJECTIVITE\nJérôme Alric\nOlivier Maillé", FULL),
            ("UE 4 : RELATION ET INTERSUBJECTIVITE\nJérôme Alric\nOlivier Maillé", FULL),
            (f"UE 5 : RSCA\n{RSCA}", FULL),
            (
                "UE 2 : CLINIQUE\nLa pharmacologie des traitements symptomatiques\n"
                "Audrey Thomas Schoemann",
                "Douleurs rebelles\nVirginie Guastella",
            ),
            (
                "UE 2 : CLINIQUE\nLes pratiques sédatives\nGary Pommier\nStéphane Picard\n"
                "Virginie Guastella",
                "Psychiatrie et Soins Palliatifs\nSarah Dauchy",
            ),
        ],
    ),
    (
        "Semaine",
        ["Lundi 23/11/2026", "24-nov", "25-nov"],
        ["Salle - Coc"] * 3,
        "9h30- 12h30",
        [("UE 3 : ETHIQUE\nDonatien Mallet", FULL)] * 3,
    ),
    (
        "Semaine",
        ["Mardi 01/12/2026", "02-déc"],
        ["Salles - et"] * 2,
        MORNING,
        [("UE 8 : MANAGEMENT\nIsabelle Triol\nLaurent Calvel\nFrançoise Bauthamy", FULL)] * 2,
    ),
    ("2027", None),
    ("2ème semestre 2026-2027", None),
    (
        "Semaine",
        ["Lundi 11/01/2027", "12-janv", "13-janv", "14-janv", "15-janv"],
        ["Salle -", "Salle -", "Salle -", "Salle -", "Salles - et"],
        MORNING,
        [
            (f"UE 5 : RSCA\n{RSCA}", FULL),
            ("UE 7 : ETHIQUE\nDonatien Mallet", FULL),
            ("UE 7 : ETHIQUE\nDonatien Mallet", FULL),
            ("UE 7 : ETHIQUE\nDonatien Mallet", FULL),
            ("UE 4 : RELATION ET INTERSUBJECTIVITE\nAxelle Van Lander", FULL),
        ],
    ),
    (
        "Semaine",
        ["Mardi 15/03/2027", "16-mars", "17-mars", "18-mars"],
        ["Salles - et", "Salles - et", "Salle -", "Salle -"],
        MORNING,
        [
            (
                "UE 11 : Recherche\n(dont recherche documentaire)\nElise Perceau-Chambard\n"
                "Carole Bouleuc",
                FULL,
            ),
            ("UE 8 : MANAGEMENT\nPROJET\nIsabelle Triol\nLaurent Calvel", FULL),
            (PEDAGOGIE, FULL),
            (PEDAGOGIE, FULL),
        ],
    ),
    (
        "Semaine",
        ["Lundi 10/05/2027", "11-mai", "12-mai"],
        ["Salles - Coc 3026", "Salles - Coc 3026", "Salle - Coc 3026"],
        "9h30- 12h30",
        [
            ("UE 6 : CLINIQUE\nNEURO PNEUMO GERIATRIE\nLaure Serresse", FULL),
            ("UE 6 : CLINIQUE\nONCOLOGIE\nLaure Serresse", FULL),
            ("UE 6 : CLINIQUE\nNEURO PNEUMO GERIATRIE\nLaure Serresse", FULL),
        ],
    ),
    (
        "Journée",
        ["Vendredi 24/09/2027", None, None],
        ["Salle - Coc"] * 3,
        "9h30-13h30",
        [("UE 10 : Présentation du RSCA\n1/4 groupe", None)] * 3,
    ),
]


def main() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "M2 2026-2027"
    sheet["A1"] = "MASTER 2 MEDECINE PALLIATIVE 2026-2027"
    sheet["A1"].font = Font(bold=True, size=14)
    row = 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for block in BLOCKS:
        if block[1] is None:
            sheet.cell(row, 1, block[0]).font = Font(bold=True)
            row += 2
            continue
        label, days, rooms, morning, sessions = block
        sheet.cell(row, 1, label)
        for n, day in enumerate(days):
            if day is not None:
                sheet.cell(row, 2 + n, day)
        for n, room in enumerate(rooms):
            sheet.cell(row + 1, 2 + n, room)
        sheet.cell(row + 2, 1, morning)
        has_afternoon = morning != "9h30-13h30"
        if has_afternoon:
            sheet.cell(row + 3, 1, AFTERNOON)
        for n, (first, second) in enumerate(sessions):
            sheet.cell(row + 2, 2 + n, first).alignment = wrap
            if second is FULL:
                sheet.merge_cells(
                    start_row=row + 2, start_column=2 + n, end_row=row + 3, end_column=2 + n
                )
            elif second is not None:
                sheet.cell(row + 3, 2 + n, second).alignment = wrap
        row += 5 if has_afternoon else 4
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 30
    book.save(HERE / "published-2026-2027.xlsx")


if __name__ == "__main__":
    main()
