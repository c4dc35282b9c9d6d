"""Which chunk of a section to read first: the one that best answers the question.

A section is read in short chunks. The first one said should hold the answer: it is chosen by
meaning (embedding similarity), by the rarer words it shares with the question (IDF-weighted, so
"epidural" counts for more than "liver") and by whether it has the kind of fact asked for (how long,
who, why: assistant/answer_types.py). When the two best score too close to call, both are read, in
the leaflet's order, rather than risk the wrong one.
"""

from __future__ import annotations

import logging
import math

import numpy as np

from assistant.answer_types import cue_share
from assistant.content import Section, count_sentences
from assistant.leaflet_chunks import DEPENDENT
from assistant.leaflet_terms import leaflet_words
from assistant.normalise import clean
from assistant.vocabulary import content_words

_LOGGER = logging.getLogger(__name__)

FIRST_CHUNK_MARGIN = 0.04
"""In a hand-written pack the first chunk holds the main answer: another must beat it by this much."""
# Chosen on the eight read question sets (tests/data/EVAL.md): the right chunk of the right section
# 625 -> 646 of 683.
CHUNK_OVERLAP_WEIGHT = 0.75
CHUNK_CUE_WEIGHT = 0.12
# Two chunks within this are both read: 0.07 read two for 11% of answers, 0.10 for 16% (answers +0.7
# points on the ten read sets, imported pack +1.2), 0.14 for 20% (+1.2). 0.10 keeps most replies to
# one short chunk while reading both when the choice is close to a coin toss. The rival is the next
# best chunk, not always the first (two close later chunks are both read): 18% of answers read two.
BOTH_CHUNKS_WITHIN = 0.10
TAIL_WORDS = 12
"""A one-sentence chunk this short after the chosen one is read with it (imported packs)."""


class ChunkChooser:
    """Scores the chunks of one section against a question."""

    def __init__(self, sections: list[Section], answer_first: list[bool], vectors: list[np.ndarray]) -> None:
        """``answer_first`` per section: its pack puts the main answer first; ``vectors``: each
        section's chunk embeddings (filled in by the matcher once the model has run; empty without it)."""
        self._sections = sections
        self._answer_first = answer_first
        self._vectors = vectors
        self._chunk_words = [_with_context(s) for s in sections]
        self._word_weight = self._word_weights()

    def _word_weights(self) -> dict[str, float]:
        # A word found in few chunks ("epidural") says more about which chunk is meant than "liver".
        counts: dict[str, int] = {}
        for chunks in self._chunk_words:
            for words in chunks:
                for w in words:
                    counts[w] = counts.get(w, 0) + 1
        total = sum(len(chunks) for chunks in self._chunk_words)
        return {w: math.log((total + 1) / (n + 1)) for w, n in counts.items()}

    def _overlap(self, words: set[str], chunk_words: set[str]) -> float:
        unseen = math.log(len(self._word_weight) + 1)
        weights = {w: self._word_weight.get(w, unseen) for w in words}
        return sum(weights[w] for w in words & chunk_words) / (sum(weights.values()) or 1.0)

    def best_overlap(self, index: int, words: set[str]) -> float:
        """The largest share of ``words`` (IDF-weighted) that one chunk of section ``index`` holds."""
        return max((self._overlap(words, chunk_words) for chunk_words in self._chunk_words[index]), default=0.0)

    def scores(self, index: int, heard: str, qvec: np.ndarray | None) -> list[float]:
        """How well each chunk of section ``index`` fits the (cleaned, repaired) question."""
        section = self._sections[index]
        words = content_words(heard)
        if not self._answer_first[index]:
            # An imported pack speaks in the leaflet's words: "go in the night before" looks for
            # "admitted", "follow-up appointment" for "outpatient" (leaflet_terms.LAY_TERMS).
            # Session 8, 23 read sets: imported seed pack 80.3 -> 81.1%; for a written pack, whose
            # first chunk is the answer, it changed no answer and refused fewer out-of-scope.
            words |= content_words(" ".join(leaflet_words(heard)))
        scores = []
        for i, chunk_words in enumerate(self._chunk_words[index]):
            score = CHUNK_OVERLAP_WEIGHT * self._overlap(words, chunk_words)
            score += CHUNK_CUE_WEIGHT * cue_share(heard, section.chunks[i])
            if qvec is not None and self._vectors:
                score += float(self._vectors[index][i] @ qvec)
            scores.append(score)
        return scores

    def choose(self, index: int, heard: str, qvec: np.ndarray | None,
               scores: list[float] | None = None) -> tuple[int, ...]:
        """The chunk to read first, and a rival scoring too close to call; best first.

        ``scores``: this question's ``scores`` for the section, when the caller already has them.
        """
        if len(self._sections[index].chunks) == 1:
            return (0,)
        scores = scores if scores is not None else self.scores(index, heard, qvec)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        # An imported pack's chunks follow the leaflet, so there the best fit wins outright.
        answer_first = self._answer_first[index]
        margin = FIRST_CHUNK_MARGIN if answer_first else 0.0
        best = order[0] if scores[order[0]] > scores[0] + margin else 0
        rival = next(i for i in order if i != best)
        chosen = (best, rival) if abs(scores[best] - scores[rival]) < BOTH_CHUNKS_WITHIN else (best,)
        if answer_first:
            return chosen
        # The chunk a chosen one leans on and a short tail can be the same chunk: read it once.
        return tuple(dict.fromkeys(chosen + self._lead_ins(index, chosen) + self._tails(index, chosen)))

    def _lead_ins(self, index: int, chosen: tuple[int, ...]) -> tuple[int, ...]:
        """The chunk before a chosen one that leans on it, read with it.

        An imported chunk can start "This is to make sure you are as healthy as possible. It is
        sometimes called prehabilitation.": heard alone, "this" is nothing. Its words already count
        with the chunk before's (``_with_context``); the chunk before is read too, first.
        """
        chunks = self._sections[index].chunks
        return tuple(i - 1 for i in chosen if i > 0 and i - 1 not in chosen and DEPENDENT.match(chunks[i]))

    def _tails(self, index: int, chosen: tuple[int, ...]) -> tuple[int, ...]:
        """The short one-sentence chunks straight after the chosen ones, read with them.

        An imported pack's chunks are cut from the leaflet's paragraphs at three sentences, so a
        paragraph's last sentence can be left on its own: "...It will also help your wound heal.
        | Your GP can give you more advice." Read alone, the chunk before never says who helps.
        Read along, the seed imported with no hand edits carried the fact for 82.2 -> 83.1% of
        the read sets' answers; the written pack, whose chunks each stand alone, was unchanged.
        """
        chunks = self._sections[index].chunks
        return tuple(i + 1 for i in chosen if i + 1 < len(chunks) and i + 1 not in chosen
                     and len(chunks[i + 1].split()) <= TAIL_WORDS and count_sentences(chunks[i + 1]) == 1)


def _with_context(section: Section) -> list[set[str]]:
    """Each chunk's words; one that leans on the chunk before ("This is to make sure...") has its words too."""
    words = [content_words(clean(c)) for c in section.chunks]
    return [w | words[i - 1] if i and DEPENDENT.match(section.chunks[i]) else w for i, w in enumerate(words)]
