"""What is loaded: the curated YAML files and the imported sources, as one value object.

:class:`Inputs` is what :func:`~competence_bridge.load`, :func:`~competence_bridge.build_store`,
:func:`~competence_bridge.backends.publish.publish_inputs` and the CLI's ``--with KIND:PATH`` all
build; the kinds come from the importer registry (:data:`competence_bridge.importers.IMPORTERS`),
so a new importer is a new kind everywhere at once.

>>> inputs = Inputs.of(esco="esco-nl-1.2.0", sbb=["a.xml", "b.xml"])
>>> [(kind, path.name) for kind, path in inputs.sources]
[('esco', 'esco-nl-1.2.0'), ('sbb', 'a.xml'), ('sbb', 'b.xml')]
>>> Inputs.parse(["yaml:mine.yaml", "brc:brc.csv"]).sources
(('brc', PosixPath('brc.csv')),)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from competence_bridge.curated.resources import shipped_files
from competence_bridge.errors import SourceFormatError, UnknownItemError
from competence_bridge.importers import IMPORTERS

#: One path or several: what ``load(esco=...)`` and friends accept.
PathArg = str | Path | Iterable[str | Path]

#: An imported input: (importer kind, path), e.g. ``("esco", Path("esco-nl-1.2.0"))``.
SourceInput = tuple[str, Path]

#: The kind of curated taxonomy files (validated with the shipped ones), beside the importer kinds.
YAML = "yaml"


def kinds() -> list[str]:
    """Every kind an input can have: ``yaml`` and the registered importers, in documented order."""
    return [YAML, *IMPORTERS]


def paths(arg: PathArg) -> list[Path]:
    """*arg* as a list of paths (one path, or an iterable of them)."""
    if isinstance(arg, (str, Path)):
        return [Path(arg)]
    return [Path(item) for item in arg]


def _kind(name: str) -> str:
    """The registry kind of a keyword (``esco_mapping`` → ``esco-mapping``)."""
    kind = name.replace("_", "-")
    if kind not in IMPORTERS and kind != YAML:
        from competence_bridge.language.text import suggest  # only for a mistake: loading needs no text analysis

        raise UnknownItemError(name, kind="input kind", suggestions=suggest(kind, kinds()) or kinds())
    return kind


class Inputs:
    """Extra curated YAML (files or directories) and imported sources, in the order given.

    A frozen value object, written out as ``@dataclass(frozen=True)`` would make it (the same ``__init__``,
    equality, hash, ``repr`` and :class:`~dataclasses.FrozenInstanceError`): every load makes one, and a dataclass
    would import ``dataclasses`` (with ``inspect``, ~7 ms).
    """

    __match_args__ = ("yaml", "sources")
    yaml: tuple[Path, ...]
    sources: tuple[SourceInput, ...]

    def __init__(self, yaml: tuple[Path, ...] = (), sources: tuple[SourceInput, ...] = ()) -> None:
        object.__setattr__(self, "yaml", yaml)
        object.__setattr__(self, "sources", sources)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        _frozen(name, "assign to")

    def __delattr__(self, name: str) -> NoReturn:
        _frozen(name, "delete")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Inputs) and other.__class__ is self.__class__:
            return (self.yaml, self.sources) == (other.yaml, other.sources)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.yaml, self.sources))

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(yaml={self.yaml!r}, sources={self.sources!r})"

    @classmethod
    def of(cls, yaml: PathArg = (), **by_kind: PathArg) -> Inputs:
        """Inputs from ``load()``-style keyword arguments: ``yaml=``, then one per importer kind.

        :raises UnknownItemError: for a keyword that names no importer
        """
        sources = [(_kind(name), path) for name, arg in by_kind.items() for path in paths(arg)]
        extra = [path for kind, path in sources if kind == YAML]
        return cls((*paths(yaml), *extra), tuple(source for source in sources if source[0] != YAML))

    @classmethod
    def parse(cls, specs: Sequence[str]) -> Inputs:
        """Inputs from ``KIND:PATH`` strings, as the CLI's ``--with`` gives them.

        :raises UnknownItemError: for a spec without a known kind
        """
        yaml: list[Path] = []
        sources: list[SourceInput] = []
        for spec in specs:
            kind, sep, path = spec.partition(":")
            if not sep or not path:
                raise UnknownItemError(spec, kind="input (write KIND:PATH)", suggestions=[f"{k}:PATH" for k in kinds()])
            kind = _kind(kind)
            if kind == YAML:
                yaml.append(Path(path))
            else:
                sources.append((kind, Path(path)))
        return cls(tuple(yaml), tuple(sources))

    def __bool__(self) -> bool:
        return bool(self.yaml or self.sources)

    def taxonomy_files(self) -> list[Path]:
        """The shipped taxonomy files, then every extra YAML file (a directory gives its ``*.yaml``).

        :raises SourceFormatError: for a directory without YAML files
        """
        files = list(shipped_files())
        for path in self.yaml:
            if path.is_dir():
                found = sorted(path.glob("*.yaml"))
                if not found:
                    raise SourceFormatError(path, "a directory of taxonomy files, but it holds no *.yaml file")
                files.extend(found)
            else:
                files.append(path)
        return files

    def describe(self) -> list[str]:
        """``KIND:PATH`` for every input, as the CLI writes them."""
        return [*(f"{YAML}:{path}" for path in self.yaml), *(f"{kind}:{path}" for kind, path in self.sources)]


def _frozen(name: str, change: str) -> NoReturn:
    from dataclasses import FrozenInstanceError  # only for this mistake

    raise FrozenInstanceError(f"cannot {change} field {name!r}")
