"""Text normalisation shared by the matcher, the command parser and the safety check."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from assistant.english import english_frequency

_CONTRACTIONS = {
    "can't": "cannot", "cant": "cannot", "won't": "will not", "wont": "will not", "don't": "do not",
    "dont": "do not", "doesn't": "does not", "didn't": "did not", "isn't": "is not", "aren't": "are not",
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'll": "i will", "i'd": "i would",
    "it's": "it is", "what's": "what is", "whats": "what is", "there's": "there is", "that's": "that is",
    "he's": "he is", "she's": "she is", "they're": "they are", "we're": "we are", "you're": "you are",
    "shouldn't": "should not", "couldn't": "could not", "wouldn't": "would not", "haven't": "have not",
    "hasn't": "has not", "wasn't": "was not", "let's": "let us", "how's": "how is", "where's": "where is",
    "when's": "when is", "long's": "long is", "who's": "who is", "gonna": "going to", "wanna": "want to",
    "gotta": "got to",
    # The same typed without the apostrophe, where the result is no other word ("were", "well", "its").
    "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "havent": "have not", "hasnt": "has not", "shouldnt": "should not", "couldnt": "could not",
    "wouldnt": "would not", "thats": "that is", "theres": "there is", "youre": "you are", "theyre": "they are",
    "shes": "she is", "hes": "he is", "hows": "how is", "wheres": "where is", "whens": "when is",
    "ain't": "is not", "shan't": "shall not", "mustnt": "must not", "neednt": "need not", "werent": "were not",
    "hadnt": "had not", "aint": "is not", "dunno": "do not know", "lemme": "let me", "gimme": "give me",
}
# Typed text-speak and spoken dialect spellings, mapped to the standard word so the embedding model
# and the lay terms see English they know ("wen can u drive" -> "when can you drive"). Only words
# with one clear meaning are here: not "r" in "r and r", not "ma" (mother or my).
_INFORMAL = {
    "u": "you", "ya": "you", "ye": "you", "yer": "your", "ur": "your", "yr": "your", "youse": "you",
    "yous": "you", "wen": "when", "wat": "what", "wot": "what", "wut": "what", "b4": "before",
    "cos": "because", "coz": "because", "cuz": "because", "bc": "because", "becuz": "because",
    "pls": "please", "plz": "please", "thx": "thanks", "ppl": "people", "abt": "about", "tho": "though",
    "hv": "have", "hev": "have", "av": "have", "wiv": "with", "wiz": "with", "w": "with", "fink": "think",
    "rn": "right now", "atm": "at the moment",
    "nowt": "nothing", "owt": "anything", "summat": "something", "mun": "must", "nah": "no",
    "ozzy": "hospital", "hozzy": "hospital", "hossie": "hospital", "tae": "to", "nae": "no",
    # Slang the sentence-embedding model has hardly met, as the plain word it means.
    "bevy": "alcoholic drink", "bevies": "alcoholic drinks", "bevvy": "alcoholic drink",
    "bevvies": "alcoholic drinks", "booze": "alcohol", "tipple": "alcoholic drink", "dram": "whisky",
    "baccy": "tobacco", "fags": "cigarettes", "ciggie": "cigarette", "ciggies": "cigarettes",
    "ciggy": "cigarette", "cigs": "cigarettes", "knackered": "exhausted", "hooter": "nose",
    "cuppa": "cup of tea", "humping": "carrying", "lugging": "carrying", "lug": "carry",
    "gaffer": "boss", "info": "information", "cn": "can", "hav": "have", "tek": "take",
    "dinnae": "do not", "dinna": "do not", "ole": "old", "nite": "night", "tmrw": "tomorrow",
    "2moro": "tomorrow", "2day": "today", "gd": "good", "rly": "really", "shud": "should",
    "cud": "could", "wud": "would", "wk": "week", "wks": "weeks", "hosp": "hospital", "meds": "medicines",
    "tabs": "tablets", "op's": "operation is", "ops": "operations", "thru": "through", "appt": "appointment",
    "appts": "appointments", "hrs": "hours", "mins": "minutes", "nxt": "next",
    "ower": "over", "aal": "all", "doon": "down", "noo": "now", "oot": "out", "hoose": "house",
    # Jamaican patois: "mi" is I, me or my; "me" stands in for all three in British speech too.
    "mi": "me", "dem": "they", "fi": "to", "pon": "on", "seh": "say", "cyaan": "cannot", "caan": "cannot",
    "gwine": "going to", "mek": "make", "likkle": "little", "outta": "out of", "wha": "what",
    "kinda": "kind of", "sorta": "sort of", "siddung": "sitting",
    "gan": "go", "gannin": "going", "divvent": "do not", "cannit": "cannot", "mebbes": "maybe",
    # Scots and Doric: not "ken" (a name too), not "fit" (also English) or "fan"; only "fit's".
    "reid": "red", "het": "hot", "awfy": "awful", "afore": "before", "efter": "after", "atween": "between",
    "twa": "two", "lang": "long", "ony": "any", "hae": "have", "dae": "do", "tak": "take", "foo": "how",
    "hoo": "how", "whit": "what", "fa": "who", "fa's": "who is", "fit's": "what is", "aboot": "about",
    "hame": "home", "frae": "from", "gie": "give", "wi": "with", "masel": "myself", "yersel": "yourself",
    "blether": "chat", "sair": "sore", "jist": "just", "thole": "put up with",
    "bairn": "child", "bairns": "children", "wean": "child", "weans": "children", "rinnin": "running",
    # Northern and Black Country spellings, and Orkney and Shetland "peedie"/"peerie" (small): blind
    # sets AL and AM ("when am I allowed ter do a bit o diggin", "the peedie bag o messages").
    "ter": "to", "fer": "for", "ses": "says", "sez": "says", "gooin": "going", "yeller": "yellow",
    "peedie": "little", "peerie": "little",
    # Blind sets AN and AO: "natter" is only ever talk; Cornish "dreckly" is "some time later".
    "natter": "chat", "nattering": "chatting", "dreckly": "later", "keemo": "chemo", "kemo": "chemo",
    # Blind sets AR and AS: Scots "yella" and "fegs" ("skin's gone yella", "pack in the fegs"), "vapin".
    "yella": "yellow", "fegs": "cigarettes", "vapin": "vaping",
    # Blind set AU: Northumbrian "digging the tatties".
    "tatties": "potatoes",
    # Blind sets AV and AW: Scots "going to" and "want to", Black Country "got to" ("who's she gonnae
    # meet", "how long's he gorra wait"). Scots negatives ("doesnae", "canna") are in _suffix.
    "gonnae": "going to", "wannae": "want to", "gorra": "got to",
    # Blind sets AZ and BA (and AU): Northumbrian "yem" or "hyem" (home), "knaa" (know) and "dee" (do),
    # Scots and Doric "wid" (would).
    "yem": "home", "hyem": "home", "knaa": "know", "dee": "do", "wid": "would",
    # Blind sets BB and BC: texted "xmas", "agen", "no1"; Scots "cauld", "auld", "ither", "onywhere",
    # "winna" (will not); Yorkshire "int that" (isn't that); "spuds".
    "xmas": "christmas", "agen": "again", "cauld": "cold", "auld": "old", "ither": "other",
    "onywhere": "anywhere", "winna": "will not", "no1": "no one", "sum1": "someone", "any1": "anyone",
    "int": "is not", "spuds": "potatoes",
    # Blind sets BD and BE: "doc", "bro"; Scots "baith" (both), "gied" (gave), "wis" (was); northern
    # "mither" (fuss, worry); Irish "yoke" (thing); the formal "convalescence" (recovery).
    "doc": "doctor", "docs": "doctors", "bro": "brother", "baith": "both", "gied": "gave", "wis": "was",
    "mither": "worry", "mithering": "worrying", "yoke": "thing", "yokes": "things",
    "convalescence": "recovery", "convalescing": "recovering",
}
# Recognisers trained mostly on American text write American spellings ("mobilize", "tumor",
# "anesthetist"); the leaflets are British. Both sides pass through clean(), so either way they meet.
_BRITISH_STEMS = (
    ("tumor", "tumour"), ("anesthe", "anaesthe"), ("esophag", "oesophag"), ("hemorrhag", "haemorrhag"),
    ("hematom", "haematom"), ("anemi", "anaemi"), ("edema", "oedema"), ("pediatr", "paediatr"),
    ("diarrhea", "diarrhoea"),
)
_BRITISH_WORDS = {
    "program": "programme", "programs": "programmes", "mom": "mum", "moms": "mums", "mommy": "mummy",
    "pajamas": "pyjamas", "color": "colour", "colors": "colours", "colored": "coloured",
    "behavior": "behaviour", "labor": "labour", "fiber": "fibre", "liter": "litre", "liters": "litres",
    "center": "centre", "centers": "centres", "gray": "grey", "favorite": "favourite", "odor": "odour",
    "counseling": "counselling", "counselor": "counsellor", "traveling": "travelling", "traveled": "travelled",
}
_IZE = re.compile(r"^([a-z]{3,})iz(e|es|ed|ing|ation|ations)$")
# British words the pattern would otherwise take ("size", "prize", "seize" are too short for it).
_NOT_IZE = {"capsize", "capsized", "downsize", "downsized", "downsizing", "oversize", "oversized"}


def british(word: str) -> str:
    """A cleaned word in British spelling: "mobilize" -> "mobilise", "tumors" -> "tumours"."""
    base, apostrophe, rest = word.partition("'")
    if apostrophe:
        return f"{british(base)}'{rest}"
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    for american, british_stem in _BRITISH_STEMS:
        if word.startswith(american) and not word.startswith(british_stem):
            return british_stem + word[len(american):]
    match = _IZE.match(word)
    if match and word not in _NOT_IZE:
        return f"{match.group(1)}is{match.group(2)}"
    return word


_FILLERS = re.compile(r"\b(?:erm+|um+|uh+|er|ah+|hmm+|mm+|uhm|errm)\b")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "twenty four": "24",
}
MAX_QUESTION_CHARS = 400
# "5mm" as said: a question in millimetres meets a leaflet in mm.
_UNIT_WORDS = {"mm": "millimetres", "cm": "centimetres", "kg": "kilograms", "ml": "millilitres"}
_UNITS = re.compile(r"\b(\d+) ?(mm|cm|kg|ml)\b")
# Scots and Irish "wee" before these words means small ("a wee chat", "the wee one"), not pee: left
# alone, "is there a wee chat online?" scored for the catheter section. Other uses stay "wee".
_SMALL_WEE = re.compile(
    r"\bwee (?=(?:bit|bitty|while|chat|blether|drink|dram|glass|walk|stroll|dander|daunder|toddle|potter|"
    r"nap|rest|sleep|snooze|lie|sit|break|minute|moment|sip|question|questions|cup|drop|bite|thing|"
    r"things|one|ones|boy|girl|lad|lass|laddie|lassie|wean|bairn|grandson|granddaughter|house|trip|"
    r"drive|word|look|worry|niggle|twinge|something|more|less|whisky|whiskey|sherry|gin|brandy|vodka|rum|"
    r"nip|tot|half|pint|beer|lager|tipple|snifter|toddy|nightcap|tea|cuppa|biscuit|sandwich)\b)")

# "How long was she in?", "they kept me in over a week", "how many days was he meant to be in?":
# "in" alone, for a patient, is in hospital. Said in so many words, the question meets the leaflet's
# own ("How long will I be in hospital?") rather than whatever else it names ("the big cut" is also
# the keyhole section's "instead of one big cut"). Only where nothing else follows that one could be
# in ("kept him in bed", "is in pain", "in the bag" and "in a wheelchair" stay as they are).
_PERSON = r"(?:i|he|she|they|you|we|mum|dad|mam|nan|grandad)"
_STAY_IN = re.compile(
    r"\b(?:(?:kept|keep|keeps|keeping) (?:me|him|her|them|us|you|mum|dad|mam|nan|grandad|(?:my|our|his|her) \w+)|"
    rf"{_PERSON} (?:was|were|is|are|am|be|been|stay|stays|stayed)|(?:was|were|is|are|am) {_PERSON}|"
    r"(?:meant|supposed|expected) to be|how long|how many (?:days|nights|weeks)) in"
    r"(?= for\b| then\b| after\b| over\b| overnight\b| longer\b| normally\b| usually\b| roughly\b| like\b| again\b|"
    r" till\b| until\b| a (?:week|fortnight|few days|couple of days)\b| \d| (?:two|three|four|five|six|seven|eight|nine|ten)\b|"
    # a new sentence, its full stop gone: "meant to be in? He had the big cut"
    r" (?:he|she|they|i|we|but|so|because)\b|$)")

# Scots "the messages" are the shopping: "carry the messages?", "the peedie bag o messages" (blind sets
# AM and AO). Only carried, fetched or bagged: "messages from the hospital" stay messages.
_MESSAGES = re.compile(r"\b((?:carry|carrying|carried|lift|lifting|fetch|fetching|get|getting|do|doing|"
                       r"bring|bringing|heavy|bags? (?:of|o)) (?:the |my |our |his |her |your )?)messages\b")

# "What's that in aid of?" asks what it is for; "what's that when it's at home?" asks what it is, and
# is not about being at home.
_IN_AID_OF = re.compile(r"\bwhat is (?:that|it|this|all that|all this|that all|this all|them|they) in aid of\b")
_AT_HOME_IDIOM = re.compile(r"\b(what (?:is|are)(?: \w+){1,4}?) when (?:it is|they are|that is|those are|these are) at home\b")

# A weight said in kilos is a heavy load, however plain the thing: "rice bag, ten kilo, I can carry
# now?", "lugging cheese wheels about, twenty kilo a go" (blind set AP) ask what the leaflet's heavy
# lifting answers, and "rice" or "cheese" alone would make them food questions.
# Weights said in words use the number-word table and a few more words: clean() runs before
# they become digits.
_KILOS = re.compile(r"(?<!lost )(?<!gained )(?<!put on )\b(?:\d+|"
                    + "|".join([*_NUMBER_WORDS, "fifteen", "forty", "fifty", "few", "couple of"])
                    + r") (?:kilos?|kilograms?|kgs?|kilogrammes?)\b")

# A phone call as "a bell": "a number I can bell", "give them a bell" (blind set AR). Only after a
# word that makes it a verb or with "a" and a giver, so "the bell" and "a bell rang" stay.
_BELL_VERB = re.compile(r"\b(can|could|should|to|will|would|must|i|we|you|just) bell\b")
_A_BELL = re.compile(r"\b(give|gave|giving|gives) ((?:\w+ )?)a bell\b")

# Northern "ah" for "I" ("can ah gan on wi the garden", "how lang am ah in": blind set AU), only
# where "I" is the only reading: after a verb that asks, or before one that tells. "Ah, I see" stays.
_AH_ASKED = re.compile(r"\b(can|could|will|would|should|shall|do|did|am|must|may|might|when|if) ah\b(?! (?:well|right|yes|no|ok|okay|i)\b)")
_AH_TOLD = re.compile(r"^ah(?= (?:had|was|am|feel|felt|need|got|went|think|know)\b)")

# The recogniser writes a spoken "op" as "off": "after his liver off", "before the off they want him
# at a clinic" (blind set AT, heard). Only after before, after or since: "chop the liver off" stays.
_OP_HEARD = re.compile(r"\b((?:before|after|since) (?:the|his|her|my|your|their|mum's|dad's)(?: liver)?) off\b")
# And "allowed" as "aloud" at the end of a question: "is walking aloud" (blind set AU, heard).
_ALOUD_HEARD = re.compile(r"\b((?:is|are|am) (?:\w+ing|it|that|this|he|she|i|we|they|you)) aloud$")

# Black Country "cor" (cannot) and "ay" (is not) after the one who cannot or is not: "why cor our Roy
# have a pint", "he ay bouncin' back" (blind set AV). "Cor, that's a lot" and "ay up" stay.
_COR = re.compile(r"\b(why|i|he|she|you|we|they|it|that|who) cor\b")
_AY = re.compile(r"\b(he|she|it|that|they|you|we|i|this) ay\b(?! up\b)")

# "Intensive summat" (intensive care) as said, or as heard: "they said I'd be an intensive summit
# after the op" (blind set AZ, heard).
_INTENSIVE = re.compile(r"\bintensive (?:summit|summat|something|sommat|thingy|whatsit|place)\b")
# "T'liver" heard as "deliver": "how long does it take to deliver to get back to its proper size"
# (blind set BA, heard). Only before what a liver does: "can they deliver my tablets" stays.
_DELIVER = re.compile(r"\b(?:to )?deliver (?=(?:to )?(?:grow|regrow|get back|come back|heal|recover|work)\b)")

# "Chemo" said or heard as two words: "why did they give him the key mo before the operation" (blind
# set AW; "nan had key mow", AY). "key mo therapy" becomes "chemo therapy", which means the same.
_KEY_MO = re.compile(r"\b(?:key|kee) (?:mo|mow|moe)\b")

# "Catheter" said or heard as "cathedral": "when's t' cathedral tube come out" (blind set AX). Only
# where a catheter, not a church, is meant: before a tube or bag, or its coming out.
_CATHEDRAL = re.compile(r"\bcathedrals?\b(?= (?:tube|bag|come|comes|coming|came|out|removed|taken)\b)")

# Northern and Scots "stop in" for "stay in": "has he to stop in bed all the time after?" (blind set
# AX). Only before somewhere one stays: "stop in the middle" and "stop in time" stay as they are.
_STOP_IN = re.compile(r"\b(?:stop|stops|stopping|stopped) (?=in (?:bed|hospital|the hospital|the house|the ward|overnight)\b)")
# Northern "dead" for "very" before a word of feeling or effort: "he's dead frustrated he's slower than
# the other fella" (blind set AX). Only before these, so "dead weight" and "dead end" stay.
_DEAD_VERY = re.compile(r"\bdead (?=(?:tired|frustrated|worried|nervous|scared|frightened|sore|achy|stiff|weak|wobbly|"
                        r"slow|heavy|hard|keen|fed up|down|low|bored|uncomfortable|itchy|sleepy|knackered|anxious)\b)")

# Doric "fit way" (why), "fit" (what) before a verb that asks, "fan" (when) before who or what is
# asked about, and "at aa" (at all): "fit way wid they dae the vein thing at aa?", "is there a set day
# fan he'll get hame?" (blind set AZ). Not "keep fit does", not "a fan is" or "the fan will".
_FIT_WAY = re.compile(r"\bfit way\b")
_FIT_WHAT = re.compile(r"(?<!keep )(?<!keeping )(?<!get )(?<!getting )(?<!stay )(?<!be )\bfit "
                       r"(?=(?:dae|div|does|do|did|would|is|are|was|were|will|can|should|happens)\b)")
_FAN_WHEN = re.compile(r"(?<![a-z])(?:(\w+) )?fan (?=(?:he|she|i|they|we|you|it|will|can|could|does|do|did|is|am|are|"
                       r"would|should|shall|mum|dad)\b)")
_NOT_WHEN = {"a", "the", "my", "his", "her", "our", "your", "their", "big", "huge", "ceiling", "desk", "electric",
             "extractor", "little", "small", "football", "massive", "that", "this", "no", "real", "some"}
_AT_AA = re.compile(r"\bat aa\b")
# Northumbrian "wor" (our) before family: "wor lass is yem now" (blind set BA). Elsewhere "wor" is
# Yorkshire "was" ("it wor grand"), left as it is.
_WOR_OUR = re.compile(r"\bwor (?=(?:lass|lad|lads|kid|kids|bairn|bairns|mam|mum|dad|da|son|daughter|lasses|hinny|nan|gran|family)\b)")


def _fan_when(match: re.Match[str]) -> str:
    """Doric "fan" as "when", unless the word before makes it a fan ("the fan is")."""
    before = match.group(1)
    if before in _NOT_WHEN:
        return match.group(0)
    return f"{before} when " if before else "when "


# Phrases put right once the words are, in this order.
_PHRASES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_SMALL_WEE, "little "),
    (_IN_AID_OF, "what is it for"),
    (_AT_HOME_IDIOM, r"\1"),
    (_MESSAGES, r"\1shopping"),
    (_STAY_IN, r"\g<0> hospital"),
    (_KILOS, r"\g<0> heavy"),
    (_BELL_VERB, r"\1 call"),
    (_A_BELL, r"\1 \2a call"),
    (_OP_HEARD, r"\1 op"),
    (_ALOUD_HEARD, r"\1 allowed"),
    (_COR, r"\1 cannot"),
    (_AY, r"\1 is not"),
    (_KEY_MO, "chemo"),
    (_INTENSIVE, "intensive care"),
    (_DELIVER, "the liver "),
    (_CATHEDRAL, "catheter"),
    (_STOP_IN, "stay "),
    (_DEAD_VERY, "very "),
    (_FIT_WAY, "why"),
    (_FIT_WHAT, "what "),
    (_FAN_WHEN, _fan_when),
    (_AT_AA, "at all"),
    (_WOR_OUR, "our "),
)

# An h dropped and marked, as typed: "'ow many 'oles", "'ave I got to", "'is stitches". Only words
# that are no other word without their h ("'eat" and "'and" could be either).
_H_DROPPED = re.compile(r"(?<![a-z0-9'])'(?=(?:ow|ave|avin|aving|ad|as|is|im|er|ere|ome|oles?|ospital|urts?|urting|"
                        r"eavy|elp|usband|ead|eart|eal|ealing|ealed)\b)")
# The recogniser writes the British "cos" as "cost": "is that cost there'd not be enough liver left",
# "his liver out-cost his cancer spread" (blind sets AH and AI, heard). Taken for "because" only
# before a word that starts a reason ("cost there", "cost, his"); "it cost me", "cost my family",
# "cost the NHS", "cost? He is on a pension" and "the cost of parking" stay.
_COS_HEARD = re.compile(r"\bcosts?,? (?=(?:his|their|there|they|she|he|we|mum|dad|of course)\b)")


def _straight_quotes(text: str) -> str:
    """Curly apostrophes, as phones type them, made straight."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def clean(text: str) -> str:
    """Lower-case, fold Unicode quotes and accents, expand contractions, drop fillers ("erm")."""
    text = _straight_quotes(unicodedata.normalize("NFKC", text))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.lower()[: MAX_QUESTION_CHARS * 4]
    text = _UNITS.sub(lambda m: f"{m.group(1)} {_UNIT_WORDS[m.group(2)]}", text)
    text = _COS_HEARD.sub("because ", _H_DROPPED.sub("h", text))
    expanded = " ".join(_CONTRACTIONS.get(w) or _INFORMAL.get(w) or _informal_is(w) or _suffix(w) or _dropped_g(w)
                        or british(w)
                        for w in _WORD.findall(text))
    expanded = _AH_TOLD.sub("i", _AH_ASKED.sub(r"\1 i", expanded))  # before "ah" goes as a filler
    text = " ".join(w for w in expanded.split() if not _FILLERS.fullmatch(w))
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text


