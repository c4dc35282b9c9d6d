"""Choosing the chunk of a section to read first."""

from __future__ import annotations

import numpy as np

from assistant.chunk_choice import ChunkChooser
from assistant.content import Section
from assistant.vocabulary import content_words


def _section(title: str, *chunks: str) -> Section:
    """A section with these chunks; the chooser reads only its chunks."""
    return Section(id=title.lower().replace(" ", "-"), title=title, asks=(f"what about {title}",), chunks=chunks)


SECTION = _section("The operation", "A liver resection is a major operation.",
                   "It is done by a specialist liver surgeon, also called a hepatobiliary surgeon.",
                   "The operation takes 3 to 4 hours.")


def test_a_one_chunk_section_reads_its_chunk() -> None:
    single = _section("One", "Only this.")
    assert ChunkChooser([single], [True], []).choose(0, "anything at all", None) == (0,)


def test_rare_shared_words_and_the_kind_of_fact_asked_for_choose_the_chunk() -> None:
    chooser = ChunkChooser([SECTION], [True], [])
    assert chooser.choose(0, "who is the hepatobiliary surgeon", None)[0] == 1
    assert chooser.choose(0, "how long will it take in hours", None)[0] == 2


def test_an_answer_first_pack_keeps_the_first_chunk_unless_another_clearly_wins() -> None:
    # Embeddings that favour the last chunk by a hair: a written pack stays on its first chunk and
    # reads the close rival too; an imported pack (chunks in the leaflet's order) takes the best fit.
    vectors = [np.array([[1.0, 0.0], [0.0, 1.0], [0.995, 0.0998]])]
    question = np.array([0.9, 0.1])
    question /= np.linalg.norm(question)
    written = ChunkChooser([SECTION], [True], vectors).choose(0, "tell me", question)
    imported = ChunkChooser([SECTION], [False], vectors).choose(0, "tell me", question)
    assert written == (0, 2)
    assert imported == (2, 0)


def test_a_clear_winner_is_read_alone() -> None:
    vectors = [np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])]
    question = np.array([1.0, 0.0])
    assert ChunkChooser([SECTION], [True], vectors).choose(0, "tell me", question) == (2,)


def test_two_close_later_chunks_are_both_read_in_a_written_pack() -> None:
    # The second and third chunks tie and both beat the first clearly: both are read, not the first.
    vectors = [np.array([[0.0, 1.0], [1.0, 0.0], [0.999, 0.045]])]
    question = np.array([1.0, 0.0])
    assert sorted(ChunkChooser([SECTION], [True], vectors).choose(0, "tell me", question)) == [1, 2]


def test_a_chunk_that_leans_on_the_one_before_shares_its_words() -> None:
    # "This is to..." is about the drinks of the chunk before: asked why the drinks, it is the answer.
    section = _section("Enhanced recovery", "Some hospitals have a programme to help you recover.",
                       "You may be given special drinks and a diet plan before surgery.",
                       "This is to make sure you are as healthy as possible.",
                       "After surgery the nurses help you to start drinking again.")
    chooser = ChunkChooser([section], [False], [])
    chosen = chooser.choose(0, "why do they give me special drinks and a diet plan", None)
    assert chosen[0] == 2
    # ...and heard alone, "this" would be nothing: the chunk it leans on is read too.
    assert 1 in chosen and 0 not in chosen
    # A written pack's chunks stand alone: no lead-in.
    assert 1 not in ChunkChooser([section], [True], []).choose(0, "why the drinks and a diet plan, to be healthy", None)


def test_best_overlap_is_the_share_of_the_question_one_chunk_holds() -> None:
    home = _section("Going home", "You can go home 2 to 3 days after keyhole surgery.", "Rest when you get home.")
    keyhole = _section("Keyhole surgery", "Keyhole surgery uses small cuts.",
                       "A camera on a tube shows the keyhole surgeon.")
    chooser = ChunkChooser([home, keyhole], [False, False], [])
    words = content_words("how many days in hospital before I go home after keyhole")
    # Both words the question turns on ("home", "keyhole") meet in one chunk of "Going home" only.
    assert chooser.best_overlap(0, words) > chooser.best_overlap(1, words) > 0.0
    assert chooser.best_overlap(0, set()) == 0.0


def test_an_imported_pack_meets_lay_words_with_the_leaflets_own() -> None:
    # "Go in the night before" is the leaflet's "admitted"; a follow-up appointment its "outpatient".
    section = _section("Before your operation", "You will have tests at a pre-assessment clinic.",
                       "You will usually be admitted to hospital on the morning of your operation.",
                       "You will have a check-up at the outpatient clinic.",
                       "If you are worried, contact your nurse.")
    imported = ChunkChooser([section], [False], [])
    assert imported.choose(0, "do i go in the night before or on the day", None)[0] == 1
    assert imported.choose(0, "will i get a follow up appointment", None)[0] == 2


SMOKING = _section("Before your operation",
                   "If you smoke, try to stop before your operation. This lowers the risk of a chest infection. "
                   "It also helps your wound heal.",
                   "Your GP can give you more advice.",
                   "You will have tests to check you can cope with the operation.")


def test_an_imported_pack_reads_a_short_last_sentence_with_the_chunk_before() -> None:
    # The paragraph's fourth sentence was left on its own by the three-sentence cut.
    chooser = ChunkChooser([SMOKING], [False], [])
    assert chooser.choose(0, "who can help me stop smoking", None) == (0, 1)
    assert chooser.choose(0, "what tests will I have to check I can cope", None) == (2,)  # nothing after it


def test_a_written_pack_reads_its_chosen_chunk_without_the_next() -> None:
    assert ChunkChooser([SMOKING], [True], []).choose(0, "who can help me stop smoking", None) == (0,)


def test_a_chunk_both_leaned_on_and_a_short_tail_is_read_once() -> None:
    section = _section("Drinks", "You may be given a diet plan and supplement drinks before surgery.",
                       "Ask your nurse.", "This is to make sure you are as healthy as possible.")
    chosen = ChunkChooser([section], [False], []).choose(0, "why the drinks", None, [0.5, 0.1, 0.45])
    assert sorted(chosen) == [0, 1, 2]
