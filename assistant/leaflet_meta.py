"""Guesses about a leaflet as a whole and flags on its sections: publisher, review date,
language, ids, the urgent flag and how long after surgery advice applies.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date

from assistant.errors import ContentError
from assistant.leaflet_parse import Leaflet

_LOGGER = logging.getLogger(__name__)

GENERIC_HELP = "For anything this leaflet does not cover, ask your nurse or doctor."
NOT_STATED = "not stated in the source text"
UNKNOWN_PUBLISHER = "unknown publisher"
MIN_ENGLISH_SHARE = 0.12
KNOWN_PUBLISHERS = (
    ("macmillan cancer support", "Macmillan Cancer Support"),
    ("cancer research uk", "Cancer Research UK"),
    ("marie curie", "Marie Curie"), ("british liver trust", "British Liver Trust"),
    ("maggie's", "Maggie's"), ("nhs inform", "NHS inform"),
    ("bowel cancer uk", "Bowel Cancer UK"), ("pancreatic cancer uk", "Pancreatic Cancer UK"),
)
_WRITTEN_BY = re.compile(r"(?:written|produced|published|provided) by (?:the )?((?:[A-Z][\w&']+ ?)+)"
                         r"|(?:leaflet|guide|booklet|information) (?:is )?from (?:the )?"
                         r"((?:[A-Z][\w&']+ ?)+)")
_PUBLISHED_BY = re.compile(r"(?:\u00a9|\(c\)|copyright)\s*(?:\d{4}\s*)?([A-Z][\w&' ]{2,60}?)"
                           r"(?:[.,;\n]|$)", re.IGNORECASE)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_REVIEWED = re.compile(
    r"(?:date reviewed|last reviewed|page last reviewed|reviewed on|reviewed|review date|"
    r"date of review|date of last review)\s*:?\s*"
    rf"(\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS}) \d{{4}}|(?:{_MONTHS}) \d{{4}}|"
    r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_SUPPORT = re.compile(r"\b((?:the )?(?:[A-Z][\w']+ )+(?:Support Line|Helpline|Line))\b[^.]*?"
                      r"\b(0\d{3} ?\d{3} ?\d{2} ?\d{2}|0\d{2,4} ?\d{3,4} ?\d{3,4})\b")
# A sentence of urgent advice: "contact the hospital straight away", "call 999".
URGENT_ADVICE = re.compile(
    r"call 999|dial 999|\bA ?& ?E\b|accident and emergency|emergency department|"
    r"(?:contact|call|phone|ring|tell|see)\b[^.]{0,40}?\b(?:straight away|immediately|right away|"
    r"urgently|at once|as soon as possible)|get (?:urgent|emergency) (?:medical )?help|"
    r"seek (?:urgent|immediate) (?:medical )?(?:help|advice|attention)", re.IGNORECASE)
_SIGNS = re.compile(r"\b(?:signs? of|symptoms? of|if (?:you|your)\b|high temperature|fever|"
                    r"bleeding|short of breath|chest pain|becomes? (?:hot|red|painful))",
                    re.IGNORECASE)
_URGENT_HEADING = re.compile(r"urgent|emergenc|when to (?:get|seek|call|ask for) help|warning "
                             r"signs|red flags?|when to (?:contact|call)", re.IGNORECASE)
_AT_LEAST = re.compile(r"\bfor at least (\d+) (day|week|month)s?\b", re.IGNORECASE)
_AFTER_SURGERY = re.compile(r"(?<!up to )\b(\d+)(?: to | ?- ?| and )?(\d+)? (day|week|month)s? after "
                            r"(?:your |the |a |an )?(?:surgery|operation|liver resection|"
                            r"resection)\b", re.IGNORECASE)
_ENGLISH = frozenset("the and to of a in you your is it for be are with this that can on have "
                     "will or not may as at if by from they we an do".split())


def slug(text: str) -> str:
    """Lower-case ASCII id from a heading: letters, digits and hyphens, at most ~48 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > 48:
            break
        out = f"{out}-{word}" if out else word[:48]
    return out


