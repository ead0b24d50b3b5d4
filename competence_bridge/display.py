"""How result types are shown without knowing how: a registry the presentation layer fills.

Results (levels, translations, gap reports, search hits, ...) are plain typed data in the lower
layers. They print, show in Jupyter and turn into DataFrames through the hooks of
:class:`Shown` and :class:`Tabular`, which look the rendering up here. The renderers themselves
live in :mod:`competence_bridge.present` and register with :func:`renders`; the first rendering
loads that package by name. No module imports upwards: this registry is the one plug point.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, repr=False)
... class Greeting(Shown):
...     name: str
>>> @renders("text", Greeting)
... def _greeting_text(greeting: Greeting, *, lang: str = "nl") -> str:
...     return ("Dag " if lang == "nl" else "Hello ") + greeting.name
>>> print(Greeting("An").to_text("en"))
Hello An
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from competence_bridge.vocabulary import Lang

#: The forms a result can be rendered in.
FORMS = ("text", "summary", "html", "frame")

_F = TypeVar("_F", bound=Callable[..., Any])
#: (form, qualified class name) → rendering. Names, not classes: the renderers need not import the results.
_REGISTRY: dict[tuple[str, str], Callable[..., Any]] = {}
_PRESENTATION = "competence_bridge.present"
_LOADED: list[bool] = []


def qualified_name(kind: type) -> str:
    """``module.Class`` of a class, the key renderings are registered under."""
    return f"{kind.__module__}.{kind.__qualname__}"


def renders(form: str, *types: type | str) -> Callable[[_F], _F]:
    """Register the decorated function as the *form* rendering of *types* (and their subclasses).

    A type may be given by its qualified name (``"competence_bridge.reports.levels.LevelReport"``), so
    that a rendering module imports the result types only for type checking: rendering a level report
    then never imports translation or search.
    """
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; one of {', '.join(FORMS)}")

    def decorate(function: _F) -> _F:
        for kind in types:
            _REGISTRY[(form, kind if isinstance(kind, str) else qualified_name(kind))] = function
        return function

    return decorate


def renderer(form: str, value: object) -> Callable[..., Any] | None:
    """The registered *form* rendering of *value*'s type, or ``None`` when it has none."""
    if not _LOADED:
        importlib.import_module(_PRESENTATION)  # its modules register themselves on import
        _LOADED.append(True)
    for kind in type(value).__mro__:
        found = _REGISTRY.get((form, qualified_name(kind)))
        if found is not None:
            return found
    return None


def render(form: str, value: object, **options: Any) -> Any:
    """Render *value* in *form* (``text``, ``summary``, ``html``, ``frame``) with *options* (e.g. ``lang``).

    :raises TypeError: when nothing renders *value* in that form
    """
    found = renderer(form, value)
    if found is None:
        raise TypeError(f"{type(value).__name__} has no {form} rendering")
    return found(value, **options)


class Shown:
    """Mixin of every result type: full text, a short summary as its repr, HTML in Jupyter.

    Dataclasses using it must pass ``repr=False`` so that the summary is their repr.
    """

    __slots__ = ()

    def to_text(self, lang: Lang = "nl") -> str:
        """The full readable text, in Dutch (``lang="nl"``, the default) or English (``"en"``)."""
        return str(render("text", self, lang=lang))

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        found = renderer("summary", self)
        return f"<{type(self).__name__}>" if found is None else str(found(self))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's plain-text view: the short summary."""
        printer.text(repr(self))

    def _repr_html_(self) -> str | None:
        """Jupyter's rich view, when the presentation layer has one for this type."""
        found = renderer("html", self)
        return None if found is None else str(found(self))


class Tabular(Shown):
    """A result that also becomes a pandas DataFrame (``pip install "competence-bridge[notebook]"``)."""

    __slots__ = ()

    def to_frame(self) -> Any:
        """The rows of this result as a pandas DataFrame (pandas is an optional extra)."""
        return render("frame", self)


def format_number(value: float, lang: str) -> str:
    """*value* with two decimals, a decimal comma in Dutch (every explanation and note writes numbers so).

    >>> format_number(0.04, "nl"), format_number(0.2, "en")
    ('0,04', '0.20')
    """
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "nl" else text
