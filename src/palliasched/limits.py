"""Limits on the size of what palliasched reads, stated in the README and enforced early.

Each is far above any real programme (the bundled faculty of three programmes is 30 kB and
78 sessions) and low enough that a hostile or mistaken file is refused in well under two
seconds, before it can take the machine's memory or time.
"""

from __future__ import annotations

# Programme and changes files (YAML).
MAX_FILE_BYTES = 2_000_000  # one file, includes counted one by one
MAX_YAML_NODES = 1_000_000  # values once aliases and merge keys are expanded
MAX_YAML_DEPTH = 64  # nesting of mappings and lists
MAX_INCLUDES = 100  # files a programme file includes, directly or not

# What a programme may hold.
MAX_SESSIONS = 20_000  # sessions of a file, `count:` expanded
MAX_COUNT = 100  # `count:`, parallel groups, rooms per group
MAX_NAME = 200  # characters of a name, title or code
MAX_TEXT = 1_000  # characters of a free text (address, reason)
MAX_HOURS = 10_000  # hours of a UE or a session
MAX_SEATS = 100_000  # room capacity, cohort size
MAX_WEIGHT = 1_000_000  # weight of a soft rule
MAX_YEAR_DAYS = 731  # length of an academic year
MIN_YEAR, MAX_YEAR = 2000, 2199  # every date written

# Saved solutions (JSON).
MAX_SOLUTION_BYTES = 50_000_000
MAX_JSON_DEPTH = 64

# Grid workbooks (.xlsx).
MAX_WORKBOOK_BYTES = 50_000_000  # the .xlsx file
MAX_SHEET_XML_BYTES = 100_000_000  # one sheet, uncompressed
MAX_SHEET_ROWS = 5_000
MAX_SHEET_COLUMNS = 500
MAX_SHEET_CELLS = 200_000  # written cells of one sheet

# Instructors' agendas (unavailable_from: an .ics file or a CalDAV collection).
MAX_AGENDA_BYTES = 10_000_000  # one agenda
MAX_AGENDAS = 500  # agendas a programme file names

# Availability forms (`palliasched availability collect`).
MAX_FORMS = 2_000  # forms in one folder (one per instructor)
