"""Reading one curated YAML document with located errors: caps, UTF-8, safe parsing, and pydantic validation
whose every error names file, line, entry and field.

Shared by the curated taxonomies (:mod:`competence_bridge.curated.taxonomy`) and the caps
(:mod:`competence_bridge.curated.limits`), which are read without the taxonomy's models.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from competence_bridge.curated.yaml_safe import parse_yaml
from competence_bridge.errors import Problem, SourceFormatError, TaxonomyError
from competence_bridge.files import read_capped

ModelT = TypeVar("ModelT", bound=BaseModel)


class Locator:
    """Turns a path inside a YAML document into a line number and an entry id."""

    def __init__(self, name: str, root: yaml.Node | None, data: Any) -> None:
        """Locate in file *name*, whose parsed node tree is *root* and whose data is *data*."""
        self.name = name
        self.data = data
        self._root = root

    def _node(self, loc: tuple[Any, ...]) -> yaml.Node | None:
        node = self._root
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value if k.value == part]
                if not match:
                    return node
                key, value = match[0]
                node = key if part == loc[-1] and not isinstance(value, yaml.CollectionNode) else value
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                return node
        return node

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        """The problem *message* at *loc* (keys and list indexes), with its line and the id of its entry."""
        node = self._node(loc)
        line = node.start_mark.line + 1 if node is not None else None
        entry, depth, value = None, 0, self.data
        for index, part in enumerate(loc):
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                entry, depth = value["id"], index + 1
        field_path = ".".join(str(part) for part in loc[depth:] if not isinstance(part, int) or depth == 0)
        if not field_path and depth == 0:
            field_path = ".".join(str(part) for part in loc)
        return Problem(self.name, line, entry, field_path or None, message)


def validation_problems(error: ValidationError, locator: Locator) -> list[Problem]:
    """Each of pydantic's *error* details as a located problem ("unknown key" for a key the model forbids)."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = "unknown key"
        problems.append(locator.problem(loc, message))
    return problems


def read_document(path: Path, byte_cap: int, depth_cap: int, sections: Sequence[str]) -> tuple[dict[str, Any], Locator]:
    """The mapping in the YAML file *path* (empty for an empty file) and its locator.

    :raises TaxonomyError: for a file over *byte_cap* bytes, not UTF-8, not YAML, nested deeper than *depth_cap*,
        or not a mapping (of *sections*)
    """
    name = str(path)
    try:
        raw = read_capped(path, byte_cap, limit_name="yaml_file_bytes")
    except SourceFormatError as error:
        raise TaxonomyError([Problem(name, None, None, None, error.message)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TaxonomyError([Problem(name, line, None, None, "not UTF-8 text")]) from None
    data, root = parse_yaml(text, name, depth=depth_cap)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise TaxonomyError([Problem(name, 1, None, None, "expected a mapping with sections " + ", ".join(sections))])
    return data, Locator(name, root, data)


def validated(model: type[ModelT], data: dict[str, Any], locator: Locator) -> ModelT:
    """*data* validated as *model*.

    :raises TaxonomyError: with every validation error, located
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise TaxonomyError(validation_problems(error, locator)) from None
