"""Spoken chunks from a leaflet's paragraphs and lists: sentence splitting, list sentences,
and the 1-3 sentence, about-60-word chunks the format asks for.
"""

from __future__ import annotations

import re

MAX_WORDS = 60
MAX_SENTENCES = 3
_DROP_SENTENCE = re.compile(
    r"^(we have (more|further) information|learn more|find out more|read more|you can read more|"
    r"for more information,? (see|visit|read|go to)|see our|visit our (website|web page)|"
    r"click here|download|order (this|a free)|back to top|this (information|page) (was|has been)"
    r" (reviewed|written|updated|revised)|(date |last )?reviewed\b|next review|page last|"
    r"our cancer information meets|this means it is easy to use|print this page|share this)",
    re.IGNORECASE)
_ABBREVIATIONS = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "etc", "approx", "no", "st", "vs",
                  "eg", "ie", "prof"}
# A sentence that leans on the one before it ("This is called...", "If not, ...").
DEPENDENT = re.compile(r"^(?:this|these|that|they|it|if not|so|but|however|also|then|which)\b",
                        re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')]?\s+(?=[\"'(]?[A-Za-z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split text at sentence ends, not after abbreviations such as "e.g." or "Dr."."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()].rstrip("\"')")
        last_word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
        if last_word in _ABBREVIATIONS or len(last_word) == 1 and last_word.isalpha():
            continue
        pieces.append(text[start : m.start()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def keep_sentence(sentence: str) -> bool:
    """False for "Learn more", "We have more information about ..." and review notes."""
    return not _DROP_SENTENCE.search(sentence)


def lower_first(item: str, proper: set[str]) -> str:
    """Lower-case a list item's first letter for use mid-sentence, unless it is a name."""
    word = item.split(None, 1)[0] if item else ""
    bare = word.strip("\"'(")
    if len(bare) > 1 and bare[1:].islower() and bare not in proper:
        return item[0].lower() + item[1:] if item[0] == bare[0] else item
    return item


def list_groups(intro: str | None, items: list[str], proper: set[str]) -> list[list[str]]:
    """Make a list speakable: one sentence "intro: a; b; c." when short, else a sentence each."""
    items = [i.rstrip(" .;,") for i in items if keep_sentence(i)]
    if not items:
        return [[intro.rstrip(":") + "."]] if intro else []
    words = sum(len(i.split()) for i in items) + len((intro or "").split())
    multi = any(len(split_sentences(i)) > 1 for i in items)
    if intro and not multi and words <= MAX_WORDS - 5:
        joined = "; ".join(lower_first(i, proper) for i in items)
        return [[f"{intro} {joined}."]]
    groups = [[intro.rstrip(":") + "."]] if intro else []
    for item in items:
        groups.append(split_sentences(item[0].upper() + item[1:] + "."))
    return groups


def heard_sentences(text: str) -> int:
    """Sentences as the pack validator counts them: ., ! or ? before a space or the end."""
    return max(1, len(re.findall(r"[.!?](?:\s|$)", text.strip())))


def _split_long(sentence: str) -> list[str]:
    """Break a sentence too long for one chunk at the semicolon or comma nearest its middle."""
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return [sentence]
    middle = len(sentence) // 2
    cuts = [m.end() for m in re.finditer(r"[;,] ", sentence)]
    if not cuts:
        return [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]
    cut = min(cuts, key=lambda c: abs(c - middle))
    return [*_split_long(sentence[:cut].strip()), *_split_long(sentence[cut:].strip())]


def chunk_group(sentences: list[str]) -> list[str]:
    """Pack a paragraph's sentences into chunks of at most 3 sentences and about 60 words."""
    chunks: list[list[str]] = []
    for sentence in (piece for s in sentences for piece in _split_long(s)):
        last = chunks[-1] if chunks else None
        if last and _fits([*last, sentence]):
            last.append(sentence)
        elif (last and len(last) > 1 and DEPENDENT.match(sentence) and not DEPENDENT.match(last[-1])
              and _fits([last[-1], sentence])):
            # "If not, ..." or "This is ..." leans on the sentence before: keep them together.
            chunks.append([last.pop(), sentence])
        else:
            chunks.append([sentence])
    return [" ".join(c) for c in chunks]


def _fits(sentences: list[str]) -> bool:
    text = " ".join(sentences)
    return len(text.split()) <= MAX_WORDS and heard_sentences(text) <= MAX_SENTENCES

