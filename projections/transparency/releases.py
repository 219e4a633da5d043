"""Monthly public releases computed from the events: T0 named items, T1 institutional items and
T2 aggregate tables per government, every table passed through
projections/transparency/disclosure.py.

The builder replays the event log once, folding every aggregate in memory. A release of month M
is computed from the log prefix known when it is due (`cutoff`; the whole log when publishing
now) with each employee's actions in force at the end of M. Only fields on an allow-list leave
this module: categories, counts, and for T0 the name of a holder of public office (UU KIP
Pasal 18) with the post and the month. The structure tables have one row per agency; the
sensitive ones (performance classes, dismissals and deaths) one row per government and year.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.employee_rules import EmployeeState
from domain.organisation import Agency, Government
from domain.personnel_service import PersonnelService
from domain.regulations import TRAINING_TARGET_JP
from domain.values import Education, Rating, SeparationType, Sex
from projections.transparency import disclosure, leave_table, release_items, voice_items
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import Table, sensitive_table

GRADE_GROUPS = ("I", "II", "III", "IV", "PPPK")
POSITION_GROUPS = ("jpt", "administrator", "pengawas", "fungsional", "pelaksana", "none")
STATUSES = ("CPNS", "PNS", "PPPK")
AGE_BANDS = ("<30", "30-39", "40-49", "50-59", "60+", "unknown")
SEXES = {Sex.MALE.value: "male", Sex.FEMALE.value: "female"}
SEX_COLUMNS = ("female", "male", "unknown")  # unknown: erased
EDUCATION_GROUPS = ("SD", "SLTP", "SLTA", "D1-D3", "S1-D4", "S2", "S3")
_EDUCATION_GROUP = {Education.SLTP_KEJURUAN: "SLTP", Education.D1: "D1-D3",
                    Education.D2: "D1-D3", Education.D3: "D1-D3", Education.S1: "S1-D4",
                    Education.D4: "S1-D4"}
TRAINING_CLASSES = ("latsar", "structural", "technical", "functional", "seminar")
RATING_CLASSES = ("good", "below_good")  # sensitive: merged, per government and year
SEPARATION_CLASSES = ("retirement", "contract_end", "resignation_or_other")
LEAVING_CLASSES = ("resignation", "dismissal_or_death")  # sensitive: per government and year
Progress = Callable[[int, int], None]


def month_end(month: str) -> date:
    year, number = (int(p) for p in month.split("-"))
    return date(year, number, calendar.monthrange(year, number)[1])


def month_start(month: str) -> date:
    return month_end(month).replace(day=1)


def previous_month(month: str) -> str:
    start = month_start(month)
    return f"{start.year - (start.month == 1)}-{(start.month - 2) % 12 + 1:02d}"


Cells = dict[tuple[str, str, str], int | None]  # (table, row, column) -> count or None


def build(service: PersonnelService, months: Iterable[tuple[str, datetime | None]],
          progress: Progress | None = None) -> list[ComputedRelease]:
    """Compute the releases of `months` (each with the time its log prefix ends, or None
    for the whole log) for every government, in one pass over the log."""
    pending = sorted(months, key=lambda m: (m[1] is None, m[1] or datetime.max, m[0]))
    replay, results = Replay(), []
    head = service.recorder.max_notification_id() or 0
    start = 1
    while True:
        notifications = service.recorder.select_notifications(start, 1000,
                                                              inclusive_of_start=True)
        for notification in notifications:
            event: Any = service.mapper.to_domain_event(notification)
            while pending and pending[0][1] is not None and event.timestamp > pending[0][1]:
                results += _compute(service, replay, pending.pop(0)[0])
            replay.apply(notification.id, event)
        if progress:
            progress(replay.position, head)
        if not notifications:
            break
        start = notifications[-1].id + 1
    for month, _ in pending:
        results += _compute(service, replay, month)
    return results


def _compute(service: PersonnelService, replay: Replay, month: str) -> list[ComputedRelease]:
    return [_government_release(service, replay, government, month)
            for government in sorted(replay.of(Government), key=lambda g: g.code)]


@dataclass
class _Person:
    """What the tables need of one employee for one month (never leaves this module)."""

    state: EmployeeState
    agency: str
    flows: list[Employee.Action]
    before: dict[int, EmployeeState]  # version -> state just before that action
    birth_on: date | None
    sex: str | None
    left_last_year: SeparationType | None = None  # how they left in the year before M


def _government_release(service: PersonnelService, replay: Replay, government: Any,
                        month: str) -> ComputedRelease:
    end, first = month_end(month), month_start(month)
    agencies = {a.id: a for a in replay.of(Agency) if a.government_id == government.id}
    employees = [e for e in replay.of(Employee) if e.state.government_id == government.id]

    def group(agency_id: UUID | None) -> str:
        agency = agencies.get(agency_id) if agency_id else None
        return str(agency.code) if agency is not None else ""

    rows = sorted(str(a.code) for a in agencies.values())
    persons = {e.id: _person(e, first, end, group, _personal(service, replay, e))
               for e in employees}
    people = [p for p in persons.values() if p is not None and p.agency]
    release = ComputedRelease(str(government.code), month, replay.position, labels={
        "government": {"code": government.code, "name": government.name,
                       "province": government.province},
        "agencies": {str(a.code): str(a.name) for a in agencies.values()}})

    for key, columns, classify in T2_TABLES:
        counts = {r: Counter[str]() for r in rows}
        for person in people:
            counts[person.agency].update(classify(person, end))
        release.tables.append(disclosure.protect(Table(
            key, list(rows), list(columns), [[counts[r][c] for c in columns] for r in rows])))
    release.tables += _sensitive(people, end.year - 1)
    leave_table.add(release, replay, rows, lambda e: _agency_of(persons.get(e)), first, end)
    _hours(release, people, rows)
    release_items.recruitment(release, replay, government, end, disclosure.protect)
    release_items.selections(release, replay, government, agencies, end, disclosure.protect)
    release_items.named_appointments(service, release, replay, employees, agencies, first, end)
    _programmes(release, people, first)
    voice_items.add(release, replay, government, first, end)
    return release


Classify = Callable[["_Person", date], Iterable[str]]


def _stock(classify: Callable[[EmployeeState, _Person, date], str | None]) -> Classify:
    """A month-end table: active employees only, each in at most one column."""
    def of(person: _Person, end: date) -> list[str]:
        column = classify(person.state, person, end) if person.state.is_active else None
        return [column] if column is not None else []
    return of


def _flows(kind: type, classify: Callable[[Any, _Person], str]) -> Classify:
    """A table of the month's actions of one kind (separated people included)."""
    return lambda person, _: [classify(a, person) for a in person.flows if isinstance(a, kind)]


