"""Erasure made final on disk: destroy a person's key, rewrite the read models, scrub the files.

The vault's stores make their own deletions final (projections/stores/backend.py). The roster
keeps the name, NIP and birth date in clear, because HR searches and sorts by name across the
whole roster (4.3 million people at national scale; docs/DEPLOY.md argues the choice). So the
erasure is not done until the read models hold the erasure marker in place of those fields and
the view store has dropped the old rows' bytes: the same operation catches the views up (the
erasure's event rewrites the person's rows; a retirement alert, worked out from the birth date,
is dropped) and then scrubs the tables that hold personal data.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.values import Actor
from projections.views import alerts
from projections.views.runner import Projections


def erase_person(projections: Projections, subject_id: UUID, *, effective_on: date,
                 actor: Actor) -> list[UUID]:
    """Erase a person's personal data everywhere; returns their records (employee ids).

    The key is scrubbed from the disk at the end of the block, also when it is no longer
    there to delete: a run that stopped after deleting it is finished by running again."""
    service = projections.service
    with service.vault.keys.scrubbing_once(also=[subject_id]):
        erased = service.erase_personal_data(subject_id, effective_on=effective_on,
                                             actor=actor)
    alerts.forget_retirements(projections, erased)
    settle_erasures(projections)
    return erased


def settle_erasures(projections: Projections) -> None:
    """After erasures: the read models rewritten and their personal tables scrubbed on disk."""
    projections.catch_up()
    alerts.create_table(projections)
    projections.store.scrub([alerts.table(projections)] + [
        view.table(name) for view in projections.views.values() if view.personal
        for name in view.tables])
