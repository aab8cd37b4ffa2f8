"""The CP-SAT scheduler: the only package that imports OR-Tools."""

from palliasched.solver.batches import programme_batches
from palliasched.solver.engine import solve
from palliasched.solver.search import Progress

__all__ = ["Progress", "programme_batches", "solve"]
