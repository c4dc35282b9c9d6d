"""Match a question (typed or transcribed) to a content section and the chunk that answers it.

Two signals are combined, because each fails where the other is strong:
- meaning: cosine similarity of MiniLM sentence embeddings between the question and each
  section's example questions, title and chunks (copes with paraphrase: "can I have a drink?");
- words: RapidFuzz similarity to the example questions, and the section's lay terms found in the
  question, fuzzily, so transcription slips still count ("keel surgery", "hoovering"), and the share
  of the question's words that meet in one of the section's chunks.
The answer is a passage: between two close sections, the one holding the best-fitting chunk wins.
Before either, slips that only sound like a leaflet word are put right (assistant/soundalike.py);
the chunk to read is chosen by assistant/chunk_choice.py. The weights were chosen on
tests/data/eval_dev.tsv; thresholds, calibration and the session-3 constants on the sets read by
then (tests/data/EVAL.md says which); eval_fresh_e.tsv was only measured.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from assistant.chunk_choice import ChunkChooser
from assistant.common_words import COMMON_WORDS
from assistant.content import Library, Section
from assistant.embeddings import Embedder
from assistant.normalise import clean, digits_for_number_words
from assistant.not_covered import NotCovered
from assistant.red_flags import RedFlagNeighbours
from assistant.safety import RedFlag
from assistant.soundalike import SoundAlikes
from assistant.vocabulary import SLIP_RATIO, STOP, Vocabulary, content_words, stem

_LOGGER = logging.getLogger(__name__)



@dataclass(frozen=True)
class Weights:
    """How much each signal counts in the combined score."""

    ask_embed: float = 0.50
    """Best embedding similarity to the section's example questions, title and summary."""
    chunk_embed: float = 0.20
    """Best embedding similarity to the section's spoken chunks."""
    fuzz: float = 0.10
    """RapidFuzz token-set similarity to the example questions."""
    terms: float = 0.20
    """Lay terms found in the question (exactly or heard slightly wrong)."""
    chunk_words: float = 0.25
    """Share of the question's words (rarer ones count for more) found together in one chunk, less
    CHUNK_WORDS_BASELINE."""
    unfamiliar: float = 0.10
    """Subtracted for each topic word no section uses."""


DEFAULT_WEIGHTS = Weights()
# A long question brings words of its own ("Notwithstanding the considerable amount I have read, I
# remain uncertain as to the typical duration..."): past this many topic words, each unfamiliar word
# counts for less, so rambling speakers are not refused (formal words such as "notwithstanding" are
# everyday words in common_words.py). Chosen on the eight read sets with the imported pack too: 3
# answered a few more but let through more out-of-scope questions on the imported pack.
UNFAMILIAR_FULL_WEIGHT_WORDS = 5
# A sentence of a longer question is ranked on its own too when it has this many topic words: the
# real question is often one sentence among chat ("Enzo does it all himself. Can he carry the
# laundry basket?"); shorter pieces ("Liver op.") mean little without the rest.
CLAUSE_MIN_WORDS = 3
# A sentence that tells ("Open surgery, one big cut.") sets the scene; the one that asks ("How many
# days in hospital?") says what is wanted. A told sentence's own scores count this much less, so the
# scene does not outrank the question. Chosen in session 14 on the 39 sets (0.05 / 0.1 / 0.2): written
# pack answers 93.04 -> 93.12%, imported 84.53 -> 84.63% (4 sets up, 1 down), refusals unchanged.
STATEMENT_CLAUSE_PENALTY = 0.10
# Example questions derived from a leaflet's own sentences ("Do I need to avoid lifting heavy loads?")
# match how people ask less closely than written ones, so an imported pack's scores sit lower; this
# lift puts them on the same scale as a written pack's, for the thresholds and for packs side by side.
# Measured on the imported seed pack over the five tuning sets (best unknown threshold 0.38 vs 0.50).
DERIVED_QUESTIONS_LIFT = 0.12
# A term heard slightly wrong counts for this much of one said exactly. Near-spellings of common
# phrases ("after the operation" for "big operation", "chemo after the op" for "eat after the op")
# were filling most sections' term score; 0.7 -> 0.35 moved the read sets' answers up about a point
# (hand pack +1 question net, imported +4) and unknown recall up 2 questions.
SLIP_HIT = 0.35
# A one-word term that is an everyday word ("going", "home", "help") counts this much of a topic
# word: it is found in many questions about other things ("how long am I going to be under for?"
# found "Going home"). Over the 25 read sets: imported seed answers 83.4 -> 83.6%, out-of-scope
# refused 82.8 -> 83.5%; written pack 92.09 -> 92.16%, refusals the same (0.25 and 0 gave fewer
# answers).
COMMON_TERM_WEIGHT = 0.5
# A question about one side of the operation ("chemotherapy *before* the operation") is not about a
# section whose title names the other side ("Chemotherapy after surgery"); the embedding model hardly
# tells the two apart. Taken off such a section's score; chosen on the read sets.
TIMING_MISMATCH = 0.10
_TIMING = {"before": "before", "beforehand": "before", "prior": "before", "after": "after",
           "afterwards": "after", "afterward": "after", "following": "after"}
