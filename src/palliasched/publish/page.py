"""``index.html``: a static page to read the calendar and subscribe to its feeds.

No external resource (no script, font or style sheet from the network): a month view per
cohort (every month from its first session to its last), then every feed with a
``webcal://`` link and a plain https link, built from the base URL the calendar is published
under (relative links when none is given). French labels.
"""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from collections import defaultdict
from html import escape
from urllib.parse import urlsplit

from palliasched.domain.calendar import FRENCH_WEEKDAYS
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.publish.cells import academic_years, unit_colours
from palliasched.publish.feeds import Feed, event_summary
from palliasched.words import plural

FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
KIND_LABELS = {
    "programme": "Programme entier",
    "cohort": "Promotions",
    "ue": "Unités d'enseignement",
    "instructor": "Intervenants",
    "room": "Salles",
}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; } h3 { margin-bottom: .3rem; }
.months { display: flex; flex-wrap: wrap; gap: 1rem; }
table.month { border-collapse: collapse; font-size: .8rem; table-layout: fixed;
  width: 36rem; max-width: 100%; }
table.month th, table.month td { border: 1px solid #ccc; vertical-align: top;
  padding: .15rem; height: 3rem; overflow-wrap: anywhere; }
table.month th { height: auto; }
table.month td.out { background: #f4f4f4; }
.day { font-weight: bold; }
.s { margin: .1rem 0; padding: .1rem; border-radius: .2rem; }
ul.feeds { columns: 2; } code { font-size: .8rem; }
@media (max-width: 40rem) {
  body { margin: .6rem; }
  table.month { width: 100%; font-size: .62rem; }
  table.month th, table.month td { padding: .05rem; }
  ul.feeds { columns: 1; }
}
"""


def subscription_page(
    faculty: Faculty,
    solution: Solution,
    feeds: list[Feed],
    feeds_folder: str,
    base_url: str | None,
) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(_title(faculty))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(_title(faculty))}</h1>",
        "<p>Calendrier des enseignements. Pour le suivre dans votre agenda (Thunderbird, "
        "Outlook, Google Agenda, Apple Calendrier), abonnez-vous à l'un des flux ci-dessous : "
        "l'agenda se met à jour de lui-même quand le calendrier change.</p>",
    ]
    for programme in faculty.programmes:
        colours = unit_colours(programme)
        for cohort in programme.cohorts:
            mine = [p for p in solution.sessions if cohort.id in faculty.session(p.session).cohorts]
            parts.append(f"<h2>{escape(programme.title)} — {escape(cohort.name)}</h2>")
            parts.append('<div class="months">')
            parts += _months(faculty, mine, colours)
            parts.append("</div>")
    parts.append("<h2>S'abonner</h2>")
    by_kind: dict[str, list[Feed]] = defaultdict(list)
    for feed in feeds:
        by_kind[feed.kind].append(feed)
    for kind, label in KIND_LABELS.items():
        if not by_kind.get(kind):
            continue
        parts.append(f"<h3>{label}</h3><ul class='feeds'>")
        for feed in by_kind[kind]:
            https, webcal = _links(base_url, f"{feeds_folder}/{feed.file_name}")
            parts.append(
                f"<li>{escape(feed.title)} ({plural(len(feed.uids), 'séance')}) : "
                f'<a href="{escape(webcal)}">s\'abonner</a> · '
                f'<a href="{escape(https)}">télécharger</a></li>'
            )
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _title(faculty: Faculty) -> str:
    titles = " · ".join(p.title for p in faculty.programmes)
    return f"{titles} {academic_years(faculty)}"


def _links(base_url: str | None, relative: str) -> tuple[str, str]:
    """(https link, webcal link); relative links when no base URL is known."""
    if not base_url:
        return relative, relative
    url = base_url.rstrip("/") + "/" + relative
    parts = urlsplit(url)
    webcal = "webcal://" + url.split("://", 1)[1] if parts.scheme in ("http", "https") else url
    return url, webcal


def _months(
    faculty: Faculty, sessions: list[ScheduledSession], colours: dict[str, str]
) -> list[str]:
    by_day: dict[dt.date, list[ScheduledSession]] = defaultdict(list)
    for placed in sessions:
        by_day[placed.date].append(placed)
    html: list[str] = []
    if not by_day:
        return html
    # Every month from the first taught to the last: a month without teaching is shown
    # empty, as a gap the reader sees, not skipped.
    first, last = min(by_day), max(by_day)
    months = [
        divmod(n, 12) for n in range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    ]
    for year, month_index in months:
        month = month_index + 1
        html.append('<table class="month"><caption>')
        html.append(f"{FRENCH_MONTHS[month - 1]} {year}</caption><tr>")
        html += [f"<th>{name[:3]}.</th>" for name in FRENCH_WEEKDAYS[:5]]
        html.append("</tr>")
        for week in month_grid.Calendar().monthdatescalendar(year, month):
            if all(d.month != month for d in week[:5]):
                continue
            html.append("<tr>")
            for day in week[:5]:
                if day.month != month:
                    html.append('<td class="out"></td>')
                    continue
                cells = [f'<div class="day">{day.day}</div>']
                for start, placed in sorted(
                    ((_start(faculty, placed), placed) for placed in by_day.get(day, [])),
                    key=lambda started: (started[0], started[1].session),
                ):
                    spec = faculty.session(placed.session)
                    colour = colours.get(spec.unit or "", "FFFFFF")
                    label = f"{start:%H:%M} {event_summary(faculty, spec)}"
                    cells.append(
                        f'<div class="s" style="background:#{colour}">{escape(label)}</div>'
                    )
                html.append(f"<td>{''.join(cells)}</td>")
            html.append("</tr>")
        html.append("</table>")
    return html


def _start(faculty: Faculty, placed: ScheduledSession) -> dt.time:
    """The clock time a session starts at: a day's sessions are listed in that order."""
    programme = faculty.programme(faculty.session(placed.session).programme)
    return min(slot.start for slot in programme.slots.placed(placed.slots))
