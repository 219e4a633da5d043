"""Filling in a staff form as a user does: open it, review, confirm, read its messages."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

from tests.support.staff import csrf_token, hidden, text


def form_fields(client: FlaskClient, url: str) -> dict[str, str]:
    """Open the form at `url`; the hidden fields every post of it sends back."""
    page = client.get(url)
    assert page.status_code == 200, text(page)[:800]
    html = text(page)
    return {"csrf_token": csrf_token(html), "version": hidden(html, "version")}


def form_errors(html: str) -> list[str]:
    """Every message the page shows at a field or in its error box."""
    return re.findall(r'class="field-error"[^>]*>([^<]+)<', html) + re.findall(
        r'class="error-box" role="alert"><p>([^<]+)<', html)


def record(client: FlaskClient, url: str, data: dict[str, Any]) -> str:
    """Open the form, review, confirm; returns the page the record redirects to."""
    fields = {**form_fields(client, url), "legal_number": "", "legal_signed_on": "", **data}
    review = client.post(url, data={**fields, "step": "review"})
    assert review.status_code == 200, form_errors(text(review)) or text(review)[:800]
    assert 'data-testid="confirmation"' in text(review)
    done = client.post(url, data={**fields, "step": "confirm"})
    assert done.status_code == 302, form_errors(text(done)) or text(done)[:800]
    return str(done.headers["Location"])
