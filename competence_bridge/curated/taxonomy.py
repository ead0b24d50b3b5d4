"""Read curated YAML taxonomies, validate them as a whole, and write them in canonical form.

Loading is all-or-nothing: every problem in every file is collected, located (file, line,
entry, field) and raised together as one :class:`~competence_bridge.errors.TaxonomyError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from competence_bridge.bulk import paused_gc
from competence_bridge.curated.checks import check_taxonomy
from competence_bridge.curated.limits import LIMITS_FILE, Limits, limits
from competence_bridge.curated.limits_model import LimitsModel
from competence_bridge.curated.models import (
    SECTIONS,
    CrosswalkSettings,
    EscoOccupationName,
    FalseFriend,
    Framework,
    JobProfile,
    Level,
    MatchingSettings,
    MinedSynonyms,
    Qualification,
    QualificationType,
    Recognition,
    Source,
    TaxonomyFile,
    TermPair,
)
from competence_bridge.curated.reading import Locator, read_document, validated
from competence_bridge.curated.resources import shipped_dir, shipped_files
from competence_bridge.errors import Problem, TaxonomyError
from competence_bridge.files import write_atomic
from competence_bridge.sanitize import valid_iri

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: Keys that close every entry in canonical form, after the entry's own fields.
_TRAILING_KEYS = ("sources", "evidence", "note")


@dataclass(frozen=True)
class Taxonomy:
    """Validated curated data from one or more files, with an index by id."""

    sources: tuple[Source, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    qualification_types: tuple[QualificationType, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    job_profiles: tuple[JobProfile, ...] = ()
    term_pairs: tuple[TermPair, ...] = ()
    false_friends: tuple[FalseFriend, ...] = ()
    matching: tuple[MatchingSettings, ...] = ()
    crosswalk: tuple[CrosswalkSettings, ...] = ()
    mined_synonyms: tuple[MinedSynonyms, ...] = ()
    esco_occupations: tuple[EscoOccupationName, ...] = ()
    limits: LimitsModel | None = None
    files: tuple[str, ...] = ()
    _index: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def get(self, item_id: str) -> Any:
        """Return the source, framework, level, qualification type or recognition with this id."""
        return self._index.get(item_id)

    def levels(self) -> Iterator[tuple[Framework, Level]]:
        """Every level with its framework."""
        for framework in self.frameworks:
            for level in framework.levels:
                yield framework, level


# --- reading -----------------------------------------------------------------------------

@dataclass
class _Parsed:
    name: str
    content: TaxonomyFile
    locator: Locator


def _read_one(path: Path, caps: Limits | None = None) -> _Parsed:
    if caps is None:
        caps = limits()
    data, locator = read_document(path, caps.yaml_file_bytes, caps.yaml_depth, SECTIONS)
    content = validated(TaxonomyFile, data, locator)
    bad_urls = [locator.problem(("sources", i, "url"), f"{source.url!r} is not a valid IRI (RFC 3987: no "
                                                       "<>\"{}|\\^`, a '%' needs two hex digits)")
                for i, source in enumerate(content.sources) if not valid_iri(source.url)]
    if bad_urls:  # the graph could not hold them: refuse them here, not when the graph is built
        raise TaxonomyError(bad_urls)
    return _Parsed(str(path), content, locator)


def yaml_files(paths: Iterable[str | Path]) -> list[Path]:
    """The YAML files *paths* name: a file as given, a directory as its ``*.yaml`` files, sorted.

    :raises TaxonomyError: for a directory that holds no ``.yaml`` file (loading nothing silently would hide a typo)
    """
    expanded: list[Path] = []
    problems: list[Problem] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = sorted(path.glob("*.yaml"))
            if not found:
                problems.append(Problem(str(path), None, None, None, "a directory without .yaml files"))
            expanded.extend(found)
        else:
            expanded.append(path)
    if problems:
        raise TaxonomyError(problems)
    return expanded


def read_taxonomy(paths: Iterable[str | Path]) -> Taxonomy:
    """Read and validate YAML files (or directories of them) as one taxonomy.

    :raises TaxonomyError: with every problem found; nothing is returned half-validated
    """
    expanded = yaml_files(paths)
    problems: list[Problem] = []
    parsed: list[_Parsed] = []
    shipped_limits = (shipped_dir() / LIMITS_FILE).resolve()
    with paused_gc():
        for path in expanded:
            try:
                parsed.append(_read_one(path))
            except TaxonomyError as error:
                problems.extend(error.problems)
                continue
            if parsed[-1].content.limits is not None and path.resolve() != shipped_limits:
                problems.append(parsed[-1].locator.problem(("limits",), "limits are set only in the shipped "
                                                                         f"taxonomies/{LIMITS_FILE}"))
    if problems:
        raise TaxonomyError(problems)
    return _assemble(parsed)


def load_shipped() -> Taxonomy:
    """Read the taxonomies shipped with the package."""
    return read_taxonomy(shipped_files())


# --- assembly ----------------------------------------------------------------------------


def _assemble(parsed: list[_Parsed]) -> Taxonomy:
    index = check_taxonomy([(part.content, part.locator) for part in parsed])
    return Taxonomy(
        **{section: tuple(item for part in parsed for item in getattr(part.content, section))
           for section in SECTIONS if section != "limits"},
        limits=next((part.content.limits for part in parsed if part.content.limits is not None), None),
        files=tuple(part.name for part in parsed),
        _index=index,
    )


# --- canonical form -----------------------------------------------------------------------


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        keys = [k for k in value if k not in _TRAILING_KEYS] + [k for k in _TRAILING_KEYS if k in value]
        return {k: _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def dump_file(content: TaxonomyFile) -> str:
    """Serialise one file's content in the canonical form that is committed to git."""
    data = content.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    return yaml.dump(_ordered(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def canonical_text(path: str | Path) -> str:
    """Return the canonical form of one taxonomy file (validated on its own)."""
    return dump_file(_read_one(Path(path)).content)


def validate_paths(paths: Iterable[str | Path], *, with_shipped: bool = True) -> Taxonomy:
    """Validate user files, by default together with the shipped taxonomies they may refer to.

    :raises TaxonomyError: listing every problem
    """
    return read_taxonomy([*(shipped_files() if with_shipped else []), *paths])


def canonicalize(paths: Iterable[str | Path]) -> list[Path]:
    """Rewrite files in canonical form (atomically); return the ones that changed."""
    changed = []
    for item in paths:
        path = Path(item)
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            text = canonical_text(file)
            if file.read_text(encoding="utf-8") != text:
                write_atomic(file, text.encode("utf-8"))
                changed.append(file)
    return changed


def summary(taxonomy: Taxonomy) -> dict[str, int]:
    """Counts of what a taxonomy holds."""
    return {
        "files": len(taxonomy.files),
        "sources": len(taxonomy.sources),
        "frameworks": len(taxonomy.frameworks),
        "levels": sum(1 for _ in taxonomy.levels()),
        "qualification_types": len(taxonomy.qualification_types),
        "recognitions": len(taxonomy.recognitions),
        "recognition_statements": sum(len(r.statements) for r in taxonomy.recognitions),
        "qualifications": len(taxonomy.qualifications),
        "job_profiles": len(taxonomy.job_profiles),
        "competences": sum(len(q.competences) for q in taxonomy.qualifications)
        + sum(len(job.competences) for job in taxonomy.job_profiles),
        "term_pairs": len(taxonomy.term_pairs),
        "false_friends": len(taxonomy.false_friends),
    }
