"""Exceptions raised on purpose by competence_bridge: one tree, one module.

    CompetenceBridgeError        ``except CompetenceBridgeError`` catches everything raised on purpose
    ├── TaxonomyError            curated YAML that does not validate (every problem, located)     ValueError
    ├── SourceFormatError        an imported data file (ESCO CSV, SBB XML, ...) that is not what it claims
    ├── UnknownItemError         an id or label that names nothing; carries suggestions          KeyError
    │   └── UnknownFrameworkError
    ├── AmbiguousItemError       a label that names several items equally well                 LookupError
    ├── UnknownLanguageError     a rendering asked in a language other than nl or en            ValueError
    ├── ReviewError              a review decision that cannot be recorded                      ValueError
    ├── ExerciseError            an exercise that cannot be started, opened or decided          ValueError
    ├── MappingRdfError          a mapping set that cannot go to or come from RDF               ValueError
    ├── OutputError              a file or stream that cannot be written as named                  OSError
    ├── UsageError               command-line arguments that parse but do not fit (the CLI's own)
    ├── StoreError               a directory that is not a store, or a store build that failed
    ├── EndpointError            a SPARQL endpoint that refused, failed or is misconfigured
    ├── UnsafeTermError          a term that cannot be written into SPARQL safely               ValueError
    └── MissingExtraError        a feature whose optional extra is not installed                ImportError

Each also subclasses the built-in error named on its right, so generic ``except KeyError`` code
keeps working. All of them print as one line a person can act on; the CLI shows that line and
exits 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from competence_bridge.problems import Problem


def __getattr__(name: str) -> type:
    """:class:`~competence_bridge.problems.Problem`, importable from here as before, imported when first asked for: it
    is a dataclass, and a load without problems so imports no ``dataclasses`` (with ``inspect``, ~7 ms)."""
    if name == "Problem":
        from competence_bridge.problems import Problem

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class CompetenceBridgeError(Exception):
    """Base class; ``except CompetenceBridgeError`` catches everything raised on purpose."""


class TaxonomyError(CompetenceBridgeError, ValueError):
    """Curated data failed validation; nothing of it was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return first if not more else f"{first} (and {more} more problem{'s' * (more > 1)})"

    def report(self) -> str:
        """Every problem, one per line."""
        return "\n".join(str(problem) for problem in self.problems)


class SourceFormatError(CompetenceBridgeError, ValueError):
    """An imported file is malformed; nothing of it was loaded."""

    def __init__(self, file: str | object, message: str, *, line: int | None = None, where: str | None = None) -> None:
        self.file = str(file)
        self.line = line
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.where:
            place += f", {self.where}"
        return f"{place}: {self.message}"


class UnknownItemError(CompetenceBridgeError, KeyError):
    """An id or label does not name any item of the requested kind."""

    def __init__(self, query: str, *, kind: str = "item", suggestions: list[str] | None = None) -> None:
        self.query = query
        self.kind = kind
        self.suggestions = list(suggestions or [])
        super().__init__(query)

    def __str__(self) -> str:
        text = f"unknown {self.kind} {self.query!r}"
        if self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return text


class UnknownFrameworkError(UnknownItemError):
    """A framework key such as ``vks`` is not loaded."""

    def __init__(self, query: str, *, suggestions: list[str] | None = None) -> None:
        super().__init__(query, kind="framework", suggestions=suggestions)


class AmbiguousItemError(CompetenceBridgeError, LookupError):
    """A label matches several items equally well; the caller must pick one by id.

    *regions* are the sides the candidates belong to: when there are several, naming the side to
    translate to (``to="NL"``) resolves the ambiguity.
    """

    def __init__(self, query: str, candidates: list[str], *, regions: list[str] | None = None) -> None:
        self.query = query
        self.candidates = list(candidates)
        self.regions = list(regions or [])
        super().__init__(query)

    def __str__(self) -> str:
        text = f"{self.query!r} is ambiguous; use one of the ids " + ", ".join(self.candidates)
        if len(self.regions) > 1:
            text += " (or say which side to translate to: " + " or ".join(self.regions) + ")"
        return text


class UnknownLanguageError(CompetenceBridgeError, ValueError):
    """A rendering was asked in a language other than Dutch (``nl``) or English (``en``)."""

    def __init__(self, lang: object) -> None:
        self.lang = lang
        super().__init__(f"unknown language {lang!r}; choose nl or en")


class ReviewError(CompetenceBridgeError, ValueError):
    """A review decision that cannot be recorded (unknown mapping, bad decision)."""


class ExerciseError(CompetenceBridgeError, ValueError):
    """An exercise that cannot be started, opened or decided as asked."""


class MappingRdfError(CompetenceBridgeError, ValueError):
    """A mapping set cannot be written as RDF, or RDF does not hold a readable mapping set."""


class StoreError(CompetenceBridgeError):
    """A directory is not a (readable) competence-bridge store, or a store could not be built there."""


class OutputError(CompetenceBridgeError, OSError):
    """A target that cannot be written as the user named it.

    A directory, a block device, a missing parent directory, a dangling symbolic link, or a write
    the system refused; the rule is in :mod:`competence_bridge.files`.
    """


class UsageError(CompetenceBridgeError):
    """Command-line arguments that parse but do not fit together, or name a file that is not there (exit 2)."""


class EndpointError(CompetenceBridgeError):
    """A SPARQL endpoint refused a request, could not be reached, or is misconfigured."""


class UnsafeTermError(CompetenceBridgeError, ValueError):
    """A term that cannot be written into SPARQL safely (a malformed IRI, a blank node where none may be)."""


class MissingExtraError(CompetenceBridgeError, ImportError):
    """A feature needs an optional extra that is not installed; the message names the ``pip install`` to run."""