# "How long in hospital after keyhole?" is answered by the chunk that says "home ... 2 to 3 days after
# keyhole surgery", not by the keyhole section, which names keyhole more often: the best share of the
# question's words found together in one chunk (IDF-weighted, as the chunk chooser weighs them) is
# scored, less this baseline, so questions whose words meet nowhere score lower than before. Chosen in
# session 6 on the 18 read sets: weight 0.25 and baseline 0.12 answered 1.3 points more with the
# imported seed pack (12 sets up, 3 down) and 0.4 more with the written pack, unknown recall up 0.2
# and 0.3; without a baseline, 0.2 answered as many but let through 1 point more out-of-scope.
CHUNK_WORDS_BASELINE = 0.12
# The answer is a passage, not a section: when the two best sections score close, the one holding the
# chunk that fits the question best (the chunk chooser's score) goes first, with this weight on that
# chunk's score. Chosen in session 6 on the 19 read sets: 0.15 answered 1.0 point more with the
# imported seed pack (11 sets up, 2 down) and the same with the written pack; 0.5 or looking past the
# runner-up did no better.
PASSAGE_WEIGHT = 0.15
# Terms are written as the patient says them ("on my feet", "tube in my bladder"); a carer says
# "on his feet", "tube in her bladder". Whose it is says nothing of the topic, so in terms and
# questions alike every possessive or object pronoun is one word (blind set AY: "When did they get him
# up on his feet after the op?" was refused).
_WHOSE = frozenset({"my", "me", "mine", "his", "him", "her", "hers", "their", "them", "your", "our", "us"})
RECENT_VECTORS = 16
"""Question embeddings kept (a question, its sentences, its second hearing): the red-flag check and
the ranking embed the same cleaned question once."""
# Confidence is a logistic curve over the combined score, fitted by maximum likelihood on the twelve
# read sets in session 4 (do the chunks read first carry the fact?); `run.py bench` prints its
# calibration error on every set. Decisions use the score itself, not this.
CONFIDENCE_CENTRE = 0.51
CONFIDENCE_SLOPE = 10.5

_QUESTION_START = re.compile(r"^\W*(?:what|whats|when|where|why|who|how|which|can|could|will|would|should|shall|"
                             r"is|are|am|do|does|did|may|might|must|have|has)\b", re.I)


def _asks(sentence: str) -> bool:
    """Whether a sentence of a question is itself asked ("...?" or "how long..."), not told."""
    return sentence.rstrip().endswith("?") or bool(_QUESTION_START.search(sentence))


@dataclass(frozen=True)
class Candidate:
    """One section's score for a question."""

    key: str
    section: Section
    score: float
    """Combined score, roughly 0-1."""


