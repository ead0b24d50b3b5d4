"""Flemish beroepskwalificatie (BK) records in the shape of the onderwijs API → qualifications.

A JSON file holds one record, a list of records, or records wrapped as the API's detail answer
(``{"beroepskwalificatie": {...}}``). Each record becomes a
:class:`~competence_bridge.curated.models.Qualification` ``vl:bk-NNNN-v`` on level ``vks:<vks_niveau>``, with
its ``competenties`` (``skill``, or ``attitude`` when ``competentie_type`` says so) and the ``kennis``
(``knowledge``) and ``vaardigheden`` (``skill``) listed under a competence or on the record itself.
The accepted shape, the mapping and what is rejected are documented in ``docs/bk-format.md``.

Bounded work: a file larger than ``json_file_bytes`` or nested deeper than ``json_depth``
(``taxonomies/limits.yaml``) is refused before it is parsed, and every duplicate check is linear.
BK records are Dutch only: titles carry the tag ``nl`` and no English copy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF

from competence_bridge.curated.limits import limits
from competence_bridge.curated.models import AltLabels, Competence, CompetenceKind, Domain, Labels, Qualification
from competence_bridge.errors import SourceFormatError
from competence_bridge.files import read_capped
from competence_bridge.importers import Triple
from competence_bridge.importers.xml_files import clean_text, dutch_labels_only, file_key
from competence_bridge.rdf.build import iri, qualification_triples, source_iri
from competence_bridge.rdf.namespaces import CB, DCTERMS, RDF

#: VKS levels and the EQF level each is referenced to (VKS 1-8 = EQF 1-8).
EQF_OF: dict[str, str | None] = {f"vks:{n}": f"eqf:{n}" for n in range(1, 9)}

#: Words in a BK's ``domeinen`` that decide our domain, tried in this order; otherwise ``other``.
DOMAIN_WORDS: tuple[tuple[Domain, re.Pattern[str]], ...] = (
    ("ict", re.compile(r"\bict\b|informatica|informatie- en communicatie|netwerk", re.IGNORECASE)),
    ("care", re.compile(r"zorg|gezondheid|welzijn|verpleeg|paramedisch|kinesi", re.IGNORECASE)),
    ("logistics", re.compile(r"logistiek|transport|magazijn", re.IGNORECASE)),
    ("technology", re.compile(r"elektr|mechan|techn|bouw|metaal|industr|installatie|hout|chemie|auto",
                              re.IGNORECASE)),
)

PUBLISHER = "Vlaamse overheid, Onderwijs en Vorming (onderwijs API, beroepskwalificaties)"

_NUMBER = re.compile(r"^BK-[0-9]{3,6}$")
_VERSION = re.compile(r"^(BK-[0-9]{3,6})-([0-9]{1,4})$")
_CODE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_DIGITS = re.compile(r"[0-9]{1,9}\Z")  # ASCII digits only: str.isdigit() also takes '٥' and '⁵'



@dataclass(frozen=True)
class BkDataset:
    """Beroepskwalificatie records read and validated from one JSON file."""

    path: Path
    source_key: str
    qualifications: tuple[Qualification, ...]
    part_of: tuple[tuple[str, str], ...] = ()  # (kennis or vaardigheid id, id of the competence it is listed under)
    version: str | None = None  # a file of records has no single version; each qualification has its own
    kind: str = field(default="bk", init=False)

    def triples(self) -> Iterator[Triple]:
        """The file as a ``cb:Source`` and each record through ``qualification_triples``."""
        source = source_iri(self.source_key)
        yield source, RDF.type, CB.Source
        yield source, DCTERMS.title, Literal(f"Beroepskwalificaties (onderwijs-API-vorm), {self.path.name}")
        yield source, DCTERMS.publisher, Literal(PUBLISHER)
        yield source, FOAF.page, URIRef(self.path.resolve().as_uri())
        for qualification in self.qualifications:
            yield from dutch_labels_only(qualification_triples(qualification, EQF_OF))
        for child, parent in self.part_of:
            yield iri(child), DCTERMS.isPartOf, iri(parent)

    def summary(self) -> dict[str, int]:
        """Records, and their competence statements by kind."""
        kinds = [competence.kind for q in self.qualifications for competence in q.competences]
        return {"records": len(self.qualifications), "competences": len(kinds), "skills": kinds.count("skill"),
                "knowledge": kinds.count("knowledge"), "attitudes": kinds.count("attitude")}


class _DuplicateKey(Exception):
    """A JSON object names the same key twice."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _DuplicateKey(next(key for key, n in Counter(key for key, _ in pairs).items() if n > 1))
    return found


#: A JSON string (possessive, so an unterminated one fails in one linear scan), a lone quote, or a bracket.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|"|[\[\]{}]')


