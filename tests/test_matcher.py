"""The matcher finds the right section for everyday phrasings, slips and lay words."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.content import Library, load_library
from assistant.dialogue import UNKNOWN_BELOW
from assistant.matcher import (
    DERIVED_QUESTIONS_LIFT,
    PASSAGE_WEIGHT,
    Candidate,
    Match,
    Matcher,
    _asks,
    _term_words,
    confidence_from_score,
)

PARAPHRASES = [
    ("when can I carry shopping again?", "heavy-lifting"),
    ("is it ok to do the hoovering", "heavy-lifting"),
    ("can I have a glass of wine", "alcohol"),
    ("how long will I be in hospital after keel surgery", "going-home"),
    ("will I have a tube to pee through", "catheter"),
    ("when do the stitches come out", "stitches"),
    ("how will they stop my husband's pain after the op", "pain"),
    ("mum wants to know who she can ring for a chat about how she feels", "support-line"),
    ("what are the dreins for", "drips-and-drains"),
    ("how big are the cuts with keyhole", "keyhole-surgery"),
    ("what's the point of those tight stockings", "day-of-operation"),
    ("do I need to give up the cigarettes", "stopping-smoking"),
    # The side of the operation decides between two sections about the same thing.
    ("Please tell me, why do the doctors give chemotherapy before the operation?", "chemotherapy-before"),
    ("why would they give him chemo after the operation", "chemotherapy-after"),
    # A lay term with a number word meets the question, where numbers are digits.
    ("Dad says could they do it in two goes rather than all at once?", "staged-resection"),
]


@pytest.mark.parametrize(("question", "section"), PARAPHRASES)
def test_paraphrases_reach_their_section(matcher: Matcher, question: str, section: str) -> None:
    match = matcher.match_question(question)
    assert match is not None
    assert match.key == section


def test_every_section_is_reachable_by_its_own_examples(matcher: Matcher, library: Library) -> None:
    misses = []
    total = 0
    for key, section in library.by_key.items():
        hits = 0
        for ask in section.asks:
            total += 1
            match = matcher.match_question(ask)
            if match is not None and match.key == key:
                hits += 1
            else:
                misses.append((key, ask, match.key if match else None))
        assert hits >= 1, f"{key} is not reachable by any of its own examples"
    assert len(misses) <= total * 0.05, misses


@pytest.mark.parametrize("question", [
    "what's the capital of France", "who won the football last night", "tell me a joke",
    "how much is a return ticket to Leeds",
])
def test_unrelated_questions_score_low(matcher: Matcher, question: str) -> None:
    match = matcher.match_question(question)
    assert match is not None
    assert match.confidence < 0.3


def test_unfamiliar_topic_words_are_noticed(matcher: Matcher) -> None:
    assert "tattoo" in matcher.unfamiliar_words("is it safe to get a tattoo after liver surgery")
    assert matcher.unfamiliar_words("when can I carry my shopping") == ()
    # Recogniser slips still count as familiar.
    assert matcher.unfamiliar_words("what's a lap a roscope") == ()
    # Names and everyday dialect are not topics; a name at the start of a sentence is not guessed.
    assert matcher.unfamiliar_words("I'm looking after my Jim, aye, what can I do to help") == ()
    assert "tattoo" in matcher.unfamiliar_words("Tattoo. Is that ok after the operation")


def test_unfamiliar_words_count_for_less_in_a_long_question(matcher: Matcher) -> None:
    short = matcher.unfamiliar_penalty("can I eat cheese", ("cheese",))
    formal = ("Notwithstanding the considerable amount I have read, I remain uncertain as to the "
              "typical duration of the operation itself")
    long = matcher.unfamiliar_penalty(formal, ("cheese",))
    assert short == matcher.weights.unfamiliar
    assert 0 < long <= short / 2


def test_the_question_is_found_among_chat_in_other_sentences(matcher: Matcher) -> None:
    chat = ("I keep thinking about the holiday photos on the mantelpiece. How long will the operation take?",
            "Gran knits all day and watches the snooker. Does she need to do those breathing exercises?")
    for question, section in zip(chat, ("operation-length", "moving-around"), strict=True):
        match = matcher.match_question(question)
        assert match is not None and match.key == section
        assert match.score >= UNKNOWN_BELOW


def test_the_sentence_that_asks_outweighs_the_one_that_sets_the_scene(matcher: Matcher) -> None:
    # "Open surgery, one big cut." on its own is about keyhole versus open surgery; the question is
    # the stay in hospital.
    match = matcher.match_question("Open surgery, one big cut. How many day I stay hospital?")
    assert match is not None and match.key == "going-home"
    assert _asks("How many days?") and _asks("can he carry the basket") and not _asks("Open surgery, one big cut.")


def test_sound_alike_slips_are_heard_as_the_leaflet_word(matcher: Matcher) -> None:
    assert "epidural" in matcher.heard("What's this epic dural they keep on about?")
    slipped = matcher.match_question("Me maid says I might have a cat header, what's that?")
    assert slipped is not None and slipped.key == "catheter"
    put_right = matcher.match_question("is a liver recession a big op")
    assert put_right is not None and put_right.unfamiliar == ()  # the slip is not held against it


def test_a_term_meets_the_question_whoever_it_is_about(matcher: Matcher) -> None:
    assert _term_words("tube in her bladder") == _term_words("tube in my bladder")
    assert _term_words("get him up") == _term_words("get me up")
    assert _term_words("his stitches") != _term_words("stitches")  # one word stands for whose, not none
    # "on my feet" is a term of the section on moving about after the operation.
    assert "on my feet" in matcher._term_hits("when did they get him up on his feet after the op")


def test_a_close_rival_chunk_is_read_with_the_best_in_leaflet_order(matcher: Matcher) -> None:
    match = matcher.match_question("can the liver bleed after the operation")
    assert match is not None and match.key == "intensive-care"
    assert match.read_first == (0, match.chunk_index) and match.chunk_index != 0


def test_text_speak_reaches_the_same_section(matcher: Matcher) -> None:
    plain = matcher.match_question("when can you drive after the operation")
    texted = matcher.match_question("wen can u drive after the op")
    assert plain is not None and texted is not None
    assert texted.key == plain.key


def test_best_chunk_moves_to_the_chunk_with_the_answer(matcher: Matcher, library: Library) -> None:
    match = matcher.match_question("when will I be able to drive again")
    assert match is not None and match.key == "heavy-lifting"
    assert "drive" in match.section.chunks[match.chunk_index].lower()


HOME_SECTION = ("id: home\ntitle: Going home\nask: When can I go home?\nask: What happens at home?\n\n"
                "Most people go home after about a week.\n")


def _match_in_home_pack(tmp_path: Path, pack_line: str, question: str, body: str = "") -> Match:
    """Match with word signals only, in a one-section pack whose pack.txt ends with ``pack_line``."""
    folder = tmp_path / "pack"
    (folder / "sections").mkdir(parents=True, exist_ok=True)
    (folder / "sections" / "home.txt").write_text(HOME_SECTION + body, encoding="utf-8")
    (folder / "pack.txt").write_text("id: t\ntitle: T\npublisher: P\nsource: s\nreviewed: 2026\n"
                                     f"help: Ask.\n{pack_line}\n", encoding="utf-8")
    match = Matcher(load_library([folder]), None).match_question(question)
    assert match is not None
    return match


def test_imported_pack_reads_the_best_fitting_chunk_first(tmp_path: Path) -> None:
    second = "\nYour specialist nurse will tell you when your outpatient check-up is.\n"
    # One word of eight in common with the second chunk: a small win, below the first-chunk margin.
    question = "check, what happens with appointment letter, transport, bring along form"
    picks = [_match_in_home_pack(tmp_path, line, question, second).chunk_index
             for line in ("answer-first: yes", "answer-first: no")]
    assert picks == [0, 1]


def test_derived_questions_are_lifted_onto_the_written_scale(tmp_path: Path) -> None:
    scores = [_match_in_home_pack(tmp_path, line, "when do I get home").score
              for line in ("questions-written: yes", "questions-written: no")]
    assert scores[1] - scores[0] == pytest.approx(DERIVED_QUESTIONS_LIFT)


@pytest.mark.parametrize(("near_miss", "topic", "in_scope"), [
    # Nearer a not-covered question than the section's own examples.
    ("will my hair fall out with the chemo", "hair", "why do I need chemo before the operation"),
    # A topic word no section uses makes nearly as near enough; a shared word alone does not.
    ("does a kidney grow back the way the liver does", "kidney",
     "is the Macmillan phone line free or do I have to pay"),
    # An everyday word no section uses, shared with a not-covered question, makes near enough too.
    ("Sorry, can Mum have a bath with the wound or is it showers only?", "bath",
     "how do I look after my wound at home"),
])
def test_not_covered_questions_are_told_apart_from_covered_ones(matcher: Matcher, near_miss: str, topic: str,
                                                                in_scope: str) -> None:
    missed = matcher.match_question(near_miss)
    assert missed is not None and missed.not_covered is not None
    assert topic in missed.not_covered
    covered = matcher.match_question(in_scope)
    assert covered is not None and covered.not_covered is None


def test_matching_works_without_embeddings(library: Library) -> None:
    plain = Matcher(library, None)
    match = plain.match_question("can I do the hoovering")
    assert match is not None and match.key == "heavy-lifting"


def test_no_words_gives_no_match(matcher: Matcher) -> None:
    assert matcher.match_question("🙂🙂") is None
    assert matcher.match_question("   ") is None


def test_confidence_is_monotonic_and_bounded() -> None:
    values = [confidence_from_score(s / 10) for s in range(0, 12)]
    assert values == sorted(values)
    assert 0 < values[0] < 0.02 and 0.98 < values[-1] < 1


def test_the_section_holding_the_best_passage_goes_first_when_scores_are_close(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "sections").mkdir(parents=True)
    (folder / "sections" / "home.txt").write_text(
        HOME_SECTION + "\nAfter keyhole surgery, most people go home in 2 to 3 days.\n", encoding="utf-8")
    (folder / "sections" / "keyhole.txt").write_text(
        "id: keyhole\ntitle: Keyhole surgery\nask: What is keyhole surgery?\nask: How is it done?\n\n"
        "Keyhole surgery uses small cuts and a camera.\n", encoding="utf-8")
    (folder / "pack.txt").write_text("id: t\ntitle: T\npublisher: P\nsource: s\nreviewed: 2026\nhelp: Ask.\n",
                                     encoding="utf-8")
    matcher = Matcher(load_library([folder]), None)
    sections = {s.id: s for s in matcher.library.by_key.values()}
    heard = "how many days after keyhole surgery do people go home"

    def ranked(gap: float) -> list[str]:
        keyhole = Candidate("keyhole", sections["keyhole"], 0.60)
        home = Candidate("home", sections["home"], 0.60 - gap)
        return [c.key for c in matcher._by_best_passage([keyhole, home], heard, None)]

    assert ranked(0.01) == ["home", "keyhole"]  # the home chunk holds most of the question's words
    assert ranked(PASSAGE_WEIGHT) == ["keyhole", "home"]  # too far behind to be lifted
