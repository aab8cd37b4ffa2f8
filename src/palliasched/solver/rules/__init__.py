"""One module per hard rule with a CP-SAT constraint of its own, registered with
``@constraint`` (``registry.py``).

Every module of this folder is imported here, so that adding a file is all it takes for the
rule's constraint to be added to every model (the bare-week bound's too: a constraint added
here must hold for any calendar the bound's weeks stand for, or the bound is unsound).
"""

from palliasched.rules.plugins import import_all

import_all(__name__, __path__)
