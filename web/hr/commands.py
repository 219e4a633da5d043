"""Running an action's command: a dry run for the confirmation step, then the real one.

The dry run executes the command on a second application service inside a batch that is
always abandoned, so every rule of the domain is checked (including those the service checks,
such as the rater and the position) and nothing is written. The second service is used by one
request at a time, so no other request's command can fall into its batch.
"""

from __future__ import annotations

import threading

from flask import Flask

from domain.personnel_service import PersonnelService
from domain.values import Actor
from projections.stores.backend import open_service
from web.hr.actions import Command

_OPENING = threading.Lock()
_DRY_RUNNING = threading.Lock()


class _Abandon(Exception):
    """Raised to leave a dry run's batch without saving it."""


def dry_run(app: Flask, command: Command, actor: Actor, expected_version: int) -> None:
    """Raise the DomainError the command would raise; write nothing either way."""
    service = _dry_service(app)
    with _DRY_RUNNING:
        try:
            with service.batch():
                command(service, actor, expected_version)
                raise _Abandon
        except _Abandon:
            pass


def _dry_service(app: Flask) -> PersonnelService:
    service = app.extensions.get("rekam_dry_run_service")
    if service is None:
        with _OPENING:
            service = app.extensions.get("rekam_dry_run_service")
            if service is None:
                service = open_service(app.extensions["rekam_backend"])
                app.extensions["rekam_dry_run_service"] = service
    return service
