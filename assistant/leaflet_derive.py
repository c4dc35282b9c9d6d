"""Derive what a leaflet does not say outright: example questions, lay terms and flags.

Pure functions of a section's title and text. The questions are written the way a patient
would ask ("When can I go home?"), so the matcher has something to compare questions with.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter

_LOGGER = logging.getLogger(__name__)

MAX_ASKS = 8
STOPWORDS = frozenset("""a about above after again against all also am an and any are as at be
because been before being below between both but by can cannot could did do does doing down
during each few for from further had has have having he her here hers him his how i if in into
is it its itself just like may me might more most much must my no nor not now of off on once
only or other our out over own same she should so some such than that the their them then there
these they this those through to too under until up us usually very was we were what when where
which while who whom why will with would you your yours yourself sometimes often still many
several well need get got make made use used less lot lots one two three first next""".split())
# Words too general or too verb-like to be a topic's key word or part of a key phrase.
GENERIC = frozenset("""able people long always least sure called small given using uses makes
give gives take takes help helps reduce include includes remove removed puts put see talk tell
needs encourage encourages check start stop prevent redirects sends leaves spread spreads done
means depends shown improve protect replace keep show meet cope work grow drains following
possible around whether going back time times thing things ways way right important certain
types type usually normally really much part parts something anything everyone someone""".split())
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
# Lay words people say for the leaflet's words: leaflet word (a regex) -> what people say.
LAY_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"urine|catheter", ("pee", "wee", "weeing")),
    (r"vacuum\w*", ("hoover", "hoovering", "vacuum", "housework")),
    (r"abdomen|abdominal", ("tummy", "belly", "stomach")),
    (r"alcohol", ("drink", "drinking", "wine", "beer", "pint", "booze")),
    (r"incisions?|cuts?", ("cut", "scar", "scars")),
    (r"laparoscop\w*|keyhole", ("keyhole", "laparoscopic", "key hole")),
    (r"painkillers?|analgesia", ("pain relief", "tablets", "pills", "medicine", "paracetamol")),
    (r"wounds?", ("scar", "cut", "wound healing")),
    (r"stitches|staples", ("stitches", "staples", "sutures", "clips")),
    (r"lift\w*", ("lift", "lifting", "carry", "carrying", "heavy")),
    (r"laundry", ("washing", "washing basket")),
    (r"shopping", ("shopping bags", "shopping")),
    (r"driv\w+", ("drive", "driving", "car")),
    (r"chemotherapy", ("chemo",)),
    (r"intravenous|drip", ("drip", "IV", "line in my arm")),
    (r"nasogastric", ("tube in my nose", "nose tube")),
    (r"anaesthe\w+", ("anaesthetic", "put to sleep", "general anaesthetic")),
    (r"physiotherapist", ("physio",)),
    (r"smok\w+", ("smoke", "smoking", "cigarettes", "vaping")),
    (r"diet|eat\w*", ("food", "eating", "diet")),
    (r"(?:enough|some|plenty of|a) rest|tired\w*|fatigue", ("tired", "tiredness", "sleep", "rest")),
    (r"exercise|walks?", ("exercise", "walking", "walk", "activity")),
    (r"blood clots?", ("clot", "clots", "DVT")),
    (r"compression stockings|TED", ("stockings", "socks", "TED stockings")),
    (r"resection", ("removal", "operation", "liver surgery")),
    (r"transplant", ("new liver", "donor liver")),
    (r"support line|helpline", ("phone number", "helpline", "number to call")),
    (r"tumours?", ("lump", "growth", "tumour")),
    (r"infection", ("infected", "infection")),
    (r"outpatient|check-up", ("follow-up", "check-up", "appointment")),
    (r"gardening", ("garden", "gardening", "mowing")),
    (r"dressing", ("bandage", "plaster", "dressing")),
    (r"intensive care|high-dependency", ("ICU", "intensive care", "HDU")),
    (r"chest infection", ("cough", "chest infection")),
    (r"drain\w*", ("drain", "drains", "tubes")),
    (r"embolisation", ("embolization", "PVE")),
    (r"go home|going home|discharge\w*", ("discharge", "leave hospital", "go home")),
)
_GERUNDS = {"going": "go", "having": "have", "getting": "get", "moving": "move", "eating": "eat",
            "drinking": "drink", "driving": "drive", "taking": "take", "making": "make",
            "coming": "come", "looking": "look", "caring": "care", "living": "live",
            "using": "use", "managing": "manage", "coping": "cope", "preparing": "prepare",
            "recovering": "recover", "returning": "return", "sleeping": "sleep",
            "washing": "wash", "bathing": "bathe", "showering": "shower", "lifting": "lift",
            "exercising": "exercise", "travelling": "travel", "feeling": "feel",
            "working": "work", "stopping": "stop", "walking": "walk", "dealing": "deal",
            "talking": "talk", "finding": "find", "looking after": "look after",
            "planning": "plan", "smoking": "smoke", "staying": "stay", "being": "be"}
_WHEN_VERBS = {"go", "move", "eat", "drink", "drive", "lift", "exercise", "shower", "bathe",
               "wash", "work", "travel", "walk", "sleep", "return", "stop", "smoke"}
_HOW_VERBS = {"cope", "manage", "deal", "live", "prepare", "care", "look", "look after",
              "find", "get", "plan", "talk", "recover", "feel", "stay"}
_IMPERATIVES = {"get", "eat", "do", "take", "try", "keep", "make", "rest", "wear", "use",
                "drink", "ask", "call", "tell", "look", "have", "stay", "check", "go", "stop",
                "walk", "plan", "follow", "remember", "sleep", "wash", "avoid", "don't", "never"}
_TIME_WORDS = {"before", "after", "during", "while", "when", "at"}
_CALLED = re.compile(r"\b(?:is|are) (?:sometimes |also |usually )?called ((?:an? |the )?)"
                     r"([^.,;:]{3,60})", re.IGNORECASE)
_WILL_HAVE = re.compile(r"\byou (?:will|may|might|usually) (?:need|have|be given|be offered) "
                        r"((?:an? |some )?[a-z][a-z -]{2,40}?)(?= for| to| after| before| during|"
                        r" until| that| which| if| so| through| over| in| into| at|[.,;:(]|$)")
_AVOID = re.compile(r"\bavoid ([a-z]+ing)\b([a-z ]{0,30}?)(?=[.,;]| such| for| until| and|$)")
_NOT_TO = re.compile(r"\b(?:not to|do not|don't) (drink|lift|drive|smoke|eat|bath|bathe|swim|"
                     r"shower|fly|travel|work|exercise)\b([a-z ]{0,25}?)(?=[.,;]| for| until|$)")
_IN_FOR = re.compile(r"\byou will (?:be|stay) in ([a-z -]{3,40}?) for (?:about |around )?\d")
_TAKES = re.compile(r"^([A-Z][a-z]+(?: [a-z]+){0,3}) (?:is [a-z ]+? that |usually |normally )?"
                    r"takes (?:about |around )?\d")
_PHONE = re.compile(r"\b0\d{3} ?\d{3} ?\d{2} ?\d{2}\b|\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b|\b999\b|\b111\b")
_LINE_NAME = re.compile(r"\b(?:the )?((?:[A-Z][\w']+ )+(?:Support Line|Helpline|Line))\b")


def _my(text: str) -> str:
    """Turn the leaflet's "your"/"you" into the patient's "my"/"I"."""
    text = re.sub(r"\byour\b", "my", text, flags=re.IGNORECASE)
    return re.sub(r"\byou\b", "I", text, flags=re.IGNORECASE)


def _lower(text: str) -> str:
    first = text.split(None, 1)[0] if text else ""
    return text[0].lower() + text[1:] if first[1:].islower() else text


def _heading_forms(title: str) -> list[str]:
    """The heading without brackets, plus a form using the bracketed word instead."""
    match = re.search(r"\(([^)]+)\)", title)
    base = re.sub(r"\s*\([^)]*\)", "", title).strip()
    if not match:
        return [base]
    inner = match.group(1)
    before = title[: match.start()].split()
    if inner.isupper():
        return [base, inner]
    swapped = " ".join([*before[:-1], inner]) + title[match.end():]
    return [base, swapped.strip()]


def _verb_questions(base: str, rest: str, gerund: str) -> list[str]:
    phrase = f"{base} {rest}".strip()
    if base == "go":
        return [f"When can I {_my(phrase)}?", f"Tell me about {_my(gerund)}"]
    if base == "have" or base == "be":
        return [f"Will I {_my(phrase)}?", f"Tell me about {_my(gerund)}"]
    if base in _WHEN_VERBS:
        return [f"When can I start {_my(gerund)}?", f"Can I {_my(phrase)}?"]
    if base in _HOW_VERBS:
        return [f"How do I {_my(phrase)}?", f"Tell me about {_my(gerund)}"]
    return [f"Tell me about {_my(gerund)}", f"Should I {_my(phrase)}?"]


def _coordinated(rest: str) -> str:
    """ "and showering" -> "and shower", for headings such as "Washing and showering"."""
    words = rest.split()
    return " ".join(_GERUNDS.get(w.lower(), w) if i and words[i - 1] in ("and", "or") else w
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
        return [f"Tell me about {_my(text)}", f"What should I know about {_my(text)}?"]
    head = words
    for i, word in enumerate(words):
        if word in ("of", "for", "in", "after", "before", "with", "during") and i:
            head = words[:i]
            break
    plural = "and" in head or (head[-1].endswith("s") and not head[-1].endswith(("ss", "sis", "us")))
    return [f"Tell me about {_my(text)}", f"What {'are' if plural else 'is'} {_my(text)}?"]


def _form_questions(text: str) -> list[str]:
    """Questions for one form of a heading, chosen by how the heading starts."""
    words = text.split()
    first, rest = words[0].lower(), " ".join(words[1:])
    low = text.lower()
    if low.endswith("?"):
        return _question_forms(text[0].upper() + text[1:])
    if first in _GERUNDS:
        return _verb_questions(_GERUNDS[first], _coordinated(rest), text)
    if low.startswith(("do not ", "don't ", "never ")):
        action = re.sub(r"^(do not|don't|never) ", "", text, flags=re.IGNORECASE)
        return [f"Can I {_my(action)}?", f"Is it OK to {_my(action)}?"]
    if first == "avoid":
        verb = _GERUNDS.get(words[1].lower()) if len(words) > 1 else None
        action = f"{verb} {' '.join(words[2:])}".strip() if verb else f"do {rest}"
        return [f"Can I {_my(action)}?", f"When can I {_my(action)} again?"]
    if first in _IMPERATIVES:
        return [f"Should I {_my(text)}?", f"Do I need to {_my(text)}?"]
    if first in ("when", "how", "what", "where", "who") and rest.startswith("to "):
        return [f"{first.capitalize()} should I {_my(rest[3:])}?", f"Tell me {_my(text)}"]
    if first == "how" and rest.startswith("we "):
        return [f"How do you {_my(rest[3:])}?", f"Tell me {_my(text)}"]
    if first in _TIME_WORDS:
        return [f"What happens {_my(text)}?", f"What should I do {_my(text)}?"]
    if first == "about":
        return [f"Tell me about {_my(rest)}", f"What is {_my(rest)}?"]
    if first == "your":
        return [f"Tell me about {_my(text)}", f"What should I know about {_my(text)}?"]
    return _noun_questions(text)


def heading_questions(title: str) -> list[str]:
    """Questions a patient might ask that the heading answers ("Going home" -> "When can I go home?")."""
    asks: list[str] = []
    for form in _heading_forms(title):
        if form.split():
            asks += _form_questions(_lower(form))
    for pattern, questions in TOPIC_QUESTIONS:
        if re.search(rf"\b(?:{pattern})\b", title, re.IGNORECASE):
            asks += questions
    return asks


def text_questions(text: str) -> list[str]:
    """Questions the section's sentences answer: names explained, things to avoid, numbers."""
    asks: list[str] = []
    for article, called in _CALLED.findall(text):
        name = re.sub(r"\s*\([^)]*\)", "", called).strip()
        if 0 < len(name.split()) <= 5:
            asks.append(f"What is {article.lower()}{name}?")
    for verb, rest in _AVOID.findall(text):
        base = _GERUNDS.get(verb)
        action = f"{base}{rest}" if base else f"do {verb}{rest}"
        asks.append(f"When can I {_my(action.strip())} again?")
    for verb, rest in _NOT_TO.findall(text):
        asks.append(f"Can I {_my((verb + rest).strip())}?")
    for thing in _WILL_HAVE.findall(text):
        if "following" not in thing and len(thing.split()) <= 5:
            asks.append(f"Will I have {_my(thing.strip())}?")
    for place in _IN_FOR.findall(text):
        asks.append(f"How long will I be in {place}?")
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        takes = _TAKES.match(sentence)
        subject = takes.group(1).split()[0].lower() if takes else "this"
        if takes and subject not in ("this", "it", "that", "there", "these", "they", "you"):
            asks.append(f"How long does {_lower(takes.group(1))} take?")
    if _PHONE.search(text):
        line = _LINE_NAME.search(text)
        asks.append(f"What is the number for the {line.group(1)}?" if line
                    else "What number can I call?")
    return asks


