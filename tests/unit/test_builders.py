"""The recorded workforce the projections tests start from: the same for a seed, and varied.

The read-model and log tests assume a history with every kind of action, recruitment rounds
with results and a filled JPT post; this says so, so a change to the builder that drops one
fails here rather than thinning those tests without a word.
"""

from __future__ import annotations

from collections import Counter

from tests.builders.personnel import new_service
from tests.builders.workforce import record_workforce


def _history(seed: int) -> list[tuple[str, str, int, str]]:
    service = new_service()
    record_workforce(service, seed=seed)
    return [(str(n.originator_id), n.topic, n.originator_version, str(n.id))
            for n in service.recorder.select_notifications(1, 100_000)]


def test_the_same_seed_records_the_same_history_and_another_seed_another() -> None:
    first, again, other = _history(4), _history(4), _history(5)
    assert first == again
    assert [topic for _, topic, _, _ in first] != [topic for _, topic, _, _ in other]


def test_the_history_holds_every_kind_of_action_the_read_models_show() -> None:
    kinds = Counter(topic.rsplit(".", 1)[-1] for _, topic, _, _ in _history(4))
    for kind in ("RecordOpened", "Appointed", "PositionAssigned", "TrainingCompleted",
                 "AppraisalRecorded", "RankPromoted", "Transferred", "PenaltyImposed",
                 "ContractRenewed", "ProbationPassed", "ActionCorrected", "ActionAnnulled",
                 "Separated", "ObjectionFiled", "ApplicantWithdrew", "FinalScoresIntegrated",
                 "WinnerAppointed", "Inaugurated", "CandidateApplied", "VersionAdopted",
                 "AgencyComputed"):
        assert kinds[kind] > 0, kind
    # Enough events that a catch-up in batches of 250 reaches employee events in its first
    # six batches and has some left after them (tests/integration/projections/views).
    assert sum(kinds.values()) > 1_700
