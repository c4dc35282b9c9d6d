"""Word stems, names, and which question words no loaded section uses."""

from __future__ import annotations

import pytest

from assistant.content import Section
from assistant.vocabulary import Vocabulary, content_words, names, stem


@pytest.mark.parametrize(("word", "other"), [
    ("shopping", "shop"), ("drains", "drain"), ("stockings", "stocking"), ("gardening", "garden"),
    ("worries", "worry"), ("falling", "fall"), ("peeing", "pee"), ("weeing", "wee"), ("seeing", "see"),
])
def test_word_forms_share_a_stem(word: str, other: str) -> None:
    assert stem(word) == stem(other)


def test_a_doubled_vowel_is_kept_so_peeing_is_not_we() -> None:
    assert stem("weeing") == "wee" and stem("peeing") == "pee"


def test_names_are_capitalised_words_inside_a_sentence() -> None:
    assert names("I'm looking after my Jim. Is Leeds far? What about HDU") == {"jim", "leeds"}


def test_a_sentence_may_start_with_a_name_that_speaks_or_owns() -> None:
    assert names("Graham says he can't dig yet. Lou's sister asked too.") >= {"graham", "lou"}
    # A first word is a topic otherwise: "Tattoo" is asked about, not a person.
    assert names("Tattoo after the op? Allotment too?") == set()


def test_content_words_leave_out_the_little_words() -> None:
    assert content_words("when can i carry the shopping bags") == {"carry", "shop", "bag"}


def _vocabulary() -> Vocabulary:
    section = Section(id="drains", title="Drains", chunks=("Drains take away fluid after a laparoscopy.",),
                      asks=("What are the drains for?",), terms=("drain",))
    return Vocabulary([section])


def test_unfamiliar_words_allow_for_slips_names_and_conversation() -> None:
    vocab = _vocabulary()
    assert vocab.unfamiliar("can I get a tattoo") == ("tattoo",)
    assert vocab.unfamiliar("what are the dreins for, honestly") == ()
    assert vocab.unfamiliar("my Jim had a lap a roscopy") == ()
    # Conversation, not topics: "a big job", "under the knife", "any harm in", "she's slow".
    assert vocab.unfamiliar("is it a big job, under the knife, any harm in it, she is ever so slow") == ()
    assert vocab.unfamiliar("forgive me, he is seventy eight, who performs the procedure") == ()
    # Blind sets BB and BC: forgetting, permission and the calendar are conversation too.
    assert vocab.unfamiliar("I have forgotten, is it permissible to undertake it by Christmas") == ()
    # Blind sets BD and BE: formal manner words ("principally undertaken", "resume without prejudice").
    assert vocab.unfamiliar("is it principally undertaken, may she resume it without prejudice, as recommended") == ()


def test_what_is_lifted_is_not_held_against_the_question() -> None:
    vocab = Vocabulary([Section(id="lifting", title="Heavy lifting", chunks=("Avoid lifting heavy loads for 8 weeks.",),
                                asks=("When can I lift things?",), terms=("carry",))])
    assert vocab.unfamiliar("how long before I can lift a sack of pigeon corn") == ()
    assert vocab.unfamiliar("hauling nets and buckets of cockles, how long") == ()
    assert vocab.unfamiliar("can he carry the amps about yet, it is heavy gear") == ()
    # Only the load: the words well after it, and "carry on", still count.
    assert vocab.unfamiliar("can I lift the shopping bags up the stairs to the attic") == ("attic",)
    assert vocab.unfamiliar("can I carry on taking my tablets") == ("tablets",)
