"""SBB kwalificatiedossier XML (the SBB download format of the 2016 dossiers) → mbo qualifications.

One file holds one dossier (``<sbb><dossiers><dossier>``) with a basisdeel and one or more profielen.
Each **profiel** becomes a :class:`~competence_bridge.curated.models.Qualification` ``nl:crebo-<crebo>`` whose
competences are the basisdeel's kerntaken (``task``) and werkprocessen (``work-process``), then the
profiel's own, then the vakkennis-en-vaardigheden items they refer to. Kerntaken and werkprocessen
get SBB's codes (``B1-K1-W2``: basisdeel 1, kerntaak 1, werkproces 2; ``P2-K1-W3`` for profiel 2).
An item that starts with "kan" ("kan ... toepassen") is a ``skill``, any other ("heeft kennis van ...")
``knowledge``; its code is SBB's item number. The dossier itself becomes ``nl:dossier-<crebo>``, and
each profiel is ``dcterms:isPartOf`` it.

The XML is parsed with expat in one pass that refuses any DOCTYPE, entity declaration or external
entity reference, so entity expansion ("billion laughs") and external entities (XXE) are never
resolved. The whole file is validated before :func:`read` returns.

Encodings: the bytes are decoded here, by the encoding the XML declaration (or a byte order mark)
names, UTF-8 when none; any encoding Python knows is accepted (``shift_jis`` too), an unknown one
(``x-klingon``) is refused, and so is a single-byte declaration (``ISO-8859-1``) whose non-ASCII
bytes are in fact valid UTF-8: that file would load as mojibake ("CoÃ¶rdinator"). A file larger
than ``xml_file_bytes`` (``taxonomies/limits.yaml``) is refused unread.

Labels: SBB dossiers are Dutch only, so titles carry the tag ``nl`` and no English copy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from xml.etree import ElementTree as ET

from pydantic import ValidationError
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF

from competence_bridge.curated.models import Competence, CompetenceKind, Domain, Labels, Qualification
from competence_bridge.errors import SourceFormatError
from competence_bridge.importers import Triple
from competence_bridge.importers.xml_files import clean_text, dutch_labels_only, file_key, parse_xml
from competence_bridge.rdf.build import iri, qualification_triples, source_iri
from competence_bridge.rdf.namespaces import CB, DCTERMS, EVIDENCE, RDF, SKOS, XSD

#: mbo levels and the EQF level each is referenced to (NLQF 1-4 = EQF 1-4).
EQF_OF: dict[str, str | None] = {f"nlqf:{n}": f"eqf:{n}" for n in range(1, 5)}

#: SBB opleidingsdomeinen (``<domein titel>``) → our domains; every other domain is ``other``.
DOMAINS: dict[str, Domain] = {
    "Zorg en welzijn": "care",
    "Informatie en communicatietechnologie": "ict",
    "Transport, scheepvaart en logistiek": "logistics",
    "Bouw en infra": "technology",
    "Afbouw, hout en onderhoud": "technology",
    "Techniek en procesindustrie": "technology",
    "Mobiliteit en voertuigen": "technology",
    "Ambacht, laboratorium en gezondheidstechniek": "technology",
}

PUBLISHER = "SBB (Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven)"

@dataclass(frozen=True)
class SbbDossier:
    """The kwalificatiedossier a file describes."""

    id: str  # nl:dossier-<crebo>
    crebo: str
    title: str
    domain: Domain
    valid_from: dt.date | None


@dataclass(frozen=True)
class SbbDataset:
    """One SBB kwalificatiedossier, read and validated: its profielen as qualifications."""

    path: Path
    version: str | None
    source_key: str
    dossier: SbbDossier
    qualifications: tuple[Qualification, ...]
    part_of: tuple[tuple[str, str], ...]  # (competence id, id of the kerntaak it belongs to)
    kind: str = field(default="sbb", init=False)

    def triples(self) -> Iterator[Triple]:
        """The file as a ``cb:Source``, the dossier, and each profiel through ``qualification_triples``."""
        source = source_iri(self.source_key)
        yield source, RDF.type, CB.Source
        yield source, DCTERMS.title, Literal(f"SBB kwalificatiedossier {self.dossier.title} "
                                             f"(crebo {self.dossier.crebo}), {self.path.name}")
        yield source, DCTERMS.publisher, Literal(PUBLISHER)
        yield source, FOAF.page, URIRef(self.path.resolve().as_uri())
        dossier = iri(self.dossier.id)
        yield dossier, RDF.type, DCTERMS.BibliographicResource
        yield dossier, SKOS.prefLabel, Literal(self.dossier.title, lang="nl")
        yield dossier, DCTERMS.title, Literal(self.dossier.title, lang="nl")
        yield dossier, SKOS.notation, Literal(self.dossier.crebo)
        yield dossier, DCTERMS.identifier, Literal(self.dossier.crebo)
        yield dossier, CB.region, Literal("NL")
        yield dossier, CB.domain, Literal(self.dossier.domain)
        if self.version:
            yield dossier, CB.version, Literal(self.version)
        if self.dossier.valid_from:
            yield dossier, CB.validFrom, Literal(self.dossier.valid_from, datatype=XSD.date)
        yield dossier, DCTERMS.source, source
        yield dossier, CB.evidence, EVIDENCE["verified"]
        for qualification in self.qualifications:
            yield from dutch_labels_only(qualification_triples(qualification, EQF_OF))
            yield iri(qualification.id), DCTERMS.isPartOf, dossier
            yield dossier, DCTERMS.hasPart, iri(qualification.id)
        for child, parent in self.part_of:
            yield iri(child), DCTERMS.isPartOf, iri(parent)

    def summary(self) -> dict[str, int]:
        """Profielen, and the competence statements of all of them by kind."""
        kinds: list[str] = [competence.kind for q in self.qualifications for competence in q.competences]
        return {"profiles": len(self.qualifications), "competences": len(kinds),
                **{name: kinds.count(kind) for name, kind in _SUMMARY_KINDS.items()}}


#: summary() keys for the competence kinds an SBB dossier yields.
_SUMMARY_KINDS = {"tasks": "task", "work_processes": "work-process", "knowledge": "knowledge", "skills": "skill"}


@dataclass(frozen=True)
class _Part:
    """The basisdeel or one profiel: kerntaken with their werkprocessen, and the items they refer to."""

    statements: tuple[tuple[str, CompetenceKind, str], ...]  # (code, kind, text) in document order
    items: tuple[tuple[str, str], ...]  # (item nr, code of the kerntaak that lists it)


class _Reader:
    """Walks one parsed file; every problem names the file, the element and its line."""

    def __init__(self, path: Path, lines: dict[ET.Element, int]) -> None:
        self.path = path
        self.lines = lines

    def fail(self, element: ET.Element, message: str) -> NoReturn:
        nr = element.get("nr")
        where = f'<{element.tag} nr="{nr}">' if nr else f"<{element.tag}>"
        raise SourceFormatError(self.path, message, line=self.lines.get(element), where=where)

    def one(self, parent: ET.Element, path: str, what: str) -> ET.Element:
        found = parent.find(path)
        if found is None:
            self.fail(parent, f"{what}: no <{path}> element")
        return found

    def attr(self, element: ET.Element, name: str) -> str:
        value = clean_text(element.get(name) or "")
        if not value:
            self.fail(element, f"missing or empty attribute {name!r}")
        return value

    def crebo(self, element: ET.Element) -> str:
        value = clean_text(element.text or "")
        if not re.fullmatch(r"[0-9]{5}", value):
            self.fail(element, f"a crebo is five digits, not {value!r}")
        return value

    def date(self, element: ET.Element, name: str) -> dt.date | None:
        value = clean_text(element.get(name) or "")
        if not value:
            return None
        try:
            return dt.datetime.strptime(value, "%d-%m-%Y").date()
        except ValueError:
            self.fail(element, f"attribute {name!r} is not a date DD-MM-YYYY: {value!r}")

    def number(self, element: ET.Element, name: str) -> int:
        value = self.attr(element, name)
        if not (value.isascii() and value.isdigit()) or int(value) < 1:
            self.fail(element, f"attribute {name!r} must be a positive whole number, not {value!r}")
        return int(value)

    def part(self, prefix: str, tasks: list[ET.Element], processes_path: str,
             known_items: dict[str, str]) -> _Part:
        statements: list[tuple[str, CompetenceKind, str]] = []
        items: list[tuple[str, str]] = []
        for task in tasks:
            task_code = f"{prefix}-K{self.number(task, 'hoofdstuk')}"
            statements.append((task_code, "task", self.attr(task, "titel")))
            for process in task.findall(processes_path):
                statements.append((f"{task_code}-W{self.number(process, 'hoofdstuk')}", "work-process",
                                   self.attr(process, "titel")))
            for ref in task.findall("vakkennisenvaardigheden/vakkennisenvaardigheden"):
                items.append((self.item_ref(ref, known_items), task_code))
        return _Part(tuple(statements), tuple(items))

    def item_ref(self, ref: ET.Element, known_items: dict[str, str]) -> str:
        nr = str(self.number(ref, "referentie"))
        if nr not in known_items:
            self.fail(ref, f"refers to kennisofvaardigheid {nr}, which the dossier does not list")
        return nr


def read(path: Path) -> SbbDataset:
    """Read and validate one SBB kwalificatiedossier XML file; raises ``SourceFormatError``."""
    path = Path(path)
    root, lines = parse_xml(path)
    reader = _Reader(path, lines)
    if root.tag != "sbb":
        reader.fail(root, f"not an SBB kwalificatiedossier: the root element is <{root.tag}>, expected <sbb>")
    dossiers = root.findall("dossiers/dossier")
    if not dossiers:
        reader.fail(root, "not an SBB kwalificatiedossier: no <dossiers>/<dossier> element")
    if len(dossiers) > 1:
        reader.fail(dossiers[1], "only one dossier per file is supported")
    element = dossiers[0]
    dossier = _dossier(reader, root, element)
    version = _version(element)
    known_items = {str(reader.number(item, "nr")): reader.attr(item, "titel")
                   for item in element.findall("kennisenvaardigheden/kennisofvaardigheid")}
    tasks = element.findall("basis/basistaken/basiskerntaken/kerntaak")
    if not tasks:
        reader.fail(element, "the basisdeel has no kerntaken (basis/basistaken/basiskerntaken/kerntaak)")
    basis = reader.part("B1", tasks, "basiswerkprocessen/werkproces", known_items)
    profiles = element.findall("profielen/profiel")
    if not profiles:
        reader.fail(element, "the dossier has no profielen (profielen/profiel)")
    extra = _additions(reader, tasks, {reader.attr(profile, "nr") for profile in profiles}, known_items)

    source_key = file_key("sbb", path)
    qualifications: list[Qualification] = []
    part_of: list[tuple[str, str]] = []
    for profile in profiles:
        crebo_element = reader.one(profile, "creboinformatie/crebo", "the profiel has no crebo")
        crebo = reader.crebo(crebo_element)
        if any(q.code == crebo for q in qualifications):
            reader.fail(profile, f"crebo {crebo} is used by two profielen")
        level = reader.attr(profile, "niveau")
        if level not in {"1", "2", "3", "4"}:
            reader.fail(profile, f"niveau must be an mbo level 1-4, not {level!r}")
        own = reader.part(f"P{reader.number(profile, 'hoofdstuk')}", profile.findall("profielkerntaken/kerntaak"),
                          "profielwerkprocessen/werkproces", known_items)
        owner = f"nl:crebo-{crebo}"
        title = reader.attr(profile, "titel")
        try:
            competences, links = _competences(reader, profile, owner, basis, own,
                                              extra.get(reader.attr(profile, "nr"), []), known_items)
            part_of.extend(links)
            qualifications.append(Qualification(
                id=owner, region="NL", kind="mbo-kwalificatie", qualification_type=f"nl:mbo-{level}",
                title=Labels(nl=title, en=title), code=crebo, version=version, level=f"nlqf:{level}",
                domain=dossier.domain, valid_from=reader.date(crebo_element, "Geldig_vanaf"),
                text_status="official", competences=competences, sources=(source_key,), evidence="verified",
            ))
        except ValidationError as error:
            reader.fail(profile, f"does not validate: {error.errors(include_url=False)[0]['msg']}")
    return SbbDataset(path=path, version=version, source_key=source_key, dossier=dossier,
                      qualifications=tuple(qualifications), part_of=tuple(part_of))


def _dossier(reader: _Reader, root: ET.Element, element: ET.Element) -> SbbDossier:
    """The dossier's crebo, title, domain and start date."""
    crebo_element = reader.one(element, "dossiercrebos/dossiercrebo", "the dossier has no crebo")
    crebo = reader.crebo(crebo_element)
    domains = {d.get("nr"): clean_text(d.get("titel") or "") for d in root.findall("domeinen/domein")}
    return SbbDossier(
        id=f"nl:dossier-{crebo}", crebo=crebo, title=reader.attr(element, "titel"),
        domain=DOMAINS.get(domains.get(element.get("referentiedomein"), ""), "other"),
        valid_from=reader.date(crebo_element, "Geldig_vanaf"),
    )