def derive_asks(title: str, text: str) -> list[str]:
    """At least two example questions for a section, most specific first, without repeats."""
    seen: set[str] = set()
    asks: list[str] = []
    for ask in [*heading_questions(title), *text_questions(text)]:
        ask = re.sub(r"\s+", " ", ask).strip()
        ask = ask[0].upper() + ask[1:]
        key = ask.lower().rstrip("?")
        if key not in seen:
            seen.add(key)
            asks.append(ask)
    fallback = [f"Tell me about {_lower(title)}", f"What does the leaflet say about {_lower(title)}?"]
    for ask in fallback:
        if len(asks) >= 2:
            break
        if ask.lower().rstrip("?") not in seen:
            asks.append(ask)
    return asks[:MAX_ASKS]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*[a-z]", text.lower())


def _key_phrases(text: str, counts: Counter[str]) -> list[str]:
    """Two-word phrases of key words ("compression stockings"), not verbs or filler."""
    phrases = []
    for sentence in re.split(r"[.,;:()]", text.lower()):
        words = sentence.split()
        for a, b in zip(words, words[1:], strict=False):
            if not (a.isalpha() and b.isalpha() and len(a) > 2 and len(b) > 2):
                continue
            if {a, b} & (STOPWORDS | GENERIC) or counts.get(a, 0) + counts.get(b, 0) < 3:
                continue
            phrases.append(f"{a} {b}")
    return phrases


