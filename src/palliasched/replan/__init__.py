"""Re-planning during the year: changes applied to a programme (``changes``), the calendar
closest to the published one (``replanning``), and what moved and whom to tell (``moves``)."""
