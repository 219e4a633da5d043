"""Which releases withdraw tables: a rule read from the release list alone."""

from __future__ import annotations

from projections.transparency.disclosure import WITHDRAWN_ONCE_CORRECTED
from projections.transparency.store import Release, withdrawals_of


def _release(month: str, version: int, policy: str, government: str = "salatiga") -> Release:
    return Release(id=f"{government}-{month}-v{version}", government=government, month=month,
                   version=version, policy_version=policy, position=100,
                   published_at=f"2026-12-0{version}T00:00:00+00:00",
                   supersedes=f"{government}-{month}-v{version - 1}" if version > 1 else None,
                   digest="", labels={})


class TestWithdrawals:
    def test_a_2026_1_release_corrected_under_2027_1_withdraws_its_sensitive_tables(
            self) -> None:
        old, new = _release("2026-03", 1, "2026.1"), _release("2026-03", 2, "2027.1")
        found = withdrawals_of([new, old])
        assert set(found) == {old.id}
        assert set(found[old.id].tables) == WITHDRAWN_ONCE_CORRECTED["2026.1"]
        assert found[old.id].by == new.id and found[old.id].at == new.published_at

    def test_every_2026_1_version_of_the_month_names_the_first_later_policy_release(
            self) -> None:
        releases = [_release("2026-03", 1, "2026.1"), _release("2026-03", 2, "2026.1"),
                    _release("2026-03", 3, "2027.1"), _release("2026-03", 4, "2027.1")]
        found = withdrawals_of(releases)
        assert {k: w.by for k, w in found.items()} == {
            "salatiga-2026-03-v1": "salatiga-2026-03-v3",
            "salatiga-2026-03-v2": "salatiga-2026-03-v3"}

    def test_nothing_is_withdrawn_without_a_later_policys_correction(self) -> None:
        releases = [_release("2026-03", 1, "2026.1"), _release("2026-03", 2, "2026.1"),
                    _release("2026-04", 1, "2027.1"), _release("2026-04", 2, "2027.1"),
                    _release("2026-03", 2, "2027.1", government="palu")]
        assert withdrawals_of(releases) == {}

    def test_another_governments_correction_withdraws_nothing(self) -> None:
        releases = [_release("2026-03", 1, "2026.1"),
                    _release("2026-03", 2, "2027.1", government="palu")]
        assert withdrawals_of(releases) == {}