def document_frequencies(texts: list[str]) -> Counter[str]:
    """In how many of the texts each word appears, for weighting a section's key words."""
    doc_freq: Counter[str] = Counter()
    for text in texts:
        doc_freq.update(set(_words(text)))
    return doc_freq


def derive_terms(title: str, text: str, doc_freq: Counter[str], n_docs: int) -> list[str]:
    """Words and phrases people use for this section: key words, acronyms and lay synonyms."""
    terms: list[str] = []
    for word in _words(" ".join(_heading_forms(title))):
        if word not in STOPWORDS and len(word) > 2:
            terms.append(word)
    terms += re.findall(r"\b[A-Z]{2,5}\b", f"{title} {text}")
    counts = Counter(w for w in _words(text) if w not in STOPWORDS | GENERIC and len(w) > 3)
    n = max(n_docs, 1)
    top = sorted(counts, key=lambda w: -counts[w] * math.log((n + 1) / (doc_freq[w] or 1)))[:8]
    terms += top
    terms += _key_phrases(text, counts)
    # Lay words only for what the section is about, not for a word mentioned in passing.
    focus = f"{title} {' '.join(top)}"
    for pattern, lay in LAY_TERMS:
        regex = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
        if regex.search(focus) or len(regex.findall(text)) >= 2:
            terms += lay
    seen: set[str] = set()
    unique = []
    for term in terms:
        if term.lower() not in seen:
            seen.add(term.lower())
            unique.append(term)
    return unique[:30]
