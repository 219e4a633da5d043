"""Names of a release's tables and categories: what the public pages show instead of codes."""

from __future__ import annotations

from flask_babel import LazyString, lazy_pgettext
from flask_babel import lazy_gettext as _l

TABLE_TITLES: dict[str, LazyString] = {
    "headcount_grade": _l("Active employees by grade group"),
    "headcount_position": _l("Active employees by position type"),
    "headcount_status": _l("Active employees by employment status"),
    "age_band": _l("Active employees by age band"),
    "headcount_education": _l("Active employees by education"),
    "headcount_sex": _l("Active employees by sex"),
    "training_20jp": _l("Employees who reached 20 JP this year"),
    "appraisal": _l("Last year's performance ratings (merged classes)"),
    "appraisal_year": _l("Performance classes of everyone rated for the year"),
    "separations_year": _l("How people left for a reason other than retirement or contract end"),
    "appointments": _l("New appointments this month by employment status"),
    "promotions": _l("Promotions this month by grade transition"),
    "training": _l("Training participations this month"),
    "separations": _l("Separations this month by type"),
    "recruitment": _l("Recruitment funnel per round"),
    "selections": _l("Open-selection stages"),
    "formations": _l("Stages per formation"),
    "complaints": _l("Complaints about each service unit this month"),
    "complaint_categories": _l("What this month's complaints about each service unit are "
                               "about"),
    "leave_days": _l("Working days of leave taken this month"),
}

# Categories without a name here (grade groups, age bands, statuses) are shown as published.
# The contexts separate names whose English is shared with the staff pages but not the Indonesian.
CATEGORY_LABELS: dict[str, LazyString] = {
    "_total": _l("Total"),
    # position groups
    "none": _l("No post"), "jpt": _l("Senior executive"), "administrator": _l("Administrator"),
    "pengawas": _l("Supervisor"), "fungsional": _l("Functional"), "pelaksana": _l("Executor"),
    "unknown": _l("Unknown"), "female": _l("Female"), "male": _l("Male"),
    # the 20 JP target and appraisal classes
    "reached": _l("Reached 20 JP"), "not_reached": _l("Below 20 JP"),
    "good": _l("Good/Very good"), "needs_improvement": _l("Needs improvement"),
    "poor": _l("Poor/Very poor"),
    # training classes
    "latsar": _l("CPNS basic training"), "structural": _l("Leadership"),
    "technical": _l("Technical"), "functional": _l("Functional"),
    "seminar": _l("Seminar/workshop"), "e_learning": _l("E-learning"),
    "coaching": _l("Coaching"), "mentoring": _l("Mentoring"), "internship": _l("Internship"),
    # separation classes
    "retirement": lazy_pgettext("published category", "Retirement"),
    "resignation": _l("Resignation"),
    "contract_end": lazy_pgettext("published category", "Contract ended"),
    "other": _l("Other (dismissal, death)"),
    "resignation_or_other": _l("Resignation, dismissal or death"),
    "dismissal_or_death": _l("Dismissal or death"),
    "below_good": _l("Needs improvement or lower"),
    # recruitment and open-selection stages
    "applicants": _l("Applicants"), "screened_in": _l("Passed screening"),
    "tested": _l("Tested"), "passed": _l("Passed the test"),
    "ranked": lazy_pgettext("published category", "Ranked"), "appointed": _l("Appointed"),
    "candidates": _l("Candidates"), "shortlisted": _l("Shortlisted"),
    # complaint handling (counts of complaints)
    "received": lazy_pgettext("published category", "Received"),
    "verified": lazy_pgettext("published category", "Verified"),
    "rejected": lazy_pgettext("published category", "Rejected"),
    "answered": lazy_pgettext("published category", "Answered"),
    "answered_on_time": _l("Answered on time"),
    "resolved": lazy_pgettext("published category", "Resolved"),
    # complaint categories (counts of complaints, rejected ones left out)
    "about_requirements": _l("Requirements"), "about_procedure": _l("Procedure"),
    "about_time": _l("Time to complete"), "about_cost": _l("Cost or illegal charges"),
    "about_conduct": _l("Conduct of the staff"), "about_facilities": _l("Facilities"),
    "about_other": _l("Other"),
    # leave classes (working days)
    "annual_or_big": _l("Annual or big leave"),
    "health_or_family": _l("Sick, maternity or important reasons"),
    "unpaid": _l("Unpaid leave (CLTN)"),
}


def table_title(key: str) -> str:
    """The title of a published table (`formations:<round>` tables share one)."""
    return str(TABLE_TITLES.get(key.partition(":")[0], key))


def category_label(key: str) -> str:
    return str(CATEGORY_LABELS.get(key, key))
