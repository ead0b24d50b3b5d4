"""Gap-report alignment: one to one, like with like, core tasks shown but not counted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from competence_bridge.rdf.items import CompetenceItem
from competence_bridge.reports.alignment import align


def item(ident: str, kind: str = "skill") -> CompetenceItem:
    return CompetenceItem(ident, ident.split(".")[0], ident, kind, None, frozenset())


def table(scores: dict[tuple[str, str], float]):  # noqa: ANN201
    return lambda a, b: scores.get((a.id, b.id), 0.0)


def test_one_partner_each_best_pair_first() -> None:
    a = [item("a.1"), item("a.2")]
    b = [item("b.1"), item("b.2")]
    first, second = align(a, b, table({("a.1", "b.1"): 0.9, ("a.2", "b.1"): 0.8, ("a.2", "b.2"): 0.5}))
    assert [(x.competence.id, x.partner.id if x.partner else None, x.score) for x in first] == [
        ("a.1", "b.1", 0.9), ("a.2", "b.2", 0.5)]
    assert [(x.competence.id, x.partner.id if x.partner else None) for x in second] == [("b.1", "a.1"), ("b.2", "a.2")]


def test_knowledge_only_meets_knowledge_and_core_tasks_are_not_counted() -> None:
    a = [item("a.k", "knowledge"), item("a.s", "skill")]
    b = [item("b.t", "task"), item("b.w", "work-process"), item("b.k", "knowledge")]
    scores = {("a.k", "b.w"): 0.9, ("a.k", "b.k"): 0.3, ("a.s", "b.t"): 0.9, ("a.s", "b.w"): 0.6}
    first, second = align(a, b, table(scores))
    assert {x.competence.id: x.partner.id for x in first if x.partner} == {"a.k": "b.k", "a.s": "b.w"}
    task = next(x for x in second if x.competence.id == "b.t")
    assert (task.partner, task.counted) == (None, False)


def test_an_item_of_only_core_tasks_is_compared_through_them() -> None:
    first, second = align([item("a.s")], [item("b.t", "task")], table({("a.s", "b.t"): 0.7}))
    assert first[0].partner is not None and second[0].counted


@given(st.lists(st.floats(0, 1), min_size=9, max_size=9))
def test_no_competence_is_used_twice(values: list[float]) -> None:
    a = [item(f"a.{n}") for n in range(3)]
    b = [item(f"b.{n}") for n in range(3)]
    scores = {(f"a.{i}", f"b.{j}"): values[3 * i + j] for i in range(3) for j in range(3)}
    first, second = align(a, b, table(scores))
    partners = [x.partner.id for x in first if x.partner]
    assert len(partners) == len(set(partners))
    for x in first:  # the alignment is symmetric
        if x.partner:
            assert next(y for y in second if y.competence.id == x.partner.id).partner.id == x.competence.id
