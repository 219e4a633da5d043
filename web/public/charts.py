"""Server-side SVG charts for the public pages: plain bars, readable without JavaScript.

Every chart is decorative for screen readers (`aria-hidden`): the page puts the same figures
in a table right after it. A hidden (suppressed) value is drawn as a hatched stub marked "<10".
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

BAR = 22  # px per bar (horizontal chart) and per column (vertical chart)
LABEL = 190  # px of the label column
WIDTH = 640
HATCH = ('<defs><pattern id="hidden-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
         'patternTransform="rotate(45)"><rect width="3" height="6" fill="#8c959f"/></pattern>'
         '</defs>')


def bars(values: Sequence[tuple[str, float | None]], hidden_label: str = "<10") -> Markup:
    """Horizontal bars, one per (label, value); None is a suppressed value."""
    top, room = _top(values), WIDTH - LABEL - 70
    parts = _open(WIDTH, BAR * len(values) + 8)
    for index, (label, value) in enumerate(values):
        y = 4 + index * BAR
        parts.append(f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" '
                     f'font-size="13">{escape(_short(label))}</text>')
        if value is None:
            parts.append(_hidden(LABEL, y + 3, 14, BAR - 6, LABEL + 20, y + 15, hidden_label))
            continue
        width = round(room * value / top, 1)
        parts.append(f'<rect x="{LABEL}" y="{y + 3}" width="{width}" height="{BAR - 6}" '
                     'fill="#0b5cad"/>')
        parts.append(f'<text x="{LABEL + width + 6}" y="{y + 15}" font-size="13">'
                     f'{_figure(value)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def columns(values: Sequence[tuple[str, float | None]], hidden_label: str = "<10"
            ) -> Markup:
    """Vertical columns over time (months), one per (label, value); None is suppressed."""
    top, chart = _top(values), 160
    step = max(BAR * 2, (WIDTH - 40) // max(len(values), 1))
    parts = _open(40 + step * len(values), chart + 40)
    for index, (label, value) in enumerate(values):
        x = 30 + index * step
        parts.append(f'<text x="{x + step / 2 - 4}" y="{chart + 34}" text-anchor="middle" '
                     f'font-size="11">{escape(label)}</text>')
        if value is None:
            parts.append(_hidden(x, chart - 14, step - 8, 14, x + step / 2 - 4, chart - 18,
                                 hidden_label, anchor="middle"))
            continue
        height = round((chart - 20) * value / top, 1)
        parts.append(f'<rect x="{x}" y="{chart - height}" width="{step - 8}" '
                     f'height="{height}" fill="#0b5cad"/>')
        parts.append(f'<text x="{x + step / 2 - 4}" y="{chart - height - 4}" '
                     f'text-anchor="middle" font-size="11">{_figure(value)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def _top(values: Sequence[tuple[str, float | None]]) -> float:
    return max((v for _, v in values if v is not None), default=0) or 1


def _open(width: float, height: float) -> list[str]:
    return [f'<svg class="chart" role="img" aria-hidden="true" focusable="false" '
            f'viewBox="0 0 {width} {height}" width="100%" '
            f'xmlns="http://www.w3.org/2000/svg">', HATCH]


def _hidden(x: float, y: float, width: float, height: float, text_x: float, text_y: float,
            label: str, anchor: str = "start") -> str:
    """A hatched stub with its "<10" label: the mark of a suppressed value."""
    return (f'<rect x="{x}" y="{y}" width="{width}" height="{height}" '
            f'fill="url(#hidden-hatch)"/><text x="{text_x}" y="{text_y}" '
            f'text-anchor="{anchor}" font-size="12" fill="#57606a">{escape(label)}</text>')


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _figure(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
