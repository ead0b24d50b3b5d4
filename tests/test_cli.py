"""The command line: JSON contract, exit codes, one-line errors, help, and running from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from competence_bridge.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse exits on bad usage, --help and --version
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_levels_json_contract(capsys) -> None:
    code, out, err = run(capsys, "levels", "vks", "5", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["level"] == {"id": "vks:5", "label": "VKS-niveau 5", "label_en": "FQF level 5",
                             "framework": "vks", "notation": "5", "eqf": "eqf:5"}
    assert data["eqf"]["id"] == "eqf:5" and data["eqf"]["relation"] == "exact"
    assert [e["id"] for e in data["equivalents"]] == ["nlqf:5"]
    assert [t["id"] for t in data["qualification_types"]["NL"]] == ["nl:associate-degree"]
    assert [t["id"] for t in data["qualification_types"]["BE-VLG"]] == ["vl:graduaat", "vl:hbo5", "vl:hbo5-verpleegkunde"]


def test_levels_text(capsys) -> None:
    code, out, _ = run(capsys, "levels", "vks", "5")
    assert code == 0
    assert out.splitlines()[:3] == ["VKS-niveau 5 (vks:5)", "  EQF: = EQF-niveau 5 (eqf:5)", "  Zelfde EQF-niveau:"]
    assert "    Associate degree (nl:associate-degree)" in out.splitlines()


def test_recognize_json_puts_direction_first(capsys) -> None:
    code, out, _ = run(capsys, "recognize", "havo", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["item"]["id"] == "nl:havo"
    first = data["recognitions"][0]
    assert list(first)[0] == "direction"
    assert (first["direction"], first["object"]["id"], first["binding"]) == (
        "NL → BE-VLG", "vl:getuigschrift-2e-graad-aso", "on-application")
    assert [i["id"] for i in data["not_in_force"]] == ["rec:benelux-secundair"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["levels", "vsk", "5"], "competence-bridge: error: unknown framework 'vsk'; did you mean 'vks'?\n"),
        (["recognize", "hvo"], "competence-bridge: error: unknown qualification type 'hvo'; "
                               "did you mean 'havo', 'nl:havo', 'nl:mavo'?\n"),
        (["recognize", "PhD", "--json"], "competence-bridge: error: 'PhD' is ambiguous; use one of the ids nl:doctor, vl:doctor\n"),
        (["recognise", "havo"], "competence-bridge: error: argument COMMAND: invalid choice: 'recognise' (choose from "
                                "'levels', 'recognize', 'search', 'translate', 'compare', 'review', 'export', 'diff', 'store', 'publish', "
                                "'validate', 'endpoint', 'cache'); did you mean 'recognize'? "
                                "(see 'competence-bridge --help')\n"),
        (["export", "--with", "yml:x.yaml"], "competence-bridge: error: argument --with: unknown data kind "
                                             "'yml' (choose from yaml, esco, sbb, brc, bk, esco-mapping); did you mean 'yaml'? "
                                             "(see 'competence-bridge export --help')\n"),
    ],
    ids=["framework", "item", "ambiguous", "command", "with-kind"],
)
def test_errors_are_one_line_with_exit_2(capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", message)


def test_export_writes_a_file_atomically(capsys, tmp_path: Path) -> None:
    target = tmp_path / "bridge.jsonld"
    code, out, _ = run(capsys, "export", "--format", "jsonld", "-o", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["bridge.jsonld"]


def test_validate_reports_every_problem_and_exits_1(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("qualification_types:\n- id: nl:x\n  region: NL\n  label: {nl: X, en: X}\n"
                   "  sector: secondary\n  levels: [vks:3]\n  evidence: verified\n  sources: [nope]\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{bad}:6, entry 'nl:x', field 'levels': level 'vks:3' is outside framework 'nlqf' of region NL",
        f"{bad}:8, entry 'nl:x', field 'sources': unknown source 'nope'",
    ]


def test_validate_shipped_taxonomies(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(ROOT / "taxonomies"), "--standalone", "--json")
    data = json.loads(out)
    assert code == 0 and data["valid"] is True and data["frameworks"] == 3 and data["levels"] == 26


def test_with_yaml_extends_one_run(capsys, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("qualification_types:\n- id: nl:test-type\n  region: NL\n  label: {nl: Testtype, en: Test type}\n"
                     "  sector: secondary\n  levels: [nlqf:5]\n  sources: [nuffic-nl-levels]\n  evidence: verified\n",
                     encoding="utf-8")
    code, out, _ = run(capsys, "levels", "nlqf", "5", "--json", "--with", f"yaml:{extra}")
    assert code == 0
    assert [t["id"] for t in json.loads(out)["qualification_types"]["NL"]] == ["nl:associate-degree", "nl:test-type"]


def test_every_command_has_help_with_an_example(capsys) -> None:
    from competence_bridge.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"levels", "recognize", "search", "translate", "compare", "review", "export", "diff", "store", "publish",
            "validate"} <= set(commands)
    for command in [*commands, "store build", "store info"]:
        code, out, _ = run(capsys, *command.split(), "--help")
        assert code == 0 and "examples:" in out and f"competence-bridge {command} " in out, command


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("competence-bridge ")


def test_python_dash_m_from_an_empty_directory(tmp_path: Path) -> None:
    env = {**os.environ, "COMPETENCE_BRIDGE_CACHE": str(tmp_path / "cache")}
    for _ in range(2):  # the second run reads the compiled graph from the cache
        done = subprocess.run([sys.executable, "-m", "competence_bridge", "levels", "vks", "5", "--json"],
                              cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
        assert json.loads(done.stdout)["equivalents"][0]["id"] == "nlqf:5"
    assert len(list((tmp_path / "cache").glob("graph-*.nt"))) == 1


@pytest.mark.slow
def test_built_wheel_ships_the_taxonomies_and_works_outside_the_clone(tmp_path: Path) -> None:
    """pip install . → competence-bridge levels vks 5 --json from an empty directory."""
    import shutil

    # build from a clean copy: setuptools' in-tree build/ directory can hold files deleted since
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", "build", "*.egg-info", ".git", "__pycache__", ".hypothesis", ".pytest_cache"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
                    str(source)], check=True, capture_output=True)
    [wheel] = wheels.glob("*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert {f"competence_bridge/taxonomies/{p.name}" for p in (ROOT / "taxonomies").glob("*.yaml")} <= set(names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "COMPETENCE_BRIDGE_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-m", "competence_bridge", "levels", "vks", "5", "--json"],
                          cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["level"]["id"] == "vks:5"
    located = subprocess.run([sys.executable, "-c", "import competence_bridge.curated.resources as r; print(r.shipped_dir())"],
                             cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert located.stdout.strip() == str(target / "competence_bridge" / "taxonomies")
    assert (target / "bin" / "competence-bridge").is_file()


def test_a_type_without_a_counterpart_points_to_its_level(capsys) -> None:
    # The new Flemish finality diplomas have no recognition and no name in common with a Dutch type: nothing is
    # proposed (a shared sector word is no evidence), and the output says where the same level is listed.
    code, out, err = run(capsys, "translate", "vl:dso-doorstroom", "--to", "NL")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Diploma secundair onderwijs doorstroomfinaliteit (vl:dso-doorstroom) → NL",
        "  Geen kandidaat gevonden.",
        "Wat op hetzelfde niveau ligt, aan beide kanten: competence-bridge levels vks 4"]
    code, out, err = run(capsys, "translate", "vl:dso-doorstroom", "--to", "NL", "--lang", "en")
    assert out.splitlines()[-1] == "What sits at the same level, on both sides: competence-bridge levels vks 4"


def test_compare_by_spelling_says_its_own_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    """--spelling compares the statements by words and spelling (Translator.use_spelling) instead of word overlap."""
    pair = ("compare", "vl:job.magazijnier", "nl:job.logistiek-medewerker")
    _, by_overlap, _ = run(capsys, *pair)
    code, by_spelling, _ = run(capsys, *pair, "--spelling")
    heading = "Logistiek medewerker: wat gevraagd wordt, en of Magazijnier het dekt"
    assert code == 0
    assert f"{heading} (75%)" in by_overlap.splitlines()
    assert f"{heading} (50%)" in by_spelling.splitlines()


def test_compare_text_shows_each_pairing_and_says_how_it_compared(capsys: pytest.CaptureFixture[str]) -> None:
    """The text shows, under each compared competence, what it was paired with and how similar (as the HTML
    does), and the verdict says what was measured: a ✘ is only 'nothing found above the threshold'."""
    code, out, _ = run(capsys, "compare", "vl:bk-zorgkundige", "nl:crebo-25656")
    lines = out.splitlines()
    assert code == 0
    at = lines.index("  ✘ Biedt persoonlijke verzorging")
    # a pairing below the threshold says so where it stands (before: "≈ gekoppeld aan: …", as a covered one does)
    assert lines[at + 1] == ("      ≈ gekoppeld, onder de drempel: Verleent basiszorg aan de zorgvrager: persoonlijke "
                             "hygiëne, mobiliteit, eten en drinken (0.25)")
    above = [line for line, after in zip(lines, lines[1:], strict=False) if after.startswith("      ≈ gekoppeld aan: ")]
    assert above and all(line.startswith("  ✔") for line in above)  # "gekoppeld aan" only under a covered one
    at = lines.index("  ✘ Handelt in onvoorziene en acute situaties")
    assert lines[at + 1] == "      met niets gekoppeld"
    kerntaak = lines.index("  · Biedt zorg en ondersteuning aan de cliënt in het zorgproces")
    assert lines[kerntaak + 1].startswith("  ✘")  # a kerntaak only summarises: not paired, no line under it
    assert lines[-2] == (
        "Oordeel: Weinig overlap gevonden (vergeleken op woorden): in Zorgkundige staat voor maar 11% van "
        "Verzorgende-IG een overeenkomende competentie. Een ✘ betekent alleen dat niets boven de drempel gevonden "
        "werd; een anders verwoorde competentie kan gemist zijn. Niveauverschil: VKS 4 (EQF 4) tegenover NLQF 3 "
        "(EQF 3); het brondiploma ligt 1 EQF-niveau hoger.")
    assert lines[-1] == "(gedekt vanaf een overeenkomst van 0.40)"
    _, english, _ = run(capsys, "compare", "vl:bk-zorgkundige", "nl:crebo-25656", "--lang", "en", "--spelling")
    assert english.splitlines()[-2].startswith(
        "Verdict: Little overlap found (compared by words and spelling): Zorgkundige has a matching competence "
        "for only 11% of Verzorgende-IG. A ✘ only means that nothing was found above the threshold; a competence "
        "worded differently may have been missed.")
    assert "      paired with nothing" in english.splitlines()
    assert any(line.startswith("      ≈ paired, below the threshold: ") for line in english.splitlines())
    _, as_json, _ = run(capsys, "compare", "vl:bk-zorgkundige", "nl:crebo-25656", "--json", "--spelling")
    assert json.loads(as_json)["measure"] == "spelling"
    _, nothing, _ = run(capsys, "compare", "vl:graduaat", "nl:associate-degree")  # types: no competences
    assert nothing.splitlines()[-1].startswith("Oordeel: Er zijn geen competenties om te vergelijken.")
