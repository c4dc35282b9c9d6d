"""The wake phrase: does a hands-free utterance start with it, and what was said after it?"""

from __future__ import annotations

import logging

from rapidfuzz import fuzz

from assistant.normalise import clean

_LOGGER = logging.getLogger(__name__)

WAKE_SCORE = 80.0
"""How closely (0-100) the first words must match the wake phrase."""


def split_wake(heard: str, wake: str) -> str | None:
    """The words after the wake phrase if ``heard`` starts with it (loosely), else None."""
    wake_words = clean(wake).split()
    words = heard.split()
    if not wake_words:
        return heard
    # Allow one word before it ("hey", "OK") and recogniser slips ("assistance" for "assistant").
    for skip in (0, 1):
        for extra in (0, 1):
            taken = words[skip : skip + len(wake_words) + extra]
            if len(taken) < len(wake_words):
                continue
            if fuzz.ratio(clean(" ".join(taken)), " ".join(wake_words)) >= WAKE_SCORE:
                return " ".join(words[skip + len(taken) :]).lstrip(" ,.!?:;")
    return None
