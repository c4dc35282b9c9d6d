"""Is a question one the pack says its leaflet does not answer ("will my hair fall out with the chemo?")?

Each pack lists such questions in not-covered.txt. A question nearer one of them (by sentence
embedding) than to the best section's own example questions is taken as not answered, and gets an
honest "I don't have information about that"; so is one nearly as near that shares a word no section
uses ("does a *kidney* grow back?", "can mum have a *bath* with the wound?").
"""

from __future__ import annotations

import numpy as np

from assistant.vocabulary import stem_words

# A question must be this much closer (cosine) to a "not covered" example than to the best section's
# own examples before the leaflet is taken not to answer it; chosen on the tuning sets.
NOT_COVERED_MARGIN = 0.05
# ...or need only come within this much when it shares a topic word that no section uses ("does a
# *kidney* grow back like the liver?"); chosen on the read sets (unknown recall up on five of them,
# one answer lost: "two *buses*" is not the bus question).
NOT_COVERED_TOPIC_MARGIN = 0.20
# ...or within this much when it shares an everyday word that no section uses but the not-covered
# question does ("can mum have a *bath* with the wound?"); chosen on the read sets (unknown recall up
# 3 points on four hand-pack sets, one answer lost: a bus driver asking about driving).
NOT_COVERED_EVERYDAY_MARGIN = 0.10
# A section whose example questions were derived from the leaflet's sentences sits further from how
# people ask than the "not covered" examples (written as people ask), so it gets this allowance before
# a not-covered question is taken to be nearer; measured with the imported seed pack on the thirteen read
# sets: answers up 1-2 points on seven, two out-of-scope rows let through (0.06 let through more).
NOT_COVERED_DERIVED_ALLOWANCE = 0.03


class NotCovered:
    """The packs' "not covered" example questions (cleaned), their embeddings and the words they use."""

    def __init__(self, questions: list[str]) -> None:
        """``vectors`` stays empty until the matcher's embedding model fills it in."""
        self.questions = questions
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        # Each word stem -> the questions that use it.
        self._by_stem: dict[str, list[int]] = {}
        for i, question in enumerate(questions):
            for word_stem in set(stem_words(question)):
                self._by_stem.setdefault(word_stem, []).append(i)

    def sharing(self, stems: set[str]) -> list[int]:
        """The questions that use any of these word stems."""
        return sorted({i for word_stem in stems for i in self._by_stem.get(word_stem, ())})

    def closer(self, qvec: np.ndarray, own: float, *, derived: bool, topic: set[str],
               everyday: set[str]) -> str | None:
        """The not-covered question this one is about, or None.

        ``own``: the question's similarity to the best section's own examples; ``derived``: those
        examples were made from the leaflet's sentences; ``topic`` and ``everyday``: stems of the
        question's words that no section uses (topic words, then everyday ones).
        """
        if not self.questions or len(self.vectors) != len(self.questions):
            return None
        sims = self.vectors @ qvec
        own += NOT_COVERED_DERIVED_ALLOWANCE if derived else 0.0
        for stems, margin in ((topic, NOT_COVERED_TOPIC_MARGIN), (everyday, NOT_COVERED_EVERYDAY_MARGIN)):
            for i in self.sharing(stems):
                if float(sims[i]) > own - margin:
                    return self.questions[i]
        best = int(np.argmax(sims))
        return self.questions[best] if float(sims[best]) > own + NOT_COVERED_MARGIN else None
