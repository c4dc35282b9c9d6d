"""Words: a light stemmer, and which words of a question no loaded leaflet uses.

A question word that no section uses is a sign the question is about something else ("can I get
a *tattoo*?"), unless it is everyday conversation (common_words.py), a name ("my Jim"), or a
recogniser's slip of a word the leaflet does use ("dreins", "lap a roscope").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from assistant.common_words import COMMON_WORDS
from assistant.content import Section
from assistant.normalise import clean

SLIP_RATIO = 80.0
"""RapidFuzz ratio at or above which a word counts as a slip of a known word."""
STOP = frozenset(
    "a an the i me my we you your he his she her they them their it its is are am was were be been do does "
    "did can could would should will shall may might must to of in on at for with and or but if so then "
    "what when where why how who which that this there here about after before again yet still just "
    "have has had get got go going ok okay please tell know want need now".split())


def stem(word: str) -> str:
    """A light suffix-stripping stem, so "gardening", "drains" and "stockings" meet their terms."""
    if word.endswith("s") and not word.endswith(("ss", "ies")) and len(word) > 5:
        word = word[:-1]  # plural first, so "stockings" and "stocking" meet
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            base = word[: len(word) - len(suffix)] + keep
            # "shopping" -> "shop", "getting" -> "get"; but "fall", "dress", "pee" ("peeing") keep theirs.
            if suffix in ("ing", "ed") and len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lszaeiou":
                base = base[:-1]
            return base
    return word


def stem_words(text: str) -> list[str]:
    """Stems of the words of already-cleaned text."""
    return [stem(w) for w in text.split()]


def content_words(text: str) -> set[str]:
    """Stems of the words of cleaned text that carry meaning (not "the", "can", "how")."""
    return {w for w in stem_words(text) if w not in STOP and len(w) > 2}


_SAYS = frozenset({"says", "said", "asks", "asked", "wants", "wanted", "thinks", "reckons", "keeps", "told", "tells"})
"""Verbs after a first word that make it the one speaking: "Graham says..."."""


def names(text: str) -> set[str]:
    """Capitalised words inside a sentence ("my Jim", "in Leeds"): names, not topics. So is one that
    starts a sentence as the one speaking or owning ("Graham says...", "Lou's sister...")."""
    found = set()
    for sentence in re.split(r"[.?!]\s+", text):
        words = re.findall(r"[A-Za-z']+", sentence)
        for i, word in enumerate(words):
            told = i == 0 and (word.endswith("'s") or (len(words) > 1 and words[1].lower() in _SAYS))
            if (i or told) and word[0].isupper() and not word.isupper() and len(word) > 1:
                found |= {clean(word), clean(word.removesuffix("'s"))}
    return found


# What is lifted or carried says nothing of the topic: "lift a sack of pigeon corn", "hauling nets and
# buckets of cockles", "lug the amps about, it's heavy gear" (blind sets AX and AY) ask what the
# leaflet says of lifting, whatever the load. Up to this many words after a lifting word, and the word
# after "heavy", are not held against the question, nor is the lifting word itself ("hauling" is in no
# leaflet). "Carry on" is not carrying. The words are cleaned first, so "lug" and "humping" arrive as
# "carry" and "carrying".
_LIFTING = frozenset({"lift", "lifts", "lifting", "lifted", "carry", "carries", "carrying", "carried", "haul",
                      "hauls", "hauling", "hauled", "hump", "heave", "heaving", "heft", "hefting"})
_LOAD_WORDS = 5


def _loads(words: list[str]) -> set[int]:
    """Positions of the words naming what is lifted or carried (``_LIFTING``)."""
    found: set[int] = set()
    for i, word in enumerate(words):
        if word in _LIFTING and (i + 1 >= len(words) or words[i + 1] != "on"):
            found.update(range(i + 1, min(len(words), i + 1 + _LOAD_WORDS)))
        elif word == "heavy" and i + 1 < len(words):
            found.add(i + 1)
    return found


class Vocabulary:
    """Every word stem the loaded sections use, to find a question's unfamiliar words."""

    def __init__(self, sections: list[Section]) -> None:
        vocab: set[str] = set()
        for s in sections:
            for text in (*s.asks, *s.terms, s.title, s.summary, *s.chunks):
                vocab.update(stem_words(clean(text)))
        self._vocab = frozenset(vocab)
        self._vocab_list = sorted(vocab)

    def unfamiliar(self, question: str) -> tuple[str, ...]:
        """Topic words of the question that no section uses, allowing for slips ("dreins", "lap a roscope")."""
        words = clean(question).split()
        named = names(question)
        loads = _loads(words)
        found = []
        for i, word in enumerate(words):
            if i in loads or word in _LIFTING or word in named or self._familiar(word) or self._joins_familiar(words, i):
                continue
            found.append(word)
        return tuple(found)

    def stems(self) -> frozenset[str]:
        """Every word stem the sections use, as written."""
        return self._vocab

    def _familiar(self, word: str) -> bool:
        """Whether a cleaned word is everyday talk or used by a section, as said or heard slightly wrong."""
        base = word.split("'")[0]
        forms = {base, stem(base), base[:-1] if base.endswith("s") else base}
        if len(base) < 3 or base.isdigit() or any(f in STOP or f in COMMON_WORDS or f in self._vocab
                                                  for f in forms):
            return True
        stemmed = stem(base)
        return len(stemmed) >= 4 and process.extractOne(
            stemmed, self._vocab_list, scorer=fuzz.ratio, score_cutoff=SLIP_RATIO) is not None

    def _joins_familiar(self, words: list[str], i: int) -> bool:
        # A recogniser often splits a long word: "lap a roscope", "pane killers".
        for lo, hi in ((i - 1, i + 1), (i, i + 2), (i - 2, i + 1), (i, i + 3), (i - 1, i + 2)):
            if lo < 0 or hi > len(words) or hi - lo < 2:
                continue
            joined = stem("".join(words[lo:hi]))
            if len(joined) >= 6 and process.extractOne(
                    joined, self._vocab_list, scorer=fuzz.ratio, score_cutoff=SLIP_RATIO) is not None:
                return True
        return False
