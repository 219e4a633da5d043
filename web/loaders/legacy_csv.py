"""Reading a SIMPEG-style CSV for the legacy import: columns, kinds, dates, choices.

The layout is documented in docs/IMPORT.md; a value that cannot be read raises
`LegacyRowError`, reported with its line like a broken domain rule (web/loaders/legacy.py).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.values import LegalBasis

KINDS = {"opening": "opening", "saldo_awal": "opening", "position": "position",
         "jabatan": "position", "promotion": "promotion", "kenaikan_pangkat": "promotion",
         "transfer": "transfer", "mutasi": "transfer", "training": "training",
         "diklat": "training", "appraisal": "appraisal", "skp": "appraisal"}
REQUIRED = ("nip", "kind", "tmt")
COLUMNS = ("nip", "kind", "tmt", "decree_number", "decree_date", "name", "birth_on", "sex",
           "employment_type", "status", "education", "government", "agency", "unit", "grade",
           "grade_tmt", "appointed_on", "probation_passed_on", "contract_ends_on", "position",
           "promotion_kind", "training_type", "title", "hours_jp", "year", "work_result",
           "behaviour", "rater_nip", "prior_ratings")
MESSAGES = {
    "LEGACY_VALUE_INVALID": ("Nilai kolom {column} tidak dapat dibaca: {hint}.",
                             "The value of column {column} cannot be read: {hint}."),
    "LEGACY_VALUE_MISSING": ("Kolom {column} wajib diisi untuk baris jenis {kind}.",
                             "Column {column} is required for a row of kind {kind}."),
    "LEGACY_NO_OPENING": ("Pegawai ini tidak mempunyai baris saldo awal (opening) sebelum "
                          "baris riwayatnya.",
                          "This employee has no opening row before their history rows."),
    "LEGACY_UNKNOWN_ORGANISATION": ("{what} dengan kode {value} tidak ada di buku besar.",
                                    "No {what} with code {value} exists in the ledger."),
    "LEGACY_NO_VACANT_POSITION": ("Tidak ada jabatan kosong berjudul {title} di unit ini.",
                                  "No vacant position titled {title} in this unit."),
    "LEGACY_UNKNOWN_RATER": ("Pejabat penilai dengan NIP tersebut tidak ada di berkas atau buku "
                             "besar.", "No rater with that NIP in the file or the ledger."),
    "LEGACY_EMPLOYEE_SKIPPED": ("Dilewati karena baris {line} pegawai yang sama ditolak.",
                                "Skipped because line {line} of the same employee was "
                                "rejected."),
}


class LegacyFileError(ValueError):
    """Raised when the file as a whole cannot be imported (header, encoding); nothing written."""


class LegacyRowError(Exception):
    """Raised when a row cannot be read; reported like a broken domain rule."""

    def __init__(self, code: str, column: str | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code, self.field, self.params = code, column, {"column": column, **params}

    def message(self, language: str = "id") -> str:
        indonesian, english = MESSAGES[self.code]
        return (indonesian if language == "id" else english).format(**self.params)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    @property
    def nip(self) -> str:
        return "".join(self.values.get("nip", "").split())

    @property
    def kind(self) -> str:
        return KINDS.get(self.values.get("kind", "").strip().lower(), "")

    def text(self, column: str, required: bool = True) -> str | None:
        value = (self.values.get(column) or "").strip()
        if not value and required:
            raise LegacyRowError("LEGACY_VALUE_MISSING", column, kind=self.kind or "?")
        return value or None

    def date(self, column: str, required: bool = True) -> date | None:
        value = self.text(column, required)
        if value is None:
            return None
        found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})[-/](\d{2})[-/](\d{4})", value)
        try:
            if found is None:
                raise ValueError(value)
            y, m, d = (found[1], found[2], found[3]) if found[1] else (found[6], found[5],
                                                                       found[4])
            return date(int(y), int(m), int(d))
        except ValueError:
            raise LegacyRowError("LEGACY_VALUE_INVALID", column,
                                 hint="YYYY-MM-DD / DD-MM-YYYY") from None

    def choice(self, column: str, enum: Any, aliases: dict[str, str] | None = None,
               required: bool = True) -> Any:
        value = self.text(column, required)
        if value is None:
            return None
        key = (aliases or {}).get(value.upper(), value.upper())
        try:
            return enum(key)
        except ValueError:
            raise LegacyRowError("LEGACY_VALUE_INVALID", column,
                                 hint=", ".join(m.value for m in enum)) from None

    def number(self, column: str) -> float:
        try:
            return float((self.text(column) or "").replace(",", "."))
        except ValueError:
            raise LegacyRowError("LEGACY_VALUE_INVALID", column, hint="angka / number") from None

    def legal_basis(self) -> LegalBasis | None:
        number = self.text("decree_number", required=False)
        if number is None:
            return None
        signed_on = self.date("decree_date")
        assert signed_on is not None
        return LegalBasis(number, signed_on)


def read_rows(lines: Iterable[str]) -> list[Row]:
    """The rows of the CSV (comma or semicolon separated, header row first)."""
    lines = list(lines)
    if not lines:
        raise LegacyFileError("the file is empty")
    dialect = csv.excel if lines[0].count(",") >= lines[0].count(";") else _Semicolon
    reader = csv.DictReader(lines, dialect=dialect)
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise LegacyFileError(f"the header lacks the columns {', '.join(missing)} "
                              "(see docs/IMPORT.md)")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise LegacyFileError(f"unknown columns {', '.join(unknown)} (see docs/IMPORT.md)")
    reader.fieldnames = header
    return [Row(number, {k: v or "" for k, v in row.items() if k is not None})
            for number, row in enumerate(reader, start=2)]


class _Semicolon(csv.excel):
    delimiter = ";"