def unique_slug(text: str, used: set[str]) -> str:
    """A slug not yet in ``used`` (adds -2, -3 ... to repeats); records it in ``used``."""
    base = slug(text) or "section"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def title_from_name(name: str) -> str:
    """A readable title from a file name, for leaflets that do not show one."""
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", name)
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported leaflet"


def proper_words(text: str) -> set[str]:
    """Words written with a capital in mid-sentence (names such as "Macmillan", "GP")."""
    capital = set(re.findall(r"(?<=[a-z,] )([A-Z][a-zA-Z']+)", text))
    lower = set(re.findall(r"\b([a-z][a-z']+)\b", text))
    return {w for w in capital if w.lower() not in lower}


def guess_publisher(text: str) -> str:
    """The publisher named in the text ("Macmillan" -> Macmillan Cancer Support), or unknown."""
    lowered = text.lower()
    for needle, name in KNOWN_PUBLISHERS:
        if needle in lowered:
            return name
    match = _PUBLISHED_BY.search(text)
    if match:
        return match.group(1).strip()
    match = _WRITTEN_BY.search(text)
    return (match.group(1) or match.group(2)).strip() if match else UNKNOWN_PUBLISHER


def review_date(text: str) -> str | None:
    """The review date as the leaflet gives it, if a "reviewed" line has one."""
    match = _REVIEWED.search(text)
    return match.group(1) if match else None


def help_line(text: str) -> str:
    """Who to ask about anything not covered; names the leaflet's support line if it has one."""
    match = _SUPPORT.search(text)
    if not match:
        return GENERIC_HELP
    name = match.group(1)
    name = name if name.lower().startswith("the ") else f"the {name}"
    return f"{GENERIC_HELP[:-1]}, or call {name} on {match.group(2)}."


def british_date(day: date) -> str:
    """A date the British way: "Friday 27 November 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def import_note(name: str, today: date) -> str:
    """The note every imported pack carries."""
    return f"Imported automatically from {name} on {british_date(today)}; check the wording before use."


def english_share(text: str) -> float:
    """Share of words that are common English words (about 0.3 to 0.5 for English prose)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in _ENGLISH) / len(words)


def is_urgent(title: str, sentences: list[str]) -> bool:
    """Red-flag advice: the heading says so, or most of the text is warning signs plus
    "contact the hospital straight away" / "call 999"."""
    if _URGENT_HEADING.search(title):
        return True
    if not any(URGENT_ADVICE.search(s) for s in sentences):
        return False
    flagged = sum(1 for s in sentences if URGENT_ADVICE.search(s) or _SIGNS.search(s))
    return flagged * 2 > len(sentences)


def from_surgery(text: str) -> str | None:
    """How long after the operation the advice applies, when the text says it one way only."""
    found: set[str] = set()
    for number, unit in _AT_LEAST.findall(text):
        found.add(_span(number, "", unit))
    for first, second, unit in _AFTER_SURGERY.findall(text):
        found.add(_span(first, second, unit))
    if len(found) == 1:
        return found.pop()
    if found:
        _LOGGER.debug("several periods after surgery %s; none chosen", sorted(found))
    return None


def _span(first: str, second: str, unit: str) -> str:
    unit = unit.lower()
    if second:
        return f"{first}-{second} {unit}s"
    return f"{first} {unit}" if first == "1" else f"{first} {unit}s"


def check_language(leaflet: Leaflet) -> None:
    """Refuse a leaflet that is not in English: the matcher and voices understand English only.

    Raises:
        ContentError: few common English words, naming the language the page declares.
    """
    share = english_share(leaflet.text)
    declared = (leaflet.language or "").strip()
    if share >= MIN_ENGLISH_SHARE:
        if declared and not declared.lower().startswith("en"):
            _LOGGER.warning("page declares language %r but reads as English", declared)
        return
    said = f'the page says its language is "{declared}"' if declared else "few English words"
    raise ContentError(f"leaflet {leaflet.source_name} does not look like English ({said}; "
                       f"{share:.0%} common English words): the assistant understands English "
                       "only, so import an English version of the leaflet")
