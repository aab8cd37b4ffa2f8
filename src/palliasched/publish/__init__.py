"""Everything written for people and programs to read: files of a solved calendar."""

from palliasched.publish.files import write_atomically
from palliasched.publish.table import SESSION_COLUMNS, session_rows, write_outputs

__all__ = ["SESSION_COLUMNS", "session_rows", "write_atomically", "write_outputs"]
