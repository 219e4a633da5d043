"""Every route of the app, walked from its URL map: staff routes refuse whoever may not use them.

The hand-written access matrix (tests/integration/web/hr/test_routes.py) checks chosen pages
by role and scope; this walks every rule the app has, so a route added later cannot go out
unprotected by accident. A route is either on the public list below (reviewed for personal data
by the transparency tests) or behind a staff prefix, where an anonymous caller is sent to the
login (or gets 401 from the API) and a system administrator — who manages accounts, not
personnel — is refused. The employee's desk (/saya) is a staff prefix of its own: only an
employee account reaches it, and an employee reaches nothing else.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from werkzeug.routing import Rule

from projections.views import hr_queries
from tests.support.staff import csrf_token, login, text

# Public blueprints and endpoints: no login by design.
PUBLIC_BLUEPRINTS = {"public", "log", "api-docs", "transparency", "data", "feeds", "voice",
                     "public_tpp",
                     "decree", "survey",
                     "consultation", "staff_survey", "indicator"}
PUBLIC_ENDPOINTS = {"static", "auth.login", "desk.activate"}
# Staff prefixes: login required; no personnel data for the system administrator.
PERSONNEL_PREFIXES = ("/hr/", "/audit/")
ACCOUNT_PREFIXES = ("/admin/",)
EMPLOYEE_PREFIXES = ("/saya",)
API_PREFIX = "/api/v1/"


def _url(rule: Rule) -> str:
    """The rule with a placeholder for each argument (an id that exists nowhere)."""
    values: dict[str, Any] = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__
        values[name] = 1 if converter == "IntegerConverter" else "0" * 32
    url = rule.build(values, append_unknown=False)
    assert url is not None
    return url[1]


def _rules(app: Flask) -> list[tuple[str, str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, _url(rule)))
    # Logging out ends the session the other requests' CSRF token belongs to: last.
    return sorted(found, key=lambda row: (row[0] == "auth.logout", row))


def _is_public(endpoint: str) -> bool:
    return endpoint in PUBLIC_ENDPOINTS or endpoint.split(".")[0] in PUBLIC_BLUEPRINTS


def test_every_route_is_either_public_by_name_or_under_a_staff_prefix(
        demo_app: Flask) -> None:
    unclassified = [(endpoint, url) for endpoint, _, url in _rules(demo_app)
                    if not _is_public(endpoint) and not url.startswith(
                        (*PERSONNEL_PREFIXES, *ACCOUNT_PREFIXES, *EMPLOYEE_PREFIXES,
                         API_PREFIX, "/logout"))]
    assert unclassified == []


@pytest.mark.parametrize("who", [None, "admin"])
def test_staff_routes_refuse_the_anonymous_and_the_system_administrator(
        demo_app: Flask, who: str | None) -> None:
    client = demo_app.test_client()
    if who is not None:
        assert login(client, who).status_code == 302
    token = csrf_token(text(client.get("/login", follow_redirects=True)))
    wrong = []
    for endpoint, method, url in _rules(demo_app):
        if _is_public(endpoint):
            continue
        personnel = url.startswith((*PERSONNEL_PREFIXES, *EMPLOYEE_PREFIXES, API_PREFIX))
        if who is not None and not personnel:
            continue  # the accounts pages are the system administrator's own
        response = client.open(url, method=method, data={"csrf_token": token})
        if url.startswith(API_PREFIX):
            allowed = {401}  # session cookies never authenticate the API
        elif who is None:
            allowed = {302}
            if response.status_code == 302 and "/login" not in response.headers["Location"]:
                allowed = set()
        else:
            allowed = {403}
        if response.status_code not in allowed:
            wrong.append((method, url, response.status_code))
    assert wrong == []


def test_an_auditor_can_write_nothing_through_any_staff_form(demo_app: Flask) -> None:
    client = demo_app.test_client()
    assert login(client, "auditor").status_code == 302
    token = csrf_token(text(client.get("/login", follow_redirects=True)))
    wrong = []
    for endpoint, method, url in _rules(demo_app):
        if method != "POST" or not url.startswith("/hr/"):
            continue
        response = client.post(url, data={"csrf_token": token, "step": "confirm"})
        if response.status_code != 403:
            wrong.append((endpoint, url, response.status_code))
    assert wrong == []


# -- the whole matrix: every staff route and API operation x every role x three places ---------

ROLES = (None, "hr.salatiga", "hradmin.salatiga", "hr.kupang", "hradmin.kupang", "auditor",
         "admin", "pegawai.salatiga")
GOVERNMENT = {"A": "salatiga", "B": "salatiga", "C": "kupang"}  # A is hr.salatiga's agency
OWN = {"hr.salatiga": ("salatiga", "A"), "hradmin.salatiga": ("salatiga", None),
       "hr.kupang": ("kupang", "C"), "hradmin.kupang": ("kupang", None)}
PAGE_LISTS = {"hr.home", "hr.roster", "recruit.index", "hr.roster_csv", "hr.roster_xlsx"}
AGENCY_PAGES = {"hr.dashboard", "hr.employee", "org.agency_page", "hr.decree_pdf",
                "hr.document", "api.document"}  # a scan: readers in scope (hr/documents.py)
EMPLOYEE_WRITES = {"hr.action", "hr.timeline_action", "hr.issue_activation", "hr.leave_on_behalf",
                   "hr.approve_correction", "hr.refuse_correction", "api.approve_correction",
                   "api.refuse_correction", "hr.attach_document", "api.attach_document"}
OWN_DESK = {"desk.home", "desk.printable", "desk.correction", "desk.decree_pdf", "api.me",
            "api.ask_for_correction", "outbox.own_email", "desk.ask_leave", "desk.cancel_leave",
            "desk.superior_queue", "desk.consider_leave", "api.my_leave", "api.ask_for_leave",
            "api.consider_leave", "api.leave_to_consider",
            "desk.leave_documents", "desk.leave_document",  # documents of one's own requests
            "api.my_leave_documents", "api.my_leave_document", "api.attach_my_leave_document"}
ACCOUNT_PAGES = {"outbox.account_email", "outbox.retry"}  # the system administrator's
# The performance cycle: a plan is reached by its parties through /me (anyone else: 404);
# HR reads and sets the unit predicates of its scope.
OWN_DESK |= {"api.my_performance_plans", "api.draft_performance_plan",
             "api.performance_objections",
             "api.performance_plan_step", "api.performance_feedback",
             "api.record_performance_feedback"}
UNIT_PERFORMANCE_READS = {"api.unit_performance"}
UNIT_PERFORMANCE_WRITES = {"api.set_unit_performance"}
# Their pages: the desk's SKP page (/saya/kinerja) for its parties; HR's overview of counts for
# every reader of the scope, the predicate form for the writers of the agency's scope.
OWN_DESK |= {"skp.page", "skp.draft_plan", "skp.plan_step"}
UNIT_PERFORMANCE_READS |= {"kinerja.overview"}
AGENCY_WRITES = {"kinerja.set_predicate"}
WRITER_LISTS = {"hr.correction_queue", "api.correction_requests", "hr.leave_queue",
                "api.leave_requests"}
# A leave request's documents (health data): HR officers and administrators in scope, never
# auditors (the matrix's request ids are not leave requests: a 404 for the writers).
WRITER_LISTS |= {"hr.leave_documents", "hr.leave_document", "api.leave_documents",
                 "api.leave_document", "api.attach_leave_document"}
# Leave decisions: the HR administrator of the government only (the authorised official).
OFFICIAL_WRITES = {"hr.decide_leave", "api.approve_leave", "api.defer_leave",
                   "api.reject_leave"}
# Promotion periods: officers and administrators of the period's government (an id of nothing
# is a 404); the administrator alone opens one. Steps an officer may not take answer 403.
WRITER_LISTS |= {"hr.promotion_periods", "hr.promotion_period", "hr.promotion_period_step",
                 "hr.promotion_list_csv", "hr.promotion_list_xlsx", "hr.promotion_results_csv",
                 "hr.promotion_results_xlsx", "api.promotion_periods_list",
                 "api.promotion_eligibility", "api.promotion_proposals",
                 "api.propose_promotions", "api.decide_promotion", "api.record_promotion_batch",
                 "api.close_promotion_period"}
# TPP: the government's versions and runs for its officers and administrators (an officer's
# lines and totals are their agency's; a run of nothing is a 404); the administrator alone adds
# a version, records its Mendagri approval letter or runs a month; the employee reads their own
# months.
WRITER_LISTS |= {"hr.tpp", "hr.tpp_run", "hr.tpp_run_xlsx", "api.tpp_regulations",
                 "api.tpp_runs", "api.tpp_run"}
OWN_DESK |= {"desk.tpp", "api.my_tpp"}
# The TPP motivation report: the government's administrator, and auditors of any government.
ADMIN_READS = {"hr.tpp_motivation_report", "api.tpp_motivation"}
# The batch's decrees (the petikan of a period's recorded entries in one PDF): every reader of
# the period's government, the officer's pages only those of their agency.
PERIOD_READS = {"hr.period_decrees_pdf"}
GOVERNMENT_PAGES = {"recruit.round_page", "recruit.formation_page", "recruit.selection_page"}
GOVERNMENT_WRITES = {"org.agency_step", "recruit.round_step", "recruit.selection_step"}
NEW_RECORDS = {"org.new_agency", "recruit.new_round", "recruit.new_selection",
               "hr.new_promotion_period", "api.open_promotion_period", "hr.tpp_adopt",
               "hr.tpp_run_month", "api.adopt_tpp_regulation", "api.run_tpp_month",
               "hr.tpp_approve", "api.approve_tpp_regulation"}
NEW_RECORDS |= {"hr.decree_signers", "api.decree_signers",
                "api.set_decree_signer"}  # the government's decree signer: its administrator
API_READS = {"api.roster", "api.employee"}
# Citizens' voice: lists and records are read by every reader (a record outside the scope is a
# 404, as is the matrix's id of nothing); HR administrators keep units and holidays and
# verify; writers take the steps their role allows.
VOICE_READS = {"complaints.queue", "complaints.units", "complaints.holidays",
               "complaints.detail", "complaints.unit_page"}
VOICE_ADMIN_WRITES = {"complaints.new_unit", "complaints.set_holiday", "complaints.unit_step"}
VOICE_WRITES = {"complaints.step", "api.complaint_step", "api.file_complaint"}
VOICE_READS |= {"api.complaint_queue", "api.complaint"}
VOICE_ADMIN_WRITES |= {"api.open_service_unit", "api.set_service", "api.set_holiday"}
# Satisfaction surveys: readers see the periods of their scope; writers (the government's
# administrator, the officers of the unit's agency) open and close periods and issue codes.
VOICE_READS |= {"surveys.index", "surveys.period_page"}
VOICE_WRITES |= {"surveys.open_period", "surveys.close_period", "surveys.issue_codes"}
VOICE_READS |= {"api.survey_periods", "api.survey_period"}
# A government's public TPP figures through the API: every staff reader (the public has the page).
VOICE_READS |= {"api.tpp_public_figures"}
VOICE_WRITES |= {"api.open_survey_period", "api.issue_survey_codes", "api.close_survey_period"}
# Public consultation: every reader of the government reads; its HR administrator drafts,
# publishes, moderates, answers and closes.
VOICE_READS |= {"consultations.index", "consultations.detail", "api.consultations",
                "api.consultation"}
VOICE_ADMIN_WRITES |= {"consultations.draft", "consultations.step", "api.draft_consultation",
                       "api.consultation_step"}
# Employee surveys: readers of the scope read (a government-wide survey: its administrator
# and auditors; the matrix's id of nothing is a 404); writers open, print codes and close.
# An employee takes their code on their own desk; the answer page is public (staff_survey).
VOICE_READS |= {"staff_surveys.index", "staff_surveys.survey_page", "api.staff_surveys",
                "api.staff_survey"}
VOICE_WRITES |= {"staff_surveys.open_survey", "staff_surveys.close_survey",
                 "staff_surveys.issue_codes", "api.open_staff_survey",
                 "api.issue_staff_survey_codes", "api.close_staff_survey"}
OWN_DESK |= {"desk.staff_surveys", "desk.take_staff_survey_code"}
# Monitoring indicators: every reader of the government reads; its HR administrator defines
# them, sets targets and records and corrects actuals.
VOICE_READS |= {"indicators.index", "indicators.detail", "api.indicators", "api.indicator"}
VOICE_ADMIN_WRITES |= {"indicators.define", "indicators.act", "api.define_indicator",
                       "api.indicator_step"}
SLUGS = {"hr.action": "pelatihan", "hr.timeline_action": "koreksi",
         "org.agency_step": "unit-baru", "recruit.round_step": "tutup",
         "recruit.selection_step": "batalkan", "hr.promotion_period_step": "usul"}


def _reads(role: str, place: str, government_only: bool = False) -> bool:
    if role == "auditor":
        return True
    if role not in OWN:
        return False
    government, agency = OWN[role]
    if government_only or agency is None:
        return GOVERNMENT[place] == government
    return place == agency


def allowed(endpoint: str, role: str | None, place: str | None) -> bool:
    """The access rule of every staff route, written once from web/access.py's policy."""
    blueprint = endpoint.split(".")[0]
    if role is None:
        return False
    if endpoint in OWN_DESK:
        return role.startswith("pegawai.")
    if blueprint in ("admin", "jobs_admin") or endpoint in ACCOUNT_PAGES:
        return role == "admin"
    if blueprint == "audit":
        return role == "auditor"
    is_writer = role.startswith(("hr.", "hradmin."))
    is_admin_of_hr = role.startswith("hradmin.")
    if endpoint in PAGE_LISTS or endpoint == "api.roster":
        return is_writer or role == "auditor"
    if endpoint in WRITER_LISTS:
        return is_writer
    if endpoint in ADMIN_READS:
        return is_admin_of_hr or role == "auditor"
    if endpoint in NEW_RECORDS or endpoint in VOICE_ADMIN_WRITES:
        return is_admin_of_hr
    if endpoint in VOICE_READS or endpoint in UNIT_PERFORMANCE_READS or endpoint in PERIOD_READS:
        return is_writer or role == "auditor"
    if endpoint in UNIT_PERFORMANCE_WRITES:
        return is_writer
    if endpoint in VOICE_WRITES:
        return is_writer
    assert place is not None, endpoint
    if endpoint in AGENCY_PAGES or endpoint == "api.employee":
        return _reads(role, place)
    if endpoint in EMPLOYEE_WRITES or endpoint in AGENCY_WRITES or \
            endpoint.startswith("api.record_"):
        return is_writer and _reads(role, place)
    if endpoint in GOVERNMENT_PAGES:
        return _reads(role, place, government_only=True)
    if endpoint in GOVERNMENT_WRITES or endpoint in OFFICIAL_WRITES:
        return is_admin_of_hr and _reads(role, place, government_only=True)
    raise AssertionError(f"{endpoint} has no access rule here: add it to this test")


