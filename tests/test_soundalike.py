"""Sound-alike repair: a leaflet's own word put back where a question only sounds like it."""

from __future__ import annotations

import pytest

from assistant.soundalike import SoundAlikes

SPOKEN = ("you may have an epidural a thin tube in your back a catheter drains urine from your bladder "
          "a physiotherapist shows you breathing exercises portal vein embolisation makes the healthy "
          "part grow a laparoscope is a thin tube with a camera staples are removed after 10 days "
          "a liver resection is a major operation by a hepatobiliary surgeon an anaesthetist "
          "sees you before treatment chemotherapy shrinks the tumour through small incisions").split()


def _sound_alikes() -> SoundAlikes:
    return SoundAlikes([" ".join(SPOKEN)], ("portal vein", "liver resection", "breathing exercises"),
                       ("PCA", "PVE", "HDU"))


@pytest.mark.parametrize(("heard", "meant"), [
    ("what is this epic dural", "what is this epidural"),
    ("me maid says i might have a cat header", "me maid says i might have a catheter"),
    ("what is a hepato billy airy surgeon", "what is a hepatobiliary surgeon"),
    ("what are the dreins for", "what are the drains for"),
    ("the pee see ay thing what is it", "the pca thing what is it"),
    ("mam will have the pee see eh", "mam will have the pca"),
    ("is the p v e done first", "is the pve done first"),
    ("what is the pbe and when is it", "what is the pve and when is it"),    # a rhyming letter misheard
    ("what is a liver reception", "what is a liver resection"),
    ("is a liver recession a big op", "is a liver resection a big op"),
    ("what does the portal vain do", "what does the portal vein do"),
    ("what is a lapper scope", "what is a laparoscope"),
    ("what does the pore tal vain emblem do", "what does the portal vein emblem do"),
    ("what is portal vein embolize asian for", "what is portal vein embolisation for"),
    ("the wife is wonderin", "the wife is wondering"),
    # A long word said syllable by syllable, everyday words among the pieces.
    ("who is the an ease the tist what he do", "who is the anaesthetist what he do"),
    ("who was the happy toe billy airy surgeon", "who was the hepatobiliary surgeon"),
    # A hard word as everyday words that only together sound like it (blind sets).
    ("what is the fizzy oh therapist going to do", "what is the physiotherapist going to do"),
    ("she had the key motherapy first", "she had the chemotherapy first"),
    ("how big are the in sissy ons", "how big are the incisions"),
    ("what is the anna steady man", "what is the anaesthetist man"),
    # An h before the first vowel comes and goes (blind sets AM, AZ and BA).
    ("what is this happy dural in his back", "what is this epidural in his back"),
    ("who was the epotopili airy surgeon", "who was the hepatobiliary surgeon"),
])
def test_slips_are_put_back_to_the_leaflet_word(heard: str, meant: str) -> None:
    assert _sound_alikes().repair(heard) == meant


@pytest.mark.parametrize("question", [
    "can i have a shower when i get home",    # not "sherry", though it sounds a little like it
    "she is stressing about the operation",   # a real word, meant as said
    "when can i get back to hauling crab pots",
    "god forbid anything goes wrong",
    "what does a catheter do",                # already the leaflet's word
    "how long is the liver resection",
    "can you see a problem",                  # letter names that spell no acronym of the leaflet
    "i will be at the reception desk",        # a real word with no leaflet word beside it
    "been like this since teatime and i had my op",   # a whole word and an everyday one: not "treatment"
    "can i have a fizzy drink", "the therapist said to rest",   # only some of a hard word's sounds
    "when does the chemo after op start",     # a word cut short, then everyday words
    "the back of my leg under the knee",      # little words that only sound a little like "intestine"
    "can i go on the coach trip to handout no wind",   # without its h, only near "intestine"
    "is he happy during the day",             # an h-word that is everyday talk
])
def test_real_words_and_right_words_are_left_alone(question: str) -> None:
    assert _sound_alikes().repair(question) == question


def test_find_reports_what_was_heard_and_what_was_meant() -> None:
    found = _sound_alikes().find("why have i got a cat heater in me")
    assert [(start, end, r.heard, r.meant) for start, end, r in found] == [(5, 7, "cat heater", "catheter")]
