"""Reading programme files (YAML) into the domain model."""

from palliasched.io.load import Checked, check_programme, load_programme

__all__ = ["Checked", "check_programme", "load_programme"]
