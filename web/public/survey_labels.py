"""What the survey pages show: the nine questions of PermenPANRB 14/2017 with their four
answers, the demographic bands and the grades, in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from domain.ikm import ELEMENTS, minimum_sample

# The questions as the regulation's questionnaire words them (its Indonesian is the
# catalogue's msgstr), each with its four answers from 1 (worst) to 4 (best).
QUESTIONS: dict[str, tuple[LazyString, tuple[LazyString, ...]]] = {
    "requirements": (
        _l("How do you rate how well the service's requirements fit the kind of service?"),
        (_l("Not suitable"), _l("Less suitable"), _l("Suitable"), _l("Very suitable"))),
    "procedure": (
        _l("How do you rate how easy the service procedure at this unit is?"),
        (_l("Not easy"), _l("Less easy"), _l("Easy"), _l("Very easy"))),
    "duration": (
        _l("How do you rate the speed of the service?"),
        (_l("Not fast"), _l("Less fast"), _l("Fast"), _l("Very fast"))),
    "cost": (
        _l("How do you rate the fairness of the cost or fee of the service?"),
        (_l("Very expensive"), _l("Rather expensive"), _l("Cheap"), _l("Free of charge"))),
    "product": (
        _l("How do you rate how well what you received matches the product in the service "
           "standard?"),
        (_l("Not suitable"), _l("Less suitable"), _l("Suitable"), _l("Very suitable"))),
    "competence": (
        _l("How do you rate the competence (ability) of the staff who served you?"),
        (_l("Not competent"), _l("Less competent"), _l("Competent"), _l("Very competent"))),
    "conduct": (
        _l("How do you rate the staff's conduct in serving you, in courtesy and friendliness?"),
        (_l("Not polite and friendly"), _l("Less polite and friendly"),
         _l("Polite and friendly"), _l("Very polite and friendly"))),
    "facilities": (
        _l("How do you rate the quality of the facilities and infrastructure?"),
        (_l("Poor"), _l("Fair"), _l("Good"), _l("Very good"))),
    "complaint_handling": (
        _l("How do you rate the handling of service users' complaints?"),
        (_l("There is none"), _l("There is one but it does not work"),
         _l("It works but not fully"), _l("Well managed"))),
}

ELEMENT_LABELS: dict[str, LazyString] = {
    "requirements": _l("Requirements"), "procedure": _l("Systems, mechanisms and procedures"),
    "duration": _l("Time to complete"), "cost": _l("Cost or fee"),
    "product": _l("Product of the service"), "competence": _l("Competence of the staff"),
    "conduct": _l("Conduct of the staff"), "facilities": _l("Facilities and infrastructure"),
    "complaint_handling": _l("Handling of complaints, suggestions and feedback"),
}

BAND_LABELS: dict[str, LazyString] = {
    "sex": _l("Sex"), "age": _l("Age"), "education": _l("Education"),
    "occupation": _l("Occupation"),
    "male": _l("Male"), "female": _l("Female"),
    "under_25": _l("Under 25"), "25_39": _l("25 to 39"), "40_54": _l("40 to 54"),
    "55_plus": _l("55 and over"),
    "primary": _l("Primary school or less"), "junior": _l("Junior high school"),
    "senior": _l("Senior high school"), "diploma": _l("Diploma (D1-D4)"),
    "bachelor": _l("Bachelor (S1)"), "postgraduate": _l("Postgraduate (S2/S3)"),
    "civil_servant": _l("Civil servant, TNI or Polri"),
    "private_employee": _l("Private employee"), "self_employed": _l("Self-employed"),
    "student": _l("Pupil or student"), "other": _l("Other"),
    "not_stated": _l("Did not say"),
}

GRADE_LABELS: dict[str, LazyString] = {
    "A": _l("A (very good)"), "B": _l("B (good)"), "C": _l("C (less than good)"),
    "D": _l("D (poor)"),
}


def band_label(code: str) -> str:
    return str(BAND_LABELS.get(code, code))


def survey_labels() -> dict[str, Any]:
    """Template helpers of the survey pages."""
    return {"questions": QUESTIONS, "element_labels": ELEMENT_LABELS, "band_label": band_label,
            "grade_label": lambda code: str(GRADE_LABELS.get(code, code)),
            "element_names": lambda period: ELEMENTS[period.element_set],
            "minimum_sample": minimum_sample}