def _depth(text: str) -> int:
    """How deep arrays and objects nest in JSON *text*, skipping strings.

    Linear in the length of *text*: every character is consumed by one token at most once, and an
    unterminated string ends the scan (``json.loads`` then reports it).
    """
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
        elif char == '"':
            break
    return deepest


def load_json(path: Path) -> Any:
    """The parsed JSON of *path*; bad bytes, bad JSON, duplicate keys and caps raise ``SourceFormatError``."""
    caps = limits()
    raw = read_capped(path, caps.json_file_bytes, limit_name="json_file_bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFormatError(path, f"not UTF-8 text (byte {error.start})") from None
    if _depth(text) > caps.json_depth:
        raise SourceFormatError(path, f"arrays and objects nested deeper than {caps.json_depth} levels (the limit "
                                      "json_depth of taxonomies/limits.yaml)")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise SourceFormatError(path, f"invalid JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
    except _DuplicateKey as error:
        raise SourceFormatError(path, f"invalid JSON: the key {error.args[0]!r} occurs twice in one object") from None
    except (RecursionError, ValueError) as error:  # a 5,000-digit number; nesting the check above missed
        raise SourceFormatError(path, f"invalid JSON: {str(error).split('; use sys.')[0]}") from None


def read(path: Path) -> BkDataset:
    """Read and validate a JSON file of beroepskwalificatie records; raises ``SourceFormatError``."""
    path = Path(path)
    data = load_json(path)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise SourceFormatError(path, f"the top level must be a record (object) or a list of records, "
                                      f"not {_json_type(data)}")
    if not data:
        raise SourceFormatError(path, "the file holds no records")
    source_key = file_key("bk", path)
    qualifications: list[Qualification] = []
    part_of: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, raw in enumerate(data, start=1):
        record = _Record(path, index, raw)
        qualification = record.qualification(source_key)
        part_of += record.part_of
        if qualification.id in seen:
            record.fail(f"{qualification.code} occurs twice in the file")
        seen.add(qualification.id)
        qualifications.append(qualification)
    return BkDataset(path=path, source_key=source_key, qualifications=tuple(qualifications), part_of=tuple(part_of))


class _Record:
    """One record; every problem names the file, the record's position (from 1) and its number."""

    def __init__(self, path: Path, index: int, raw: object) -> None:
        self.path = path
        self.index = index
        self.label: str | None = None
        self.part_of: list[tuple[str, str]] = []
        if isinstance(raw, dict) and set(raw) - {"totalItems", "links"} == {"beroepskwalificatie"}:
            raw = raw["beroepskwalificatie"]  # the API's detail answer
        if not isinstance(raw, dict):
            self.fail(f"a record must be an object, not {_json_type(raw)}")
        self.raw: dict[str, Any] = raw

    def fail(self, message: str) -> NoReturn:
        where = f"record {self.index}" + (f" ({self.label})" if self.label else "")
        raise SourceFormatError(self.path, message, where=where)

    def text(self, value: object, name: str) -> str:
        if not isinstance(value, str):
            self.fail(f"{name} must be a string, not {_json_type(value)}")
        if not clean_text(value):
            self.fail(f"{name} is empty")
        return clean_text(value)

    def texts(self, container: dict[str, Any], name: str, label: str) -> list[str]:
        """The list *name* of *container*: strings or objects with ``waarde`` (absent: empty)."""
        items = container.get(name, [])
        if not isinstance(items, list):
            self.fail(f"{label} must be a list, not {_json_type(items)}")
        return [self.text(item.get("waarde") if isinstance(item, dict) else item, f"{label}[{i}]")
                for i, item in enumerate(items)]

    def number_and_version(self) -> tuple[str, int]:
        """``("BK-0140", 3)`` from beroepskwalificatie_nr, versie_nr_lang and versie_nr_kort."""
        number = self._number()
        long, short = self.raw.get("versie_nr_lang"), self.raw.get("versie_nr_kort")
        long_version: int | None = None
        if long is not None:
            match = _VERSION.match(long) if isinstance(long, str) else None
            if match is None:
                self.fail(f"versie_nr_lang must look like 'BK-0140-3', not {long!r}")
            if number is not None and match.group(1) != number:
                self.fail(f"versie_nr_lang {long} does not belong to beroepskwalificatie_nr {number}")
            number, long_version = match.group(1), int(match.group(2))
        if number is None:
            self.fail("the record has no beroepskwalificatie_nr (nor versie_nr_lang)")
        self.label = number
        if short is not None and (isinstance(short, bool) or not isinstance(short, int) or short < 1):
            self.fail(f"versie_nr_kort must be a positive whole number, not {short!r}")
        if long_version is not None and short is not None and short != long_version:
            self.fail(f"versie_nr_kort {short} does not match versie_nr_lang {long}")
        version = long_version if long_version is not None else short
        if version is None:
            self.fail("the record has no versie_nr_lang or versie_nr_kort")
        self.label = f"{number}-{version}"
        return number, version

    def _number(self) -> str | None:
        number = self.raw.get("beroepskwalificatie_nr")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            return f"BK-{number:04d}"
        if isinstance(number, str) and _DIGITS.match(number.strip()):
            return f"BK-{int(number):04d}"
        if number is not None and (not isinstance(number, str) or not _NUMBER.match(number)):
            self.fail(f"beroepskwalificatie_nr must look like 'BK-0140', not {number!r}")
        if isinstance(number, str):
            self.label = number
        return number

    def level(self) -> int:
        value = self.raw.get("vks_niveau")
        if value is None:
            self.fail("the record has no vks_niveau")
        if isinstance(value, str) and _DIGITS.match(value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"vks_niveau must be a whole number 1-8, not {value!r}")
        if not 1 <= value <= 8:
            self.fail(f"vks_niveau {value} is outside the VKS levels 1-8")
        return value

    def date(self, name: str) -> dt.date | None:
        value = self.raw.get(name)
        if value is None:
            return None
        try:
            if isinstance(value, str):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(f"{name} must be a date YYYY-MM-DD, not {value!r}")
        return None

    def domain(self) -> Domain:
        domains = self.raw.get("domeinen", [])
        if not isinstance(domains, list):
            self.fail(f"domeinen must be a list, not {_json_type(domains)}")
        words = " ".join(json.dumps(d, ensure_ascii=False) if isinstance(d, dict) else str(d) for d in domains)
        return next((name for name, pattern in DOMAIN_WORDS if pattern.search(words)), "other")

    def competences(self, owner: str) -> list[Competence]:
        if "competenties" not in self.raw:
            self.fail("the record has no competenties")
        items = self.raw["competenties"]
        if not isinstance(items, list):
            self.fail(f"competenties must be a list, not {_json_type(items)}")
        result: list[Competence] = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"competenties[{i}] must be an object, not {_json_type(item)}")
            code = item.get("competentie_code")
            if not isinstance(code, str) or not _CODE.match(code):
                self.fail(f"competenties[{i}].competentie_code must be 1-64 letters, digits, '.', '_' or '-', "
                          f"not {code!r}")
            typed = str(item.get("competentie_type", "")).lower()
            kind: CompetenceKind = "attitude" if "attitude" in typed else "skill"
            node = f"{owner}.{code}"
            result.append(Competence(id=node, statement=self.text(item.get("waarde"), f"competenties[{i}].waarde"),
                                     kind=kind, code=code))
            result += self._listed(node, item, f"competenties[{i}].")
        result += self._listed(owner, self.raw, "")
        duplicates = sorted(i for i, n in Counter(c.id for c in result).items() if n > 1)
        if duplicates:
            self.fail(f"two competence statements get the id {duplicates[0]}; competentie_code must be unique")
        return result

    def _listed(self, node: str, container: dict[str, Any], where: str) -> list[Competence]:
        """The kennis (``.kN``) and vaardigheden (``.vN``) listed in *container*, under *node*."""
        knowledge = [Competence(id=f"{node}.k{n}", statement=text, kind="knowledge")
                     for n, text in enumerate(self.texts(container, "kennis", f"{where}kennis"), 1)]
        skills = [Competence(id=f"{node}.v{n}", statement=text, kind="skill")
                  for n, text in enumerate(self.texts(container, "vaardigheden", f"{where}vaardigheden"), 1)]
        if where:
            self.part_of += [(competence.id, node) for competence in knowledge + skills]
        return knowledge + skills

    def qualification(self, source_key: str) -> Qualification:
        number, version = self.number_and_version()
        title = self.text(self.raw.get("titel"), "titel")
        code = f"{number}-{version}"
        owner = f"vl:{code.lower()}"
        definition = self.raw.get("definitie")
        try:
            return Qualification(
                id=owner, region="BE-VLG", kind="beroepskwalificatie", title=Labels(nl=title, en=title),
                alt_labels=AltLabels(nl=tuple(self.texts(self.raw, "synoniemen", "synoniemen"))),
                code=code, version=str(version),
                level=f"vks:{self.level()}", domain=self.domain(),
                definition=None if definition is None else self.text(definition, "definitie"),
                valid_from=self.date("geldig_vanaf"), valid_until=self.date("geldig_tot"),
                text_status="official", competences=tuple(self.competences(owner)),
                sources=(source_key,), evidence="verified",
            )
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            field_name = ".".join(map(str, detail["loc"]))
            self.fail((f"{field_name}: " if field_name else "") + detail["msg"].removeprefix("Value error, "))


def _json_type(value: object) -> str:
    """How JSON calls the type of *value*: object, array, string, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({value[:40]!r})"
    return "an array" if isinstance(value, list) else "an object"
