"""Safe YAML parsing with located errors: the one YAML reader of curated files and SSSOM metadata.

Safe tags only; duplicate keys, complex keys, values a tag cannot read and nesting deeper than a
cap are refused with the file, line and a one-line message.
"""

from __future__ import annotations

from typing import Any

import yaml

from competence_bridge.errors import Problem, TaxonomyError
from competence_bridge.sanitize import terminal_safe

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[misc,valid-type]
    """A safe loader that refuses duplicate and complex keys and turns every bad value into a located error."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct *node*; a value its tag cannot read raises ``ConstructorError`` at the node."""
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as error:
            tag = node.tag.rsplit(":", 1)[-1] if node.tag else "value"
            value = node.value if isinstance(node.value, str) else ""
            shown = repr(value[:40] + ("…" if len(value) > 40 else ""))
            detail = "" if isinstance(error, (KeyError, AttributeError)) else str(error).split("; use sys.")[0]
            raise yaml.constructor.ConstructorError(
                None, None, f"not a valid {tag}: {shown}" + (f" ({detail})" if detail else ""), node.start_mark,
            ) from None


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value, not a list or mapping (complex keys are not allowed)",
                key_node.start_mark)
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_depth(root: yaml.Node, limit: int) -> None:
    """Refuse lists and mappings nested deeper than *limit* (each node visited once, aliases included)."""
    stack, seen = [(root, 1)], set()
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, yaml.CollectionNode) or id(node) in seen:
            continue
        seen.add(id(node))
        if depth > limit:
            raise yaml.constructor.ConstructorError(
                None, None, f"lists and mappings nested deeper than {limit} levels (the limit yaml_depth of "
                "taxonomies/limits.yaml)", node.start_mark)
        children = node.value if isinstance(node, yaml.SequenceNode) else [v for pair in node.value for v in pair]
        stack.extend((child, depth + 1) for child in children)


def parse_yaml(text: str, name: str, *, depth: int) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (for locating problems), read safely.

    Safe tags only; duplicate keys, complex keys, values a tag cannot read (``!!int x``, a
    timestamp ``2020-13-45``, an integer of 5,000 digits) and nesting deeper than *depth* are
    refused.

    :raises TaxonomyError: with the file, line and message of the problem
    """
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_depth(root, depth)
        return loader.construct_document(root), root
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise TaxonomyError([Problem(name, line, None, None, _one_line(error.problem or error))]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1 if isinstance(error.position, int) else None
        character = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        raise TaxonomyError([Problem(name, line, None, None, f"character U+{character:04X} is not allowed in YAML "
                                                             f"({_one_line(error.reason)})")]) from None
    except yaml.YAMLError as error:
        raise TaxonomyError([Problem(name, None, None, None, _one_line(error))]) from None
    except RecursionError:
        raise TaxonomyError([Problem(name, None, None, None, "nested too deeply to read")]) from None
    finally:
        loader.dispose()


def _one_line(message: object) -> str:
    """A parser's message as one line, control characters escaped."""
    return terminal_safe(" ".join(str(message).split()), layout=False)
