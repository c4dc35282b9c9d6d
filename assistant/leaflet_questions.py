"""Example questions for a section, written the way a patient would ask them.

From the heading ("Going home" -> "When can I go home?"), from common topics ("Pain" -> "Will I
be in pain?"), from the section's sentences (``leaflet_text_asks``), and lay rewordings of those
("operation" -> "op").
"""

from __future__ import annotations

import re

from assistant.leaflet_text_asks import (
    GERUNDS,
    heading_forms,
    lower_word,
    named_questions,
    once_home_questions,
    patient_voice,
    sentence_questions,
    timed_item_questions,
)

MAX_ASKS = 40
"""Example questions kept per section. At 24, the lay variants of the seed's longest sections were
cut; 40 keeps them all (at most 31) and answered 0.3 points more on the 23 read sets (session 8)."""
# Questions people ask about common leaflet topics, keyed by a word in the section's heading.
TOPIC_QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"pain|pain relief|painkillers", ("Will I be in pain?", "What pain relief will I have?")),
    (r"wounds?|scars?", ("How do I look after my wound?", "When will my stitches come out?")),
    (r"going home|discharge", ("How long will I be in hospital?", "How long is the hospital stay?")),
    (r"diet|eating|food", ("What should I eat?", "Can I eat normally?")),
    (r"tired\w*|fatigue", ("Why am I so tired?", "How long will I feel tired?")),
    (r"driv\w+", ("When can I drive again?",)),
    (r"work", ("When can I go back to work?",)),
    (r"sex\w*", ("When can I have sex again?",)),
    (r"side effects?", ("What are the side effects?",)),
    (r"alcohol", ("Can I have a glass of wine?", "When can I drink again?")),
    (r"exercise", ("What exercise can I do?", "Can I go for a walk?")),
    (r"lifting", ("When can I lift heavy things?", "When can I do the housework?")),
    (r"support|helplines?|someone to talk to", ("Who can I talk to?", "Is there a helpline?")),
    (r"follow-up|check-up|appointments?", ("Will I have a check-up?",)),
    (r"bath\w*|shower\w*", ("When can I have a shower?", "When can I have a bath?")),
    (r"travel\w*|flying", ("When can I fly?", "Can I go on holiday?")),
    (r"drips?|drains?|catheters?", ("Will I have tubes after the operation?",)),
    (r"rest", ("How much rest do I need?",)),
)
# Leaflet words and the everyday words a patient would use in their place.
LAY_SWAPS = (("vacuuming", "hoovering"), ("alcohol", "a drink"), ("urine", "pee"),
             ("abdomen", "tummy"), ("incisions", "cuts"), ("laparoscopic", "keyhole"),
             ("painkillers", "tablets"), ("chemotherapy", "chemo"), ("operation", "op"),
             ("liver resection", "the operation"), ("anaesthetist", "anaesthetic doctor"),
             ("intravenous infusion", "drip"), ("physiotherapist", "physio"),
             ("resection", "operation"), ("laparoscopy", "keyhole surgery"),
             ("major", "big"),
             ("admitted to hospital", "go into hospital"))
_WHEN_VERBS = {"go", "move", "eat", "drink", "drive", "lift", "exercise", "shower", "bathe",
               "wash", "work", "travel", "walk", "sleep", "return", "stop", "smoke"}
_HOW_VERBS = {"cope", "manage", "deal", "live", "prepare", "care", "look", "look after",
              "find", "get", "plan", "talk", "recover", "feel", "stay"}
_IMPERATIVES = {"get", "eat", "do", "take", "try", "keep", "make", "rest", "wear", "use",
                "drink", "ask", "call", "tell", "look", "have", "stay", "check", "go", "stop",
                "walk", "plan", "follow", "remember", "sleep", "wash", "avoid", "don't", "never"}
