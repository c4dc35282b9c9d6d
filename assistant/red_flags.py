"""Red flags recognised by nearness to written examples: a second net behind the rules.

The rules in assistant/safety.py find the red-flag symptoms people describe in the words the rules
know. People find new words for them every time ("pain like an elephant sat on me chest", "teeth
going like anything"), and a missed red flag is the worst mistake this program can make. So a
question that the rules pass is also compared, by meaning (the sentence embeddings the matcher
uses), with some 700 red-flag descriptions written for this project's evaluation sets and with the
ordinary questions that came nearest to them ("why do I need breathing exercises?"). It is taken as
urgent when it is close to a red-flag description and clearly closer to it than to any ordinary
question. The kind of help (999 or the hospital) is what the rules say about that description.

Measured in session 10, each set left out of the examples in turn (tests/data, 29 sets):
- on its own it recognised 632 of 649 red-flag questions and took 2 of 3,849 others for red flags;
- of the 154 red-flag questions that older versions of the rules missed, it recognised 149.
The examples are written by ``python -m benchmarks.red_flag_examples`` from tests/data.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from assistant.embeddings import Embedder
from assistant.normalise import clean
from assistant.safety import RedFlag, Urgency, find_red_flag

_LOGGER = logging.getLogger(__name__)

EXAMPLES = Path(__file__).resolve().parent / "data" / "red_flag_examples.tsv"
NEAR_URGENT = 0.60
"""Cosine similarity to a red-flag description from which a question may be urgent."""
CLEAR_OF_CALM = 0.05
"""How much nearer a red-flag description than any ordinary question it must be. Both chosen with
each set left out in turn: 0.65 / 0.10 missed more red flags (620 / 631 of 649) for no fewer false
alarms than 0.60 / 0.05 (2 of 3,849)."""
_UNNAMED = RedFlag(Urgency.HOSPITAL, "a symptom that needs checking straight away")


def read_examples(path: Path = EXAMPLES) -> tuple[list[str], list[str]]:
    """The red-flag descriptions and the ordinary questions: lines ``urgent<TAB>text`` or ``calm<TAB>text``.

    Raises:
        OSError: the file cannot be read.
        ValueError: a line is neither kind.
    """
    urgent: list[str] = []
    calm: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, text = line.partition("\t")
        if kind not in ("urgent", "calm") or not text.strip():
            raise ValueError(f"{path}:{number}: expected 'urgent' or 'calm', a tab, then a question")
        (urgent if kind == "urgent" else calm).append(text.strip())
    return urgent, calm


class RedFlagNeighbours:
    """Finds a red flag in a question by its nearest written examples."""

    def __init__(self, urgent: list[str], urgent_vectors: np.ndarray, calm_vectors: np.ndarray) -> None:
        self._urgent = urgent
        # What help a description calls for (the rules' red flag, else unnamed), worked out on its
        # first hit: all 700-odd at load would add some 30 ms to every start-up.
        self._flags: dict[int, RedFlag] = {}
        self._urgent_vectors = urgent_vectors
        self._calm_vectors = calm_vectors

    @classmethod
    def load(cls, embedder: Embedder, cache_dir: Path | None, path: Path = EXAMPLES) -> RedFlagNeighbours | None:
        """Embed the examples (cached); None, with a warning, if the file is missing or broken."""
        try:
            urgent, calm = read_examples(path)
        except (OSError, ValueError) as err:
            _LOGGER.warning("red-flag examples unusable, the rules alone will look for red flags: %s", err)
            return None
        if not urgent or not calm:
            _LOGGER.warning("red-flag examples in %s have no %s questions", path, "urgent" if not urgent else "calm")
            return None
        vectors = embedder.encode_cached([clean(t) for t in urgent + calm], cache_dir)
        return cls(urgent, vectors[: len(urgent)], vectors[len(urgent):])

    def find(self, question_vector: np.ndarray) -> RedFlag | None:
        """The red flag of the nearest red-flag description, if the question is close to it and clear
        of every ordinary question; the vector is of the cleaned question."""
        to_urgent = self._urgent_vectors @ question_vector
        nearest = int(np.argmax(to_urgent))
        if to_urgent[nearest] < NEAR_URGENT:
            return None
        if to_urgent[nearest] - float(np.max(self._calm_vectors @ question_vector)) < CLEAR_OF_CALM:
            return None
        _LOGGER.info("red flag by its nearest example %r (%.2f)", self._urgent[nearest], to_urgent[nearest])
        if nearest not in self._flags:
            self._flags[nearest] = find_red_flag(self._urgent[nearest]) or _UNNAMED
        return self._flags[nearest]