def _targets(app: Flask) -> dict[str, dict[str, Any]]:
    """Per place, a real value for every URL argument (a round and selection of its
    government, an employee and an entry of theirs, ...)."""
    from domain.document import DocumentKind
    from domain.values import Actor, Role
    from projections.views.recruitment import formation_funnels, rounds, selections
    from projections.views.timeline import employee_timeline
    from tests.builders.documents import a_pdf
    from tests.support.staff import demo_places
    from web import catch_up_views, get_service

    places, projections = demo_places(app), catch_up_views(app)
    found: dict[str, dict[str, Any]] = {}
    for place, government in GOVERNMENT.items():
        government_id = hr_queries.government_by_code(projections, government)
        round_ = rounds(projections, government_id)[0]
        selection = selections(projections, government_id)
        employee = places[f"employee{place}"]
        entries = employee_timeline(projections, get_service(app), UUID(employee))
        request_id = get_service(app).correction_requests.request_correction(
            UUID(employee), field_name="contact", value="0812 0000 0000",
            reason="Nomor baru", actor=Actor("matrix", Role.EMPLOYEE))
        sha256 = get_service(app).documents.attach(  # a real scan: its download is matrixed
            employee_id=UUID(employee), target_version=entries[-1].version,
            data=a_pdf(f"matrix {place}"), media_type="application/pdf",
            kind=DocumentKind.OTHER, actor=Actor("matrix", Role.HR_ADMIN))
        found[place] = {
            "agency_id": places[f"agency{place}"], "employee_id": employee,
            "request_id": request_id.hex, "sha256": sha256,
            "version": entries[-1].version, "round_id": round_["id"],
            "formation_id": formation_funnels(projections, round_id=round_["id"])[0].id,
            "selection_id": selection[0]["id"] if selection else "0" * 32}
    return found


