"""The CP-SAT scheduler: the only package that imports OR-Tools."""

from palliasched.solver.batches import programme_batches
from palliasched.solver.engine import Progress, solve

__all__ = ["Progress", "programme_batches", "solve"]
