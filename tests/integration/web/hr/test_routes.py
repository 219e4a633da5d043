"""HR pages: who may open what, and what the dashboard, roster and employee page show."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask

from projections.views.leave import employee_requests
from projections.views.statistics import agency_statistics
from tests.support.staff import csrf_token, demo_places, login, text
from web import catch_up_views
from web.accounts.store import get_accounts

ALLOW, HIDDEN, FORBIDDEN, LOGIN = 200, 404, 403, 302
# role -> expected status per route (A: salatiga/disdik = hr.salatiga's agency;
# B: another salatiga agency; C: kupang/disdik)
ROUTES = ("home", "roster", "dashA", "dashB", "dashC", "empA", "empB", "empC", "actA", "actB",
          "actC", "postA", "postC", "users", "post_users", "desk", "desk_email", "mail_retry",
          "perf", "perfA", "perfC", "desk_perf", "leave", "superior", "staff_surveys",
          "desk_surveys", "tpp", "tpp_run", "desk_tpp", "leave_docs",
          "desk_leave_docs",  # the documents of pegawai.salatiga's request (agency A)
          "tpp_motivation",
          "post_leave_docs",  # HR hands in a document on the employee's behalf (no file: 422)
          "tpp_approve")  # the administrator records a version's Mendagri letter
MATRIX = {
    None: (LOGIN,) * 13 + (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN) + (LOGIN,) * 4 + (LOGIN, LOGIN)
    + (LOGIN, LOGIN) + (LOGIN,) * 3 + (LOGIN,) * 2 + (LOGIN,) + (LOGIN,) + (LOGIN,),
    "hr.salatiga": (302, 200, 200, 404, 404, 200, 404, 404, 200, 404, 404, 422, 404, 403, 403,
                    403, 403, 403, 200, 200, 404, 403, 200, 403, 200, 403, 200, 403, 403,
                    200, 403, 403, 422, 403),
    "hradmin.salatiga": (200, 200, 200, 200, 404, 200, 200, 404, 200, 200, 404, 422, 404, 403,
                         403, 403, 403, 403, 200, 200, 404, 403, 200, 403, 200, 403, 200, 200,
                         403, 200, 403, 200, 422, 200),
    "hr.kupang": (302, 200, 404, 404, 200, 404, 404, 200, 404, 404, 200, 404, 422, 403, 403,
                  403, 403, 403, 200, 404, 200, 403, 200, 403, 200, 403, 200, 403, 403,
                  404, 403, 403, 404, 403),
    "auditor": (200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403,
                403, 403, 200, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403,
                200, 403, 403),
    "admin": (403,) * 13 + (200, 422, 403, 403, 302) + (403,) * 4 + (403, 403) + (403, 403)
    + (403,) * 3 + (403,) * 2 + (403,) + (403,) + (403,),
    # an employee reaches their own desk and nothing else, not even their own HR page; the
    # superior's leave queue is on the desk too, and the employee surveys of their population
    "pegawai.salatiga": (403,) * 15 + (200, 200, 403) + (403, 403, 403, 200) + (403, 200)
    + (403, 200) + (403, 403, 200) + (403, 200) + (403,) + (403,) + (403,),
    # the superior does not open the documents of a request they consider
    "atasan.salatiga": (403,) * 15 + (200, 200, 403) + (403, 403, 403, 200) + (403, 200)
    + (403, 200) + (403, 403, 200) + (403, 404) + (403,) + (403,) + (403,),
}


class TestAccessMatrix:
    @pytest.mark.parametrize("username", list(MATRIX))
    def test_every_route_allows_or_denies_by_role_and_scope(
            self, demo_app: Flask, username: str | None) -> None:
        ids = demo_places(demo_app)
        pegawai = get_accounts(demo_app).by_username("pegawai.salatiga")
        assert pegawai is not None and pegawai.employee_id
        own_request = employee_requests(catch_up_views(demo_app), pegawai.employee_id)[0]["id"]
        client = demo_app.test_client()
        if username:
            assert login(client, username).status_code == 302
        token = csrf_token(text(client.get("/login", follow_redirects=True)))

        def action(key: str) -> str:
            return f"/hr/employees/{ids['employee' + key]}/actions/pelatihan"

        requests = {
            "home": ("GET", "/hr/"), "roster": ("GET", "/hr/employees"),
            **{f"dash{k}": ("GET", f"/hr/agencies/{ids['agency' + k]}") for k in "ABC"},
            **{f"emp{k}": ("GET", f"/hr/employees/{ids['employee' + k]}") for k in "ABC"},
            **{f"act{k}": ("GET", action(k)) for k in "ABC"},
            "postA": ("POST", action("A")), "postC": ("POST", action("C")),
            "users": ("GET", "/admin/users"), "post_users": ("POST", "/admin/users"),
            "desk": ("GET", "/saya"), "desk_email": ("GET", "/saya/email"),
            "mail_retry": ("POST", "/admin/outbox/retry"),
            "perf": ("GET", "/hr/kinerja"),
            **{f"perf{k}": ("GET", f"/hr/kinerja/{ids['agency' + k]}/predikat") for k in "AC"},
            "desk_perf": ("GET", "/saya/kinerja"),
            "leave": ("GET", "/hr/cuti"), "superior": ("GET", "/saya/atasan"),
            "staff_surveys": ("GET", "/hr/survei-pegawai"), "desk_surveys": ("GET", "/saya/survei"),
            "tpp": ("GET", "/hr/tpp"), "tpp_run": ("GET", "/hr/tpp/hitung"),
            "desk_tpp": ("GET", "/saya/tpp"),
            "leave_docs": ("GET", f"/hr/cuti/{own_request}/dokumen"),
            "desk_leave_docs": ("GET", f"/saya/cuti/{own_request}/dokumen"),
            "tpp_motivation": ("GET", "/hr/tpp/motivasi"),
            "post_leave_docs": ("POST", f"/hr/cuti/{own_request}/dokumen"),
            "tpp_approve": ("GET", "/hr/tpp/persetujuan"),
        }
        observed = []
        for route in ROUTES:
            method, url = requests[route]
            response = (client.post(url, data={"csrf_token": token, "step": "review"})
                        if method == "POST" else client.get(url))
            observed.append(response.status_code)
        assert dict(zip(ROUTES, observed, strict=True)) == dict(
            zip(ROUTES, MATRIX[username], strict=True))

    def test_a_guessed_or_malformed_employee_id_is_not_found(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        assert client.get("/hr/employees/" + "0" * 32).status_code == 404
        assert client.get("/hr/employees/not-an-id").status_code == 404
        assert client.get("/hr/agencies/nope").status_code == 404

    def test_a_roster_filter_outside_the_scope_is_ignored(self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        page = text(client.get(f"/hr/employees?agency={ids['agencyC']}&status=all"))
        assert ids["employeeC"] not in page
        assert ids["employeeA"] in page


class TestDashboard:
    def test_the_dashboard_shows_the_agency_figures_of_the_statistics(
            self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        page = text(client.get(f"/hr/agencies/{ids['agencyA']}"))
        stats = agency_statistics(catch_up_views(demo_app), __import__("uuid").UUID(
            ids["agencyA"]), date.today())
        for testid, value in (("headcount", stats.headcount),
                              ("appraisals-missing", stats.appraisals_missing),
                              ("under-jp", stats.under_training_target),
                              ("retirements-due", stats.retirements_due)):
            shown = re.search(rf'data-testid="{testid}">\s*<span class="figure">([\d.]+)<', page)
            assert shown and int(shown.group(1).replace(".", "")) == value, testid
        assert stats.headcount > 0
        assert "Tindakan terakhir dicatat" in page

    def test_the_figures_link_to_the_matching_roster(self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        stats = agency_statistics(catch_up_views(demo_app), __import__("uuid").UUID(
            ids["agencyA"]), date.today())
        for flag, value in (("under_jp", stats.under_training_target),
                            ("appraisal_missing", stats.appraisals_missing),
                            ("retiring", stats.retirements_due)):
            page = text(client.get(f"/hr/employees?agency={ids['agencyA']}&flag={flag}"))
            total = re.search(r'data-testid="roster-total">([\d.]+) pegawai', page)
            assert total and int(total.group(1).replace(".", "")) == value, flag


class TestRoster:
    def test_the_roster_is_paginated_sorted_and_searchable(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        first = text(client.get("/hr/employees?status=all"))
        total = int(re.search(r'data-testid="roster-total">([\d.]+)', first).group(1)  # type: ignore[union-attr]
                    .replace(".", ""))
        assert total > 50
        assert first.count('href="/hr/employees/') == 50
        assert "Halaman 1 dari" in first
        last_page = -(-total // 50)
        last = text(client.get(f"/hr/employees?status=all&page={last_page}"))
        assert last.count('href="/hr/employees/') == total - 50 * (last_page - 1)
        names = re.findall(r'href="/hr/employees/[0-9a-f]{32}">([^<]+)<', first)
        assert names == sorted(names, key=str.lower) or names == sorted(names)
        descending = text(client.get("/hr/employees?status=all&sort=name&dir=desc"))
        assert re.findall(r'href="/hr/employees/[0-9a-f]{32}">([^<]+)<', descending)[0] >= \
            names[0]
        surname = names[0].split()[-1]
        found = text(client.get(f"/hr/employees?status=all&q={surname.lower()}"))
        shown = re.findall(r'href="/hr/employees/[0-9a-f]{32}">([^<]+)<', found)
        assert shown and all(surname.lower() in n.lower() for n in shown)

    def test_searching_by_nip_prefix(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        page = text(client.get("/hr/employees"))
        nip = re.search(r"<td>(\d{18})</td>", page).group(1)  # type: ignore[union-attr]
        found = text(client.get(f"/hr/employees?q={nip[:12]}"))
        assert nip in found
        assert text(client.get("/hr/employees?q=999999999999")).count("/hr/employees/") == 0

    def test_unknown_sort_and_page_values_fall_back_safely(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        for query in ("sort=name;drop", "page=-3", "page=99999", "status=x", "dir=sideways"):
            assert client.get(f"/hr/employees?{query}").status_code == 200, query

    def test_the_roster_speaks_english_on_request(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        assert "employees" in text(client.get("/hr/employees?lang=en"))
        assert "Roster" in text(client.get("/hr/employees"))  # remembered by the cookie


class TestEmployeePage:
    def test_the_page_shows_the_state_and_the_timeline_newest_first(
            self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        page = text(client.get(f"/hr/employees/{ids['employeeA']}"))
        assert 'data-testid="employee-state"' in page and 'data-testid="timeline"' in page
        versions = [int(v) for v in re.findall(r'data-version="(\d+)"', page)]
        assert len(versions) >= 1
        assert "Catat tindakan" in page

    def test_an_auditor_sees_the_timeline_but_no_action(self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client = demo_app.test_client()
        login(client, "auditor")
        page = text(client.get(f"/hr/employees/{ids['employeeC']}"))
        assert 'data-testid="timeline"' in page
        assert "Catat tindakan" not in page and "/actions/" not in page