_TRANSITIONS = ("I-I", "I-II", "II-II", "II-III", "III-III", "III-IV", "IV-IV")
T2_TABLES: tuple[tuple[str, tuple[str, ...], Classify], ...] = (
    ("headcount_grade", GRADE_GROUPS,
     _stock(lambda s, p, e: s.grade.group if s.grade else None)),
    ("headcount_position", POSITION_GROUPS,
     _stock(lambda s, p, e: s.position_type.group if s.position_type else "none")),
    ("headcount_status", STATUSES, _stock(lambda s, p, e: s.status.value if s.status else None)),
    ("age_band", AGE_BANDS, _stock(lambda s, p, e: age_band(p.birth_on, e))),
    ("headcount_education", EDUCATION_GROUPS,
     _stock(lambda s, p, e: _EDUCATION_GROUP.get(s.education, s.education.value)
            if s.education else None)),
    ("headcount_sex", SEX_COLUMNS, _stock(lambda s, p, e: p.sex or "unknown")),
    ("training_20jp", ("reached", "not_reached"),
     _stock(lambda s, p, e: "reached" if s.training_jp.get(e.year, 0.0) >= TRAINING_TARGET_JP
            else "not_reached")),
    ("appointments", ("CPNS", "PPPK"),
     _flows(Employee.Appointed, lambda a, p: "CPNS" if a.employment_type.value == "PNS"
            else "PPPK")),
    ("promotions", _TRANSITIONS, _flows(Employee.RankPromoted, lambda a, p: _transition(p, a))),
    ("training", TRAINING_CLASSES,
     _flows(Employee.TrainingCompleted, lambda a, p: _training_class(a))),
    ("separations", SEPARATION_CLASSES,
     _flows(Employee.Separated, lambda a, p: _separation_class(a.separation_type))),
)


def _sensitive(people: list[_Person], year: int) -> list[Table]:
    """The government's sensitive tables of `year` (the last complete one): performance
    classes of everyone rated for it, and how the leavers of the merged separation class
    left. Each is one row, or absent when fewer than MIN_SENSITIVE_GROUP are in it."""
    ratings = Counter(_rating_class(p.state.appraisals[year]) for p in people
                      if year in p.state.appraisals)
    leaving = Counter(_leaving_class(p.left_last_year) for p in people
                      if p.left_last_year is not None
                      and _separation_class(p.left_last_year) == "resignation_or_other")
    found = [sensitive_table("appraisal_year", [str(year)], list(RATING_CLASSES),
                             [[ratings[c] for c in RATING_CLASSES]]),
             sensitive_table("separations_year", [str(year)], list(LEAVING_CLASSES),
                             [[leaving[c] for c in LEAVING_CLASSES]])]
    return [t for t in found if t is not None]


