"""Server-side SVG charts for the public pages: plain bars, readable without JavaScript.

Every chart is decorative for screen readers (`aria-hidden`): the page puts the same figures
in a table right after it. A hidden value is a gap, marked with the page's neutral mark: never
a bar, whose length would claim a value. Every text is at least 12 px.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

BAR = 22  # px per bar (horizontal chart) and per column (vertical chart)
LABEL = 190  # px of the label column
WIDTH = 640
FONT = 13  # px; the figures and labels (never under 12 px, read on a phone too)


def bars(values: Sequence[tuple[str, float | None]], hidden_label: str) -> Markup:
    """Horizontal bars, one per (label, value); None is a suppressed value."""
    top, room = _top(values), WIDTH - LABEL - 70
    parts = _open(WIDTH, BAR * len(values) + 8)
    for index, (label, value) in enumerate(values):
        y = 4 + index * BAR
        parts.append(f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" '
                     f'font-size="{FONT}">{escape(_short(label))}</text>')
        if value is None:
            parts.append(_hidden(LABEL + 4, y + 15, hidden_label))
            continue
        width = round(room * value / top, 1)
        parts.append(f'<rect x="{LABEL}" y="{y + 3}" width="{width}" height="{BAR - 6}" '
                     'fill="#0b5cad"/>')
        parts.append(f'<text x="{LABEL + width + 6}" y="{y + 15}" font-size="{FONT}">'
                     f'{_figure(value)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def columns(values: Sequence[tuple[str, float | None]], hidden_label: str,
            targets: Sequence[float | None] | None = None) -> Markup:
    """Vertical columns over time (months), one per (label, value); None is suppressed.
    `targets`, one per column (None: none), draws each as a dark dashed line across it."""
    top, chart = max([_top(values), *(t for t in targets or () if t is not None)]), 160
    step = max(BAR * 3, (WIDTH - 40) // max(len(values), 1))  # room for "2026-10" at 13 px
    parts = _open(40 + step * len(values), chart + 40)
    for index, (label, value) in enumerate(values):
        x = 30 + index * step
        parts.append(f'<text x="{x + step / 2 - 4}" y="{chart + 34}" text-anchor="middle" '
                     f'font-size="{FONT}">{escape(label)}</text>')
        target = targets[index] if targets else None
        if target is not None:
            y = round(chart - (chart - 20) * target / top, 1)
            parts.append(f'<line x1="{x - 2}" x2="{x + step - 6}" y1="{y}" y2="{y}" '
                         'stroke="#1f2328" stroke-width="2" stroke-dasharray="5 3" '
                         'class="target"/>')
        if value is None:
            parts.append(_hidden(x + step / 2 - 4, chart - 4, hidden_label, anchor="middle"))
            continue
        height = round((chart - 20) * value / top, 1)
        parts.append(f'<rect x="{x}" y="{chart - height}" width="{step - 8}" '
                     f'height="{height}" fill="#0b5cad"/>')
        parts.append(f'<text x="{x + step / 2 - 4}" y="{chart - height - 4}" '
                     f'text-anchor="middle" font-size="{FONT}">{_figure(value)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def _top(values: Sequence[tuple[str, float | None]]) -> float:
    return max((v for _, v in values if v is not None), default=0) or 1


def _open(width: float, height: float) -> list[str]:
    return [f'<svg class="chart" role="img" aria-hidden="true" focusable="false" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg">']


def _hidden(x: float, y: float, label: str, anchor: str = "start") -> str:
    """The gap of a hidden value: its mark alone where the bar would start, no shape."""
    return (f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{FONT}" '
            f'fill="#57606a" class="hidden-mark">{escape(label)}</text>')


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _figure(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
