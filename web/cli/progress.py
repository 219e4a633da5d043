"""The progress bar of the long commands (catch-up, rebuild, the log's catch-up), on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    bar = tqdm(desc=label, unit=" events", file=sys.stderr)

    def progress(position: int, head: int) -> None:
        bar.total = head
        bar.update(position - bar.n)

    try:
        yield progress
    finally:
        bar.close()
