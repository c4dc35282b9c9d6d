"""Example questions from a section's sentences: what a patient would ask that a sentence answers.

"You will be given compression stockings to wear." becomes "Will I be given compression
stockings to wear?"; the sentence after it, "This is to prevent blood clots.", adds "What are
compression stockings for?". Pure functions of text.
"""

from __future__ import annotations

import re

MAX_QUESTION_WORDS = 18
_OBJECT_YOU = re.compile(
    r"\b(to|help|helps|give|gives|given|tell|show|encourage|for|with|ask|let|get|check|see|meet|"
    r"support|monitor|advise|contact|about|into|on|at|from|remind|take|call|offer|offers|send|"
    r"put|keep|allow|make|want|invite|visit|treat|told|asked|than)\s+you\b", re.IGNORECASE)
_SUBJECT = (r"(?P<subj>they|(?:your|the|a|an) [a-z-]+(?: (?:or|and) [a-z-]+)?(?: [a-z-]+)?|"
            r"nurses|doctors|surgeons|(?:most |some |many )?people)")
_PRESENT = re.compile(r"^(?P<subj>they|it|(?:most |some |many )?people|(?:the|your) [a-z-]+) (?:usually |sometimes |often |also |normally )?"
                      r"(?P<verb>[a-z]+) (?P<rest>.+)$", re.IGNORECASE)
_NOT_VERBS = frozenset("will can may might should must is are was were had do does did not also "
                       "who which that".split())
_OTHERS = re.compile(rf"^{_SUBJECT} (?P<aux>will|can|may|might|should) (?:usually |also |often |"
                     r"normally |then )?(?P<rest>.+)$", re.IGNORECASE)
_YOU = re.compile(r"^you (?P<aux>will|can|may|might|should|must|usually|often|also|only|"
                  r"need to|have to|do not need to|don't need to|cannot|can't|have|get|need|feel)\b (?:usually |also |"
                  r"often |only |normally |then )?(?P<rest>.+)$", re.IGNORECASE)
_THERE = re.compile(r"^(?P<subj>there|it) (?P<aux>is|are|may be|can be|might be) (?P<rest>.+)$",
                    re.IGNORECASE)
_PURPOSE = re.compile(r"^(?:this|these|it|they) (?:is|are|will|can|helps?|gives?|means?)\b.*?"
                      r"\b(?:to|because|so|help|helps|gives?)\b", re.IGNORECASE)
_THING = re.compile(r"\b(?:given|have|wear|need|be given|had) ((?:special |some |a |an )?"
                    r"[a-z-]+(?: [a-z-]+)?)(?= to| for| during| after| before| until| that|$)",
                    re.IGNORECASE)
_TELL = re.compile(r"^(?:always )?(tell|call|contact|ask) (?:your|the) [a-z ,-]+? (?:if|when) "
                   r"(.+)$", re.IGNORECASE)
# The condition first: "If you think you might need help when you go home, tell the nurses as soon
# as possible." is asked as "Who do I tell if I think I might need help when I go home?".
_IF_TELL = re.compile(r"^if (.+?), (tell|call|contact|ask) (?:your|the|a) [a-z ,-]+?"
                      r"(?: as soon as (?:possible|you can)| straight away| right away| first)?\.?$", re.IGNORECASE)
# "Talk to your cancer doctor about whether surgery may be helpful for you." is asked "who should I ask
# whether the operation would help?" (blind sets, 11 times imported: the answer was everything but).
_TALK_ABOUT = re.compile(r"^(?:talk|speak) to (?:your|the) [a-z ]+? about (whether|if) (.+)$", re.IGNORECASE)
_DONE_BY = re.compile(r"^(?:it|this|the operation|the surgery) is (?:usually )?(?:done|carried out|"
                      r"performed) by ", re.IGNORECASE)
# "Only a small number of people can have surgery" answers "Can everyone have surgery?" and "How many
# people can have it?", which no inversion of the sentence asks.
_FEW_CAN = re.compile(r"^(?:only )?(?:a (?:very )?small (?:number|minority|proportion) of|a few|very few|not many|"
                      r"not all|few) (?:people|patients)(?: with [a-z ]+?)? (?:can|are able to) (?P<rest>.+)$",
                      re.IGNORECASE)
