"""Telling a question the leaflet does not answer from one it does, with made-up embeddings."""

from __future__ import annotations

import numpy as np

from assistant.not_covered import (
    NOT_COVERED_DERIVED_ALLOWANCE,
    NOT_COVERED_EVERYDAY_MARGIN,
    NOT_COVERED_MARGIN,
    NOT_COVERED_TOPIC_MARGIN,
    NotCovered,
)


def _not_covered() -> NotCovered:
    found = NotCovered(["can i have a bath", "will my hair fall out"])
    found.vectors = np.eye(2, dtype=np.float32)
    return found


def _question(similarity: float) -> np.ndarray:
    # Similarity ``similarity`` to "can i have a bath", none to the hair question.
    return np.array([similarity, 0.0], dtype=np.float32)


def test_nearer_a_not_covered_question_than_the_sections_own_examples() -> None:
    found = _not_covered()
    near = _question(0.80)
    assert found.closer(near, 0.80 - NOT_COVERED_MARGIN - 0.01, derived=False, topic=set(),
                        everyday=set()) == "can i have a bath"
    assert found.closer(near, 0.80 - NOT_COVERED_MARGIN + 0.01, derived=False, topic=set(), everyday=set()) is None


def test_a_shared_word_no_section_uses_makes_nearly_as_near_enough() -> None:
    found = _not_covered()
    near = _question(0.70)
    own = 0.70 + NOT_COVERED_EVERYDAY_MARGIN - 0.01
    assert found.closer(near, own, derived=False, topic=set(), everyday={"bath"}) == "can i have a bath"
    assert found.closer(near, own, derived=False, topic=set(), everyday={"shower"}) is None
    own = 0.70 + NOT_COVERED_TOPIC_MARGIN - 0.01
    assert found.closer(near, own, derived=False, topic={"bath"}, everyday=set()) == "can i have a bath"


def test_a_pack_of_derived_questions_gets_an_allowance() -> None:
    found = _not_covered()
    near = _question(0.80)
    own = 0.80 - NOT_COVERED_MARGIN - NOT_COVERED_DERIVED_ALLOWANCE / 2
    assert found.closer(near, own, derived=False, topic=set(), everyday=set()) == "can i have a bath"
    assert found.closer(near, own, derived=True, topic=set(), everyday=set()) is None


def test_no_vectors_or_no_questions_decide_nothing() -> None:
    assert NotCovered(["can i have a bath"]).closer(_question(1.0), 0.0, derived=False, topic=set(),
                                                    everyday=set()) is None
    assert NotCovered([]).closer(_question(1.0), 0.0, derived=False, topic=set(), everyday=set()) is None
    assert _not_covered().sharing({"hair", "bath"}) == [0, 1]
