"""Judging a reply against an evaluation row's facts."""

from __future__ import annotations

from assistant.evaluation import carries_facts


def test_a_fact_written_with_a_contraction_is_carried_by_the_words_spelt_out() -> None:
    say = "Do not drink alcohol for a period of time. You will be told how long."
    assert carries_facts(say, (("don't drink", "no alcohol"), ("you'll be told",)))
    assert carries_facts("Don\u2019t lift anything heavy.", (("do not lift",),))


def test_every_fact_must_be_carried_and_nothing_else_is_loosened() -> None:
    say = "Drink plenty of water."
    assert not carries_facts(say, (("don't drink",),))
    assert not carries_facts("For at least 8 weeks.", (("8 weeks",), ("heavy",)))
    assert carries_facts("Email informationproductionteam@macmillan.org.uk.",
                         (("informationproductionteam@macmillan.org.uk",),))
