"""The API's TPP figures: the public figures of a government as its public page shows them
(/api/v1/tpp-figures/<code>, hidden figures null) and the motivation report
(/api/v1/tpp-motivation), with the rules of the pages (web/public/tpp.py,
web/hr/tpp_motivation.py).

The API has no anonymous caller, so the public figures are read here by staff tokens (the public
reads the page; signed open-data files of them are the releases' next step). The motivation
report is the HR administrator's, for their government, and any auditor's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import current_app
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from projections.transparency import tpp_figures
from projections.views import hr_queries
from projections.views.tpp import latest_month_totals
from web import catch_up_views, get_service
from web.access import READERS, roles_required
from web.api.routes import blp
from web.api.schemas import ProblemSchema
from web.hr.tpp_motivation import MOTIVATION_READERS, chosen_government, motivation_report

MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$")


class FiguresArgs(Schema):
    month = fields.String(load_default=None, validate=MONTH,
                          metadata={"description": "YYYY-MM; the latest month run by default"})


class CutCountsSchema(Schema):
    sanction = fields.Integer(allow_none=True)
    performance = fields.Integer(allow_none=True)
    leave = fields.Integer(allow_none=True)
    discipline = fields.Integer(allow_none=True)


class AgencyFiguresSchema(Schema):
    agency_id = fields.String()
    name = fields.String()
    staff = fields.Integer()
    net = fields.Integer(allow_none=True, metadata={"description": "null: hidden"})
    year_net = fields.Integer(allow_none=True)
    cut = fields.Nested(CutCountsSchema, metadata={"description": "staff cut per broad "
                                                   "reason; null: hidden"})


class MonthTotalSchema(Schema):
    month = fields.String()
    net = fields.Integer(allow_none=True)


class TppFiguresSchema(Schema):
    government = fields.String()
    month = fields.String(allow_none=True)
    staff = fields.Integer()
    net = fields.Integer(allow_none=True)
    year_net = fields.Integer(allow_none=True)
    cut = fields.Nested(CutCountsSchema)
    series = fields.List(fields.Nested(MonthTotalSchema))
    agencies = fields.List(fields.Nested(AgencyFiguresSchema))


class MotivationArgs(Schema):
    government = fields.String(load_default=None, validate=validate.Length(max=64),
                               metadata={"description": "an auditor's choice of government"})


class MotivationRowSchema(Schema):
    agency_id = fields.String(metadata={"description": "_total: the government"})
    name = fields.String()
    year = fields.Integer()
    months = fields.Integer()
    staff_months = fields.Integer()
    performance_share = fields.Float(allow_none=True)
    sanction_share = fields.Float(allow_none=True)
    cut_rate = fields.Float(allow_none=True)
    ratings_before = fields.Dict(keys=fields.String(), values=fields.Integer())
    ratings = fields.Dict(keys=fields.String(), values=fields.Integer())


class MotivationSchema(Schema):
    government = fields.String()
    rows = fields.List(fields.Nested(MotivationRowSchema))
    reading = fields.Dict(keys=fields.String(), values=fields.Integer(),
                          metadata={"description": "agency-years after predicate cuts whose "
                                    "share rated below Good fell, rose or stayed: a tally, "
                                    "not an effect"})


@blp.route("/tpp-figures/<government>")
@blp.arguments(FiguresArgs, location="query")
@blp.response(200, TppFiguresSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def tpp_public_figures(query: dict[str, Any], government: str) -> dict[str, Any]:
    """A government's public TPP figures of a month, as the public page shows them: amounts per
    agency and staff cut per broad reason, each null where the disclosure rules hide it."""
    projections = catch_up_views(current_app)
    found = hr_queries.government_row(projections, government)
    if found is None:
        abort(404, message="no such government")
        raise AssertionError  # abort raised
    every = latest_month_totals(projections, found["id"])
    months = sorted({r["month"] for r in every})
    month = f"{query['month']}-01" if query["month"] else (months[-1] if months else None)
    figures = None
    if month is not None and month in months:
        figures = tpp_figures.month_figures([r for r in every if r["month"][:4] == month[:4]],
                                            month)
    if figures is None:
        if query["month"]:
            abort(404, message="no run of that month")
        return {"government": government, "month": None, "staff": 0, "net": None,
                "year_net": None, "cut": {}, "series": [], "agencies": []}
    return {"government": government, "month": figures.month[:7], "staff": figures.staff,
            "net": figures.net, "year_net": figures.year_net, "cut": dict(figures.cut),
            "series": [{"month": m[:7], "net": v} for m, v in figures.series],
            "agencies": [{**dataclasses.asdict(a), "cut": dict(a.cut)}
                         for a in figures.agencies]}


@blp.route("/tpp-motivation")
@blp.arguments(MotivationArgs, location="query")
@blp.response(200, MotivationSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*MOTIVATION_READERS)
def tpp_motivation(query: dict[str, Any]) -> dict[str, Any]:
    """Does the allowance motivate? Per agency and year of the government, the shares of
    staff-months cut for the predicate or a sanction, the cut rate and the ratings."""
    projections = catch_up_views(current_app)
    government = chosen_government(projections, query["government"])
    report = motivation_report(projections, get_service(current_app), government["id"])
    return {"government": government["code"], "reading": report["reading"],
            "rows": [dataclasses.asdict(row) for row in report["rows"]]}
