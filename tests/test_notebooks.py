"""Every notebook in docs/ runs top to bottom in a fresh kernel, and is stored without outputs."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def outputs(book: Any, cell_id: str, mime: str = "text/plain") -> str:
    """Everything one cell showed in *mime* (or printed, for ``text/plain``)."""
    cell = next(cell for cell in book.cells if cell.get("id") == cell_id)
    found = []
    for output in cell.outputs:
        if output.get("name") == "stdout" and mime == "text/plain":
            found.append(output["text"])
        found.append(output.get("data", {}).get(mime, ""))
    return "".join(found)


def care_story(book: Any) -> None:
    """Notebook 03: each decision lands on the pair it is about, with its comment, and no progress noise."""
    medication = outputs(book, "cell-11")
    assert re.search(r"<Proposal \d+ accepted: vl:bk-zorgkundige\.c03 skos:\w+ nl:crebo-25656\.w03 ", medication)
    assert "Medicatie: de zorgkundige helpt bij klaargezette orale medicatie" in outputs(book, "cell-11", "text/html")
    assert "4 van" in outputs(book, "cell-10") and "2 aanvaard, 1 afgewezen, 1 twijfel" in outputs(book, "cell-10")
    rows = re.findall(r"<tr>(.*?)</tr>", outputs(book, "cell-13", "text/html"), re.S)
    cells = [re.findall(r"<td>([^<]*)</td>", row)[:4] for row in rows if "<td>" in row]
    shown = {(a, b, status): comment.removesuffix("...") for a, b, status, comment in cells}  # pandas cuts long text
    expected = {
        ("vl:bk-zorgkundige.c01", "nl:crebo-25656.w02", "accepted"): "Basiszorg = persoonlijke verzorging.",
        ("vl:bk-zorgkundige.c02", "nl:crebo-25656.w03", "unsure"): "Welke verpleegtechnische handelingen mag een "
        "VIG zelfstandig? Vergelijk met de federale lijst.",
        ("vl:bk-zorgkundige.c03", "nl:crebo-25656.w03", "accepted"): "Medicatie: de zorgkundige helpt bij "
        "klaargezette orale medicatie; VIG dient zelf toe.",
        ("vl:bk-zorgkundige.c02", "nl:crebo-25656.w02", "rejected"): "De overeenkomst komt uit de beroepsnaam "
        "(zorgkundige = verzorgende ig), niet uit de taak.",
    }
    assert set(shown) == set(expected)
    assert all(expected[key].startswith(shown[key]) and len(shown[key]) >= 30 for key in expected)


def official_data_story(book: Any) -> None:
    """Notebook 04: the official data loads and searches; a Competent title reaches its UWV counterparts."""
    assert "qualification" in outputs(book, book.cells[3].get("id"))
    if "(found)" in outputs(book, book.cells[1].get("id")):
        assert "1. Voorstellingsleider (uwv:1000408265)  skos:closeMatch  0.85  semapv:MappingChaining" in \
            outputs(book, "cell-crosswalk-translate")
        assert "Officiële koppelingen met ESCO:" in outputs(book, "cell-crosswalk-card")


#: What each notebook must show, beyond running: the story it tells.
STORIES: dict[str, Callable[[Any], None]] = {"03-exercise-care": care_story, "04-official-data": official_data_story}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = run(path, tmp_path, monkeypatch)
    printed = [output.get("text", "") for cell in book.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [text for text in printed if "graaf opbouwen" in text or "\r" in text], "progress lines in outputs"
    if path.stem in STORIES:
        STORIES[path.stem](book)


def test_notebooks_use_only_the_public_api() -> None:
    for path in NOTEBOOKS:
        code = "".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
        private = re.findall(r"from competence_bridge\.\w+|competence_bridge\.\w+\.|\.items\.items|\._\w+", code)
        assert private == [], f"{path.name} reaches past the public API: {private}"


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