# A g dropped, as said and typed: "when can she gan back to drivin'", "is it still weepin"
# (blind set BA). Put back where the word without it is hardly English and the word with it is
# everyday ("drivin" -> "driving", "takin" -> "taking"); "thin", "cabin", "robin" and "raisin" are
# words already, and "statin" is a medicine.
DROPPED_G_RARE = 1e-7
DROPPED_G_EVERYDAY = 3e-7
_NOT_DROPPED_G = frozenset({"statin"})


def _dropped_g(word: str) -> str | None:
    """The word with its g put back ("drivin" -> "driving"), or None."""
    if len(word) < 4 or not word.endswith("in") or word in _NOT_DROPPED_G:
        return None
    if english_frequency(word) < DROPPED_G_RARE and english_frequency(word + "g") >= DROPPED_G_EVERYDAY:
        return word + "g"
    return None


# "n't" too: "mustn't", "needn't", "weren't", "hadn't" ("can't", "won't" and "shan't" are listed above).
_SUFFIXES = {"n't": " not", "'ll": " will", "'ve": " have", "'re": " are", "'d": " would"}


def _informal_is(word: str) -> str | None:
    """A dialect word with "'s" on it, as its own word would be: "how lang's the op" -> "how long is"."""
    plain = _INFORMAL.get(word[:-2]) if word.endswith("'s") else None
    return plain and _CONTRACTIONS.get(plain + "'s", plain + "'s")