PLACED = ("agency_id", "employee_id", "round_id", "selection_id", "request_id")


def _requests(app: Flask) -> list[tuple[str, str, str | None, str]]:
    """(endpoint, method, place, url) of every staff route and API operation."""
    targets = _targets(app)
    found = []
    for rule in app.url_map.iter_rules():
        url_path = rule.rule
        if _is_public(rule.endpoint) or rule.endpoint == "auth.logout":
            continue
        if not url_path.startswith((*PERSONNEL_PREFIXES, *ACCOUNT_PREFIXES, *EMPLOYEE_PREFIXES,
                                    API_PREFIX)):
            continue
        places: list[str | None] = (["A", "B", "C"] if set(PLACED) & set(rule.arguments)
                                    else [None])
        for place in places:
            values: dict[str, Any] = {}
            for name in rule.arguments:
                if name == "slug":
                    values[name] = SLUGS[rule.endpoint]
                elif name == "decision":
                    values[name] = "approve"
                elif place is not None and name in targets[place]:
                    values[name] = targets[place][name]
                else:
                    values[name] = 1 if name in ("value", "version") else "0" * 32
            url = rule.build(values, append_unknown=False)
            assert url is not None
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, place, url[1]))
    return sorted(found)


DENIED = {401, 403, 404}


