"""The public pages' SVG charts: a hidden value is a gap with its mark, a target a dashed line."""

from __future__ import annotations

import re

from web.public import charts


def test_a_hidden_month_is_a_mark_and_no_column() -> None:
    svg = str(charts.columns([("01/26", 40.0), ("02/26", None), ("03/26", 80.0)], "×"))
    assert svg.count("<rect") == 2 and svg.count('class="hidden-mark">×<') == 1


def test_each_target_is_a_dashed_line_at_its_height_on_the_same_scale() -> None:
    svg = str(charts.columns([("01/26", 50.0), ("02/26", None)], "×", targets=[100.0, None]))
    (line,) = re.findall(r'<line [^>]*class="target"/>', svg)
    assert 'y1="20.0"' in line  # the target is the top of the scale: 160 - 140
    (rect,) = re.findall(r"<rect [^>]*/>", svg)
    assert 'height="70.0"' in rect  # half the target's height


def test_a_chart_without_targets_draws_no_line() -> None:
    assert "<line" not in str(charts.columns([("01/26", 5.0)], "×", targets=[]))