# Scots "-nae" and "-na" for "n't" on a verb that helps: "cannae", "doesnae", "isna" (blind sets AV and
# AW). Only these verbs: "arena" and "banana" stay.
_SCOTS_NOT = re.compile(r"^(can|could|would|should|does|did|is|was|has|have|had|will|must|need)na(?:e)?$")


def _suffix(word: str) -> str | None:
    """Any word's spoken contraction spelt out: "long'll" -> "long will", "they'd" -> "they would",
    "doesnae" -> "does not"."""
    scots = _SCOTS_NOT.match(word)
    if scots:
        return "cannot" if scots.group(1) == "can" else f"{scots.group(1)} not"
    for ending, full in _SUFFIXES.items():
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)] + full
    return None


_APOSTROPHE_WORD = re.compile(r"[a-z]+'[a-z]+")


def spelt_out(text: str) -> str:
    """Lower-case text with every contraction spelt out ("don't" -> "do not", "you'll" -> "you will"),
    and nothing else changed: "Do not drink" and "don't drink" say the same thing."""
    text = _straight_quotes(text.lower())
    return _APOSTROPHE_WORD.sub(lambda m: _CONTRACTIONS.get(m.group()) or _suffix(m.group()) or m.group(), text)


def words(text: str) -> list[str]:
    """The cleaned words of ``text``."""
    return clean(text).split()


def digits_for_number_words(text: str) -> str:
    """Replace small number words with digits ("two weeks" -> "2 weeks") in cleaned text."""
    return " ".join(_NUMBER_WORDS.get(w, w) for w in text.split())


def has_letters(text: str) -> bool:
    """True if the text has at least one Latin letter (not just emoji, digits or symbols)."""
    return bool(re.search(r"[a-zA-Z]", text))
