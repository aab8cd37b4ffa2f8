"""The CP-SAT scheduler: the only package that imports OR-Tools."""

from palliasched.solver.solve import Progress, programme_batches, solve

__all__ = ["Progress", "programme_batches", "solve"]
