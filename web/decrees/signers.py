"""Who signs a government's decrees: the Pejabat Pembina Kepegawaian or the official it
delegates to, with their title, from a date. A setting per government (the accounts store's
settings, key `decree_signers:<government id>`), not the log: it belongs to the government,
not to the employee a petikan names. Dated, so that a petikan printed later names the signer
in office on its decree's date, not today's."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from flask import Flask

from web.accounts.store import get_accounts

KEY = "decree_signers:{}"


@dataclass(frozen=True)
class Signer:
    """The official who signs the government's decrees from `from_on`."""

    from_on: date
    name: str
    title: str


def signers(app: Flask, government_id: str) -> list[Signer]:
    """The government's signers, the earliest first."""
    stored = get_accounts(app).setting(KEY.format(government_id))
    found = [Signer(date.fromisoformat(item["from_on"]), item["name"], item["title"])
             for item in json.loads(stored or "[]")]
    return sorted(found, key=lambda s: s.from_on)


def signer_on(found: list[Signer], on: date) -> Signer | None:
    """The signer in office on `on`: the latest whose date is not after it."""
    before = [s for s in found if s.from_on <= on]
    return before[-1] if before else None


def set_signer(app: Flask, government_id: str, signer: Signer) -> None:
    """Record the government's signer from `signer.from_on` (one of the same date replaced)."""
    kept = [s for s in signers(app, government_id) if s.from_on != signer.from_on]
    items = [{**asdict(s), "from_on": s.from_on.isoformat()}
             for s in sorted([*kept, signer], key=lambda s: s.from_on)]
    get_accounts(app).set_setting(KEY.format(government_id), json.dumps(items))