_TIME_WORDS = {"before", "after", "during", "while", "when", "at"}
def _verb_questions(base: str, rest: str, gerund: str) -> list[str]:
    phrase = f"{base} {rest}".strip()
    if base == "go":
        return [f"When can I {patient_voice(phrase)}?", f"Tell me about {patient_voice(gerund)}"]
    if base == "have" or base == "be":
        return [f"Will I {patient_voice(phrase)}?", f"Tell me about {patient_voice(gerund)}"]
    if base in _WHEN_VERBS:
        return [f"When can I start {patient_voice(gerund)}?", f"Can I {patient_voice(phrase)}?"]
    if base in _HOW_VERBS:
        return [f"How do I {patient_voice(phrase)}?", f"Tell me about {patient_voice(gerund)}"]
    return [f"Tell me about {patient_voice(gerund)}", f"Should I {patient_voice(phrase)}?"]


def _coordinated(rest: str) -> str:
    """ "and showering" -> "and shower", for headings such as "Washing and showering"."""
    words = rest.split()
    return " ".join(GERUNDS.get(w.lower(), w) if i and words[i - 1] in ("and", "or") else w
                    for i, w in enumerate(words))


def _question_forms(question: str) -> list[str]:
    """A heading that is already a question, plus one rewording of it."""
    low = question.lower()
    for start, alt in (("can i ", "Is it OK to "), ("should i ", "Do I need to "),
                       ("will i ", "Am I going to "), ("is it ok to ", "Can I ")):
        if low.startswith(start):
            return [question, alt + question[len(start):]]
    match = re.match(r"(?:what|who) (?:is|are) (.+)\?$", question, re.IGNORECASE)
    return [question, f"Tell me about {match.group(1)}"] if match else [question]


def _noun_questions(text: str) -> list[str]:
    """ "Drips and drains" -> "What are drips and drains?"; long phrases get a softer form."""
    words = text.lower().split()
    if len(words) > 4 or set(words) & {"that", "which", "who", "to", "how", "what", "when"}:
        return [f"Tell me about {patient_voice(text)}", f"What should I know about {patient_voice(text)}?"]
    head = words
    for i, word in enumerate(words):
        if word in ("of", "for", "in", "after", "before", "with", "during") and i:
            head = words[:i]
            break
    plural = "and" in head or (head[-1].endswith("s") and not head[-1].endswith(("ss", "sis", "us")))
    return [f"Tell me about {patient_voice(text)}", f"What {'are' if plural else 'is'} {patient_voice(text)}?"]


def _form_questions(text: str) -> list[str]:
    """Questions for one form of a heading, chosen by how the heading starts."""
    words = text.split()
    first, rest = words[0].lower(), " ".join(words[1:])
    low = text.lower()
    if low.endswith("?"):
        return _question_forms(text[0].upper() + text[1:])
    if first in GERUNDS:
        return _verb_questions(GERUNDS[first], _coordinated(rest), text)
    if low.startswith(("do not ", "don't ", "never ")):
        action = re.sub(r"^(do not|don't|never) ", "", text, flags=re.IGNORECASE)
        return [f"Can I {patient_voice(action)}?", f"Is it OK to {patient_voice(action)}?"]
    if first == "avoid":
        verb = GERUNDS.get(words[1].lower()) if len(words) > 1 else None
        action = f"{verb} {' '.join(words[2:])}".strip() if verb else f"do {rest}"
        return [f"Can I {patient_voice(action)}?", f"When can I {patient_voice(action)} again?"]
    if first in _IMPERATIVES:
        return [f"Should I {patient_voice(text)}?", f"Do I need to {patient_voice(text)}?"]
    if first in ("when", "how", "what", "where", "who") and rest.startswith("to "):
        return [f"{first.capitalize()} should I {patient_voice(rest[3:])}?", f"Tell me {patient_voice(text)}"]
    if first == "how" and rest.startswith("we "):
        return [f"How do you {patient_voice(rest[3:])}?", f"Tell me {patient_voice(text)}"]
    if first in _TIME_WORDS:
        return [f"What happens {patient_voice(text)}?", f"What should I do {patient_voice(text)}?"]
    if first == "about":
        return [f"Tell me about {patient_voice(rest)}", f"What is {patient_voice(rest)}?"]
    if first == "your":
        return [f"Tell me about {patient_voice(text)}", f"What should I know about {patient_voice(text)}?"]
    return _noun_questions(text)