def _version(element: ET.Element) -> str | None:
    """The dossier's ``versie`` ("Gewijzigd 2016"), else the date it was adopted (``vastgesteldop``)."""
    version = clean_text(element.get("versie") or "")
    if version:
        return version
    adopted = element.findtext("voorblad/omschrijving/verantwoording/vaststellingsinformatie/vastgesteldop")
    try:
        return dt.datetime.strptime(clean_text(adopted or ""), "%d-%m-%Y").date().isoformat()
    except ValueError:
        return None


def _additions(reader: _Reader, tasks: list[ET.Element], profile_nrs: set[str],
               known_items: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Items a basisdeel kerntaak adds for single profielen (``vakkennisenvaardighedenperprofiel``)."""
    extra: dict[str, list[tuple[str, str]]] = {}
    for task in tasks:
        task_code = f"B1-K{reader.number(task, 'hoofdstuk')}"
        for addition in task.findall("vakkennisenvaardigheden/vakkennisenvaardighedenperprofiel/aanvullend"):
            ref = reader.one(addition, "profiel", "an addition for one profiel names no profiel")
            owner = reader.attr(ref, "referentie")
            if owner not in profile_nrs:
                reader.fail(ref, f"refers to profiel {owner}, which the dossier does not have")
            extra.setdefault(owner, []).extend(
                (reader.item_ref(item, known_items), task_code)
                for item in addition.findall("vakkennisenvaardighedenonderdelen/vakkennisenvaardigheden"))
    return extra


def _competences(reader: _Reader, profile: ET.Element, owner: str, basis: _Part, own: _Part,
                 extra: list[tuple[str, str]], known_items: dict[str, str],
                 ) -> tuple[tuple[Competence, ...], list[tuple[str, str]]]:
    """A profiel's competences (basisdeel first, then its own) and their kerntaak links."""
    competences: list[Competence] = []
    links: list[tuple[str, str]] = []
    seen: set[str] = set()
    for code, kind, text in basis.statements + own.statements:
        if code in seen:
            reader.fail(profile, f"two kerntaken or werkprocessen have the code {code}")
        seen.add(code)
        competences.append(Competence(id=f"{owner}.{code}", statement=text, kind=kind, code=code))
        if kind == "work-process":
            links.append((f"{owner}.{code}", f"{owner}.{code.rsplit('-', 1)[0]}"))
    items: dict[str, None] = {}
    for nr, task_code in basis.items + tuple(extra) + own.items:
        items.setdefault(nr, None)
        links.append((f"{owner}.vk-{nr}", f"{owner}.{task_code}"))
    for nr in items:
        text = known_items[nr]
        item_kind: CompetenceKind = "skill" if text.lower().startswith("kan ") else "knowledge"
        competences.append(Competence(id=f"{owner}.vk-{nr}", statement=text, kind=item_kind, code=nr))
    return tuple(competences), list(dict.fromkeys(links))

