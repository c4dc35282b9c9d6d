"""Voice commands ("repeat", "more", "slower"...): recognised only when they are the whole utterance.

"Stop" is a command, "should I stop smoking?" is a question: a command must fill the utterance,
allowing only politeness ("please", "could you") around it.
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.normalise import clean


class Command(Enum):
    """What the listener asked the assistant to do."""

    REPEAT = "repeat"
    MORE = "more"
    STOP = "stop"
    SLOWER = "slower"
    FASTER = "faster"
    LOUDER = "louder"
    QUIETER = "quieter"
    HELP = "help"
    TOPICS = "topics"
    NEXT = "next"
    PREVIOUS = "previous"
    BACK = "back"
    YES = "yes"
    NO = "no"
    WAIT = "wait"
    SOURCE = "source"


_POLITE_START = re.compile(
    r"^(?:(?:ok|okay|right|alright|so|and|oh|well|hello|hi|hey|sorry|yes|no|assistant|computer)\s+)*"
    r"(?:(?:please|pardon|can you|could you|would you|will you|can we|could we|would you mind|i want you to|"
    r"i would like you to|i would like to|i want to|i need you to|let us|just|now)\s+)*")
_POLITE_END = re.compile(r"(?:\s+(?:please|thanks|thank you|for me|again|now|a bit|a little|a little bit|"
                         r"then|mate|love|dear|ok|okay))*$")

_TABLE: list[tuple[Command, str]] = [
    (Command.REPEAT, r"repeat(?: that| it| yourself| the last bit| the answer)?|say (?:that|it) again|"
                     r"say that|say it|(?:come )?again|pardon(?: me)?|what did you say|sorry what|i did not (?:catch|hear) "
                     r"(?:that|you|it)|one more time|once more|repeat please"),
    (Command.MORE, r"more|(?:tell me |say |read |give me )?(?:some )?more(?: about (?:that|it|this))?|continue|"
                   r"carry on|go on|keep going|keep reading|what else|and then|then what|anything else|"
                   r"(?:read|tell me) the rest|next bit|next part|next chunk|more information"),
    (Command.STOP, r"stop(?: talking| reading| it| that| there)?|be quiet|shut up|quiet|enough|that is enough|"
                   r"that will do|cancel|never mind|nevermind|hush|pause|shush|silence|ok stop|thank you stop"),
    # "(any word) more slowly": the recogniser may hear "speak" as "speed" or "peak".
    (Command.SLOWER, r"(?:speak |talk |read |go |say it )?(?:more )?slow(?:er|ly)?(?: down)?|slow down|"
                     r"\w+ more slowly|"
                     r"not so fast|too fast|you are (?:going |talking |speaking )?too fast"),
    (Command.FASTER, r"(?:speak |talk |read |go |say it )?(?:more )?(?:faster|quicker|quickly)|speed up|"
                     r"\w+ more quickly|"
                     r"hurry up|too slow|you are (?:going |talking |speaking )?too slow"),
    (Command.LOUDER, r"(?:speak |talk |be )?louder|speak up|(?:turn (?:it |the volume )?up)|volume up|"
                     r"i cannot hear(?: you)?|too quiet|more volume|raise (?:the |your )?voice"),
    (Command.QUIETER, r"(?:speak |talk |be )?(?:quieter|softer|more quietly)|turn (?:it |the volume )?down|"
                      r"volume down|too loud|less loud|lower (?:the |your )?(?:volume|voice)"),
    (Command.HELP, r"help|help me|what can (?:i|you) (?:ask|say|do)(?: you)?|what do i (?:say|ask)|"
                   r"how (?:does|do) (?:this|you|it) work|what (?:are|is) (?:the )?commands?|instructions"),
    (Command.TOPICS, r"(?:list |what are |tell me |read |give me )?(?:the |your )?(?:topics|subjects|"
                     r"sections|contents|menu)|what (?:do you|can you) (?:know|talk) about|"
                     r"what (?:topics|subjects|things) (?:do you have|can i ask about|are there)|"
                     r"what is in the leaflet|what does the leaflet (?:cover|say)"),
    (Command.NEXT, r"next(?: section| topic| one| please)?|skip(?: this| that| it)?|move on|go to the next "
                   r"(?:section|topic)"),
    (Command.PREVIOUS, r"previous(?: section| topic| one)?|last (?:section|topic)|go back a (?:section|topic)"),
    (Command.BACK, r"(?:go )?back|go back(?: to (?:the )?(?:last|previous) (?:answer|question|one))?|undo"),
    (Command.YES, r"yes|yeah|yep|yup|aye|sure|correct|that is right|right|ok|okay|please do|go ahead|"
                  r"yes (?:please|thanks|thank you|do|save it|that is right)|save it|do it"),
    (Command.NO, r"no|nope|nah|no thanks|no thank you|not that|do not|do not save it|wrong|no that is wrong"),
    (Command.WAIT, r"(?:wait|hold on|hang on)(?: a (?:minute|moment|second|sec|bit))?|one moment|just a (?:minute|moment|second|sec)|give me a "
                   r"(?:minute|moment|second)|are you still there|are you there|still there"),
]
# "Who wrote this?": every answer comes from a named leaflet, so say which and whose.
_TABLE.append((Command.SOURCE, r"(?:who (?:actually |really )?(?:wrote|writes|made|published|produced) (?:all |up )?"
                               r"(?:this|that|it|these|the (?:leaflet|information|answers?))(?: information| leaflet| stuff)?|"
                               r"where (?:does|did|is) (?:this|that|it|all this|the information)(?: information| stuff)? "
                               r"(?:come from|coming from|from)|what (?:leaflet|source) is (?:this|that|it)|"
                               r"what (?:is|are) (?:this|that|your) (?:leaflet|source|sources)|"
                               r"where (?:is|do) (?:your|you get your) (?:information|answers)(?: from)?|"
                               r"how do you know (?:this|that|all this))"
                               # "...is it the NHS?": a guess at the author, answered by naming the publisher.
                               r"(?: is (?:it|that|this) (?:from )?(?:the )?(?:nhs|hospital|doctors?|government))?"))
_COMPILED = [(cmd, re.compile(rf"^(?:{pattern})$")) for cmd, pattern in _TABLE]


def parse_command(utterance: str) -> Command | None:
    """Return the command the whole utterance asks for, or None if it is not a command."""
    text = clean(utterance)
    if not text or len(text.split()) > 9:
        return None
    core = _POLITE_END.sub("", _POLITE_START.sub("", text)).strip()
    for candidate in (text, core):
        for command, pattern in _COMPILED:
            if candidate and pattern.match(candidate):
                return command
    return None