def _agency_of(person: _Person | None) -> str | None:
    return person.agency if person is not None else None


def _person(employee: Employee, first: date, end: date, group: Callable[[UUID | None], str],
            personal: tuple[date | None, str | None]) -> _Person | None:
    state, flows, before, left = EmployeeState(), [], {}, None
    for action in employee.in_force(end):
        if action.effective_on >= first:
            before[action.originator_version] = state.copy()
            flows.append(action)
        if isinstance(action, Employee.Separated) and action.effective_on.year == end.year - 1:
            left = action.separation_type
        action.fold(state)
    if state.appointed_on is None:
        return None
    return _Person(state, group(state.agency_id), flows, before, *personal, left)


def _personal(service: PersonnelService, replay: Replay, employee: Employee
              ) -> tuple[date | None, str | None]:
    """The birth date (for the age band) and sex, None once erased; opened once per
    employee and never published as such."""
    if employee.id not in replay.personal:
        def opened(name: str) -> str | None:
            value = service.vault.open(employee.subject_id, name, employee.personal.get(name))
            return value if isinstance(value, str) else None

        birth, sex = opened("birth_on"), opened("sex")
        replay.personal[employee.id] = (date.fromisoformat(birth) if birth else None,
                                        SEXES.get(sex) if sex else None)
    return replay.personal[employee.id]


def _transition(person: _Person, action: Employee.RankPromoted) -> str:
    earlier = person.before[action.originator_version].grade
    start = earlier.group if earlier else action.to_grade.group
    return f"{start}-{action.to_grade.group}"


def _training_class(action: Employee.TrainingCompleted) -> str:
    kind = action.training_type.value
    if kind == "LATSAR":
        return "latsar"
    if kind in ("PKP", "PKA", "PKN_II", "PKN_I"):
        return "structural"
    return kind.lower()


def _rating_class(rating: Rating) -> str:
    return "good" if rating in (Rating.SANGAT_BAIK, Rating.BAIK) else "below_good"


def _separation_class(kind: SeparationType) -> str:
    """Resignations, dismissals and deaths are one class month by month: whoever knows who
    left would otherwise learn the dismissals and deaths as what the other classes leave."""
    return {SeparationType.RETIREMENT: "retirement",
            SeparationType.CONTRACT_END: "contract_end"}.get(kind, "resignation_or_other")


def _leaving_class(kind: SeparationType) -> str:
    return "resignation" if kind is SeparationType.RESIGNATION else "dismissal_or_death"


def age_band(birth_on: date | None, on: date) -> str:
    """The 10-year band of the age on `on` ("unknown" once the birth date is erased)."""
    if birth_on is None:
        return "unknown"
    age = on.year - birth_on.year - ((on.month, on.day) < (birth_on.month, birth_on.day))
    if age < 30:
        return "<30"
    return "60+" if age >= 60 else f"{age // 10 * 10}-{age // 10 * 10 + 9}"


def _hours(release: ComputedRelease, people: list[_Person], rows: list[str]) -> None:
    """JP hours trained per agency in the month (public structure, exact)."""
    hours: dict[str, float] = defaultdict(float)
    for person in people:
        for action in person.flows:
            if isinstance(action, Employee.TrainingCompleted):
                hours[person.agency] += action.hours_jp.value
    for row in [*rows, disclosure.TOTAL]:
        value = hours[row] if row != disclosure.TOTAL else sum(hours.values())
        release.hours[row] = round(value, 1)


def _programmes(release: ComputedRelease, people: list[_Person], first: date) -> None:
    """T1: training programmes of the month with at least THRESHOLD participants."""
    participants: Counter[tuple[str, str]] = Counter()
    for person in people:
        for action in person.flows:
            if isinstance(action, Employee.TrainingCompleted):
                participants[(action.title, _training_class(action))] += 1
    for (title, kind), count in sorted(participants.items()):
        if count >= disclosure.THRESHOLD:
            release.items.append({"tier": "T1", "kind": "training_programme", "title": title,
                                  "class": kind, "participants": count,
                                  "month": release.month})
