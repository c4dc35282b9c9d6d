"""Red flags recognised by their nearest written examples, behind the rules."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from assistant.dialogue import Dialogue
from assistant.evaluation import load_eval
from assistant.matcher import Matcher
from assistant.red_flags import EXAMPLES, RedFlagNeighbours, read_examples
from assistant.safety import Urgency, find_red_flag
from assistant.settings import Settings

DATA = Path(__file__).resolve().parent / "data"


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_question_near_a_red_flag_example_and_clear_of_calm_ones_is_urgent() -> None:
    near = RedFlagNeighbours(["I can't breathe"], np.stack([_unit(1, 0, 0)]), np.stack([_unit(0, 1, 0)]))
    flag = near.find(_unit(1, 0.3, 0))
    assert flag is not None and flag.urgency is Urgency.EMERGENCY  # what the rules say of the example
    assert near.find(_unit(0.3, 1, 0)) is None  # nearer the calm question
    assert near.find(_unit(0, 0, 1)) is None  # near nothing


def test_not_clearly_nearer_the_red_flag_than_a_calm_question_is_not_urgent() -> None:
    near = RedFlagNeighbours(["my wound is hot"], np.stack([_unit(1, 0, 0)]), np.stack([_unit(1, 0.05, 0)]))
    assert near.find(_unit(1, 0.02, 0)) is None


def test_an_example_the_rules_cannot_name_still_sends_to_the_hospital() -> None:
    near = RedFlagNeighbours(["something odd"], np.stack([_unit(1, 0)]), np.stack([_unit(0, 1)]))
    flag = near.find(_unit(1, 0))
    assert flag is not None and flag.urgency is Urgency.HOSPITAL


def test_a_broken_examples_file_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "examples.tsv"
    bad.write_text("# comment\nurgent\tmy chest hurts\nmaybe\tis this bad\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"examples.tsv:3"):
        read_examples(bad)


def test_without_usable_examples_the_rules_work_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert RedFlagNeighbours.load(None, None, tmp_path / "missing.tsv") is None  # type: ignore[arg-type]
    assert "rules alone" in caplog.text


def test_the_shipped_examples_are_the_evaluation_sets_rows() -> None:
    """Written from tests/data by benchmarks/red_flag_examples.py: every urgent row, and only rows."""
    urgent, calm = read_examples(EXAMPLES)
    rows = {(r.kind, " ".join(r.question.split())) for p in DATA.glob("eval_*.tsv") for r in load_eval(p)}
    assert set(urgent) == {q for kind, q in rows if kind == "urgent"}
    assert {("answer", q) in rows or ("unknown", q) in rows for q in calm} == {True}
    # The kind of help for a question found by its neighbour is what the rules say of the example.
    assert all(find_red_flag(q) is not None for q in urgent)


@pytest.mark.parametrize("question", [
    "I can't get a proper breath in, it's like breathing through a straw",
])
def test_red_flags_the_rules_miss_are_found_by_their_neighbours(dialogue: Dialogue, matcher: Matcher,
                                                                now: datetime, question: str) -> None:
    assert find_red_flag(question) is None
    assert dialogue.respond(question, now).kind == "urgent"


@pytest.mark.parametrize("question", [
    "why do I need to do breathing exercises?", "will they check me for bleeding after?",
    "is it normal for the scar to itch?", "how long will I be in hospital after the operation?",
])
def test_questions_about_a_topic_are_not_taken_for_red_flags(matcher: Matcher, question: str) -> None:
    assert matcher.red_flag(question) is None


def test_a_question_is_embedded_once_for_the_red_flag_check_and_the_answer(library, matcher: Matcher,
                                                                           now: datetime,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = matcher._embedder
    assert embedder is not None
    texts: list[str] = []
    real = embedder.encode

    def counting(batch: list[str]) -> np.ndarray:
        texts.extend(batch)
        return real(batch)
    monkeypatch.setattr(embedder, "encode", counting)
    reply = Dialogue(library, matcher, Settings()).respond("can my wife have a small gin when she gets home", now)
    assert reply.section == "alcohol" and texts == ["can my wife have a small gin when she gets home"]
