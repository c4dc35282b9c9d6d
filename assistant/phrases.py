"""The assistant's own fixed phrases: everything it says that does not come from a leaflet.

British English, short sentences, and always what to do next.
"""

from __future__ import annotations

import re

from assistant.content import Section

DIDNT_CATCH = "Sorry, I didn't catch that. Please try again."
ENGLISH_ONLY = "Sorry, I can only understand questions in English. Please try again in English."
UNKNOWN = "I'm sorry, I don't have information about that in this leaflet."
GENERIC_HELP = "For anything the leaflets do not cover, please ask your nurse or doctor."
OFFER_MORE = "Say 'more' to hear more."
ASK_AGAIN = "All right. Please ask your question again, in other words if you can."
URGENT_FALLBACK = ("This could be serious. Contact the hospital straight away, or call 999 if it is an "
                   "emergency.")
END_OF_SECTION = "That's everything I have on that. You can ask another question, or say 'topics'."
NOTHING_TO_REPEAT = "I haven't said anything yet. You can ask me a question about your operation."
NOTHING_MORE = "There's nothing more to read. You can ask me a question, or say 'topics'."
NO_PREVIOUS = "There's nothing to go back to yet."
STOPPED = ""
WAITING = "I'm still here. Take your time; I'll wait until you're ready."
HELP = ("You can ask me about your operation and recovery, for example: when can I drive again? "
        "While I'm talking you can say stop, repeat, more, slower, faster, louder or quieter. "
        "Say 'topics' to hear what I can tell you about.")
SLOWER = "All right, I'll speak more slowly."
FASTER = "All right, I'll speak a little faster."
LOUDER = "All right, I'll speak louder."
QUIETER = "All right, I'll speak more quietly."
SLOWEST = "This is already my slowest speed."
FASTEST = "This is already my fastest speed."
LOUDEST = "This is already my loudest."
QUIETEST = "This is already my quietest."
YES_NOTHING = "Okay. What would you like to know?"
TOPICS_PER_TURN = 8

_FIRST = re.compile(r"\b(?:first|1st|one|former|top|the 1|number 1|a)\b")
_SECOND = re.compile(r"\b(?:second|2nd|two|other|latter|last|the 2|number 2|b)\b")


def source_line(title: str, publisher: str, reviewed: str) -> str:
    """Which leaflet the answers come from, whose it is and when it was reviewed."""
    when = ("It does not give a review date." if reviewed.lower().startswith("not stated")
            else f"It was reviewed {reviewed}.")
    return f"My answers come from the leaflet '{title}', by {publisher}. {when}"


def clarify(first_title: str, second_title: str) -> str:
    """'Do you mean X or Y?' with section titles spoken naturally."""
    return f"Do you mean {_spoken_title(first_title)}, or {_spoken_title(second_title)}?"


def _spoken_title(title: str) -> str:
    words = title.split()
    if words and not (words[0].isupper() or any(c.isdigit() for c in words[0])):
        words[0] = words[0].lower()
    return " ".join(words).rstrip(".")


def topic_pages(titles: list[str]) -> list[str]:
    """The topic list, split into short spoken pieces."""
    pages = []
    for start in range(0, len(titles), TOPICS_PER_TURN):
        part = [_spoken_title(t) for t in titles[start:start + TOPICS_PER_TURN]]
        lead = "I can tell you about: " if start == 0 else "Also: "
        pages.append(lead + "; ".join(part) + ".")
    return pages


def pick_option(text: str, first: Section, second: Section) -> int | None:
    """Which of two offered sections a reply chooses (0 or 1), or None if it names neither."""
    scores = []
    for section in (first, second):
        vocab = set(_words(section.title)) | {w for t in section.terms for w in _words(t)}
        scores.append(len(set(_words(text)) & vocab))
    if scores[0] != scores[1]:
        return 0 if scores[0] > scores[1] else 1
    if _FIRST.search(text) and not _SECOND.search(text):
        return 0
    if _SECOND.search(text) and not _FIRST.search(text):
        return 1
    if re.fullmatch(r"(?:yes|yeah|yep|the first|that one)(?: please)?", text):
        return 0
    return None


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3]