@dataclass(frozen=True)
class Match:
    """The best section for a question, the chunk to read first, and how sure the matcher is."""

    key: str
    section: Section
    chunk_index: int
    """Index of the chunk that best answers the question."""
    score: float
    """Combined score less the penalty for unfamiliar words."""
    confidence: float
    """Calibrated 0-1: how likely this section holds the answer."""
    runner_up: Candidate | None
    unfamiliar: tuple[str, ...] = ()
    """Topic words of the question that no loaded section uses (a sign it is out of scope)."""
    not_covered: str | None = None
    """A question the pack lists as not answered by the leaflet, when the question is closer to it
    than to any of the best section's own examples."""
    read_first: tuple[int, ...] = ()
    """The chunks to read first, in the leaflet's order: the best one, and a close rival if any."""


def timing_sides(text: str) -> frozenset[str]:
    """Which side of the operation cleaned text speaks of: "before", "after", both or neither."""
    return frozenset(_TIMING[w] for w in text.split() if w in _TIMING)


def _term_words(text: str) -> list[str]:
    """Stems of cleaned text as terms are matched: whose it is left out of it (``_WHOSE``)."""
    return ["my" if w in _WHOSE else stem(w) for w in text.split()]


def confidence_from_score(score: float) -> float:
    """Map a combined score to a 0-1 confidence (logistic)."""
    return 1.0 / (1.0 + math.exp(-CONFIDENCE_SLOPE * (score - CONFIDENCE_CENTRE)))


def in_context(title: str, chunk: str) -> str:
    """A chunk as embedded: under its section's title, as a reader meets it.

    "The main advantage of this type of surgery is..." never says *keyhole*; embedded alone, the
    first chunk of "Keyhole surgery", which does, looked closer to "why is keyhole better?" than the
    chunk that answers it. With the title in front of every chunk, what differs between chunks is
    what they say. Measured in session 8 on the 23 read sets: written pack answers 91.4 -> 92.3%
    (14 sets up, none down), imported seed pack 77.1 -> 78.1% (with headings that restate the one
    before merged, importer.restates); "Title. chunk" did less well (91.9 and 77.7%).
    """
    return f"{title}: {chunk}"


