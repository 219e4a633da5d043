"""Downloads of a promotion period for the staff in scope: its eligibility list (daftar
nominatif) and its results, each as CSV and XLSX with Indonesian headers.

The rows are those the period page shows the same user: an officer's agency, an
administrator's government. Headers and labels are written in Indonesian whatever the reader's
language, as the files go on to BKN and into archives that expect them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from flask import Response, abort
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from domain.promotion_period import Eligibility
from domain.promotion_round import EntryStatus
from projections.views.promotion_periods import eligibility, period_entries, roster_people
from web.access import WRITERS, roles_required
from web.hr.labels import choice_label
from web.hr.promotion_labels import STANDING_LABELS, STATUS_LABELS, rule_label
from web.hr.promotion_periods import PeriodDesk, period_desk
from web.hr.routes import bp
from web.ui import fmt_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _list_rows(desk: PeriodDesk) -> tuple[list[str], list[list[Any]]]:
    """The eligibility list in scope: a header row and one row per employee."""
    assert desk.period is not None
    lines = eligibility(desk.projections, desk.service, desk.period.tmt_on, desk.scope)
    people = roster_people(desk.projections, [line.employee_id for line in lines])
    years = [year for year, _ in lines[0].ratings] if lines else []
    header = ["NIP", "Nama", "Golongan", "Golongan usulan", "Jenis kenaikan pangkat",
              "Masa kerja golongan (tahun)", "Masa kerja golongan (bulan)",
              *(f"Predikat kinerja {year}" for year in years), "Pendidikan",
              "Batas golongan pendidikan", "Jenis jabatan", "Rentang golongan jabatan",
              "Angka kredit", "Angka kredit dibutuhkan", "Hukuman disiplin berlaku", "CLTN",
              "Kedudukan", "Syarat yang belum dipenuhi"]
    rows = []
    for line in lines:
        person = people.get(line.employee_id.hex, {})
        years_in, months_in = line.time_in_grade or ("", "")
        rows.append([
            person.get("nip", ""), person.get("name", ""), _code(line.grade),
            _code(line.to_grade), choice_label(line.kind), years_in, months_in,
            *(choice_label(rating) for _, rating in line.ratings),
            choice_label(line.education), _code(line.education_cap),
            choice_label(line.position_type),
            f"{line.position_range.lowest}–{line.position_range.highest}"
            if line.position_range else "",
            "" if line.credit_points is None else line.credit_points,
            "" if line.credit_points_needed is None else line.credit_points_needed,
            "; ".join(f"{choice_label(kind)} ({fmt_date(on)})"
                      for on, kind in line.penalties_in_force) or "tidak ada",
            "tidak tercatat" if line.is_on_unpaid_leave is None
            else ("ya" if line.is_on_unpaid_leave else "tidak"),
            str(STANDING_LABELS[line.standing]), _missing(line)])
    return header, rows


def _results_rows(desk: PeriodDesk) -> tuple[list[str], list[list[Any]]]:
    """The period's proposals in scope and what became of each."""
    assert desk.period is not None
    entries = period_entries(desk.projections, desk.period.id.hex, desk.scope)
    header = ["NIP", "Nama", "Golongan", "Golongan usulan", "Jenis kenaikan pangkat",
              "Status", "Nomor SK", "Tanggal SK", "TMT", "Alasan"]
    rows = [[e["nip"] or "", e["name"] or "", e["from_grade"], e["to_grade"],
             choice_label(e["kind"]), str(STATUS_LABELS[EntryStatus(e["status"])]),
             e["decree_number"] or "",
             fmt_date(e["decree_signed_on"]) if e["decree_signed_on"] else "",
             fmt_date(desk.period.tmt_on),
             "; ".join(rule_label(code) for code in (e["codes"] or "").split())]
            for e in entries]
    return header, rows


def _missing(line: Eligibility) -> str:
    return " ".join(p.message("id") for p in line.problems + line.to_verify)


def _code(value: Any) -> str:
    return "" if value is None else str(value)


def _download(name: str, fmt: str, header: Sequence[str],
              rows: Sequence[Sequence[Any]]) -> ResponseReturnValue:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return Response(buffer.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename={name}.csv"})
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = name[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    binary = io.BytesIO()
    book.save(binary)
    return Response(binary.getvalue(), mimetype=XLSX,
                    headers={"Content-Disposition": f"attachment; filename={name}.xlsx"})


def _list(period_id: str, fmt: str) -> ResponseReturnValue:
    desk = period_desk(period_id)
    if desk.period is None:
        abort(404)
    with force_locale("id"):
        header, rows = _list_rows(desk)
    return _download(f"daftar-nominatif-{desk.period.tmt_on.isoformat()}", fmt, header, rows)


def _results(period_id: str, fmt: str) -> ResponseReturnValue:
    desk = period_desk(period_id)
    if desk.period is None:
        abort(404)
    with force_locale("id"):
        header, rows = _results_rows(desk)
    return _download(f"hasil-kenaikan-pangkat-{desk.period.tmt_on.isoformat()}", fmt,
                     header, rows)


@bp.get("/kenaikan-pangkat/<period_id>/daftar-nominatif.csv")
@roles_required(*WRITERS)
def promotion_list_csv(period_id: str) -> ResponseReturnValue:
    """The period's eligibility list in the user's scope, as CSV."""
    return _list(period_id, "csv")


@bp.get("/kenaikan-pangkat/<period_id>/daftar-nominatif.xlsx")
@roles_required(*WRITERS)
def promotion_list_xlsx(period_id: str) -> ResponseReturnValue:
    """The period's eligibility list in the user's scope, as a workbook."""
    return _list(period_id, "xlsx")


@bp.get("/kenaikan-pangkat/<period_id>/hasil.csv")
@roles_required(*WRITERS)
def promotion_results_csv(period_id: str) -> ResponseReturnValue:
    """The period's proposals and results in the user's scope, as CSV."""
    return _results(period_id, "csv")


@bp.get("/kenaikan-pangkat/<period_id>/hasil.xlsx")
@roles_required(*WRITERS)
def promotion_results_xlsx(period_id: str) -> ResponseReturnValue:
    """The period's proposals and results in the user's scope, as a workbook."""
    return _results(period_id, "xlsx")
