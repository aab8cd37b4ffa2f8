"""The domain model: the academic calendar, a programme file's faculty, and a calendar of
sessions (plain data: no file reading, no solver)."""
