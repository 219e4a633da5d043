"""`rekam tpp run` and `rekam tpp reproduce` on a copy of the demo: last month's runs are
reproduced line for line; a month run again changes nothing and is refused."""

from __future__ import annotations

from flask import Flask

from tests.support.dates import REAL_TODAY

LAST_MONTH = f"{REAL_TODAY.year - (REAL_TODAY.month == 1)}-{(REAL_TODAY.month - 2) % 12 + 1:02d}"


def test_a_month_is_reproduced_and_not_run_again_without_a_change(demo_app: Flask) -> None:
    runner = demo_app.test_cli_runner()
    reproduced = runner.invoke(args=["tpp", "reproduce", "--government", "kupang",
                                     "--month", LAST_MONTH])
    assert reproduced.exit_code == 0, reproduced.output
    assert reproduced.output.startswith("run 1: ") and " 0 differ " in reproduced.output

    # The demo's accounts came after its runs (a superior put in a post, leave): the first
    # run may correct the month; the second finds nothing new.
    command = ["tpp", "run", "--government", "kupang", "--month", LAST_MONTH,
               "--operator", "hradmin.kupang"]
    first = runner.invoke(args=command)
    assert first.exit_code == 0 or "Nothing has changed since run 1" in first.output
    again = runner.invoke(args=command)
    assert again.exit_code == 1 and "Nothing has changed since run" in again.output
    unknown = runner.invoke(args=["tpp", "reproduce", "--government", "nowhere",
                                  "--month", LAST_MONTH])
    assert unknown.exit_code == 1 and "No government" in unknown.output
