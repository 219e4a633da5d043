"""Retiring the vault's lookup secret: the NIP registry re-keyed under a new one, the old destroyed.

Audit look-ups recorded before issue 18 keep a keyed hash of the NIP or name that was typed,
made with this secret, and every recruitment round keeps its applicants' NIK tokens made with
it. These are stored events and cannot change; whoever holds the event store and the secret
can reverse them by trying every plausible NIP or NIK, also after the person's erasure. Once
the secret is destroyed they are noise. Its only other user is the registry, re-keyed here from
the records' own sealed NIPs; a round still taking applicants compares new NIK tokens with its
stored ones, so while one does, the secret cannot go and the retirement is refused.

Run it with the web and the worker stopped (as `rekam import`): a number claimed meanwhile
would be claimed under the old secret. A run that stopped half-way is finished by running it
again: the new secret waits under its own id until it has replaced the old one.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Final
from uuid import UUID

from domain.privacy import LOOKUP_SECRET_ID, keyed_token
from projections.views.runner import Projections

STAGED_SECRET_ID: Final = UUID(int=2)  # key-store row of the new secret until it takes over


class RoundsTakingApplicantsError(Exception):
    """Raised when a round still takes applicants: its NIK check needs the old secret."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(f"rounds still taking applicants: {', '.join(codes)}")
        self.codes = codes


def rounds_taking_applicants(projections: Projections, on: date) -> list[str]:
    """Codes of the rounds whose registration is open on `on` (announced, not yet closed)."""
    rounds = projections.views["recruitment"].table("rounds")
    day = on.isoformat()
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT code FROM {rounds} WHERE announced_on <= ? "
                           "AND registration_closes_on >= ? "
                           "AND (closed_on IS NULL OR closed_on > ?) ORDER BY code",
                           (day, day, day)).fetchall()
    return [str(row["code"]) for row in rows]


def retire_lookup_secret(projections: Projections, on: date) -> int:
    """Re-key the NIP registry under a new secret and destroy the old one; returns how many
    numbers were re-keyed. Raises RoundsTakingApplicantsError (and changes nothing)."""
    projections.catch_up()
    open_rounds = rounds_taking_applicants(projections, on)
    if open_rounds:
        raise RoundsTakingApplicantsError(open_rounds)
    service = projections.service
    keys, registry = service.vault.keys, service.registry
    staged = keys.get(STAGED_SECRET_ID) or keys.create(STAGED_SECRET_ID, os.urandom(32))
    rows = []
    for _, subject_id, record_id in registry.rows():  # type: ignore[attr-defined]
        nip = service.personal_data(record_id)["nip"]
        if isinstance(nip, str):  # an erased person's number is released, not kept
            rows.append((keyed_token(staged, "nip", nip), subject_id, record_id))
    registry.replace(rows)  # type: ignore[attr-defined]
    keys.delete(LOOKUP_SECRET_ID)  # and scrubbed from the disk
    keys.create(LOOKUP_SECRET_ID, staged)
    keys.delete(STAGED_SECRET_ID)
    return len(rows)
