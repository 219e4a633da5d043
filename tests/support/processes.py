"""Helpers for tests of servers and workers: a free port, waiting for a condition, a crash."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable


class Crash(BaseException):
    """Raised by a test where a real process would die (power cut, killed process): like
    SystemExit, not an error the code handles (a view stopped at an event it cannot apply is
    one: see Projections.catch_up)."""


def free_port() -> int:
    """A loopback port nobody listens on (the kernel's choice for port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Return once `condition()` holds; fail the test after `seconds`.

    An OSError counts as "not yet": a server that is starting refuses connections.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
