"""The shared pattern of every action form: the envelope fields, Indonesian messages, labels.

Every action form carries the record's `version` it was based on (concurrency), the effective
date (TMT) and the decree (SK number and date). Field labels and help texts live in `FIELDS`
as id/en pairs; WTForms' built-in messages are translated by `Translations`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectChoice, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from domain.values import LegalBasis
from web.i18n import language

WTFORMS_ID = {
    "This field is required.": "Isian ini wajib diisi.",
    "Not a valid date value.": "Tanggal tidak sah (gunakan format TTTT-BB-HH).",
    "Not a valid choice.": "Pilihan tidak sah.",
    "Not a valid integer value.": "Harus bilangan bulat.",
    "Not a valid float value.": "Harus berupa angka.",
    "Not a valid decimal value.": "Harus berupa angka.",
    "Invalid Choice: could not coerce.": "Pilihan tidak sah.",
    "Invalid choice(s): one or more data inputs could not be coerced.": "Pilihan tidak sah.",
    "'%(value)s' is not a valid choice for this field.": "Pilihan tidak sah.",
    "Number must be between %(min)s and %(max)s.": "Angka harus antara %(min)s dan %(max)s.",
    "Field must be between %(min)d and %(max)d characters long.":
        "Panjang isian harus %(min)d–%(max)d karakter.",
    "Field cannot be longer than %(max)d character.":
        "Isian terlalu panjang (paling banyak %(max)d karakter).",
    "Field must be at least %(min)d character long.":
        "Isian terlalu pendek (paling sedikit %(min)d karakter).",
    "The CSRF token is missing.": "Token keamanan formulir hilang; muat ulang halaman.",
    "The CSRF token is invalid.": "Token keamanan formulir tidak sah; muat ulang halaman.",
    "The CSRF token has expired.": "Token keamanan formulir kedaluwarsa; muat ulang halaman.",
}


class Translations:
    """WTForms' messages in the reader's language (WTForms ships no Indonesian)."""

    def gettext(self, string: str) -> str:
        return WTFORMS_ID.get(string, string) if language() == "id" else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if language() == "id" and singular in WTFORMS_ID:
            return WTFORMS_ID[singular]
        return singular if n == 1 else plural


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form: Any) -> Translations:
            return Translations()


class ActionForm(BaseForm):
    """Fields every action has. `version` is the record version the officer saw."""

    version = HiddenField(validators=[InputRequired()])
    effective_on = DateField(validators=[InputRequired()])
    legal_number = StringField(validators=[Optional(), Length(max=120)])
    legal_signed_on = DateField(validators=[Optional()])

    DECREES: ClassVar[tuple[tuple[str, str], ...]] = (("legal_number", "legal_signed_on"),)

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then a decree number needs its date (a date alone is ignored)."""
        valid = super().validate(extra_validators)
        for number, signed_on in self.DECREES:
            date_field = self[signed_on]
            if date_field.errors:
                continue
            if (self[number].data or "").strip() and not date_field.data:
                date_field.errors = [*date_field.errors, text("signed_on_missing")]
                valid = False
            elif date_field.data and date_field.data > date.today():
                date_field.errors = [*date_field.errors, text("signed_in_future")]
                valid = False
        return valid

    def validate_version(self, field: HiddenField) -> None:
        if not str(field.data or "").isdigit():
            raise ValidationError(text("version_missing"))

    def legal_basis(self) -> LegalBasis | None:
        number = (self.legal_number.data or "").strip()
        if not number:
            return None
        assert self.legal_signed_on.data is not None
        return LegalBasis(number, self.legal_signed_on.data)

    def expected_version(self) -> int:
        return int(self.version.data)


def year_field() -> IntegerField:
    return IntegerField(validators=[InputRequired(), NumberRange(1950, 2100)])


MESSAGES = {
    "signed_on_missing": ("Isi tanggal SK.", "Enter the decree date."),
    "signed_in_future": ("Tanggal SK tidak boleh di masa depan.",
                         "The decree date cannot be in the future."),
    "version_missing": ("Formulir tidak lengkap; buka lagi dari halaman pegawai.",
                        "The form is incomplete; open it again from the employee page."),
}


def text(key: str) -> str:
    indonesian, english = MESSAGES[key]
    return english if language() == "en" else indonesian


# name: (label id, label en, help id, help en)
FIELDS: dict[str, tuple[str, str, str, str]] = {
    "effective_on": ("TMT (tanggal berlaku)", "Effective date (TMT)",
                     "Tanggal tindakan berlaku menurut SK, bukan tanggal pencatatan.",
                     "The date the action takes effect under the decree, not today's date."),
    "legal_number": ("Nomor SK", "Decree (SK) number",
                     "Dasar hukum tindakan; wajib bila aturan memerlukannya.",
                     "The legal basis; required where the rule needs one."),
    "legal_signed_on": ("Tanggal SK", "Decree date", "", ""),
    "reason": ("Alasan", "Reason",
               "Disimpan terenkripsi; tidak pernah tampil di halaman publik.",
               "Stored encrypted; never shown on a public page."),
}


def field_text(name: str, overrides: dict[str, tuple[str, str, str, str]] | None = None
               ) -> tuple[str, str]:
    """(label, help) of a field in the reader's language."""
    entry = (overrides or {}).get(name) or FIELDS.get(name) or (name, name, "", "")
    if language() == "en":
        return entry[1], entry[3]
    return entry[0], entry[2]


def options(pairs: Any) -> list[SelectChoice]:
    """Select options from (value, label) pairs (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value=str(value), label=str(label)) for value, label in pairs]


def option_labels(field: Any) -> dict[str, str]:
    return {choice.value: choice.label for choice in field.choices or ()}
