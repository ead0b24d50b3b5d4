"""Checks that need the whole taxonomy: unique ids, references, levels inside the right framework.

Every problem is located through the file's locator (file, line, entry, field); all problems are
collected and raised together, so a curator fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from competence_bridge.curated.models import (
    REGION_FRAMEWORK,
    Framework,
    JobProfile,
    Qualification,
    QualificationType,
    Recognition,
    Source,
    TaxonomyFile,
)
from competence_bridge.errors import Problem, TaxonomyError

Loc = tuple[Any, ...]


class Locator(Protocol):
    """Turns a path inside one file into a located problem."""

    def problem(self, loc: Loc, message: str) -> Problem:
        """The problem *message* at *loc*, with the file and line it is on."""


class _Checker:
    def __init__(self, parts: Sequence[tuple[TaxonomyFile, Locator]]) -> None:
        self.parts = parts
        self.problems: list[Problem] = []
        self.index: dict[str, Any] = {}
        self._where: dict[str, tuple[Locator, Loc]] = {}
        self.level_framework: dict[str, Framework] = {}
        self._former: dict[str, str] = {}  # each former id, and the entry that had it

    # --- helpers ---------------------------------------------------------------------------

    def fail(self, locator: Locator, loc: Loc, message: str) -> None:
        self.problems.append(locator.problem(loc, message))

    def register(self, item_id: str, item: Any, locator: Locator, loc: Loc) -> None:
        if item_id in self.index:
            first_locator, first_loc = self._where[item_id]
            first = first_locator.problem(first_loc, "")
            self.fail(locator, loc + ("id",), f"duplicate id, first defined at {first.file}:{first.line}")
            return
        self.index[item_id] = item
        self._where[item_id] = (locator, loc)

    def expect(self, item_id: str, kind: type, what: str, locator: Locator, loc: Loc) -> Any:
        item = self.index.get(item_id)
        if not isinstance(item, kind):
            self.fail(locator, loc, f"unknown {what} {item_id!r}")
            return None
        return item

    def sources(self, fact: Any, locator: Locator, loc: Loc) -> None:
        for k, source_id in enumerate(getattr(fact, "sources", ())):
            self.expect(source_id, Source, "source", locator, loc + ("sources", k))

    def own_level(self, level_id: str, region: str, locator: Locator, loc: Loc) -> None:
        framework = self.level_framework.get(level_id)
        expected = REGION_FRAMEWORK[region]
        if framework is None:
            self.fail(locator, loc, f"unknown level {level_id!r}")
        elif framework.id != expected:
            self.fail(locator, loc, f"level {level_id!r} is outside framework {expected!r} of region {region}")

    # --- passes ----------------------------------------------------------------------------

    def collect_ids(self) -> None:
        for content, locator in self.parts:
            for i, source in enumerate(content.sources):
                self.register(source.id, source, locator, ("sources", i))
            for i, framework in enumerate(content.frameworks):
                self.register(framework.id, framework, locator, ("frameworks", i))
                for j, level in enumerate(framework.levels):
                    self.register(level.id, level, locator, ("frameworks", i, "levels", j))
                    self.level_framework[level.id] = framework
            for section in ("qualification_types", "recognitions", "qualifications", "job_profiles", "term_pairs",
                            "false_friends", "matching", "crosswalk", "mined_synonyms", "esco_occupations"):
                for i, item in enumerate(getattr(content, section)):
                    self.register(item.id, item, locator, (section, i))
                    for k, competence in enumerate(getattr(item, "competences", ())):
                        self.register(competence.id, competence, locator, (section, i, "competences", k))

    def check_framework(self, framework: Framework, locator: Locator, loc: Loc) -> None:
        self.sources(framework, locator, loc)
        keys = {dimension.key for dimension in framework.dimensions}
        for j, level in enumerate(framework.levels):
            lloc = loc + ("levels", j)
            self.sources(level, locator, lloc)
            if not level.id.startswith(framework.id + ":"):
                self.fail(locator, lloc + ("id",),
                          f"a level of framework {framework.id!r} must have an id starting with '{framework.id}:'")
            for key in [*level.descriptors, *level.descriptor_evidence]:
                if key not in keys:
                    self.fail(locator, lloc + ("descriptors", key),
                              f"{key!r} is not a dimension of framework {framework.id!r} ({', '.join(sorted(keys))})")
            if level.eqf is not None:
                target = self.level_framework.get(level.eqf)
                if target is None or target.id != "eqf":
                    self.fail(locator, lloc + ("eqf",), f"{level.eqf!r} is not an EQF level")

    def check_type(self, qtype: QualificationType, locator: Locator, loc: Loc) -> None:
        self.sources(qtype, locator, loc)
        for k, level_id in enumerate(qtype.levels):
            self.own_level(level_id, qtype.region, locator, loc + ("levels", k))
        for k, other in enumerate(qtype.replaced_by):
            self.expect(other, QualificationType, "qualification type", locator, loc + ("replaced_by", k))

    def check_recognition(self, recognition: Recognition, locator: Locator, loc: Loc) -> None:
        self.sources(recognition, locator, loc)
        allowed = {(d.from_region, d.to_region) for d in recognition.directions}
        seen: set[tuple[str, str | None, str | None]] = set()
        for k, statement in enumerate(recognition.statements):
            sloc = loc + ("statements", k)
            pair = (statement.subject, statement.object, statement.level)
            if pair in seen:
                self.fail(locator, sloc, "duplicate statement in this instrument")
            seen.add(pair)
            subject = self.expect(statement.subject, QualificationType, "qualification type", locator,
                                  sloc + ("subject",))
            if subject is None:
                continue
            if statement.object is not None:
                target = self.expect(statement.object, QualificationType, "qualification type", locator,
                                     sloc + ("object",))
                if target is not None and (subject.region, target.region) not in allowed:
                    self.fail(locator, sloc + ("object",),
                              f"{subject.region} → {target.region} is not a direction of this instrument")
            if statement.level is not None:
                framework = self.level_framework.get(statement.level)
                if framework is None:
                    self.fail(locator, sloc + ("level",), f"unknown level {statement.level!r}")
                elif (subject.region, framework.region) not in allowed:
                    self.fail(locator, sloc + ("level",),
                              f"{subject.region} → {framework.region} is not a direction of this instrument")

    def check_former_ids(self, owner: Qualification | JobProfile, locator: Locator, loc: Loc) -> None:
        for k, former in enumerate(owner.former_ids):
            where = loc + ("former_ids", k)
            if former in self.index:
                self.fail(locator, where, f"{former!r} is the id of an entry in use, not a former one")
            elif (first := self._former.setdefault(former, owner.id)) != owner.id:
                self.fail(locator, where, f"{former!r} is already a former id of {first!r}")

    def check_competences(self, owner: Qualification | JobProfile, locator: Locator, loc: Loc) -> None:
        for k, competence in enumerate(owner.competences):
            if not competence.id.startswith(owner.id + "."):
                self.fail(locator, loc + ("competences", k, "id"),
                          f"a competence of {owner.id!r} must have an id starting with '{owner.id}.'")

    def check_qualification(self, qualification: Qualification, locator: Locator, loc: Loc) -> None:
        self.sources(qualification, locator, loc)
        self.own_level(qualification.level, qualification.region, locator, loc + ("level",))
        if qualification.qualification_type is not None:
            qtype = self.expect(qualification.qualification_type, QualificationType, "qualification type", locator,
                                loc + ("qualification_type",))
            if qtype is not None and qtype.region != qualification.region:
                self.fail(locator, loc + ("qualification_type",),
                          f"{qtype.id!r} is a type of {qtype.region}, not of {qualification.region}")
        for field in ("replaced_by", "related"):
            for k, other in enumerate(getattr(qualification, field)):
                self.expect(other, Qualification, "qualification", locator, loc + (field, k))
        for k, job_id in enumerate(qualification.job_profiles):
            job = self.expect(job_id, JobProfile, "job profile", locator, loc + ("job_profiles", k))
            if job is not None and job.region != qualification.region:
                self.fail(locator, loc + ("job_profiles", k),
                          f"{job_id!r} is a job profile of {job.region}, not of {qualification.region}")
        self.check_former_ids(qualification, locator, loc)
        self.check_competences(qualification, locator, loc)

    def check_job_profile(self, job: JobProfile, locator: Locator, loc: Loc) -> None:
        self.sources(job, locator, loc)
        self.check_former_ids(job, locator, loc)
        self.check_competences(job, locator, loc)

    def run(self) -> dict[str, Any]:
        self.collect_ids()
        checks: dict[str, Callable[[Any, Locator, Loc], None]] = {
            "frameworks": self.check_framework,
            "qualification_types": self.check_type,
            "recognitions": self.check_recognition,
            "qualifications": self.check_qualification,
            "job_profiles": self.check_job_profile,
            "term_pairs": self.sources,
            "false_friends": self.sources,
            "esco_occupations": self.sources,
        }
        for content, locator in self.parts:
            for section, check in checks.items():
                for i, item in enumerate(getattr(content, section)):
                    check(item, locator, (section, i))
        settings = [(locator, i) for content, locator in self.parts for i, _ in enumerate(content.matching)]
        for locator, i in settings[1:]:
            self.fail(locator, ("matching", i), "only one matching settings entry may be loaded")
        crosswalk = [(locator, i) for content, locator in self.parts for i, _ in enumerate(content.crosswalk)]
        for locator, i in crosswalk[1:]:
            self.fail(locator, ("crosswalk", i), "only one crosswalk settings entry may be loaded")
        if self.problems:
            raise TaxonomyError(sorted(self.problems, key=lambda p: (p.file, p.line or 0)))
        return self.index


def check_taxonomy(parts: Sequence[tuple[TaxonomyFile, Locator]]) -> dict[str, Any]:
    """Check files as one taxonomy; return the index of every id.

    :raises TaxonomyError: with every problem found
    """
    return _Checker(parts).run()
