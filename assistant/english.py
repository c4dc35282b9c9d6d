"""How much a word is used in everyday English: pyspellchecker's dictionary, loaded once.

The sound-alike repair asks it which words are hard (rare) ones, the recogniser's prompt which leaflet
words a recogniser is likely to miss, and clean() whether "drivin" is "driving" with its g dropped.
"""

from __future__ import annotations

from functools import lru_cache

from spellchecker import SpellChecker


@lru_cache(maxsize=1)
def english_words() -> SpellChecker:
    """pyspellchecker's English dictionary: loaded once per process (0.2 s), shared by every user."""
    return SpellChecker(distance=1)


def english_frequency(word: str) -> float:
    """How much ``word`` is used in everyday English: its share of the dictionary's word counts."""
    return float(english_words().word_usage_frequency(word))
