"""False friends: a Flemish and a Dutch form that look alike and mean different things (curated, see
``taxonomies``); translation flags or blocks a pair whose matched labels hold them."""

from __future__ import annotations

from dataclasses import dataclass

from competence_bridge.matching.signals import folded


@dataclass(frozen=True)
class FalseFriendRule:
    """A false friend: Flemish and Dutch forms, the action and the warning."""

    id: str
    be: tuple[str, ...]
    nl: tuple[str, ...]
    action: str
    warning_nl: str
    warning_en: str

    def fires(self, be_labels: list[str], nl_labels: list[str]) -> bool:
        """True when a Flemish label holds a Flemish form and a Dutch label a Dutch form."""
        return _contains(be_labels, self.be) and _contains(nl_labels, self.nl)

    def written_alike(self, be_label: str, nl_label: str) -> bool:
        """True when both labels write one of the Flemish forms: the names share the false friend itself."""
        return any(_contains([be_label], (form,)) and _contains([nl_label], (form,)) for form in self.be)


def _contains(labels: list[str], forms: tuple[str, ...]) -> bool:
    padded = [f" {folded(label)} " for label in labels]
    return any(f" {folded(form)} " in label for form in forms for label in padded)
