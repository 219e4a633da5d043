"""The recording clock: when the system learnt of an event (the library's event timestamp).

Real recording always uses the current UTC time. The demo generator and imports of legacy
history replay years of past recording, so they may run under `recording_clock(...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


_clock: ContextVar[Callable[[], datetime]] = ContextVar("recording_clock", default=_utc_now)


def now() -> datetime:
    """The recording time to stamp on a new event."""
    return _clock.get()()


@contextmanager
def recording_clock(clock: Callable[[], datetime]) -> Iterator[None]:
    """Stamp events created inside the block with `clock()` instead of the current time."""
    token = _clock.set(clock)
    try:
        yield
    finally:
        _clock.reset(token)