# "Some people take longer than others to recover" answers the worried comparison a patient or carer
# makes ("he's slower than his brother was", "her friend was up and about quicker", blind sets AP and
# AQ), which the sentence turned round ("Do some people take longer ...?") does not meet.
_SLOWER_THAN_OTHERS = re.compile(r"^(?:some|many) (?:people|patients) (?:may |can |will )?take longer than "
                                 r"(?:others|other people) to (?P<rest>[a-z ]+)$", re.IGNORECASE)
_IT_TAKES = re.compile(r"^it (?:may|can|will|usually|might|could) take (?:up to |about |around )?"
                       r"[\w ]+? ((?:before|to|until) .+)$", re.IGNORECASE)
_ADVANTAGE = re.compile(r"^the (?:main |biggest )?((?:dis)?advantage|benefit|risk)(s?) of "
                        r"([a-z ]{3,40}?) (?:is|are)\b", re.IGNORECASE)
_COPULA = re.compile(r"^([A-Z][a-z-]+(?: [a-z-]+){0,3}) (is|are) ((?:a|an|the|not|usually|"
                     r"most) .+)$")
_THIS = re.compile(r"\bthis (?:type of |kind of )?(?:operation|surgery|treatment|procedure)\b",
                   re.IGNORECASE)
_DURATION = re.compile(r"\s*\bfor (?:about |around |at least |up to |a |the |only )*(?:\d+|few|"
                       r"several|couple|first few|short)\b[^.;]*?\b(?:hours?|days?|weeks?|"
                       r"months?|time)\b.*$", re.IGNORECASE)