def test_every_staff_route_and_api_operation_for_every_role_and_place(
        demo_app: Flask) -> None:
    from web.accounts.store import get_accounts

    requests = _requests(demo_app)
    wrong, checked = [], 0
    for role in ROLES:
        client = demo_app.test_client()
        headers: dict[str, str] = {}
        if role is not None:
            assert login(client, role).status_code == 302
            account = get_accounts(demo_app).by_username(role)
            assert account is not None
            headers = {"Authorization": "Bearer "
                       + get_accounts(demo_app).create_token(account.id, "matrix")[1]}
        token = csrf_token(text(client.get("/login", follow_redirects=True)))
        for endpoint, method, place, url in requests:
            if url.startswith(API_PREFIX):  # an empty body: refused, and only dry-run
                response = client.open(url + ("?dry_run=true" if method == "POST" else ""),
                                       method=method, headers=headers, json={})
            else:
                response = client.open(url, method=method,
                                       data={"csrf_token": token, "step": "review"})
            status = response.status_code
            to_login = status == 302 and "/login" in response.headers.get("Location", "")
            expected = allowed(endpoint, role, place)
            if expected:
                ok = status in (200, 302, 404, 409, 422) and not to_login
            else:
                ok = status in DENIED or to_login
            checked += 1
            if not ok:
                wrong.append((role, method, endpoint, place, status))
    assert not wrong, "\n".join(map(str, wrong))
    assert len(requests) > 100 and checked == len(requests) * len(ROLES)
