"""`kb check`: the bundled knowledge checks clean, and the check tells roles one person
holds at a time from roles several people share."""

from __future__ import annotations

from geobrief.knowledge.check import check
from geobrief.knowledge.load import Knowledge, Office, Person, bundled_knowledge
from geobrief.knowledge.relations import Relation, RelationKind, Relations


def test_bundled_knowledge_checks_clean() -> None:
    # CI holds this at zero: every problem `geobrief kb check` prints fails it
    assert check(bundled_knowledge()) == []


def _person(pid: str, role: str, title: str, start: str | None, end: str | None,
            acting: bool = False) -> Person:
    return Person(pid, pid, (), "US", (Office(role, title, "US", None, start, end,
                                              acting=acting),), "test")


def _checked(*people: Person) -> list[str]:
    base = bundled_knowledge()
    k = Knowledge(countries=base.countries, organisations=base.organisations,
                  people={p.id: p for p in people})
    k._relations = Relations()  # no relations: only the people are checked
    return check(k)


def test_single_holder_roles_may_not_overlap() -> None:
    found = _checked(_person("a", "head-of-state", "President", "2020-01-01", "2024-01-01"),
                     _person("b", "head-of-state", "President", "2023-01-01", None))
    assert found == ["people.yaml: head-of-state of US: terms of a (to 2024-01-01) and b "
                     "(from 2023-01-01) overlap"]


def test_shared_roles_overlap_only_under_the_same_title() -> None:
    assert _checked(_person("a", "spokesperson", "Press Secretary", "2021-01", None),
                    _person("b", "spokesperson", "Pentagon Press Secretary", "2022-01",
                            None)) == []
    same = _checked(_person("a", "other", "Vice President", "2021-01-20", "2025-01-20"),
                    _person("b", "other", "Vice President", "2024-01-20", None))
    assert len(same) == 1 and "other (Vice President) of US" in same[0]


def test_acting_holders_and_month_only_dates_are_not_overlaps() -> None:
    assert _checked(_person("a", "head-of-state", "President", "2022-05-10", "2025-04-04"),
                    _person("b", "head-of-state", "President", "2024-12-14", "2024-12-27",
                            acting=True)) == []
    # named on the 13th, in office "about ten days later": only the month is known
    assert _checked(_person("a", "foreign-minister", "Secretary", "2018-12-01", "2023-06-12"),
                    _person("b", "foreign-minister", "Secretary", "2023-06", None)) == []
    assert _checked(_person("a", "foreign-minister", "Secretary", "2018-12-01", "2023-06-12"),
                    _person("b", "foreign-minister", "Secretary", "2023-05", None)) != []


def test_relations_between_unknown_states_are_reported() -> None:
    base = bundled_knowledge()
    k = Knowledge(countries=base.countries, organisations=base.organisations)
    relations = Relations()
    relations.add([Relation(RelationKind.SANCTIONS, "US", "XX", "2020", None, source="s"),
                   Relation(RelationKind.AID, "org:EU", "UA", "2022", "2021", source="s")])
    k._relations = relations
    found = check(k)
    assert any("'XX' is not a known country" in p for p in found)
    assert any("start 2022 is after end 2021" in p for p in found)
