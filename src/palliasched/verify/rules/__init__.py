"""One module per hard rule with a check of its own, registered with ``@checks`` (``base.py``).

Every module of this folder is imported here, so that adding a file is all it takes for the
rule's check to run. A check reads the programme and the calendar only: nothing of the solver.
"""

from palliasched.rules.plugins import import_all

import_all(__name__, __path__)
