"""The analyst notebook runs from top to bottom and draws its figure (so that it cannot rot)."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "m2-analysis.ipynb"


def test_the_analyst_notebook_runs_and_draws_its_figure() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    text = "".join(str(o.get("text", "")) for o in outputs)
    assert "optimal" in text
