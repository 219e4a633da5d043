"""Reading a SIMPEG-style CSV (web/loaders/legacy_csv.py): columns, dates, kinds, bad values."""

from __future__ import annotations

from datetime import date

import pytest

from domain.values import Sex
from web.loaders.legacy_csv import LegacyFileError, LegacyRowError, Row, read_rows


def row(**values: str) -> Row:
    return Row(2, {"nip": "1", "kind": "opening", "tmt": "2020-01-01", **values})


class TestReadingTheFile:
    def test_rows_are_numbered_by_their_line_in_the_file(self) -> None:
        rows = read_rows(["NIP,Kind,TMT\n", "1,opening,2020-01-01\n", "1,diklat,2020-02-01\n"])
        assert [(r.line, r.kind) for r in rows] == [(2, "opening"), (3, "training")]

    def test_semicolons_are_recognised(self) -> None:
        rows = read_rows(["nip;kind;tmt\n", "1;skp;2020-01-01\n"])
        assert rows[0].kind == "appraisal"

    def test_a_header_without_the_required_columns_is_refused(self) -> None:
        with pytest.raises(LegacyFileError, match="nip, kind, tmt"):
            read_rows(["nomor,jenis\n", "1,opening\n"])

    def test_an_unknown_column_is_refused_rather_than_ignored(self) -> None:
        with pytest.raises(LegacyFileError, match="golongan"):
            read_rows(["nip,kind,tmt,golongan\n"])


class TestReadingValues:
    def test_dates_are_read_in_iso_and_indonesian_order(self) -> None:
        assert row(birth_on="1990-02-03").date("birth_on") == date(1990, 2, 3)
        assert row(birth_on="03-02-1990").date("birth_on") == date(1990, 2, 3)
        assert row(birth_on="03/02/1990").date("birth_on") == date(1990, 2, 3)

    def test_an_impossible_date_names_its_column(self) -> None:
        with pytest.raises(LegacyRowError) as excinfo:
            row(birth_on="31-02-1990").date("birth_on")
        assert excinfo.value.code == "LEGACY_VALUE_INVALID"
        assert excinfo.value.field == "birth_on"
        assert "birth_on" in excinfo.value.message("en")

    def test_a_missing_required_value_says_which_kind_needs_it(self) -> None:
        with pytest.raises(LegacyRowError) as excinfo:
            row().text("name")
        assert excinfo.value.code == "LEGACY_VALUE_MISSING"
        assert "opening" in excinfo.value.message("id")

    def test_sex_is_read_from_the_indonesian_letters(self) -> None:
        aliases = {"L": "1", "P": "2"}
        assert row(sex="P").choice("sex", Sex, aliases) is Sex.FEMALE
        with pytest.raises(LegacyRowError) as excinfo:
            row(sex="X").choice("sex", Sex, aliases)
        assert excinfo.value.code == "LEGACY_VALUE_INVALID"
