"""Who signs a government's decrees, as the web reads and sets it: from the log
(domain/decree_signer.py), dated, so that a petikan printed later names the signer in office on
its decree's date, not today's.

Before the signers were in the log they were a setting of the accounts store (key
`decree_signers:<government id>`). Such a setting is still read while the log holds no signer
of the government, and the first signer set through the web moves it into the log (each
entry as it was, then the new one) and clears the setting.
"""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

from flask import Flask

from domain.decree_signer import Signer
from domain.values import Actor
from web import get_service
from web.accounts.store import get_accounts

LEGACY_KEY = "decree_signers:{}"


def _legacy(app: Flask, government_id: str) -> list[Signer]:
    stored = get_accounts(app).setting(LEGACY_KEY.format(government_id))
    found = [Signer(date.fromisoformat(item["from_on"]), item["name"], item["title"])
             for item in json.loads(stored or "[]")]
    return sorted(found, key=lambda s: s.from_on)


def signers(app: Flask, government_id: str) -> list[Signer]:
    """The government's signers, the earliest first."""
    logged = get_service(app).decree_signers.signers(UUID(hex=government_id))
    return logged or _legacy(app, government_id)


def set_signer(app: Flask, government_id: str, signer: Signer, actor: Actor) -> None:
    """Record the government's signer from `signer.from_on` in the log (DomainError when
    refused, nothing written); a legacy setting goes into the log first, in one batch."""
    service, key = get_service(app), UUID(hex=government_id)
    legacy = [] if service.decree_signers.signers(key) else _legacy(app, government_id)
    with service.batch():
        for earlier in legacy:
            if earlier != signer:
                service.decree_signers.set_signer(key, earlier, actor=actor)
        service.decree_signers.set_signer(key, signer, actor=actor)
    if legacy:
        get_accounts(app).set_setting(LEGACY_KEY.format(government_id), "[]")