def heading_questions(title: str) -> list[str]:
    """Questions a patient might ask that the heading answers ("Going home" -> "When can I go home?")."""
    asks: list[str] = []
    for form in heading_forms(title):
        if form.split():
            asks += _form_questions(lower_word(form))
    for pattern, questions in TOPIC_QUESTIONS:
        if re.search(rf"\b(?:{pattern})\b", title, re.IGNORECASE):
            asks += questions
    return asks


def lay_variants(question: str) -> list[str]:
    """The question with one leaflet word swapped for an everyday one, for each it has."""
    variants = []
    for word, lay in LAY_SWAPS:
        # "the operation" stands for a whole noun phrase, not for the end of one ("staged liver
        # resection" must not become "staged the operation").
        lead = r"(^|\b(?:a|an|the|about|is|of|for|after|before|have|had|my) )" if lay.startswith("the ") else r"()"
        if re.search(rf"{lead}\b{word}\b", question, re.IGNORECASE):
            swapped = re.sub(rf"{lead}\b{word}\b", rf"\g<1>{lay}", question, count=1, flags=re.IGNORECASE)
            swapped = re.sub(r"\b(?:a|an|the) (the|a|an)\b", r"\1", swapped)
            # "Will I be admitted to hospital" -> "Will I go into hospital", not "Will I be go into".
            variants.append(re.sub(r"\bbe (go|come) into\b", r"\1 into", swapped))
    return variants[:3]


def _names_a_thing(heading: str) -> bool:
    """True for a heading that is a noun phrase ("Laparoscopy"), not "Going home" or "Pain"."""
    words = heading.lower().split()
    return (0 < len(words) <= 5 and not words[0].endswith("ing") and words[0] not in _IMPERATIVES
            and words[0] not in _TIME_WORDS | {"about", "your", "how", "what", "when", "why"}
            and not heading.endswith("?"))


# A section about going home answers what carries on once the patient is home (see once_home_questions).
_HOME_TITLE = re.compile(r"\b(?:going home|at home|leaving hospital|discharge|after you leave)\b", re.IGNORECASE)


def derive_asks(title: str, sentences: list[str]) -> list[str]:
    """At least two example questions for a section, heading ones first, without repeats."""
    text = " ".join(sentences)
    subject = heading_forms(title)[0]
    # "Having chemotherapy after surgery" is about chemotherapy after surgery: "this treatment" is that.
    thing = re.sub(r"^(?:having|getting|starting) ", "", subject, flags=re.IGNORECASE)
    topic = lower_word(thing) if _names_a_thing(thing) else None
    found = [*heading_questions(title), *named_questions(text), *timed_item_questions(sentences),
             *sentence_questions(sentences, topic)]
    if _HOME_TITLE.search(title):
        found += once_home_questions(found)
    found += [v for ask in found for v in lay_variants(ask)]
    seen: set[str] = set()
    asks: list[str] = []
    for ask in found:
        ask = re.sub(r"\s+", " ", ask).strip()
        ask = ask[0].upper() + ask[1:]
        key = ask.lower().rstrip("?")
        if key not in seen:
            seen.add(key)
            asks.append(ask)
    fallback = [f"Tell me about {lower_word(title)}",
                f"What does the leaflet say about {lower_word(title)}?"]
    for ask in fallback:
        if len(asks) >= 2:
            break
        if ask.lower().rstrip("?") not in seen:
            asks.append(ask)
    return asks[:MAX_ASKS]
