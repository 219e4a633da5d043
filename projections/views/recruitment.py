"""Recruitment and open-selection views: stage counts and rankings, for HR.

One row per round, formation and applicant (by exam number: applicants' names stay in the vault)
and one per open selection, candidate and shortlisted name. Stage counts are grouped from the
applicant rows when read, so a late screening change or a granted objection moves every count
without bookkeeping. Public pages take their figures from the releases, never from these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.recruitment import RecruitmentRound
from domain.selection import OpenSelection
from projections.stores.view_store import Sql
from projections.views.base import View


class RecruitmentView(View):
    """Rounds, formations and applicants of CPNS/PPPK recruitment; JPT open selections."""

    name = "recruitment"
    tables = ("rounds", "formations", "applicants", "selections", "candidates")

    topic_prefixes = ("domain.recruitment:", "domain.selection:")

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {t('rounds')} (id TEXT PRIMARY KEY, "
            "government_id TEXT NOT NULL, code TEXT NOT NULL, title TEXT NOT NULL, "
            "kind TEXT NOT NULL, year INTEGER NOT NULL, opened_on TEXT NOT NULL, "
            "announced_on TEXT, registration_closes_on TEXT, screening_announced_on TEXT, "
            "skb_chosen_on TEXT, integrated_on TEXT, results_announced_on TEXT, closed_on TEXT)")
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {t('formations')} (id TEXT PRIMARY KEY, "
            "round_id TEXT NOT NULL, agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, "
            "position_title TEXT NOT NULL, position_type TEXT NOT NULL, "
            "education TEXT NOT NULL, grade TEXT NOT NULL, quota INTEGER NOT NULL, "
            "track TEXT NOT NULL)")
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {t('applicants')} (id TEXT PRIMARY KEY, "
            "round_id TEXT NOT NULL, formation_id TEXT NOT NULL, exam_number TEXT NOT NULL, "
            "registered_on TEXT NOT NULL, meets INTEGER, objection TEXT, "
            "tested INTEGER NOT NULL DEFAULT 0, passed INTEGER NOT NULL DEFAULT 0, "
            "skb_participant INTEGER NOT NULL DEFAULT 0, skb_tested INTEGER NOT NULL DEFAULT 0, "
            "final_score TEXT, rank INTEGER, withdrawn INTEGER NOT NULL DEFAULT 0, "
            "employee_id TEXT)")
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {t('selections')} (id TEXT PRIMARY KEY, "
            "government_id TEXT NOT NULL, agency_id TEXT NOT NULL, position_id TEXT NOT NULL, "
            "position_title TEXT NOT NULL, code TEXT NOT NULL, authorised_on TEXT NOT NULL, "
            "committee_size INTEGER NOT NULL DEFAULT 0, "
            "committee_external INTEGER NOT NULL DEFAULT 0, announced_on TEXT, closes_on TEXT, "
            "extended INTEGER NOT NULL DEFAULT 0, appointee_employee_id TEXT, "
            "appointee_rank INTEGER, reason_recorded INTEGER NOT NULL DEFAULT 0, "
            "inaugurated_on TEXT, cancelled_on TEXT)")
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {t('candidates')} (id TEXT PRIMARY KEY, "
            "selection_id TEXT NOT NULL, employee_id TEXT NOT NULL, applied_on TEXT NOT NULL, "
            "stages_passed INTEGER NOT NULL DEFAULT 0, failed_stage TEXT, score TEXT, "
            "shortlist_rank INTEGER)")

    def create_indexes(self, sql: Sql) -> None:
        t = self.table
        sql.execute("CREATE INDEX IF NOT EXISTS view_applicants_formation "
                    f"ON {t('applicants')} (formation_id, rank)")
        sql.execute("CREATE INDEX IF NOT EXISTS view_candidates_selection "
                    f"ON {t('candidates')} (selection_id)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if isinstance(event, RecruitmentRound.Event):
            self._round(sql, event)
        elif isinstance(event, OpenSelection.Event):
            self._selection(sql, event)

    def _round(self, sql: Sql, event: Any) -> None:
        t, round_id, on = self.table, event.originator_id.hex, event.effective_on.isoformat()
        R = RecruitmentRound
        applicant = getattr(event, "applicant_id", None)
        key = (applicant.hex,) if applicant is not None else ()

        def set_applicant(assignments: str, *values: Any) -> None:
            sql.execute(f"UPDATE {t('applicants')} SET {assignments} WHERE id = ?",
                        (*values, *key))

        def set_round(column: str, value: Any = on) -> None:
            sql.execute(f"UPDATE {t('rounds')} SET {column} = ? WHERE id = ?", (value, round_id))

        if isinstance(event, R.Opened):
            sql.execute(f"INSERT INTO {t('rounds')} (id, government_id, code, title, kind, year, "
                        "opened_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (round_id, event.government_id.hex, event.code, event.title,
                         event.kind.value, event.year, on))
        elif isinstance(event, R.FormationAllocated):
            f = event.formation
            sql.execute(f"INSERT INTO {t('formations')} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (f.id.hex, round_id, f.agency_id.hex, f.unit_id.hex, f.position_title,
                         f.position_type.value, f.education.value, f.grade.code, f.quota,
                         f.track.value))
        elif isinstance(event, R.Announced):
            set_round("announced_on")
            set_round("registration_closes_on", event.registration_closes_on.isoformat())
        elif isinstance(event, R.ApplicantRegistered):
            sql.execute(f"INSERT INTO {t('applicants')} (id, round_id, formation_id, "
                        "exam_number, registered_on) VALUES (?, ?, ?, ?, ?)",
                        (event.applicant_id.hex, round_id, event.formation_id.hex,
                         event.exam_number, on))
        elif isinstance(event, R.ScreeningDecided):
            set_applicant("meets = ?", int(event.meets))
        elif isinstance(event, R.ScreeningAnnounced):
            set_round("screening_announced_on")
        elif isinstance(event, R.ObjectionFiled):
            set_applicant("objection = ?", "filed")
        elif isinstance(event, R.ObjectionResolved):
            if event.granted:
                set_applicant("objection = ?, meets = 1", "granted")
            else:
                set_applicant("objection = ?", "refused")
        elif isinstance(event, (R.SkdScored, R.CompetencyScored)):
            set_applicant("tested = 1, passed = ?", int(event.passed))
        elif isinstance(event, R.SkbParticipantsChosen):
            set_round("skb_chosen_on")
            sql.executemany(f"UPDATE {t('applicants')} SET skb_participant = 1 WHERE id = ?",
                            [(a.hex,) for a in event.applicant_ids])
        elif isinstance(event, R.SkbScored):
            set_applicant("skb_tested = 1")
        elif isinstance(event, R.FinalScoresIntegrated):
            set_round("integrated_on")
            sql.executemany(f"UPDATE {t('applicants')} SET final_score = ?, rank = ? "
                            "WHERE id = ?",
                            [(r.final_score, r.rank, r.applicant_id.hex) for r in event.results])
        elif isinstance(event, R.ResultsAnnounced):
            set_round("results_announced_on")
        elif isinstance(event, R.ApplicantWithdrew):
            set_applicant("withdrawn = 1")
        elif isinstance(event, R.WinnerAppointed):
            set_applicant("employee_id = ?", event.employee_id.hex)
        elif isinstance(event, R.Closed):
            set_round("closed_on")

    def _selection(self, sql: Sql, event: Any) -> None:
        t, selection_id = self.table, event.originator_id.hex
        on = event.effective_on.isoformat()
        S = OpenSelection

        def set_selection(assignments: str, *values: Any) -> None:
            sql.execute(f"UPDATE {t('selections')} SET {assignments} WHERE id = ?",
                        (*values, selection_id))

        if isinstance(event, S.Authorised):
            sql.execute(f"INSERT INTO {t('selections')} (id, government_id, agency_id, "
                        "position_id, position_title, code, authorised_on) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (selection_id, event.government_id.hex, event.agency_id.hex,
                         event.position_id.hex, event.position_title, event.code, on))
        elif isinstance(event, S.CommitteeFormed):
            set_selection("committee_size = ?, committee_external = ?", len(event.members),
                          sum(1 for m in event.members if m.external))
        elif isinstance(event, S.VacancyAnnounced):
            set_selection("announced_on = ?, closes_on = ?", on, event.closes_on.isoformat())
        elif isinstance(event, S.ClosingExtended):
            set_selection("closes_on = ?, extended = 1", event.closes_on.isoformat())
        elif isinstance(event, S.CandidateApplied):
            sql.execute(f"INSERT INTO {t('candidates')} (id, selection_id, employee_id, "
                        "applied_on) VALUES (?, ?, ?, ?)",
                        (event.candidate_id.hex, selection_id, event.employee_id.hex, on))
        elif isinstance(event, S.StageResultRecorded):
            if event.result.passed:
                sql.execute(f"UPDATE {t('candidates')} SET stages_passed = stages_passed + 1 "
                            "WHERE id = ?", (event.candidate_id.hex,))
            else:
                sql.execute(f"UPDATE {t('candidates')} SET failed_stage = ? WHERE id = ?",
                            (event.result.stage.value, event.candidate_id.hex))
        elif isinstance(event, S.ShortlistSubmitted):
            sql.executemany(f"UPDATE {t('candidates')} SET score = ?, shortlist_rank = ? "
                            "WHERE id = ?",
                            [(s.score, s.rank, s.candidate_id.hex) for s in event.shortlist])
        elif isinstance(event, S.AppointeeChosen):
            sql.execute(f"SELECT employee_id FROM {t('candidates')} WHERE id = ?",
                        (event.candidate_id.hex,))
            employee = sql.fetchone()["employee_id"]
            set_selection("appointee_employee_id = ?, appointee_rank = ?, reason_recorded = ?",
                          employee, event.rank, int(event.reason is not None))
        elif isinstance(event, S.Inaugurated):
            set_selection("inaugurated_on = ?", on)
        elif isinstance(event, S.Cancelled):
            set_selection("cancelled_on = ?", on)


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormationFunnel:
    """How many applicants of a formation reached each stage."""

    id: str
    round_id: str
    position_title: str
    track: str
    quota: int
    applicants: int
    screened_in: int
    objections: int
    objections_granted: int
    tested: int
    passed: int
    skb_participants: int
    ranked: int
    withdrawn: int
    appointed: int


def formation_funnels(projections: Any, round_id: str | None = None,
                      government_id: str | None = None) -> list[FormationFunnel]:
    """Stage counts per formation, of one round or of a government's rounds."""
    view = projections.views["recruitment"]
    t = view.table
    where, params = [], []
    if round_id is not None:
        where.append("f.round_id = ?")
        params.append(round_id)
    if government_id is not None:
        where.append("r.government_id = ?")
        params.append(government_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    with projections.store.read() as sql:
        rows = sql.execute(
            "SELECT f.id, f.round_id, f.position_title, f.track, f.quota, "
            "COUNT(a.id) AS applicants, "
            "COALESCE(SUM(CASE WHEN a.meets = 1 THEN 1 ELSE 0 END), 0) AS screened_in, "
            "COALESCE(SUM(CASE WHEN a.objection IS NOT NULL THEN 1 ELSE 0 END), 0) "
            "AS objections, "
            "COALESCE(SUM(CASE WHEN a.objection = 'granted' THEN 1 ELSE 0 END), 0) "
            "AS objections_granted, "
            "COALESCE(SUM(a.tested), 0) AS tested, COALESCE(SUM(a.passed), 0) AS passed, "
            "COALESCE(SUM(a.skb_participant), 0) AS skb_participants, "
            "COALESCE(SUM(CASE WHEN a.rank IS NOT NULL THEN 1 ELSE 0 END), 0) AS ranked, "
            "COALESCE(SUM(a.withdrawn), 0) AS withdrawn, "
            "COALESCE(SUM(CASE WHEN a.employee_id IS NOT NULL THEN 1 ELSE 0 END), 0) "
            "AS appointed "
            f"FROM {t('formations')} f JOIN {t('rounds')} r ON r.id = f.round_id "
            f"LEFT JOIN {t('applicants')} a ON a.formation_id = f.id {clause} "
            "GROUP BY f.id, f.round_id, f.position_title, f.track, f.quota "
            "ORDER BY f.round_id, f.position_title, f.track", params).fetchall()
    counts = ("quota", "applicants", "screened_in", "objections", "objections_granted",
              "tested", "passed", "skb_participants", "ranked", "withdrawn", "appointed")
    return [FormationFunnel(str(row["id"]), str(row["round_id"]), str(row["position_title"]),
                            str(row["track"]), *(int(row[k]) for k in counts)) for row in rows]


def ranking(projections: Any, formation_id: str) -> list[dict[str, Any]]:
    """The formation's ranked applicants by exam number, best first (HR and auditors)."""
    t = projections.views["recruitment"].table
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT exam_number, final_score, rank, withdrawn, employee_id "
            f"FROM {t('applicants')} WHERE formation_id = ? AND rank IS NOT NULL "
            "ORDER BY rank", (formation_id,)).fetchall()
    return [dict(row) for row in rows]


def rounds(projections: Any, government_id: str | None = None) -> list[dict[str, Any]]:
    t = projections.views["recruitment"].table
    clause, params = ("WHERE government_id = ?", (government_id,)) if government_id else ("", ())
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t('rounds')} {clause} ORDER BY year DESC, code",
                           params).fetchall()
    return [dict(row) for row in rows]


def selections(projections: Any, government_id: str | None = None) -> list[dict[str, Any]]:
    """Open selections with their candidate and shortlist counts."""
    t = projections.views["recruitment"].table
    clause, params = (("WHERE s.government_id = ?", (government_id,)) if government_id
                      else ("", ()))
    with projections.store.read() as sql:
        rows = sql.execute(
            "SELECT s.*, COUNT(c.id) AS candidates, "
            "COALESCE(SUM(CASE WHEN c.shortlist_rank IS NOT NULL THEN 1 ELSE 0 END), 0) "
            "AS shortlisted "
            f"FROM {t('selections')} s LEFT JOIN {t('candidates')} c ON c.selection_id = s.id "
            f"{clause} GROUP BY s.id ORDER BY s.authorised_on DESC, s.code", params).fetchall()
    return [dict(row) for row in rows]
