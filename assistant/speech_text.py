"""Turn a written answer into text a speech engine reads as a British person would say it.

Numbers, phone numbers, units, ranges, times, dates and symbols are written out in words
before any engine sees them, so every engine says "0808 808 00 00" and "5mm" the same way
("oh eight oh eight, eight oh eight, double oh, double oh"; "five millimetres").
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable

_LOGGER = logging.getLogger(__name__)

MAX_SENTENCE_CHARS = 220
"""Longer sentences are cut at clause breaks, so the first audio is never long in coming."""

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"))
# fmt: off
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}
_DIGIT = {str(d): ("oh" if d == 0 else _ONES[d]) for d in range(10)}
_MONTHS = "January February March April May June July August September October November December".split()
_UNITS = {
    "mm": ("millimetre", "millimetres"), "cm": ("centimetre", "centimetres"),
    "m": ("metre", "metres"), "km": ("kilometre", "kilometres"),
    "mg": ("milligram", "milligrams"), "g": ("gram", "grams"), "kg": ("kilogram", "kilograms"),
    "ml": ("millilitre", "millilitres"), "l": ("litre", "litres"),
    "mcg": ("microgram", "micrograms"), "mmol/l": ("millimole per litre", "millimoles per litre"),
    "hr": ("hour", "hours"), "hrs": ("hours", "hours"), "h": ("hour", "hours"),
    "min": ("minute", "minutes"), "mins": ("minutes", "minutes"),
    "wk": ("week", "weeks"), "wks": ("weeks", "weeks"), "yrs": ("years", "years"),
    "°c": ("degree Celsius", "degrees Celsius"), "°f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "%": ("per cent", "per cent"),
}
_ABBREVIATIONS = {
    r"\be\.g\.": "for example", r"\bi\.e\.": "that is", r"\betc\.": "and so on",
    r"\bapprox\.": "about", r"\bDr\.?(?= [A-Z])": "Doctor", r"\bMr\.?(?= [A-Z])": "Mister",
    r"\bMrs\.?(?= [A-Z])": "Missus", r"\bMs\.?(?= [A-Z])": "Miz", r"\bA&E\b": "A and E",
    r"\bvs\.?": "versus", r"\bno\.(?= ?\d)": "number", r"\bNHS\b": "N H S", r"\bGP\b": "G P",
    r"\bGPs\b": "G Ps", r"\bICU\b": "I C U", r"\bHDU\b": "H D U", r"\bCT\b": "C T",
    r"\bMRI\b": "M R I", r"\bIV\b": "I V", r"\bRFA\b": "R F A", r"\b24/7\b": "twenty-four seven",
    r"\bTED\b": "T E D", r"\bPVE\b": "P V E", r"\bDVT\b": "D V T", r"\bPCA\b": "P C A",
    r"\bITU\b": "I T U", r"\bPICC\b": "pick",
}
_SYMBOLS = {
    "&": " and ", "+": " plus ", "=": " equals ", "@": " at ", "#": " ", "*": " ", "•": " ", "·": " ",
    "→": " to ", "×": " times ", "~": " about ",
}
_FRACTIONS = {
    "½": "a half", "¼": "a quarter", "¾": "three quarters",
    r"(?<![\d/])1/2(?![\d/])": "a half", r"(?<![\d/])1/4(?![\d/])": "a quarter",
    r"(?<![\d/])3/4(?![\d/])": "three quarters",
}
# fmt: on

_NUM = r"\d+(?:\.\d+)?"
_PHONE = re.compile(r"(?<![\d.,])0\d{2,4}(?: ?\d{2,4}){2,3}(?![\d.,]\d)")
_EMERGENCY = re.compile(
    r"\b(999|111|112)\b(?![.,]\d)(?! ?(?:%|mm|cm|kg|mg|ml|g|days?|weeks?|hours?|people|patients)\b)"
)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TIMES = re.compile(r"\b(\d+) ?x(?= (?:a|per|each|every|daily)\b)")
_DATE_WORDS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + "|".join(_MONTHS) + r")(?: (\d{4}))?\b")
_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))? ?([ap])(?:m\b|\.m\.)|\b(\d{1,2}):(\d{2})\b", re.I)
_RANGE = re.compile(rf"(?<![\d/])({_NUM}) ?(?:-|–|—|to) ?({_NUM})(?![\d/])")
_UNIT = re.compile(
    rf"\b({_NUM}) ?(mmol/l|mcg|mm|cm|km|mg|kg|ml|hrs|hr|mins|min|wks|wk|yrs|°c|°f|[mghl]|%)(?!\w)",
    re.I,
)
_MONEY = re.compile(r"£(\d+)(?:\.(\d{2}))?")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_YEAR = re.compile(r"(?<![\w.,])(?:1[1-9]|20)\d\d(?![\w.,]\w)")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
_URL = re.compile(
    r"\b(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net))\b(/\S*)?", re.I
)


def number_words(n: int) -> str:
    """An integer in British words: 105 -> 'one hundred and five'."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")
    for value, word in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            tail = ""
            if rest:
                tail = (" and " if rest < 100 else " ") + number_words(rest)
            return f"{number_words(high)} {word}{tail}"
    raise AssertionError("unreachable")


