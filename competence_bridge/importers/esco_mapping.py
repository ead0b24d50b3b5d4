"""Official ESCO mapping tables of national classifications (VDAB Competent, UWV) → SSSOM mappings and items.

``read(path)`` takes one table in the shape the European Commission publishes for EURES (see
:mod:`competence_bridge.importers.esco_mapping_table`): ``BLM_mapping.csv`` (ESCO occupations ↔ VDAB
Competent occupations), ``NL_mapping.csv`` (ESCO occupations ↔ UWV beroepen) or the ESCO skills ↔
VDAB competences table. The whole file is validated before anything is returned.

What comes out:

* a :class:`~competence_bridge.sssom.mapping.MappingSet` (:attr:`EscoMappingDataset.mapping_set`): one
  mapping per distinct (national concept, ESCO concept, relation), **national concept as subject**,
  ``semapv:ManualMappingCuration``, the table's author and date, labels, the versions of both sides,
  and in ``other`` the file and lines it came from and the relation as the table wrote it;
* the national concepts as graph items: ``vdab:OP-410 a cb:Occupation`` (region BE-VLG, Dutch and
  French labels, code, Competent's own UUID), ``uwv:1000409808 a cb:Occupation`` (region NL),
  ``vdab:KN-10 a cb:Competence`` with ``cb:escoSkill`` for its exact and close ESCO skills; each
  ``skos:inScheme`` its classification, with ``cb:version`` and ``dcterms:source`` the table.

Which way a relation reads is **not the same in every table**. In ``NL_mapping.csv`` "welder
skos:narrowMatch Autogeen lasser" reads ESCO → national (the UWV occupation is the narrower); in
the two Nalantis tables "inspiciënt skos:narrowMatch Productieverantwoordelijke podium/audiovisueel"
reads national → ESCO (ESCO's stage manager is the narrower). The importer reads the direction
from the data (:func:`~competence_bridge.importers.esco_mapping_table.fan_out_evidence`), records it,
and writes every SSSOM predicate national → ESCO; ``read(path, reading=...)`` overrides it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, TypeAlias

from competence_bridge.bulk import paused_gc
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import Triple
from competence_bridge.importers.esco_mapping_rdf import agent_curie, dataset_triples
from competence_bridge.importers.esco_mapping_table import Metadata, RawTable, Record, fan_out_evidence, read_table
from competence_bridge.importers.national import NATIONAL_CLASSIFICATIONS, NationalClassification
from competence_bridge.importers.versions import ConceptRecord
from competence_bridge.rdf.curies import BASE, PREFIXES
from competence_bridge.sssom.mapping import Mapping, MappingSet, invert
from competence_bridge.vocabulary import PREDICATES, Region

#: How a table's relations read: from the national concept to ESCO, or from ESCO to the national concept.
Reading: TypeAlias = Literal["national-to-esco", "esco-to-national"]
READINGS: tuple[Reading, ...] = ("national-to-esco", "esco-to-national")
#: Below this many broad/narrow rows, or this much evidence, the direction is not read from the data
#: and the table is taken literally (ESCO, Classification 1, as the subject of each row).
MIN_HIERARCHICAL_ROWS = 20
MIN_EVIDENCE = 0.05

#: The reuse terms of ESCO and its mapping tables (Commission Decision 2011/833/EU on reuse).
LICENSE = "https://eur-lex.europa.eu/eli/dec/2011/833/oj"
#: The CURIE prefix of each kind of ESCO concept a table may point at.
ESCO_PREFIXES = {"occupation": "esco-occupation", "skill": "esco-skill", "isco": "isco"}
ESCO_SCHEMES = {"occupation": "http://data.europa.eu/esco/concept-scheme/occupations",
                "skill": "http://data.europa.eu/esco/concept-scheme/skills"}


@dataclass(frozen=True, slots=True)
class NationalConcept:
    """A concept of the national classification, as the table names it."""

    id: str  # CURIE, e.g. vdab:OP-410
    code: str
    uri: str  # the classification's own identifier (Competent's UUID), '' when the table gives none
    labels: tuple[tuple[str, str], ...]  # (language, preferred label), one per language
    other_labels: tuple[str, ...]  # further labels the table gives the same id on other rows
    line: int  # first line


@dataclass(frozen=True, slots=True)
class EscoConcept:
    """An ESCO concept as the table names it (in the table's ESCO version)."""

    id: str  # CURIE, e.g. esco-occupation:<uuid>
    iri: str
    label: str
    code: str  # ESCO code where the table gives it, e.g. 2166.4.7
    line: int


@dataclass(frozen=True, slots=True)
class OfficialMapping:
    """One distinct mapping of the table, read national → ESCO, with the lines it stands on."""

    national: str
    esco: str
    predicate: str  # national → ESCO, SKOS semantics
    relation: str  # as the table wrote it
    national_label: str
    esco_label: str
    lines: tuple[int, ...]
    note: str


@dataclass(frozen=True)
class EscoMappingDataset:
    """A validated ESCO national-classification mapping table (see the module docstring)."""

    path: Path
    metadata: Metadata
    classification: NationalClassification
    reading: Reading
    reading_evidence: tuple[float, int]  # (fan-out evidence, hierarchical rows), see fan_out_evidence
    reading_detected: bool  # False when given by the caller or too little evidence
    national_concepts: tuple[NationalConcept, ...]
    esco_concepts: tuple[EscoConcept, ...]
    mappings: tuple[OfficialMapping, ...]
    table_rows: int
    kind: str = field(default="esco-mapping", init=False)

    @property
    def version(self) -> str | None:
        """The table's own version ("1.0"), when it states one."""
        return self.metadata.version

    @property
    def region(self) -> Region:
        """The region of the national classification."""
        return self.classification.region

    @property
    def concept_kind(self) -> str:
        """``occupation`` or ``competence``: what the national concepts are."""
        return self.metadata.national.kind

    @property
    def esco_kind(self) -> str:
        """``occupation`` or ``skill``: what the ESCO concepts are."""
        return "skill" if self.metadata.esco.kind == "competence" else "occupation"

    @property
    def slug(self) -> str:
        """A short name of the table, e.g. ``vdab-competent-occupation-3.8``."""
        return f"{self.classification.key}-{self.concept_kind}-{self.metadata.national.version or 'unversioned'}"

    @property
    def mapping_set_id(self) -> str:
        """The IRI of the mapping set."""
        return f"{BASE}mappings/esco-mapping/{self.slug}"

    @property
    def scheme_curie(self) -> str:
        """The concept scheme of the national concepts, e.g. ``vdab:scheme/occupation``."""
        return f"{self.classification.prefix}:scheme/{self.concept_kind}"

    def describe(self) -> str:
        """One paragraph: what the table maps, by whom, and how its relations were read."""
        meta, national = self.metadata, self.metadata.national
        by = f" by {meta.author}" if meta.author else " (no author named)"
        when = f", {meta.date.isoformat()}" if meta.date else ""
        evidence, rows = self.reading_evidence
        how = ("as given" if not self.reading_detected and rows >= MIN_HIERARCHICAL_ROWS
               else f"read from the data: fan-out evidence {evidence:+.2f} over {rows} broad/narrow rows"
               if self.reading_detected else f"taken literally: only {rows} broad/narrow rows")
        direction = ("national concept → ESCO" if self.reading == "national-to-esco" else "ESCO → national concept")
        return (f"ESCO {meta.esco.version or '?'} {self.esco_kind}s ↔ {self.classification.title_en} "
                f"{national.version or '?'} {self.concept_kind}s: '{meta.name}'{by}{when} ({self.path.name}). "
                f"The table's relations read {direction} ({how}); every predicate here reads national concept → "
                "ESCO. This service uses the ESCO classification of the European Commission.")

    def summary(self) -> dict[str, int]:
        """Rows, distinct mappings and concepts, and mappings per relation as the table states it."""
        relations = Counter(m.relation for m in self.mappings)
        return {
            "table_rows": self.table_rows,
            "mappings": len(self.mappings),
            "repeated_rows": self.table_rows - len(self.mappings),
            "national_concepts": len(self.national_concepts),
            "esco_concepts": len(self.esco_concepts),
            "esco_isco_groups": sum(1 for c in self.esco_concepts if c.id.startswith("isco:")),
            **{predicate.removeprefix("skos:"): relations.get(predicate, 0) for predicate in PREDICATES},
            "conflicting_labels": sum(1 for c in self.national_concepts if c.other_labels),
        }

    @cached_property
    def mapping_set(self) -> MappingSet:
        """The table as an SSSOM mapping set (subject: the national concept)."""
        meta = self.metadata
        author = agent_curie(meta.author) if meta.author else None
        labels = {c.id: c for c in self.national_concepts}
        mappings = []
        for m in self.mappings:
            other = {"source_file": self.path.name, "source_lines": ",".join(map(str, m.lines)),
                     "table_relation": m.relation, "author_label": _clean(meta.author or "")}
            mappings.append(Mapping(
                subject_id=m.national, subject_label=m.national_label or _label(labels[m.national]),
                subject_category=self.concept_kind, predicate_id=m.predicate,  # type: ignore[arg-type]
                object_id=m.esco, object_label=m.esco_label or None, object_category=self.esco_kind,
                mapping_justification="semapv:ManualMappingCuration", author_id=author, mapping_date=meta.date,
                subject_source_version=meta.national.version, object_source_version=meta.esco.version,
                comment=m.note or None, other="|".join(f"{k}={v}" for k, v in other.items() if v)))
        mappings.sort(key=lambda m: (m.subject_id, m.object_id, m.predicate_id))
        prefix = self.classification.prefix
        return MappingSet(
            mapping_set_id=self.mapping_set_id, mapping_set_title=meta.name, mapping_set_description=self.describe(),
            license=LICENSE, subject_source=PREFIXES[prefix] + self.scheme_curie.partition(":")[2],
            subject_source_version=meta.national.version, object_source=ESCO_SCHEMES[self.esco_kind],
            object_source_version=meta.esco.version, mapping_date=meta.date,
            curie_map={p: PREFIXES[p] for p in sorted({prefix, *(m.object_id.partition(":")[0] for m in mappings)})},
            mappings=tuple(mappings))

    def esco_records(self) -> Iterator[ConceptRecord]:
        """The ESCO concepts as the table knows them (its ESCO version), for version comparison.

        The ISCO group is known where the table gives ESCO's code (its first four digits); labels
        are the table's, in whatever language it wrote them.
        """
        isco = PREFIXES["isco"]
        for concept in self.esco_concepts:
            group = f"{isco}C{concept.code[:4]}" if re.match(r"\d{4}", concept.code) else None
            yield ConceptRecord(concept.iri, concept.label, group, (), frozenset(), concept.code)

    def triples(self) -> Iterator[Triple]:
        """The table's provenance, its national concepts as items, and the mapping set as SSSOM/RDF."""
        return dataset_triples(self)


def _label(concept: NationalConcept) -> str:
    return dict(concept.labels).get("nl") or (concept.labels[0][1] if concept.labels else concept.code)


def _clean(text: str) -> str:
    """Text safe inside SSSOM's ``other`` (``key=value|key=value``)."""
    return text.replace("|", "/").replace("=", "-")


def read(path: Path, reading: Reading | None = None) -> EscoMappingDataset:
    """Read and validate one ESCO mapping table; raises ``SourceFormatError`` naming file, line and column.

    *reading* says which way the table's relations read; by default it is read from the data.
    """
    path = Path(path)
    if path.is_dir():
        raise SourceFormatError(path, "expected an ESCO mapping table (CSV file), not a directory")
    if not path.exists():
        raise SourceFormatError(path, "no such file or directory")
    if reading is not None and reading not in READINGS:
        raise ValueError(f"reading must be one of {', '.join(READINGS)}, not {reading!r}")
    with paused_gc():
        table = read_table(path)
        return _build(table, reading)


def _classification(table: RawTable) -> NationalClassification:
    national = table.metadata.national
    text = f"{national.name} {national.landing_page or ''}".lower()
    for classification in NATIONAL_CLASSIFICATIONS:
        if any(marker in text for marker in classification.markers):
            return classification
    known = " and ".join(f"{c.title_en} for {c.region}" for c in NATIONAL_CLASSIFICATIONS)
    raise SourceFormatError(table.path, f"unknown national classification {national.name!r}; this importer knows "
                            f"{known}", line=table.metadata.lines.get("classification 2 name"), where="column 2")


def _build(table: RawTable, reading: Reading | None) -> EscoMappingDataset:
    path, meta = table.path, table.metadata
    if "esco" not in f"{meta.esco.name} {meta.esco.landing_page or ''}".lower():
        raise SourceFormatError(path, f"Classification 1 must be ESCO, not {meta.esco.name!r}",
                                line=meta.lines.get("classification 1 name"), where="column 2")
    classification = _classification(table)
    prefix = classification.prefix
    nationals: dict[str, list[Record]] = {}
    escos: dict[str, Record] = {}
    uris: dict[str, tuple[str, int]] = {}
    for record in table.records:
        if not classification.code.match(record.national_id):
            raise SourceFormatError(path, f"{record.national_id!r} is not a {classification.title_en} code",
                                    line=record.line, where="column 'Classification 2 ID'")
        if record.national_uri:
            known = uris.setdefault(record.national_id, (record.national_uri, record.line))
            if known[0] != record.national_uri:
                raise SourceFormatError(path, f"{record.national_id} has URI {record.national_uri} here but "
                                        f"{known[0]} on line {known[1]}", line=record.line,
                                        where="column 'Classification 2 URI'")
        nationals.setdefault(record.national_id, []).append(record)
        escos.setdefault(record.esco_uuid, record)
    distinct: dict[tuple[str, str, str], list[Record]] = {}
    for record in table.records:
        distinct.setdefault((record.national_id, record.esco_uuid, record.relation), []).append(record)
    evidence = fan_out_evidence(distinct)
    detected = reading is None and evidence[1] >= MIN_HIERARCHICAL_ROWS and abs(evidence[0]) >= MIN_EVIDENCE
    if reading is None:
        reading = ("national-to-esco" if evidence[0] > 0 else "esco-to-national") if detected else "esco-to-national"
    mappings = []
    for (national_id, uuid, relation), records in distinct.items():
        first = records[0]
        predicate = relation if reading == "national-to-esco" else invert(relation)
        mappings.append(OfficialMapping(
            f"{prefix}:{national_id}", f"{ESCO_PREFIXES[first.esco_kind]}:{uuid}", predicate, relation,
            dict(first.labels).get("nl") or (first.labels[0][1] if first.labels else ""), first.esco_label,
            tuple(r.line for r in records), first.note))
    return EscoMappingDataset(
        path=path, metadata=meta, classification=classification, reading=reading, reading_evidence=evidence,
        reading_detected=detected,
        national_concepts=tuple(_national(prefix, code, records) for code, records in nationals.items()),
        esco_concepts=tuple(EscoConcept(f"{ESCO_PREFIXES[r.esco_kind]}:{uuid}",
                                        PREFIXES[ESCO_PREFIXES[r.esco_kind]] + uuid, r.esco_label, r.esco_code, r.line)
                            for uuid, r in escos.items()),
        mappings=tuple(mappings), table_rows=len(table.records))


def _national(prefix: str, code: str, records: list[Record]) -> NationalConcept:
    """One national concept from its rows: per language the label most rows give (the first on a tie)."""
    labels = []
    others: list[str] = []
    for lang in dict.fromkeys(lang for r in records for lang, _ in r.labels):
        counts = Counter(label for r in records for language, label in r.labels if language == lang)
        best = max(counts, key=lambda label: counts[label])  # Counter keeps first-seen order on ties
        labels.append((lang, best))
        others.extend(label for label in counts if label != best and label.lower() != best.lower())
    uri = next((r.national_uri for r in records if r.national_uri), "")
    return NationalConcept(f"{prefix}:{code}", code, uri, tuple(labels), tuple(dict.fromkeys(others)),
                           records[0].line)
