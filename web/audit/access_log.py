"""Recording an auditor's look-up of personal data (domain/audit.py) from any page.

The audit workspace records every search and every history it shows. Auditors can also read
the HR roster and employee pages, so those record an auditor's searches and opened records the
same way; HR staff working in their own scope are not recorded here (their actions are events),
except when they open a complaint: every reading of a complainant's text and contact is
recorded, whoever reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from flask import current_app
from flask_login import current_user

from domain.audit import AccessKind, record_access
from domain.values import Role
from web import get_service


def record_lookup(kind: AccessKind, employee_ids: Iterable[UUID | str]) -> None:
    """Store the access record of a look-up: who found whom, never what was typed."""
    record_access(get_service(current_app), kind=kind, actor=current_user.actor,
                  employee_ids=[i if isinstance(i, UUID) else UUID(hex=i)
                                for i in employee_ids])


def record_if_auditor(kind: AccessKind, employee_ids: Iterable[UUID | str]) -> None:
    """As `record_lookup`, for pages that auditors share with HR staff."""
    if current_user.is_authenticated and current_user.role is Role.AUDITOR:
        record_lookup(kind, employee_ids)
