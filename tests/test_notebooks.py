"""Every notebook in docs/ runs top to bottom in a fresh kernel, and is stored without outputs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
NOTEBOOKS = sorted(DOCS.glob("*.ipynb"))
CELL_TIMEOUT = 180  # seconds per cell; each notebook runs in well under a minute
BUDGET = 120  # seconds per notebook: a notebook that needs more than this is too slow for a workshop

try:
    import ipykernel  # noqa: F401 (the kernel the notebooks run in)
    import nbclient
    import nbformat
except ImportError as missing:  # pragma: no cover
    if os.environ.get("CI"):  # CI must run every notebook: a missing test dependency is an error there
        raise ImportError(f"the notebook tests need nbclient, nbformat and ipykernel (the test extra): "
                          f"{missing}") from missing
    pytest.skip(f"the notebook tests need nbclient, nbformat and ipykernel: {missing}", allow_module_level=True)


def test_the_four_notebooks_are_there() -> None:
    assert [path.name for path in NOTEBOOKS] == ["01-counsellor-tour.ipynb", "02-exercise-technology.ipynb",
                                                 "03-exercise-care.ipynb", "04-official-data.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    assert code, "a notebook without code"
    assert all(not cell.outputs and cell.execution_count is None for cell in code), \
        f"{path.name} has outputs; clear them before committing (Edit → Clear Outputs of All Cells)"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(path, tmp_path, monkeypatch)


@pytest.mark.slow
def test_official_data_notebook_runs_without_the_shared_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPETENCE_BRIDGE_DATA", str(tmp_path / "no-downloads-here"))
    book = run(DOCS / "04-official-data.ipynb", tmp_path, monkeypatch)
    printed = "".join(output.get("text", "") for cell in book.cells if cell.cell_type == "code"
                      for output in cell.outputs)
    assert "(NOT found: using the test fixtures)" in printed
    assert "Put two ESCO versions in" in printed


def run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 (a NotebookNode)
    """Execute *path* in a fresh kernel with docs/ as working directory; fail on the first failing cell."""
    # The kernel inherits this environment: the graph cache stays below pytest's tmp paths, IPython's and
    # Jupyter's own files too, and the notebooks' temporary folders land in an empty folder we check after.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    docs_before = sorted(p.name for p in DOCS.iterdir())
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(book, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(DOCS)}})
    started = time.monotonic()
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{path.name}: a cell failed\n{error}")
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET, f"{path.name} took {elapsed:.0f} s"
    assert sorted(p.name for p in DOCS.iterdir()) == docs_before, "a notebook wrote to docs/"
    assert list(scratch.iterdir()) == [], "a notebook left files in its temporary folder"
    return book
