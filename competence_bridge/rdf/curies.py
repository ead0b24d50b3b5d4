"""The one CURIE table of the package, and conversion between CURIEs and IRIs.

Pure Python on purpose: the CLI's fast paths use it without importing rdflib.
"""

from __future__ import annotations

BASE = "https://w3id.org/competence-bridge/"

#: Every prefix the package writes; serialisations bind exactly these.
PREFIXES: dict[str, str] = {
    "cb": BASE + "vocab#",
    "eqf": "http://data.europa.eu/snb/eqf/",
    "vks": BASE + "id/vks/",
    "nlqf": BASE + "id/nlqf/",
    "vl": BASE + "id/vl/",
    "nl": BASE + "id/nl/",
    "rec": BASE + "id/recognition/",
    "fw": BASE + "id/framework/",
    "cbid": BASE + "id/",
    # national classifications mapped to ESCO (no official IRI scheme is published for either)
    "vdab": BASE + "id/vdab/",  # VDAB Competent occupations and competences, by code (OP-410, KN-10)
    "uwv": BASE + "id/uwv/",  # UWV beroepen (the Dutch NOC), by their numeric id
    "esco": "http://data.europa.eu/esco/model#",
    "esco-occupation": "http://data.europa.eu/esco/occupation/",
    "esco-skill": "http://data.europa.eu/esco/skill/",
    "isco": "http://data.europa.eu/esco/isco/",
    "dcterms": "http://purl.org/dc/terms/",
    "elm": "http://data.europa.eu/snb/model/elm/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Longest namespace first, so that "id/vks/" wins over "id/".
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def expand(curie: str) -> str:
    """Return the IRI of a CURIE such as ``vks:5``.

    >>> expand("eqf:4")
    'http://data.europa.eu/snb/eqf/4'
    """
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"{curie!r} is not a CURIE with a known prefix ({', '.join(PREFIXES)})")
    return PREFIXES[prefix] + local


def compress(iri: str) -> str:
    """Return the CURIE of an IRI in one of our namespaces, or the IRI itself.

    >>> compress("https://w3id.org/competence-bridge/id/nlqf/4plus")
    'nlqf:4plus'
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            return prefix + ":" + iri[len(namespace):]
    return iri
