"""A TPP run as a workbook for the finance office: the lines the run page shows the same user
(an officer's agency, an administrator's government), with Indonesian headers whatever the
reader's language, NIPs as text, and any text a spreadsheet would run as a formula written as
text. Names, NIPs and amounts are personal data, so every download is an access record in the
log (kind `tpp_exported`, the ids of the rows exported)."""

from __future__ import annotations

import io
from typing import Any

from flask import Response
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from domain.audit import AccessKind
from web.access import WRITERS, roles_required
from web.audit.access_log import record_lookup
from web.hr.roster_export import XLSX, _safe
from web.hr.routes import bp
from web.hr.tpp import month_label, opened_lines, run_in_government, tpp_desk
from web.hr.tpp_labels import cut_label

HEADER = ("NIP", "Nama", "Perangkat daerah", "Kelas jabatan", "TPP bruto (Rp)",
          "Potongan cuti (Rp)", "Potongan hukuman disiplin (Rp)",
          "Potongan predikat kinerja (Rp)", "Potongan kehadiran (Rp)", "Rincian potongan",
          "TPP dibayar (Rp)", "Selisih dari perhitungan sebelumnya (Rp)")
CATEGORIES = ("LEAVE", "SANCTION", "PERFORMANCE", "DISCIPLINE")


def _cells(line: dict[str, Any], agency: str) -> list[Any]:
    found = line["breakdown"]
    if found is None:  # erased: the person's amounts are gone
        return [line["nip"] or "", line["name"] or "", agency, "", "", "", "", "", "",
                "[dihapus]", "", ""]
    by_category = {c: sum(cut["amount"] for cut in found["cuts"] if cut["category"] == c)
                   for c in CATEGORIES}
    detail = "; ".join(f"{cut_label(cut['code'])}: {cut['amount']} ({cut['legal_basis']})"
                       for cut in found["cuts"])
    return [line["nip"] or "", line["name"] or "", agency, found["job_class"], found["gross"],
            *(by_category[c] for c in CATEGORIES), detail, found["net"],
            found.get("difference", "")]


@bp.get("/tpp/<run_id>/unduh.xlsx")
@roles_required(*WRITERS)
def tpp_run_xlsx(run_id: str) -> ResponseReturnValue:
    """The run's lines in the user's scope, as a workbook for the finance office."""
    from openpyxl import Workbook

    desk = tpp_desk()
    run = run_in_government(desk, run_id)
    lines = opened_lines(desk, run)
    record_lookup(AccessKind.TPP_EXPORTED, [line["employee_id"] for line in lines])
    with force_locale("id"):
        rows = [[_safe(v) for v in _cells(line, line["agency_name"] or "")]
                for line in lines]
        title = f"TPP {month_label(run.month)}"
    book = Workbook()
    sheet = book.active
    sheet.title = f"TPP {run.month:%Y-%m} ke-{run.number}"
    sheet.append([title + (f" — koreksi ke-{run.number}" if run.is_correction else ""),
                  run.perkada])
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_col=1, max_col=1, min_row=3):
        cell.number_format = "@"
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    name = f"tpp-{run.month:%Y-%m}-{run.number}.xlsx"
    return Response(buffer.getvalue(), mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename={name}", "Cache-Control": "no-store"})