_WHEN = re.compile(r"\s*\b(?:the day after|the day before|on the morning of|the morning of|"
                   r"(?:about |around )?\d+(?: to \d+)? (?:hours?|days?|weeks?|months?) "
                   r"(?:after|before)|after (?:about )?\d+ (?:hours?|days?|weeks?)|a few days "
                   r"before|a few weeks before|within \d+)\b.*$", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\b(?:on )?the (?:morning|afternoon|evening|night) (?:of|before)\b", re.IGNORECASE)
_CALLED = re.compile(r"\b(?:is|are) (?:sometimes |also |usually )?called ((?:an? |the )?)"
                     r"([^.,;:]{3,60})", re.IGNORECASE)
_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_NAMED_THING = re.compile(r"^(?:this|the) ([a-z]+(?: [a-z]+)?) (?:is|are) (?:sometimes |also |usually )?called\b",
                          re.IGNORECASE)
# A sentence's named subject ("Liver resection ..."), not an adverb or a pronoun.
_NAMED_SUBJECT = r"^(?!(?:sometimes|usually|often|also|this|it|they) )([A-Z][a-z-]+(?: [a-z-]+){0,3}) "
_USED_FOR = re.compile(_NAMED_SUBJECT + r"(?:is|are) (?:most |more )?(?:commonly |usually |often |mainly |mostly )?"
                       r"used (?:to|for) ", re.IGNORECASE)
_NOT_POSSIBLE = re.compile(_NAMED_SUBJECT + r"(?:may|might|will) not be (?:possible|suitable|an option)"
                           r"(?: for you)? (?:if|when|for)\b", re.IGNORECASE)
# "This usually takes about 4 to 6 weeks." after "The remaining liver can grow bigger."
_THIS_TAKES = re.compile(r"^(?:this|it) (?:usually |normally |often |can |may )?takes? (?:about |around |up to )?"
                         r"(?:\d|a |an |one |two |three |several |a few )", re.IGNORECASE)
# "It" as the subject or object of a question about a thing: "Does it drain urine into a bag?",
# "How long will I need it?".
_IT_THING = re.compile(r"^(?:does|is|will|can|could) it\b|\b(?:need|have|use|wear|keep|remove|take out) it\b",
                       re.IGNORECASE)
# The things "they" or "these" stand for: a plural subject ("The nurses will ...") or what "you
# will have" ("You will have tests to ...").
_PLURAL_NAMED = re.compile(r"^(?:the |your |some )?(?P<subj>[a-z]+s) (?:will|can|may|might|usually|often|should)\b|"
                           r"^you (?:will |usually |may |might )*(?:have|need|get) (?:some )?(?P<obj>[a-z]+s)\b",
                           re.IGNORECASE)
_THEY = re.compile(r"\b(Will|Do|Can|Could|Are|will|do|can|could|are) they\b|\b(have|need|get) these\b")
IT_REACH = 3
"""Sentences after a thing is named in which "it" is taken to be that thing."""
# "They can do this in your own home" after "a nurse may need to remove your stitches": the deed.
_DO_THIS = re.compile(r"\bdo (?:this|that)\b", re.IGNORECASE)
_DEED_LEAD = re.compile(r"^(?:need to|have to|be able to|want to|also) ", re.IGNORECASE)
_WHILE_THIS = re.compile(r"\bwhile (?:this|that) (?:happens|is happening|is going on)\b", re.IGNORECASE)
_AVOID = re.compile(r"\bavoid ([a-z]+ing)\b([a-z ]{0,30}?)(?=[.,;]| such| for| until| and|$)")
# The examples a thing to avoid is given: "avoid lifting heavy loads, such as shopping or laundry".
_AVOID_SUCH_AS = re.compile(r"\bavoid\b[a-z ,]{0,40}?\bsuch as ((?:[a-z]+ ?){1,3}(?:, (?:[a-z]+ ?){1,3})*(?: (?:and|or) (?:[a-z]+ ?){1,3}))",
                            re.IGNORECASE)
_NOT_TO = re.compile(r"\b(?:not to|do not|don't) (drink|lift|drive|smoke|eat|bath|bathe|swim|"
                     r"shower|fly|travel|work|exercise)\b([a-z ]{0,25}?)(?=[.,;]| for| until|$)")
_TAKES = re.compile(r"^([A-Z][a-z]+(?: [a-z]+){0,3}) (?:is [a-z ]+? that |usually |normally )?"
                    r"takes (?:about |around )?\d")
_PHONE = re.compile(r"\b0\d{3} ?\d{3} ?\d{2} ?\d{2}\b|\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b|\b999\b|"
                    r"\b111\b")
_LINE_NAME = re.compile(r"\b(?:the )?((?:[A-Z][\w']+ )+(?:Support Line|Helpline|Line))\b")
GERUNDS = {"going": "go", "having": "have", "getting": "get", "moving": "move", "eating": "eat",
           "drinking": "drink", "driving": "drive", "taking": "take", "making": "make",
           "coming": "come", "looking": "look", "caring": "care", "living": "live",
           "using": "use", "managing": "manage", "coping": "cope", "preparing": "prepare",
           "recovering": "recover", "returning": "return", "sleeping": "sleep",
           "washing": "wash", "bathing": "bathe", "showering": "shower", "lifting": "lift",
           "exercising": "exercise", "travelling": "travel", "feeling": "feel",
           "working": "work", "stopping": "stop", "walking": "walk", "dealing": "deal",
           "talking": "talk", "finding": "find", "planning": "plan", "smoking": "smoke",
           "staying": "stay", "being": "be", "carrying": "carry", "vacuuming": "do vacuuming"}


def patient_voice(text: str) -> str:
    """Turn the leaflet's "you"/"your" into the patient's "I"/"me"/"my"."""
    text = re.sub(r"\byou are\b", "I am", text, flags=re.IGNORECASE)
    text = re.sub(r"\byou were\b", "I was", text, flags=re.IGNORECASE)
    text = re.sub(r"\byourself\b", "myself", text, flags=re.IGNORECASE)
    text = _OBJECT_YOU.sub(lambda m: f"{m.group(1)} me", text)
    text = re.sub(r"\byour\b", "my", text, flags=re.IGNORECASE)
    return re.sub(r"\byou\b", "I", text, flags=re.IGNORECASE)


def lower_word(text: str) -> str:
    """Lower-case the first letter unless the first word is a name or acronym."""
    first = text.split(None, 1)[0] if text else ""
    return text[0].lower() + text[1:] if first[1:].islower() else text


def heading_forms(title: str) -> list[str]:
    """The heading without brackets, plus a form using the bracketed word instead."""
    match = re.search(r"\(([^)]+)\)", title)
    base = re.sub(r"\s*\([^)]*\)", "", title).strip()
    if not match:
        return [base]
    inner = match.group(1)
    if inner.isupper():
        return [base, inner]
    before = title[: match.start()].split()
    return [base, (" ".join([*before[:-1], inner]) + title[match.end():]).strip()]


def _bare(sentence: str) -> str:
    """A sentence without brackets, final punctuation, a leading "So", "This means" or a short
    opening phrase of time or place ("For the first few days, ...")."""
    text = re.sub(r"\s*\([^)]*\)", "", sentence).strip().rstrip(".!?:;")
    text = re.sub(r"^(?:so|and|but|also|if not|otherwise|this means(?: that)?|(?:this|that) is because),? ", "", text,
                  flags=re.IGNORECASE)
    return re.sub(r"^(?:in|for|after|during|at|before|while|once|when|sometimes|usually|often)\b"
                  r"[^,]{0,40}, ", "",
                  text, flags=re.IGNORECASE)


def _short(question: str) -> str | None:
    """Trim a question to its first clause when long; None when it cannot be kept short."""
    words = question.rstrip("?").split()
    if len(words) > MAX_QUESTION_WORDS and "," in question:
        question = question.split(",")[0].rstrip() + "?"
        words = question.rstrip("?").split()
    return question if 3 <= len(words) <= MAX_QUESTION_WORDS else None


def _invert_you(text: str) -> str | None:
    you = _YOU.match(text)
    if not you:
        return None
    aux = you.group("aux").lower().replace("'", "")
    lead = {"can": "Can I", "cannot": "Can I", "cant": "Can I", "should": "Should I",
            "must": "Do I need to", "need to": "Do I need to", "have to": "Do I need to",
            "do not need to": "Do I need to", "dont need to": "Do I need to",
            "have": "Will I have", "get": "Will I get", "need": "Will I need",
            "feel": "Will I feel"}.get(aux, "Will I")
    return f"{lead} {patient_voice(you.group('rest'))}?"


def _invert_others(text: str) -> str | None:
    others = _OTHERS.match(text)
    if not others:
        return None
    aux = {"may": "will", "might": "will"}.get(others.group("aux").lower(), others.group("aux"))
    subject = patient_voice(lower_word(others.group("subj")))
    return f"{aux.capitalize()} {subject} {patient_voice(others.group('rest'))}?"


def _invert_there(text: str) -> str | None:
    there = _THERE.match(text)
    if not there:
        return None
    aux = there.group("aux").lower().split()
    subject = there.group("subj").lower()
    lead = f"Could {subject} be" if len(aux) > 1 else f"{aux[0].capitalize()} {subject}"
    rest = re.sub(r"^not (?:usually |always )?", "", there.group("rest"))
    return f"{lead} {patient_voice(rest)}?"


def _invert_other_forms(text: str) -> str | None:
    """Instructions, "it may take ...", "the advantage of ..." and "X is Y" statements. ("It is done
    by ..." is asked in ``sentence_questions``.)"""
    tell = _TELL.match(text)
    if tell:
        return f"Who do I {tell.group(1).lower()} if {patient_voice(tell.group(2))}?"
    told = _IF_TELL.match(text)
    if told:
        return f"Who do I {told.group(2).lower()} if {patient_voice(told.group(1))}?"
    takes = _IT_TAKES.match(text)
    if takes:
        return f"How long will it take {patient_voice(takes.group(1))}?"
    gain = _ADVANTAGE.match(text)
    if gain:
        verb = "are" if gain.group(2) else "is"
        return f"What {verb} the {gain.group(1).lower()}{gain.group(2)} of {gain.group(3)}?"
    copula = _COPULA.match(text)
    if copula and copula.group(1).split()[0].lower() not in ("this", "that", "these", "it"):
        return f"{copula.group(2).capitalize()} {lower_word(copula.group(1))} {copula.group(3)}?"
    return None


def _invert_present(text: str) -> str | None:
    """ "The surgeon makes small cuts" -> "Does the surgeon make small cuts?"."""
    present = _PRESENT.match(text)
    if not present or present.group("verb").lower() in _NOT_VERBS:
        return None
    subject, verb = lower_word(present.group("subj")), present.group("verb").lower()
    plural = subject == "they" or subject.endswith("people") or subject.endswith("s")
    if not plural:
        if not verb.endswith("s") or verb.endswith("ss"):
            return None
        verb = "have" if verb == "has" else (
            verb[:-2] if verb.endswith(("shes", "ches", "sses", "xes", "oes")) else verb[:-1])
    lead = "Do" if plural else "Does"
    # The verb goes with the rest so "gives you fluids" becomes "give me fluids", not "give I".
    return f"{lead} {patient_voice(subject)} {patient_voice(verb + ' ' + present.group('rest'))}?"


def invert(sentence: str) -> str | None:
    """A question from a statement: "You will need painkillers" -> "Will I need painkillers?"."""
    text = _bare(sentence)
    for form in (_invert_you, _invert_others, _invert_there, _invert_other_forms,
                 _invert_present):
        question = form(text)
        if question:
            return _short(question)
    return None


def _follow_ups(sentence: str, question: str) -> list[str]:
    """"How long ...?" and "When ...?" forms of a question whose sentence gives a time."""
    asks = []
    body = question[0].lower() + question[1:].rstrip("?")
    if question.startswith(("Will ", "Can ", "Do ")):
        for pattern, word in ((_DURATION, "How long"), (_WHEN, "When")):
            if pattern.search(_bare(sentence)):
                trimmed = pattern.sub("", body).strip()
                trimmed = re.sub(r"^can ", "will ", re.sub(r"\bonly ", "", trimmed))
                if len(trimmed.split()) >= 3:
                    asks.append(f"{word} {trimmed}?")
                    # "On the morning of your operation" answers "what time ... on the day?" too.
                    if word == "When" and _TIME_OF_DAY.search(_bare(sentence)):
                        asks.append(f"What time {trimmed} on the day?")
    return asks


_NEED = re.compile(r"^Will I (need|have) (.+)\?$")


def once_home_questions(asks: list[str]) -> list[str]:
    """For a section about going home: "Will I need painkillers for a few weeks after surgery?" ->
    "Will I still need painkillers once I am home?", "How long will I need painkillers at home?".
    Without them the question went to the section on pain in hospital (15 times across the blind
    sets, imported)."""
    found = []
    for ask in asks:
        need = _NEED.match(ask)
        if need and _DURATION.search(need.group(2)):
            verb, thing = need.group(1), _DURATION.sub("", need.group(2)).strip()
            found += [f"Will I still {verb} {thing} once I am home?", f"How long will I {verb} {thing} at home?"]
    return found


def sentence_questions(sentences: list[str], topic: str | None = None) -> list[str]:
    """Questions answered by each sentence, with "why"/"what for" from purpose sentences.

    "This operation" / "this type of surgery" in a question becomes ``topic`` (the
    section's subject, when its heading names one).
    """
    if topic:
        sentences = [_THIS.sub(topic, s) for s in sentences]
    asks: list[str] = []
    previous: tuple[str, str] | None = None
    previous_sentence = ""
    event = ""  # the last thing a sentence said can happen: "the remaining liver to grow bigger"
    it_is, since = (f"the {topic}" if topic else ""), 0  # what "it" is: the thing named last, or the section's
    plural_before = ""  # what "they" / "these" are: the plural the sentence just before named
    deed = ""  # what "do this" is: the action the sentence just before said someone may do
    for sentence in sentences:
        bare = _bare(sentence)
        if previous and _PURPOSE.match(sentence):
            before, question = previous
            if question.startswith("Will I "):
                asks.append("Why would I " + question[len("Will I "):])
            thing = _THING.search(_bare(before))
            if thing:
                name = re.sub(r"^(?:some|a|an) ", "", thing.group(1))
                verb = "are" if name.endswith("s") else "is"
                asks.append(f"What {verb} {patient_voice(name)} for?")
        took = _how_long_after(previous_sentence, sentence)
        if took:
            asks.append(took)
        previous_sentence = sentence
        if _DONE_BY.match(bare):  # "It is done by a specialist liver surgeon."
            asks += ["Who does the operation?", "What kind of surgeon does the operation?"]
        asks += _few_can_questions(bare) + _slower_than_others_questions(bare) + _who_to_ask_questions(bare)
        called = _CALLED.search(sentence)
        if called and len(called.group(2).split()) <= 4:
            name = re.sub(r"\s*\([^)]*\)", "", called.group(2)).strip().lower()
            it_is, since = f"the {name}", 0
        since += 1
        inverted = invert(sentence)
        if inverted:
            own = [inverted, *_follow_ups(sentence, inverted)]
            asks += own
            # Not "It is called X" itself: that would ask "Is X called X?".
            asks += _referents_named(own, it_is if since <= IT_REACH and not called else "", plural_before, event)
            if deed and _DO_THIS.search(inverted):
                asks.append(_DO_THIS.sub(deed, inverted, count=1))
        plural_before = _plural_named(bare)
        others = _OTHERS.match(bare)
        deed = _deed(others)
        if others:
            rest = re.split(r"\b(?:and|but|so|because)\b|,", others.group("rest"))[0].strip()
            event = f"{patient_voice(lower_word(others.group('subj')))} to {patient_voice(rest)}"
        previous = (sentence, inverted) if inverted else None
    return asks


def _referents_named(own: list[str], it_is: str, they_are: str, event: str) -> list[str]:
    """A sentence's questions again, saying what their "it", "they" or "while this happens" stands for.

    "It drains urine into a bag." after "This is called a catheter." -> "Does the catheter drain
    urine into a bag?"; "They will usually help you get out of bed" after "The nurses will
    encourage you..." -> "Will the nurses help me get out of bed?"; "You do not need to be in
    hospital while this happens." -> "... while waiting for the remaining liver to grow bigger?".
    ``own``: the sentence's question first, then its follow-ups; an empty referent is not named.
    """
    named = [re.sub(r"\bit\b", it_is, ask, count=1) for ask in own if it_is and _IT_THING.search(ask)]
    named += [_THEY.sub(rf"\1\2 {they_are}", ask) for ask in own if they_are and _THEY.search(ask)]
    if event and _WHILE_THIS.search(own[0]):
        named.append(_WHILE_THIS.sub(f"while waiting for {event}", own[0]))
    return named


def _few_can_questions(bare: str) -> list[str]:
    """ "Only a small number of people can have surgery for X" -> "Can everyone have surgery for X?",
    "How many people can ...?", "Who can ...?", and, shorter, "Can everyone have surgery?", "Is surgery common?"."""
    few = _FEW_CAN.match(bare)
    if not few:
        return []
    rest = patient_voice(few.group("rest"))
    asks = [f"Can everyone {rest}?", f"How many people can {rest}?", f"Who can {rest}?"]
    short = re.split(r" (?:for|with|in|after|because) ", rest)[0]  # "have surgery"
    if short != rest:
        asks += [f"Can everyone {short}?", f"Is {short.split(' ', 1)[-1]} common?"]
    if "surgery" in short.split():
        # "Do they operate on everyone?", "not everybody can have this operation" (blind sets AT and AU).
        asks += [f"Can everyone {short.replace('surgery', 'the operation')}?", "Do they operate on everyone?"]
    return asks


def _slower_than_others_questions(bare: str) -> list[str]:
    """ "Some people take longer than others to recover" -> "Why am I slower to recover than other
    people?", "Is it normal to take longer to recover than someone else did?"."""
    slower = _SLOWER_THAN_OTHERS.match(bare)
    if not slower:
        return []
    rest = patient_voice(slower.group("rest").strip())
    return [f"Why am I slower to {rest} than other people?",
            f"Is it normal to take longer to {rest} than someone else did?",
            f"Is it bad to be slower than other people to {rest}?"]


def _who_to_ask_questions(bare: str) -> list[str]:
    """ "Talk to your cancer doctor about whether surgery may be helpful for you" -> "Who do I ask
    whether surgery may be helpful for me?", "Who can tell me if ...?", "Who decides if ...?"."""
    talk = _TALK_ABOUT.match(bare)
    if not talk:
        return []
    rest = patient_voice(talk.group(2))
    return [f"Who should I talk to about whether {rest}?", f"Who do I ask whether {rest}?",
            f"Who can tell me if {rest}?", f"Who decides if {rest}?"]


def _deed(others: re.Match[str] | None) -> str:
    """What a sentence (matched by ``_OTHERS``) says someone will or may do, for a "do this" after it:
    "A nurse may need to remove your stitches or staples after 10 days." -> "remove my stitches or staples"."""
    if not others:
        return ""
    rest = _DEED_LEAD.sub("", others.group("rest"))
    rest = _DURATION.sub("", _WHEN.sub("", rest)).strip(" ,")
    return patient_voice(rest) if 1 < len(rest.split()) <= 8 else ""


def _plural_named(bare: str) -> str:
    """The things a sentence names that the next one may call "they" or "these": "the nurses"."""
    plural = _PLURAL_NAMED.match(bare)
    word = (plural.group("subj") or plural.group("obj")).lower() if plural else ""
    return f"the {word}" if word and word not in ("this", "its", "is", "was") else ""


def _how_long_after(before: str, sentence: str) -> str | None:
    """ "The remaining liver can grow bigger." + "This usually takes about 4 to 6 weeks." ->
    "How long does it take for the remaining liver to grow bigger?"."""
    if not before or not _THIS_TAKES.match(sentence):
        return None
    others = _OTHERS.match(_bare(before))
    if not others:
        return None
    return _short(f"How long does it take for {patient_voice(lower_word(others.group('subj')))} to "
                  f"{patient_voice(others.group('rest'))}?")


def _what_it_is_questions(sentence: str) -> list[str]:
    """What a thing is called, what it is used for, and when it cannot be done."""
    asks = []
    named = _NAMED_THING.match(sentence)
    if named:
        asks.append(f"What is the {named.group(1).lower()} called?")
    used = _USED_FOR.match(sentence)
    if used:
        asks.append(f"What is {lower_word(used.group(1))} used for?")
    impossible = _NOT_POSSIBLE.match(sentence)
    if impossible:
        thing = lower_word(impossible.group(1))
        asks += [f"When is {thing} not possible?", f"Why might I not be able to have {thing}?"]
    return asks


def named_questions(text: str) -> list[str]:
    """Questions about names the text explains, things to avoid, lengths of time and numbers."""
    asks: list[str] = []
    for article, called in _CALLED.findall(text):
        name = re.sub(r"\s*\([^)]*\)", "", called).strip()
        if 0 < len(name.split()) <= 5:
            asks.append(f"What is {article.lower()}{name}?")
    sentences = re.split(r"(?<=[.!?])\s+", text)
    for sentence in sentences:
        asks += _what_it_is_questions(sentence)
    for acronym in dict.fromkeys(_ACRONYM.findall(text)):
        asks += [f"What is {acronym}?", f"What does {acronym} mean?"]
    for verb, rest in _AVOID.findall(text):
        base = GERUNDS.get(verb)
        action = f"{base}{rest}" if base else f"do {verb}{rest}"
        asks.append(f"When can I {patient_voice(action.strip())} again?")
    for items in _AVOID_SUCH_AS.findall(text):
        # Each example on its own, as a patient asks: "When can I do the laundry again?"
        for item in re.split(r", | and | or ", items.strip()):
            if 0 < len(item.split()) <= 3:
                asks.append(f"When can I do the {item.strip().lower()} again?")
    for verb, rest in _NOT_TO.findall(text):
        asks.append(f"Can I {patient_voice((verb + rest).strip())}?")
    for sentence in sentences:
        takes = _TAKES.match(sentence)
        subject = takes.group(1).split()[0].lower() if takes else "this"
        if takes and subject not in ("this", "it", "that", "there", "these", "they", "you"):
            asks.append(f"How long does {lower_word(takes.group(1))} take?")
    if _PHONE.search(text):
        line = _LINE_NAME.search(text)
        asks.append(f"What is the number for the {line.group(1)}?" if line
                    else "What number can I call?")
    return asks


_TIMED_ITEM = re.compile(r"^(?:about |around |up to |usually )?\d+(?: to \d+)? (?:hours?|days?|weeks?|months?) "
                         r"after (?P<what>[a-z -]+?)(?: for (?P<which>[a-z -]+?))?(?:,.*)?\.?$", re.IGNORECASE)
_HOME = re.compile(r"\b(?:go(?:ing)? home|leave hospital|in hospital|discharged)\b", re.IGNORECASE)


def timed_item_questions(sentences: list[str]) -> list[str]:
    """Questions for each case of a timed list: "Most people can go home from hospital: 2 to 3 days
    after keyhole surgery for a smaller liver resection; 5 to 7 days after open surgery." gives
    "How long will I be in hospital after keyhole surgery for a smaller liver resection?" and
    "When can I go home after open surgery?", so a question about one case finds this list and not
    the section that explains keyhole surgery."""
    asks: list[str] = []
    for sentence in sentences:
        lead, colon, items = sentence.partition(":")
        if not colon:
            continue
        for item in items.split(";"):
            match = _TIMED_ITEM.match(item.strip())
            if not match:
                continue
            case = match.group("what") + (f" for {match.group('which')}" if match.group("which") else "")
            if _HOME.search(lead):
                asks += [f"How long will I be in hospital after {case}?",
                         f"When can I go home after {match.group('what')}?"]
            else:
                asks.append(f"How long after {case}?")
    return asks
