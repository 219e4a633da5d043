"""Limits on what an API request may make the server read, checked before anything is parsed.

A body over `MAX_BODY_BYTES` is refused with 413 without being read (a 52 MB body was parsed
whole before); JSON nested deeper than `MAX_JSON_DEPTH` with 400 (50,000 levels made the
parser's recursion fail as a 500). Both answer as every API error does, as a JSON problem.
"""

from __future__ import annotations

import re
from itertools import accumulate

from flask import request
from flask_babel import gettext as _
from flask_smorest import abort

MAX_BODY_BYTES = 1_000_000  # the largest action's body is a few kB
MAX_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024  # a scan (web/api/documents.py) and its form
UPLOADS = {"api.attach_document", "api.attach_my_leave_document", "api.attach_leave_document"}
MAX_JSON_DEPTH = 32  # an action's body is an object of values and lists of values: depth 2
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)  # brackets inside them do not nest
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def json_depth(body: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (of a malformed one, about that)."""
    brackets = _STRINGS.sub(b"", body).translate(None, _NOT_BRACKETS)
    return max(accumulate(1 if b in b"[{" else -1 for b in brackets), default=0)


def check_body() -> None:
    """Refuse a body too large to read or JSON too deep to parse (before the view's schema
    reads it)."""
    limit = MAX_UPLOAD_BYTES if request.endpoint in UPLOADS else MAX_BODY_BYTES
    request.max_content_length = limit  # also bounds a body sent without a length
    if request.content_length is not None and request.content_length > limit:
        abort(413, message=_("The request body is larger than %(size)s bytes.", size=limit))
    if (request.method in ("POST", "PUT", "PATCH") and request.is_json
            and json_depth(request.get_data(cache=True)) > MAX_JSON_DEPTH):
        abort(400, message=_("The JSON body nests deeper than %(depth)s levels.",
                             depth=MAX_JSON_DEPTH))
