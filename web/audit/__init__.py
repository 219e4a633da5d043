"""The auditors' workspace (/audit/): history replay, roster differences, the verifiable log."""

from web.audit import log as _log  # noqa: F401 — registers the log routes on the blueprint
from web.audit.routes import bp

__all__ = ["bp"]
