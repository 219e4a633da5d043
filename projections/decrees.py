"""Decrees anyone can verify: the code printed on a petikan SK, and what it proves.

An employee action that carries a decree (legal_basis: number and signed date) is one event in
the verifiable log. Its code (projections/ledger/decree_code.py) names its log position and
carries a tag of its stored bytes; `find` reads the entry back, checks the stored event still
hashes to the logged leaf and to the tag, and returns the decree's public fields with the
inclusion proof against the latest signed checkpoint. Nothing personal is returned except the
name of a person who held a JPT post (public office) by that decree and is not erased.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.personnel_service import PersonnelService
from domain.privacy import Erased
from projections.ledger import merkle
from projections.ledger.checkpoint import CheckpointError, VerifierKey, open_note
from projections.ledger.decree_code import code_of, parse_code, tag_of
from projections.ledger.entry import canonical_bytes
from projections.ledger.follower import Ledger, LedgerSizeError
from projections.views.audit_queries import notification_id_of
from projections.views.runner import Projections


@dataclass(frozen=True)
class Decree:
    """One recorded action's decree as the public may see it (and its place in the log)."""

    code: str
    position: int
    employee_id: UUID
    version: int
    kind: str
    number: str
    signed_on: date
    effective_on: date
    status: str  # the timeline's: in_force, corrected or annulled
    office_holder: str | None  # the name, only for a JPT post held by this decree
    is_erased: bool
    leaf_hash: bytes
    event: Any  # the domain event, for the petikan's details (never shown publicly whole)


@dataclass(frozen=True)
class InclusionProof:
    """The entry's audit path in the latest checkpoint's tree, and whether it held here."""

    position: int
    size: int
    root: bytes
    leaf_hash: bytes
    hashes: list[bytes]
    note: str
    holds: bool


def has_decree(event: Any) -> bool:
    return isinstance(event, Employee.Action) and event.legal_basis is not None


def find(ledger: Ledger, projections: Projections, code: str) -> Decree | None:
    """The decree a code names, or None when the code is malformed, forged or altered, the
    entry is no decree, or the stored event no longer hashes to what the log holds."""
    parsed = parse_code(code)
    if parsed is None:
        return None
    position, tag = parsed
    try:
        leaf = ledger.leaf(position)
    except LedgerSizeError:
        return None
    notification_id = ledger.notification_id_at(position)
    if notification_id is None:
        return None
    service = projections.service
    found = service.recorder.select_notifications(notification_id, 1, stop=notification_id)
    if not found:
        return None
    stored = found[0]
    originator = stored.originator_id if isinstance(stored.originator_id, UUID) else UUID(
        str(stored.originator_id))
    canonical = canonical_bytes(originator, stored.originator_version, stored.topic,
                                stored.state)
    if not hmac.compare_digest(tag_of(canonical), tag) or merkle.leaf_hash(canonical) != leaf:
        return None
    event = service.mapper.to_domain_event(stored)
    if not has_decree(event):
        return None
    return _decree(projections, service, event, code_of(position, canonical), position, leaf)


def issue(ledger: Ledger, projections: Projections, employee_id: UUID, version: int
          ) -> Decree | None:
    """The decree of one timeline entry with its code (the log caught up first, so an action
    recorded a moment ago is printable); None when the entry carries no decree."""
    notification_id = notification_id_of(projections, employee_id, version)
    if notification_id is None:
        return None
    ledger.catch_up()
    position = ledger.position_of(notification_id)
    if position is None:
        return None
    entry = next(iter(ledger.entries(position, position + 1)), None)
    if entry is None:
        return None
    event = projections.service.mapper.to_domain_event(
        projections.service.recorder.select_notifications(notification_id, 1,
                                                          stop=notification_id)[0])
    if not has_decree(event):
        return None
    canonical = canonical_bytes(entry.originator_id, entry.originator_version, entry.topic,
                                entry.state)
    return _decree(projections, projections.service, event, code_of(position, canonical),
                   position, entry.leaf_hash)


def _decree(projections: Projections, service: PersonnelService, event: Any, code: str,
            position: int, leaf: bytes) -> Decree:
    employee_id, version = event.originator_id, event.originator_version
    record = service.employee_at(employee_id, version)
    office_holder = None
    position_type = record.state.position_type
    if (isinstance(event, Employee.PositionAssigned) and position_type is not None
            and position_type.is_jpt and not record.is_erased):
        name = service.vault.open(record.subject_id, "name", record.personal.get("name"))
        office_holder = None if isinstance(name, Erased) or name is None else name
    is_erased = service.get_employee(employee_id).is_erased
    if is_erased:
        office_holder = None
    return Decree(code=code, position=position, employee_id=employee_id, version=version,
                  kind=type(event).__name__, number=event.legal_basis.number,
                  signed_on=event.legal_basis.signed_on, effective_on=event.effective_on,
                  status=_status(projections, employee_id, version),
                  office_holder=office_holder, is_erased=is_erased, leaf_hash=leaf,
                  event=event)


def _status(projections: Projections, employee_id: UUID, version: int) -> str:
    table = projections.views["timeline"].table("timeline")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT status FROM {table} WHERE employee_id = ? AND version = ?",
                          (employee_id.hex, version)).fetchone()
    return "in_force" if row is None else str(row["status"])


def inclusion(ledger: Ledger, decree: Decree) -> InclusionProof | None:
    """The decree's inclusion proof against the latest signed checkpoint, checked with the
    published verifier key; None while no checkpoint covers its position yet."""
    note, key = ledger.latest_checkpoint(), ledger.published_verifier_key()
    if note is None or key is None:
        return None
    try:
        checkpoint = open_note(note, VerifierKey.parse(key))
    except CheckpointError:
        return InclusionProof(decree.position, 0, b"", decree.leaf_hash, [], note, False)
    if decree.position >= checkpoint.size:
        return None
    hashes = ledger.inclusion_proof(decree.position, checkpoint.size)
    try:
        merkle.verify_inclusion(decree.position, checkpoint.size, decree.leaf_hash, hashes,
                                checkpoint.root)
        holds = True
    except merkle.ProofError:
        holds = False
    return InclusionProof(decree.position, checkpoint.size, checkpoint.root, decree.leaf_hash,
                          hashes, note, holds)
