"""The importer's starting list of questions a leaflet does not answer."""

from __future__ import annotations

from assistant.leaflet_not_covered import GENERIC, not_covered_for


def test_a_topic_the_leaflet_never_mentions_is_listed() -> None:
    kept = not_covered_for("After the operation, avoid heavy lifting for 8 weeks.")
    assert "Can I have a bath?" in kept and "When can I have sex again?" in kept


def test_a_topic_the_leaflet_talks_about_is_left_for_the_leaflet() -> None:
    text = "You can have a bath or go swimming once your wound has healed. Most people go back to work."
    kept = not_covered_for(text)
    assert "Can I have a bath?" not in kept and "Can I go swimming?" not in kept
    assert "When can I go back to work?" not in kept
    assert len(kept) < len(GENERIC)


def test_everyday_questions_after_any_operation_follow_the_same_rule() -> None:
    quiet = not_covered_for("Avoid heavy lifting for 8 weeks.")
    assert "Can I have a shower?" in quiet and "What should I do about constipation?" in quiet
    talks = not_covered_for("You can shower the day after. Painkillers can cause constipation, so drink water.")
    assert "Can I have a shower?" not in talks and "What should I do about constipation?" not in talks


def test_an_everyday_word_the_leaflet_never_says_keeps_its_question() -> None:
    # "sleep" is a common word, but a leaflet that never says it does not answer where to sleep.
    kept = not_covered_for("Avoid heavy lifting for 8 weeks. Rest when you are tired.")
    assert "Can I sleep on my side, or do I have to lie flat on my back?" in kept


def test_a_word_is_mentioned_by_its_ing_form_without_the_silent_e() -> None:
    quiet = not_covered_for("Avoid heavy lifting for 8 weeks.")
    assert "Will the cancer come back?" in quiet
    talks = not_covered_for("The cancer may be coming back; your team will check you.")
    assert "Will the cancer come back?" not in talks


def test_life_expectancy_is_kept_where_the_leaflet_only_says_living() -> None:
    # The seed says "living" once, which mentions "live"; it never says "years" or "life expectancy".
    kept = not_covered_for("Support for people living with cancer. Avoid heavy lifting for 8 weeks.")
    assert "How many years will I live, what is my life expectancy?" in kept
    assert "How many years will I live, what is my life expectancy?" not in not_covered_for(
        "Most people live for many years after this operation; your life expectancy depends on the cancer.")
