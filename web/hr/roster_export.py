"""The roster as a file: CSV and XLSX of exactly the rows the roster page lists for the same
filters, within the reader's scope, with Indonesian headers (the BKPSDM's working language).

Names and NIPs are personal data, so every export is an access record in the log (kind
`roster_exported`, the ids of the rows exported), whoever downloads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from flask import Response, current_app
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from domain.audit import AccessKind
from projections.views import hr_queries
from web import catch_up_views
from web.access import READERS, roles_required, scope
from web.audit.access_log import record_lookup
from web.hr.labels import choice_label
from web.hr.routes import _today, bp, roster_query

HEADER = ("NIP", "Nama", "Perangkat daerah", "Unit kerja", "Jabatan", "Golongan/ruang",
          "Jenis kepegawaian", "Status", "JP pelatihan tahun ini", "Tahun penilaian terakhir",
          "Predikat terakhir", "TMT pensiun")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cells(row: dict[str, Any], year: int) -> list[Any]:
    jp = row["training_jp"] if row["training_year"] == year else 0
    jp = int(jp) if float(jp).is_integer() else jp  # 32, not 32.0; 2.5 stays
    return [row["nip"], row["name"], row["agency_name"], row["unit_name"],
            row["position_title"], row["grade"], row["employment_type"],
            choice_label(row["status"]), jp, row["rating_year"],
            choice_label(row["rating"]) if row.get("rating") else None, row["retirement_on"]]


def _safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _rows() -> tuple[list[list[Any]], str]:
    projections = catch_up_views(current_app)
    query, _ = roster_query(projections)
    today = _today()
    rows = hr_queries.roster_rows(projections, scope(), query, today)
    record_lookup(AccessKind.ROSTER_EXPORTED, [r["employee_id"] for r in rows])
    with force_locale("id"):
        cells = [[_safe(v) for v in _cells(r, today.year)] for r in rows]
    return cells, f"rekam-jejak-pegawai-{today.isoformat()}"


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename={filename}",
        "Cache-Control": "no-store"})


@bp.get("/employees.csv")
@roles_required(*READERS)
def roster_csv() -> ResponseReturnValue:
    """The roster's rows for the page's filters as CSV (UTF-8 with BOM, for spreadsheets)."""
    rows, name = _rows()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return _download(buffer.getvalue(), "text/csv", f"{name}.csv")


@bp.get("/employees.xlsx")
@roles_required(*READERS)
def roster_xlsx() -> ResponseReturnValue:
    """The same rows as a workbook, with NIPs as text so no digit is lost."""
    from openpyxl import Workbook

    rows, name = _rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "Pegawai"
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(row)
    for cell in _column(sheet, 1):
        cell.number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return _download(buffer.getvalue(), XLSX, f"{name}.xlsx")


def _column(sheet: Any, index: int) -> Iterable[Any]:
    for (cell,) in sheet.iter_rows(min_col=index, max_col=index, min_row=2):
        yield cell

