"""What kind of fact a question asks for, and whether a section holds that kind of fact at all.

A patient asking "what time does the support line close?" wants a time of day; a section with
the support line's number but no opening hours does not answer that, however well its words
match. This is expected-answer-type checking, a standard step in question answering: pure, and
the same for any leaflet. Only kinds of fact that a passage either plainly has or plainly lacks
are listed (money, clock times, names, odds, measurements).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.normalise import clean


@dataclass(frozen=True)
class AnswerType:
    """A kind of fact: how a question asks for it, and how a passage that has it looks."""

    name: str
    asked: re.Pattern[str]
    present: re.Pattern[str]


TYPES = (
    AnswerType("cost", re.compile(
        r"\b(?:how much (?:\w+ ){0,4}(?:cost|costs|pay|charge|charged)|what does it cost|price|prices|fees?|"
        r"cost of|costs?|pay for|how much money|expensive|cheaper)\b"),
        re.compile(r"£|\b(?:free|costs?|charged?|pay|price)\b")),
    AnswerType("time of day", re.compile(
        r"\b(?:what time|opening hours|what hours|open (?:till|until)|closes? at|closed at|open at night|"
        r"open (?:on|at) (?:the )?weekends?|open (?:on )?(?:a |the )?(?:sundays?|saturdays?|bank holidays?|christmas( day)?))\b"),
        re.compile(r"\b\d{1,2} ?(?:am|pm)\b|o'clock|\b\d{1,2}[:.]\d\d\b|\b(?:7|seven) days a week\b|"
                   r"\b(?:weekends?|evenings?|mornings?|afternoons?|open)\b")),
    AnswerType("name", re.compile(
        # Not "the nurse, Siobhan I think her name was, mentioned...": a name told, not asked for.
        r"\b(?:(?:his|her|their|the \w+'s|my \w+'s|(?:surgeon|doctor|consultant|nurse|anaesthetist)s?) name(?! (?:was|is \w))|"
        r"what is (?:he|she) called|"
        r"name of (?:the|my|his|her) (?:surgeon|doctor|consultant|nurse|anaesthetist))\b"),
        re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Professor)\.? [A-Z]")),
    AnswerType("odds", re.compile(
        # Not "is there any chance he'd be listed for a transplant?": that asks whether, not how likely.
        r"\b(?:(?<!any )(?<!a )chances?|odds|survival|survive|per ?cent|percentage|success rate|prognosis|how likely|"
        r"still alive|proportion of (?:patients|people)|how many (?:people|patients) (?:survive|live|die)|"
        r"life expectancy|how long (?:have|has) (?:i|he|she|they) got(?! to))\b"),
        # Odds are figures: "most people can go home in 5 days" is not a survival rate.
        re.compile(r"%|\b(?:per ?cent|\d+ (?:in|out of) \d+)\b")),
    # "Can I keep taking my blood pressure tablets?": a patient's own medicines, not pain relief.
    AnswerType("usual medicines", re.compile(
        r"\b(?:(?:keep|still|carry on|continue|stop|stopping|go on) (?:taking|take|using|with|on)|can (?:i|he|she) (?:still )?take|"
        r"(?:allowed|permitted|safe|ok|okay|alright|all right) to (?:keep )?(?:take|taking|have|use))"
        r"\b(?:(?! painkill| pain\b| supplement)[^.?!]){0,40}?\b(?:tablets?|pills?|patch(?:es)?|inhalers?|"
        r"insulin|warfarin|hrt|jabs?|vitamins?|remed(?:y|ies)|medicines?|medications?|statins?|antibiotics?|"
        r"antidepressants?|steroids?|metformin|levothyroxine|thyroxine|amlodipine|ramipril|omeprazole|lansoprazole)\b|"
        r"\b(?:herbal|homeopathic|chinese) (?:medicines?|remed(?:y|ies)|tablets|tea)\b|"
        # "Her sleeping tablets", not "the doctor for the sleeping medicine" (the anaesthetic).
        r"\b(?<!the )(?:blood pressure|diabetes|diabetic|heart|thyroid|water|sleeping|blood thinning) "
        r"(?:tablets|pills|medicines?|medication)\b"),
        re.compile(r"\b(?:usual|regular|other|own) medicines?\b|\bmedicines? you (?:already )?take\b")),
    # "Which chemotherapy drugs...?", "the name of the painkiller": a leaflet naming no drugs can't say.
    AnswerType("drug name", re.compile(
        r"\b(?:which|what) (?:chemotherapy|chemo) (?:drugs?|medicines?)\b|\bname of (?:the |my |that |this )?"
        r"(?:\w+ )?(?:drugs?|medicines?|painkillers?|tablets?)\b|\b(?:chemotherapy|chemo) (?:regimen|regime)\b"),
        re.compile(r"\b(?:morphine|paracetamol|codeine|ibuprofen|oxaliplatin|fluorouracil|irinotecan|"
                   r"capecitabine|folfox|folfiri|heparin|fentanyl|tramadol|oxycodone)\b", re.IGNORECASE)),
    AnswerType("size", re.compile(
        r"\b(?:centimetres?|centimeters?|millimetres?|inches|inch|cm|how (?:big|wide|large) (?:\w+ ){0,3}"
        r"(?:scars?|cuts?|wounds?|incisions?|holes?))\b"),
        re.compile(r"\b\d+ ?(?:mm|cm|centimetres?|millimetres?|inch(?:es)?)\b")),
)


# A surname after a title says who, not what is asked: "Mr Pryce", heard as "Mr. Price", is no cost
# (blind set BD).
_TITLED_NAME = re.compile(r"\b(?:mr|mrs|ms|miss|dr) \w+")


def asked_types(question: str) -> tuple[AnswerType, ...]:
    """The kinds of fact the question asks for (usually none)."""
    text = _TITLED_NAME.sub(" ", clean(question))
    return tuple(kind for kind in TYPES if kind.asked.search(text))


def missing_types(question: str, passages: tuple[str, ...]) -> tuple[str, ...]:
    """Names of the kinds of fact the question asks for that none of the passages holds."""
    text = " ".join(passages)
    return tuple(kind.name for kind in asked_types(question) if not kind.present.search(text))


# Kinds of fact a question asks for that many chunks of one section may or may not give, and how a
# chunk that gives one looks: used to choose which chunk of a section to read first.
CHUNK_CUES = tuple((re.compile(asked), re.compile(present)) for asked, present in (
    (r"\b(?:how long|how many (?:days|weeks|hours|nights|months)|when (?:can|will|could|should|do|does|is|am|would|might)|"
     r"how soon|how far apart|till|until)\b",
     r"\b(?:\d+ (?:to \d+ )?(?:minutes?|hours?|days?|nights?|weeks?|months?)|(?:few|several|couple of) (?:days|weeks|hours|months)|a week|"
     r"day after|next day|as soon as|after \d+|weeks?|months?)\b"),
    (r"\b(?:who|which (?:doctor|surgeon|nurse)|what (?:kind|sort|type) of (?:surgeon|doctor|specialist))\b",
     r"\b(?:surgeon|nurse|nurses|doctor|physiotherapist|anaesthetist|team|gp|specialist)\b"),
    (r"\b(?:why|what (?:is|are) (?:it|they|that|these|the \w+) for|what for|point|purpose|reason|"
     r"how does (?:it|that) help)\b",
     r"\b(?:because|so that|so you|this is to|this gives|to help|helps?|to reduce|reduces?|prevents?|to prevent|to stop|to check|"
     r"lowers?|to make|protect\w*|allow\w*|this means you|(?:might|may) (?:have|need) (?:it|this|one) if)\b"),
    # Whether it can be done at all: "is keyhole an option for him?", "can everyone have it?"
    # "How many people get to have it?", "is it common?": how often it is done is whether it can be.
    (r"\b(?:an option|possible|suitable|can (?:everyone|anyone|anybody)|how many (?:people|folk|patients)|(?:is|be) it (?:common|rare|usual)|(?:can|could) (?:i|he|she|they|you) have (?:it|this|that|one|keyhole)|"
     r"(?:can|could|would|will) (?:i|he|she|they|you) still (?:do|have|operate|go ahead)|what (?:else )?(?:would |could )?stops? (?:them|it))\b",
     r"\b(?:some situations|sometimes|not (?:always |be )?possible|only (?:a )?(?:small number|some|a few)|suitable|not everyone|rule it out)\b"),
    # When in the day: "what time do I go in?", "is it the night before?"
    (r"\b(?:what time|what day|which day|how early|night before|day before)\b",
     r"\b(?:mornings?|afternoons?|evenings?|night before|day before|\d{1,2} ?(?:am|pm)|o'clock)\b"),
    # What it is good for: "keyhole, better how?", "what's the advantage over the big cut?"
    # A choice between two ways ("why keyhole rather than the big cut?") asks what one does better.
    (r"\b(?:better|advantages?|benefits?|the good of|good about|the plus|upside|pros|rather than|instead of|"
     r"as opposed to|compared (?:to|with)|versus|over (?:the|a|an|one) (?:big|open|large|normal|usual|old)|"
     r"not (?:just )?(?:one|a|the) (?:big|open|large))\b",
     r"\b(?:advantages?|benefits?|better|less pain|faster|quicker|sooner|smaller)\b"),
    (r"\bhow many\b", r"\b(?:\d+|one|two|three|four|five|several|few)\b"),
    (r"\bwhere\b", r"\b(?:in (?:your|the) (?:arm|neck|back|bladder|nose|hospital|ward|unit|tummy)|at home|"
     r"gp surgery|ward|unit)\b"),
))


def cue_share(question: str, chunk: str) -> float:
    """Of the kinds of fact a cleaned question asks for (how long, who, why...), the share the chunk gives."""
    asked = [present for ask, present in CHUNK_CUES if ask.search(question)]
    if not asked:
        return 0.0
    text = chunk.lower()
    return sum(1 for present in asked if present.search(text)) / len(asked)