def ordinal_words(n: int) -> str:
    """An ordinal in words: 21 -> 'twenty-first'."""
    words = number_words(n)
    head, sep, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year_words(year: int) -> str:
    """A year as said aloud: 2027 -> 'twenty twenty-seven', 2005 -> 'two thousand and five'."""
    if 2000 <= year < 2010 or year % 1000 == 0 or not 1100 <= year < 10000:
        return number_words(year)
    high, low = divmod(year, 100)
    if low == 0:
        return f"{number_words(high)} hundred"
    return f"{number_words(high)} {'oh ' if low < 10 else ''}{number_words(low)}"


def decimal_words(text: str) -> str:
    """A written number such as '1,500' or '37.5' in words."""
    whole, _, fraction = text.replace(",", "").partition(".")
    # British speech says "nought point five", keeping "zero" for a bare 0.
    words = "nought" if fraction and int(whole) == 0 else number_words(int(whole))
    if fraction:
        words += " point " + " ".join(_ONES[int(d)] for d in fraction)
    return words


def digit_group_words(group: str) -> str:
    """Digits read one by one, repeats in pairs: '7188' -> 'seven one double eight'."""
    words: list[str] = []
    i = 0
    while i < len(group):
        run = 1
        while i + run < len(group) and group[i + run] == group[i]:
            run += 1
        digit = _DIGIT[group[i]]
        # An odd run starts with a single digit: "444" is "four double four".
        words.extend([digit] * (run % 2) + [f"double {digit}"] * (run // 2))
        i += run
    return " ".join(words)


def phone_number_words(number: str) -> str:
    """A phone number read in its written groups: '0808 808 00 00' -> 'oh eight oh eight, ...'."""
    return ", ".join(digit_group_words(group) for group in number.split())


def _time_words(match: re.Match[str]) -> str:
    hour_text, minute_text, meridiem = match.group(1), match.group(2), match.group(3)
    if hour_text is None:
        hour_text, minute_text = match.group(4), match.group(5)
    hour, minute = int(hour_text), int(minute_text or 0)
    if hour > 23 or minute > 59:
        return match.group(0)
    if meridiem:
        part = (
            "in the morning"
            if meridiem.lower() == "a"
            else ("in the afternoon" if hour % 12 < 6 else "in the evening")
        )
    else:
        part = "in the morning" if hour < 12 else ("in the afternoon" if hour < 18 else "in the evening")
        hour = hour % 12 or 12
    clock = number_words(hour) + (
        " o'clock" if minute == 0 else f" {'oh ' if minute < 10 else ''}{number_words(minute)}"
    )
    if (hour, minute) == (12, 0) and not meridiem:
        return "midday" if part != "in the morning" else "midnight"
    return f"{clock} {part}"


def _date_words(day: int, month: int, year: str | None) -> str:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return f"{day}/{month}/{year}"
    words = f"the {ordinal_words(day)} of {_MONTHS[month - 1]}"
    return words + (f" {year_words(int(year))}" if year else "")


def _unit_words(match: re.Match[str]) -> str:
    amount, unit = match.group(1), match.group(2).lower()
    singular, plural = _UNITS[unit]
    return f"{decimal_words(amount)} {singular if amount == '1' else plural}"


def _url_words(match: re.Match[str]) -> str:
    host, path = match.group(1), match.group(2) or ""
    spoken = " dot ".join(host.split("."))
    if path.strip("/"):
        spoken += " slash " + " slash ".join(p for p in path.strip("/").split("/") if p)
    return spoken


def _strip_unspeakable(text: str) -> str:
    """Drop emoji and other symbols no engine can say; keep letters, digits and punctuation."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if char in _SYMBOLS:
            kept.append(_SYMBOLS[char])
        elif category[0] in "LNPZ" or char in "£%°\n":
            kept.append(char)
        elif category[0] == "S":
            kept.append(_SYMBOLS.get(char, " "))
    return "".join(kept)


_STEPS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (_URL, _url_words),
    (_PHONE, lambda m: phone_number_words(m.group(0)) + ","),
    (_EMERGENCY, lambda m: " ".join(_DIGIT[d] for d in m.group(1))),
    (_DATE_ISO, lambda m: _date_words(int(m.group(3)), int(m.group(2)), m.group(1))),
    (_DATE_NUMERIC, lambda m: _date_words(int(m.group(1)), int(m.group(2)), m.group(3))),
    (_TIMES, lambda m: f"{m.group(1)} times"),
    (_DATE_WORDS, lambda m: _date_words(int(m.group(1)), _MONTHS.index(m.group(2)) + 1, m.group(3))),
    (_TIME, _time_words),
    (
        _MONEY,
        lambda m: (
            f"{number_words(int(m.group(1)))} pound{'s' if m.group(1) != '1' else ''}"
            + (f" {number_words(int(m.group(2)))}" if m.group(2) and m.group(2) != "00" else "")
        ),
    ),
    (_RANGE, lambda m: f"{m.group(1)} to {m.group(2)}"),
    (_UNIT, _unit_words),
    (_ORDINAL, lambda m: ordinal_words(int(m.group(1)))),
    (_YEAR, lambda m: year_words(int(m.group(0)))),
    (_NUMBER, lambda m: decimal_words(m.group(0))),
)


def speakable(text: str) -> str:
    """Written answer -> words an engine can read aloud (numbers, units, symbols written out)."""
    spoken = text.replace("\u2019", "'").replace("\u2018", "'")
    # Quotation marks are read aloud by some engines ("say it more"); apostrophes inside words stay.
    spoken = re.sub(r"(?<!\w)'|'(?!\w)|[\"“”]", "", spoken)
    spoken = re.sub(r"(\d) ?(?=[½¼¾])", r"\1 and ", spoken)
    spoken = re.sub(r"(?<!and )½ a\b", "half a", spoken)
    for fraction, words in _FRACTIONS.items():
        spoken = re.sub(fraction, words, spoken)
    for abbreviation, words in _ABBREVIATIONS.items():
        spoken = re.sub(abbreviation, words, spoken)
    spoken = spoken.replace("°", "°").replace("º", "°")
    spoken = re.sub(r"(\d) ?degrees? (?:C|Celsius)\b", r"\1°c", spoken)
    for pattern, replace in _STEPS:
        spoken = pattern.sub(replace, spoken)
    spoken = re.sub(r"(?<=\w)/(?=\w)", " or ", _strip_unspeakable(spoken))
    spoken = re.sub(r"[ \t]+", " ", spoken)
    spoken = re.sub(r" ([,.;:!?])", r"\1", spoken)
    spoken = re.sub(r",([.;:!?,])", r"\1", spoken)
    return "\n".join(line.strip() for line in spoken.splitlines() if line.strip())


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+")


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[str]:
    """Sentences to synthesise one at a time; long ones are cut at clause breaks or word gaps."""
    sentences: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip()
        if not re.search(r"\w", sentence):
            continue
        sentences.extend(_cut_long(sentence, max_chars))
    return sentences


def _cut_long(sentence: str, max_chars: int) -> list[str]:
    """Cut a sentence longer than ``max_chars`` at commas first, then between words."""
    if len(sentence) <= max_chars:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for part in _CLAUSE_BREAK.split(sentence):
        for word in part.split(" ") if len(part) > max_chars else [part]:
            if current and len(current) + len(word) + 1 > max_chars:
                pieces.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
    if current:
        pieces.append(current)
    return pieces


def speech_sentences(text: str) -> list[str]:
    """A written answer as speakable sentences, ready for an engine."""
    return split_sentences(speakable(text))