class Matcher:
    """Scores every section of a library against a question."""

    def __init__(self, library: Library, embedder: Embedder | None, cache_dir: Path | None = None,
                 weights: Weights = DEFAULT_WEIGHTS) -> None:
        self.library = library
        self.weights = weights
        self._embedder = embedder
        self._keys = list(library.by_key)
        self._sections = [library.by_key[k] for k in self._keys]
        self._asks = [[clean(a) for a in (*s.asks, s.title, s.summary) if a] for s in self._sections]
        self._terms = [self._section_terms(s) for s in self._sections]
        self._index_terms()
        self._term_weight = self._term_weights()
        self._vocabulary = Vocabulary(self._sections)
        self._sound_alikes = self._build_sound_alikes()
        self._position = {key: i for i, key in enumerate(self._keys)}
        packs = [library.pack_of(s) for s in self._sections]
        self._written = [p.questions_written for p in packs]
        self._title_sides = [timing_sides(clean(s.title)) for s in self._sections]
        self._ask_vecs: list[np.ndarray] = []
        self._chunk_vecs: list[np.ndarray] = []
        self._chunks = ChunkChooser(self._sections, [p.answer_first for p in packs], self._chunk_vecs)
        self._not_covered = NotCovered([clean(q) for p in library.packs for q in p.not_covered])
        self._red_flags: RedFlagNeighbours | None = None
        self._vector: Callable[[str], np.ndarray] = functools.lru_cache(maxsize=RECENT_VECTORS)(self._encode)
        if embedder is not None:
            self._index(embedder, cache_dir)
            self._red_flags = RedFlagNeighbours.load(embedder, cache_dir)

    @classmethod
    def load(cls, library: Library, *, use_embeddings: bool = True, cache_dir: Path | None = None) -> Matcher:
        """Build the matcher, loading the embedding model when asked (vectors cached in ``cache_dir``)."""
        embedder = Embedder.load() if use_embeddings else None
        return cls(library, embedder, cache_dir)

    @staticmethod
    def _section_terms(section: Section) -> list[str]:
        # Numbers as digits, as in the question ("two goes" must meet "could they do it in 2 goes").
        terms = {digits_for_number_words(clean(t)) for t in (*section.terms, section.title)}
        return sorted(t for t in terms if t)

    def _build_sound_alikes(self) -> SoundAlikes:
        spoken = [clean(text) for s in self._sections for text in (s.title, *s.chunks)]
        acronyms = {a for s in self._sections for text in (s.title, *s.chunks, *s.terms)
                    for a in re.findall(r"\b[A-Z]{2,4}\b", text)}
        terms = [clean(t) for section_terms in self._terms for t in section_terms]
        return SoundAlikes(spoken, terms, acronyms)

    def heard(self, question: str) -> str:
        """The question cleaned, sound-alike slips put right ("epic dural"), numbers as digits."""
        return digits_for_number_words(self._sound_alikes.repair(clean(question)))

    def red_flag(self, question: str) -> RedFlag | None:
        """A red flag recognised by the question's nearest written examples (assistant/red_flags.py);
        None without the embedding model. The rules in assistant/safety.py come first."""
        text = clean(question)
        if self._red_flags is None or not text:  # None without the embedding model
            return None
        return self._red_flags.find(self._vector(text))

    def _encode(self, text: str) -> np.ndarray:
        """The embedding of one text (through ``self._vector``, which keeps the last few)."""
        assert self._embedder is not None
        return self._embedder.encode([text])[0]

    def unfamiliar_words(self, question: str) -> tuple[str, ...]:
        """Topic words of the question that no section uses, allowing for slips ("dreins", "lap a roscope")."""
        return self._vocabulary.unfamiliar(question)

    def _term_weights(self) -> dict[str, float]:
        # A term shared by many sections ("operation") says little about which one is meant. Terms
        # are matched by their stems, so they are counted by them too: "operations", a term of one
        # section only, is "operation", a term of six. An everyday word on its own ("going" from the
        # heading "Going home") says little too, however few sections list it.
        counts: dict[str, int] = {}
        stems = self._term_stems
        for terms in self._terms:
            for s in {stems[t] for t in terms}:
                counts[s] = counts.get(s, 0) + 1
        return {t: (COMMON_TERM_WEIGHT if " " not in t and t in COMMON_WORDS else 1.0) / counts[s]
                for t, s in stems.items()}

    def _index(self, embedder: Embedder, cache_dir: Path | None) -> None:
        asks = [a for group in self._asks for a in group]
        chunks = [in_context(s.title, c) for s in self._sections for c in s.chunks]
        vecs = embedder.encode_cached(asks + chunks + self._not_covered.questions, cache_dir)
        ask_vecs, chunk_vecs = vecs[: len(asks)], vecs[len(asks):len(asks) + len(chunks)]
        self._not_covered.vectors = vecs[len(asks) + len(chunks):]
        a = c = 0
        for group, section in zip(self._asks, self._sections, strict=True):
            self._ask_vecs.append(ask_vecs[a:a + len(group)])
            self._chunk_vecs.append(chunk_vecs[c:c + len(section.chunks)])
            a += len(group)
            c += len(section.chunks)

    def _term_hits(self, text: str) -> dict[str, float]:
        """Every known term the question contains: 1.0 exactly, 0.5 by its words, 0.35 heard slightly wrong."""
        stems = _term_words(text)
        joined = f" {' '.join(stems)} "
        hits = {term: 1.0 for term, term_stems in self._term_stems.items() if f" {term_stems} " in joined}
        present = set(stems)
        for term, content in self._term_content.items():
            # "how long in hospital" also counts in "how long will I be in hospital".
            if term not in hits and content <= present:
                hits[term] = 0.5
        windows = {"".join(stems[i:i + n]) for n in (1, 2, 3) for i in range(len(stems) - n + 1)}
        for window in windows:
            if len(window) < 5:
                continue
            for _, _, index in process.extract(window, self._slip_keys, scorer=fuzz.ratio,
                                               score_cutoff=SLIP_RATIO, limit=None):
                for term in self._slip_terms[index]:
                    hits.setdefault(term, SLIP_HIT)
        return hits

    def _term_score(self, hits: dict[str, float], terms: list[str]) -> float:
        score = sum(hits[t] * self._term_weight.get(t, 1.0) * (1.0 + 0.15 * t.count(" "))
                    for t in terms if t in hits)
        return min(1.0, score / 1.5)

    def _index_terms(self) -> None:
        all_terms = sorted({t for terms in self._terms for t in terms})
        self._term_stems = {t: " ".join(_term_words(t)) for t in all_terms}
        self._term_content = {t: content for t in all_terms
                              if len(content := frozenset(w for w in _term_words(t) if w not in STOP)) >= 2}
        by_key: dict[str, list[str]] = {}
        for term, term_stems in self._term_stems.items():
            key = term_stems.replace(" ", "")
            if len(key) >= 5:
                by_key.setdefault(key, []).append(term)
        self._slip_keys = list(by_key)
        self._slip_terms = list(by_key.values())

    def rank(self, question: str) -> tuple[list[Candidate], np.ndarray | None]:
        """Score every section, best first; also return the question's embedding if any."""
        return self._rank(self.heard(question))

    def _rank(self, text: str) -> tuple[list[Candidate], np.ndarray | None]:
        qvec = self._vector(text) if self._embedder is not None and text else None
        hits = self._term_hits(text)
        asked_side = timing_sides(text)
        asked_side = asked_side if len(asked_side) == 1 else frozenset()
        words = content_words(text)
        candidates = []
        for i, (key, section) in enumerate(zip(self._keys, self._sections, strict=True)):
            fuzz_best = max((fuzz.token_set_ratio(text, a) for a in self._asks[i]), default=0.0) / 100
            w = self.weights
            score = w.fuzz * fuzz_best + w.terms * self._term_score(hits, self._terms[i])
            score += w.chunk_words * (self._chunks.best_overlap(i, words) - CHUNK_WORDS_BASELINE)
            if qvec is not None:
                score += w.ask_embed * float(np.max(self._ask_vecs[i] @ qvec))
                score += w.chunk_embed * float(np.max(self._chunk_vecs[i] @ qvec))
            else:  # without the embedding model, word similarity stands in for meaning
                score += (w.ask_embed + w.chunk_embed) * fuzz_best
            if not self._written[i]:
                score += DERIVED_QUESTIONS_LIFT
            if asked_side and self._title_sides[i] and asked_side.isdisjoint(self._title_sides[i]):
                score -= TIMING_MISMATCH
            candidates.append(Candidate(key, section, score))
        candidates.sort(key=lambda c: c.score, reverse=True)
        return candidates, qvec

    def best_chunk(self, section: Section, question: str, qvec: np.ndarray | None) -> int:
        """The chunk that best answers the question; the first unless another is clearly better."""
        index = self._position[self.library.key_of(section)]
        return self._chunks.choose(index, self._sound_alikes.repair(clean(question)), qvec)[0]

    def match_question(self, question: str) -> Match | None:
        """Best section for the question, or None when the question has no usable words."""
        cleaned = clean(question)
        if not re.search(r"[a-z]", cleaned):
            return None
        # Cleaned and put right once: the chunk chooser reads number words as words, ranking as digits.
        repaired = self._sound_alikes.repair(cleaned)
        candidates, qvec = self._rank(digits_for_number_words(repaired))
        candidates = self._best_of_clauses(question, candidates)
        if not candidates:
            return None
        chunk_scores: dict[str, list[float]] = {}
        candidates = self._by_best_passage(candidates, repaired, qvec, chunk_scores)
        top = candidates[0]
        chunks = self._chunks.choose(self._position[top.key], repaired, qvec, chunk_scores.get(top.key))
        # A word put right as the leaflet's ("liver recession") is not unfamiliar any more.
        kept = set(repaired.split())
        unfamiliar = tuple(w for w in self.unfamiliar_words(question) if w in kept)
        score = top.score - self.unfamiliar_penalty(question, unfamiliar)
        return Match(
            key=top.key, section=top.section, chunk_index=chunks[0], read_first=tuple(sorted(chunks)), score=score,
            confidence=confidence_from_score(score),
            runner_up=candidates[1] if len(candidates) > 1 else None,
            unfamiliar=unfamiliar, not_covered=self._closer_not_covered(top.key, qvec, unfamiliar, repaired),
        )

    def _by_best_passage(self, candidates: list[Candidate], heard: str, qvec: np.ndarray | None,
                         chunk_scores: dict[str, list[float]] | None = None) -> list[Candidate]:
        """The runner-up goes first when one of its chunks fits the question so much better than any
        of the top section's chunks that it outweighs the gap between the two sections' scores.

        The chunk scores worked out go into ``chunk_scores`` (by key), for choosing the chunk after.
        """
        if len(candidates) < 2:
            return candidates
        scored = chunk_scores if chunk_scores is not None else {}

        def passage_score(c: Candidate) -> float:
            scored[c.key] = self._chunks.scores(self._position[c.key], heard, qvec)
            return c.score + PASSAGE_WEIGHT * max(scored[c.key])
        top, runner = candidates[0], candidates[1]
        if passage_score(runner) > passage_score(top):
            return [runner, top, *candidates[2:]]
        return candidates

    def _best_of_clauses(self, question: str, candidates: list[Candidate]) -> list[Candidate]:
        """Each section scored by the whole question or by one of its sentences, whichever fits better."""
        sentences = [s for s in re.findall(r"[^.?!;]+[.?!;]*", question)
                     if len(content_words(clean(s))) >= CLAUSE_MIN_WORDS]
        if len(sentences) < 2:
            return candidates
        best = {c.key: c for c in candidates}
        for sentence in sentences:
            told = 0.0 if _asks(sentence) else STATEMENT_CLAUSE_PENALTY
            for c in self._rank(self.heard(sentence))[0]:
                if c.score - told > best[c.key].score:
                    best[c.key] = Candidate(c.key, c.section, c.score - told)
        return sorted(best.values(), key=lambda c: c.score, reverse=True)

    def unfamiliar_penalty(self, question: str, unfamiliar: tuple[str, ...]) -> float:
        """What the question's unfamiliar words take off its score, less per word in a long question."""
        topic_words = max(1, len(content_words(clean(question))))
        share = min(1.0, UNFAMILIAR_FULL_WEIGHT_WORDS / topic_words)
        return self.weights.unfamiliar * len(unfamiliar) * share

    def _closer_not_covered(self, key: str, qvec: np.ndarray | None, unfamiliar: tuple[str, ...],
                            question: str) -> str | None:
        """The pack's "not covered" question this one is about, if any (assistant/not_covered.py)."""
        if qvec is None:
            return None
        index = self._position[key]
        # Nearer a not-covered question than to anything the section asks *or says*: a fragment
        # ("blood clots... in me legs... how do they stop them") can be far from every example question
        # yet close to the chunk that answers it. Imported packs, whose example questions are made from
        # the leaflet's sentences, lost such rows to "should I stop my blood thinners?" (read sets:
        # imported answers 81.9 -> 82.2%, unknown recall the same; the written pack unchanged).
        own = max(float(np.max(self._ask_vecs[index] @ qvec)), float(np.max(self._chunk_vecs[index] @ qvec)))
        topic = {stem(w) for w in unfamiliar}
        everyday = {w for w in (stem(w) for w in question.split()) if len(w) >= 3} - self._vocabulary.stems() - STOP
        return self._not_covered.closer(qvec, own, derived=not self._written[index], topic=topic, everyday=everyday)
