"""Cleaning a question: case, contractions, fillers, dialect and text-speak words, numbers."""

from __future__ import annotations

import pytest

from assistant.normalise import clean, digits_for_number_words


@pytest.mark.parametrize(("said", "cleaned"), [
    ("How long mun I not lift owt heavy?", "how long must i not lift anything heavy"),
    ("Foo lang efter the op?", "how long after the op"),
    ("wen can u drive", "when can you drive"),
    ("Erm, I'm feelin rough", "i am feeling rough"),
])
def test_dialect_and_text_speak_become_standard_words(said: str, cleaned: str) -> None:
    assert clean(said) == cleaned


def test_number_words_become_digits() -> None:
    assert digits_for_number_words("could they do it in two goes") == "could they do it in 2 goes"
