"""Request lines in server logs without their query strings: staff searches put names and NIPs
there (`/hr/employees?q=…`, `/audit/?q=…`), and a log is kept, copied and read far more widely
than the data it describes.

The filter sits on the loggers the servers write request lines to, in the process that serves
the app: werkzeug's development server (`rekam serve`) and gunicorn's access log, whatever
access-log format the operator chose (`%(r)s`, the referer `%(f)s` and the query `%(q)s` all
carry the query string; `%(U)s` is the path alone). The path is kept, with `?…` where a query
was, so a log still shows which page was asked for.
"""

from __future__ import annotations

import logging
import re
from typing import Any

REQUEST_LOGGERS = ("werkzeug", "gunicorn.access")
# "?" and what follows up to a space, a quote or an ANSI colour code (werkzeug colours lines).
_QUERY = re.compile(r"\?[^\s\"\x1b]*")


def without_query(text: str) -> str:
    """`text` with every URL's query string replaced by `?…`."""
    return _QUERY.sub("?…", text)


class QueryStringFilter(logging.Filter):
    """Drops the query strings from a request line's arguments (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args: Any = record.args
        if isinstance(args, dict):  # gunicorn: the access-log atoms
            record.args = {key: "" if key == "q" else _scrubbed(value)
                           for key, value in args.items()}
        elif isinstance(args, tuple):  # werkzeug: the request line, status, size
            record.args = tuple(_scrubbed(value) for value in args)
        if isinstance(record.msg, str):
            record.msg = without_query(record.msg)
        return True


def _scrubbed(value: Any) -> Any:
    return without_query(value) if isinstance(value, str) else value


FILTER = QueryStringFilter()


def keep_queries_out_of_request_logs() -> None:
    """Put the filter on the servers' request loggers (once per process)."""
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if FILTER not in logger.filters:
            logger.addFilter(FILTER)
