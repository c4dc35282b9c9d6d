"""Red-flag symptoms: recognised before anything else, every time.

A pure decision on the cleaned question. It looks for symptoms being described ("my wound is hot",
"mum can't breathe", "there's blood coming through the dressing"), not mere mentions of a topic
("why do I need breathing exercises?", "will they check me for bleeding?"), because the second kind
is answered from the leaflet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from assistant.normalise import clean


class Urgency(Enum):
    """Which urgent advice applies."""

    EMERGENCY = "emergency"
    """Call 999 now: chest pain, breathing trouble, heavy bleeding, collapse."""
    HOSPITAL = "hospital"
    """Contact the hospital straight away: signs of wound infection, fever, a swollen painful leg."""


@dataclass(frozen=True)
class RedFlag:
    """A red-flag symptom found in a question."""

    urgency: Urgency
    symptom: str
    """A short description of what was recognised, e.g. "chest pain"."""


# Keyhole cuts are "holes" ("the middle hole, it's oozing something cloudy": blind set AL); a
# single "hole" only with a word that says which one, not "a hole in my sock".
_WOUND = r"(?:wound|wounds|scar|scars|cut|cuts|holes|(?:middle|little|small|top|bottom|big|bigger|left|right|belly|tummy|key) hole|incision|incisions|stitches|stitch(?! in (?:my|me|his|her|the|your) side)|staples|dressings?|bandages?|plasters?|stitch line|drain site)"
# "Is it less sore than the big cut?" compares operations; it describes no wound.
# "A nice hot bath... will it spoil me stitches?" (blind set AI): hot water is not a hot wound.
_WOUND_SIGN = (r"(?<!less )(?<!more )(?:hot(?! (?:bath|shower|water|drink|tea|coffee|food|meal|weather|day))|warm|red|redder|inflamed|angry|painful|sore|throbbing|swollen|leak\w*|ooz\w*|weep\w*|"
               r"seep\w*|puff\w*|pus|puss|discharg\w*|is charging|gunk|gunge|goo|gooey|yellow\w*|green\w*|stuff coming out|smell\w*|stink\w*|"
               r"pong\w*|whiff\w*|niff\w*|burst|(?:split|come|came|gone|pulled|pulling|coming|bust) open|(?<!being )(?<!be )(?<!get )(?<!getting )opened up|"
               r"gap\w*|split\w*|fluid|wet|soaked|soaking|sodden|drenched|hurt\w*|infect\w*|bleed\w*|blood\w*|"
               r"(?:is|are|has|have) (?:a bit |a little |slightly |come |gone |burst |split )?open(?! one| way| surgery| op\w*)|"
               r"water (?:is )?(?:coming|leaking|running|pouring) out)")
_NEAR = r"(?:\W+\w+){0,7}?\W+"
# Matter coming out, for the wound signs that need no wound word; not from the face ("green stuff
# coming out of his nose" is a cold).
_DISCHARGE_LOOK = r"(?:yellow\w*|green\w*|cloudy|smelly)"
_DISCHARGE = r"(?:matter|stuff|gunk|gunge|muck|goo|fluid|liquid|water)"
_FACE = r"(?:his |her |my |me |their |the )?(?:nose|ears?|eyes?|mouth)\b"

_PATTERNS: list[tuple[Urgency, str, re.Pattern[str]]] = [
    (Urgency.EMERGENCY, "chest pain", re.compile(
        r"\b(?:chest (?:a |de |is |it |very |really |so |bad )?(?:pain|pains|hurts?|hurting|is (?:\w+ )?(?:tight|hurting|painful|sore|killing)|feels (?:\w+ )?(?:tight|heavy)|"
        r"tightness|pressure|ache)|pains? in (?:the (?:middle|centre|center|front|left side) of )?(?:(?:my|me|ma|his|her|the|their) )?chest|tight chest|heart attack|"
        r"heart (?:is )?(?:pounding|racing)(?:\W+\w+){0,6}?\W+chest|"
        # "Crushing" alone is taken for chest pain, even with "chest" lost: "just crushing now".
        r"crushing(?! (?:the |my |his |her )?(?:tablets?|pills?))|(?:tight\w*|crushing|heavy|heaviness|pressure|squeez\w*|pain\w*|ache|aching) "
        r"(?:\w+ ){0,3}(?:in|on|across|round) (?:my|me|his|her|their|the) chest|weight on (?:my|me|his|her|the) chest|pain\w*(?: \w+){0,6} down (?:to )?(?:my|me|his|her|the|their) (?:left )?arm|(?:sat|sitting|standing|stood|sits) on (?:my|me|his|her|the) chest|(?:clutching|clucking|holding|gripping|clasping) (?:my|me|his|her|their|the|this) chest|chest\W+(?:\w+\W+){0,5}(?:tight|tightness|crushing)|"
        # Blind set AV and its recordings: "clutchin' his chest, says it's like a big weight sat on it";
        # "a tight pressing sort of ache in the middle of my chest and it's going down my arm".
        r"(?:pain|ache|aching|pressure|pressing|tight\w*|crushing|heav\w*)(?: \w+){0,4} (?:in|on|across) the (?:middle|centre|center|front) of (?:my|me|his|her|their|the) chest|"
        r"chest(?:\W+\w+){0,6}?\W+(?:like )?a (?:big |heavy |huge |great )?(?:weight|brick|elephant) (?:sat|sitting|pressing|stood|standing)|"
        r"chest(?:\W+\w+){0,6}?\W+(?:going|goes|spreading|spreads|moving|shooting|radiating) (?:down|into) (?:my|me|his|her|their|the) (?:left )?arm|"
        # A pressure going to the left arm is the heart's pain, "chest" heard or not: "it hurt very much,
        # like a big pressure, and is going to the left arm" (blind set AQ, heard).
        r"(?:pressure|pain\w*|hurt\w*|aching|tight\w*)(?:\W+\w+){0,8}?\W+(?:going|goes|gone|spreading|spreads|moving|"
        r"running|shooting|radiating) (?:down |up |into |to |through )(?:my|me|his|her|the|their) left arm)")),
    (Urgency.EMERGENCY, "breathing difficulty", re.compile(
        r"\b(?:(?:cannot|cor) (?:breathe|breath|catch (?:my|me|ma|his|her|the) breath|get (?:my|me|ma|his|her|a|the) breath)|"
        r"(?:can not|could not|couldnt|unable to) breathe?|short(?:ness)? of breath|breathless\w*|"
        r"(?:struggling|struggle|fighting|hard|difficult|difficulty|trouble|problems?) (?:to |with |in |for )?breath\w*|"
        r"(?:struggling|fighting|gasping|stopping) for (?:her |his |my |me |their )?air|fighting for (?:her|his|my|me) (?:now|life)|"
        # Any -ing for breath, as struggling may be heard wrong ("fast ruddling for breath", blind set BC's
        # recordings); not waiting or shopping for breath mints.
        r"\b(?!waiting|looking|asking|shopping)\w+ing for (?:her |his |my |me |their )?breath\b(?! (?:mints?|fresheners?|sprays?|tests?))|"
        r"(?:hard|difficult|difficulty|struggl\w*|trouble|cannot|can not|unable|not able|no able)(?: \w+){0,3} (?:catch|get) (?:my|me|ma|his|her|their|a|the) breath|cannot get (?:enough )?air|panting|wheez\w*|"
        # Not "gasping for a cuppa": gasping for anything but air or breath is wanting, not choking.
        # Lips gone blue, with up to three words between ("her lips have fun a funny blue color": AY's
        # "gone a funny blue colour", heard); "will my lips go blue after the anaesthetic?" asks.
        r"gasping(?! for (?!(?:her |his |my |me |their )?(?:air|breath)))|out of breath|not breathing|stopped breathing|choking|blue lips|lip(?:(?:s|'s| s)? (?:are |is )?(?:have gone|have|has|look|looks|looking|gone|went|turned|turning|going)|s (?:are|is)) (?:\w+ ){0,3}(?:blue|lube)|"
        # "Struggling to finish her sentence" (blind set AM): too breathless to talk.
        r"(?:cannot|can not|could not|unable to|struggl\w*(?: to)?|hard to|trouble) (?:finish|finishing|complete|completing) (?:a|one|her|his|my|me|the|their) sentences?|"
        r"breath(?:ing|es)? (?:very |really |so |too )?(?:fast|quick\w*|rapid\w*)|(?:gets?|getting|got) no air|"
        # "Her breathing's gone proper weird, fast and shallow, she can't catch it" (blind set AP).
        r"(?:fast|quick|rapid) and shallow|shallow and (?:fast|quick|rapid)|shallow breath\w*|"
        r"(?:cannot|can not|could not) (?:take|get|draw) (?:the |enough |any )?(?:air|breath)(?: in)?)")),
    (Urgency.EMERGENCY, "heavy bleeding", re.compile(
        r"\b(?:(?:is|are|am|keeps?|started|still|has been|have been|been|it is|wound is|scar is) bleeding|"
        r"bleeding (?:a lot|heavily|badly|loads|lots|everywhere|(?:right |straight )?through|from|wont stop|will not stop|non stop)|"
        r"bleeding (?:and|so) |blood (?:is )?(?:coming|pouring|gushing|soaking|seeping|everywhere|all over)|"
        r"(?:lots|lot|loads|pool) of blood|"
        # "Blood on bandage, much blood, now, still coming", not blood tests or results still to come.
        r"blood\b(?! tests?\b| results?\b| pressure\b| sugars?\b)(?: \w+){0,5} still (?:coming|pouring|running|flowing|dripping|seeping)|soaked (?:in |with )?blood|blood soaked|(?:coughing|coughed|vomiting|"
        r"vomited|throwing) up blood|blood in (?:my|his|her|the) (?:sick|vomit|poo|stool|wee|pee|urine)|"
        r"(?:there is|theres) blood|"
        # "Sheets are wet... it's blood", not the liver's blood supply or a blood test.
        r"(?:it is|its|it s) (?:all )?blood\b(?! supply| vessels?| flow| tests?| results?| pressure| sugars?| counts?| clots?| thinn\w*| group| type| transfusion)|blood on (?:(?:the|my|me|his|her) )?(?:\w+ )?(?:dressing|bandage|sheets?|pad|pyjamas|clothes|nightie|nightdress|bed|top|shirt|towel)|(?:dressing|bandage|pad)\w*(?: \w+){0,4} (?:in|with) blood|"
        r"bled (?:through|all over|everywhere|right through)|dressing (?:is |has )?(?:soaked|full of blood|gone red)|"
        # Scots "Dressin's soakit red" (blind set AK).
        r"(?:dressin\w*|bandage\w*|pad|plaster|sheets?)(?:'s| is| are)? (?:all )?(?:soaked|soakit|soaking|sodden) (?:through )?(?:bright |dark )?red\b|"
        r"fresh (?:red )?blood|run\w* (?:with|wid|wood) blood|soak\w* (?:with|in) blood|(?:filling|filled|fills|full) (?:up )?(?:with|of) (?:\w+ ){0,2}blood|"
        r"(?:blood|love) (?:is |was )?(?:coming|pouring|gushing) (?:from|out of) (?:the|my|me|his|her) (?:wound|scar|cut|stitches|dressing)|"
        # "Blood be dripping onto me trousers" (blind set AL).
        r"blood (?:is |be |was |keeps |kept )?(?:dripping|ripping|running|trickling|streaming) (?:onto|on to|on|down|all over|off|out of)\b|"
        r"haemorrhag\w*|hemorrhag\w*|^bleeding(?: \w+){0,2}$|^blood$|"
        # A towel pressed on it to stop it: "I pressed a towel on it" (blind set AZ, heard).
        r"(?:pressed|pressing|pressing down|holding|held) (?:a |her |his |the |my |some |clean )?(?:tea )?(?:towel|cloth|flannel|"
        r"tissues?|kitchen roll|pad) (?:on|onto|against|to) (?:it|the wound|the scar|the cut|his wound|her wound|my wound)\b|"
        # As a recogniser may hear it: "copped up blood", "beating sick and has blooded", "leading from the scar".
        r"(?:cocked|coffed|corfed|coughing|coughed|just cough) up (?:some )?blood|sick and (?:there is |theres |has |have |it has )?(?:like |some )?(?:dark |fresh |red )?blood\w*|"
        r"(?:is|its|am|keeps) (?:leaving|leading) (?:a lot|loads|heavily|badly)|cop\w* up (?:some )?(?:blood|love|blud)|"
        r"(?:leading|bleeping|breeding) from (?:the|my|me|his|her) (?:scar|wound|cut|stitches)|"
        # Sick that is red or like coffee grounds is blood, whatever the recogniser made of "blood in it".
        r"(?:being sick|been sick|vomit\w*|throwing up|threw up)\W+(?:\w+\W+){0,8}?(?:dark red|bright red|coffee grounds|(?:dark |fresh |red )?blood\b(?! tests?\b))|"
        r"(?:sheets?|bed|pad|dressing|nightie|pyjamas|clothes)(?:'s| is| are)? (?:all |full of |covered in )blood)")),
    (Urgency.EMERGENCY, "collapse", re.compile(
        r"\b(?:collaps\w*|fainted|fainting|faint and|(?:came|come|comes|coming) over (?:all )?(?:faint|funny|dizzy|giddy|woozy|queer|peculiar|strange|grey|gray|clammy)|(?:keeled|killed) (?:right |clean |straight )?over|"
        r"fell down|fallen down|(?:ended up|found \w+|lying|woke up|woken up|waking up|came to|come to) on the (?:\w+ )?floor|syncop\w*|vasovagal|lost consciousness|(?:went|gone|fell|dropped|keeled) (?:down )?on(?:to)? the (?:\w+ )?floor|passed out|pass out|passing out|past out|(?:everything|it all|the world|the room)(?:'s| is)? (?:go|goes|went|gone|going) (?:black|dark)(?! outside| at night| early)|(?:fall|fell|fallen) (?:on|onto) (?:the )?floor|passes out|blacked out|unconscious|"
        r"(?:will not|cannot|can not) come round|not coming round|"
        # Coming round after a faint, not coming round to visit: "has our Karen got to come round and do it".
        # Nor waking from the anaesthetic: "when I come round after, where will I be?"
        # Nor a visitor: "the nurse that's coming round, would she take the staples out" (blind set AV).
        r"(?<!when )(?<!once )(?<!after )(?<!until )(?<!till )(?<!before )(?<!that )(?<!who )"
        r"(?<!nurse )(?<!nurses )(?<!carer )(?<!carers )(?<!doctor )"
        r"(?:he|she|they|i|we|has|have|had|is|was|just|only|finally) (?:just |only |finally )?(?:come|came|coming) round"
        r"(?! (?:to|for|and|here|there|later|tomorrow|with|again|every|our|my|me|his|her|the|after|from)\b)|"
        r"(?:she|he|i|mum|dad|they|we) (?:is|are|am) (?:still |now |just )?(?:lying )?on the (?:\w+ )?floor(?! (?:doing|to do|for (?:my|his|her|the) exercises))|"
        # "She fall, she faint, now she on the floor in bathroom"; "the next thing I knew I was lying on
        # the lino" (blind set AQ); "I feel awful queer and faint" (blind set AP).
        r"now (?:she|he|i|mum|dad|they) (?:is |are |am )?(?:still )?on the (?:\w+ )?floor|"
        r"next thing (?:i|he|she|we) knew\W+(?:\w+\W+){0,4}?(?:lying|on the (?:\w+ )?floor|on the (?:lino|ground|carpet))|"
        r"(?:feel|feels|feeling|felt) (?:\w+ ){1,4}and faint|"
        r"(?:stood|stands|got|gets|standing|getting) up(?: \w+){0,5} (?:and )?(?:went|gone|goes|dropped|fell) (?:down|over)|"
        # A fragment ending "... on the floor now" ("came over faint" heard as "K-mover faint"), not a question.
        r"^(?!.*\b(?:exercis\w*|can|could|should|may|is it|sit|sitting|yoga|play\w*|lie|lying down to)\b).*on the (?:\w+ )?floor (?:now|right now)$|"
        # "Fainted on the floor" as a recogniser may hear it.
        r"(?:painted|feinted) on the (?:\w+ )?floor|"
        r"^(?!.*\b(?:if|might|could|will|would|worried|scared|afraid)\b).*\b(?:i|he|she|mum|dad) (?:fall|falls|fell) (?:down|out|over) in (?:the )?(?:kitchen|bathroom|hall|garden|toilet|bedroom|lounge)\b|"
        # "I feel I going to faint" told now, not "will I feel like I am going to faint when I stand?"
        r"^(?!.*\b(?:will|would|might|could|normal|if|when)\b).*\b(?:feel|feels|feeling|felt)(?: \w+){0,3} (?:going|gonna|about) to (?:faint|collapse|black out|keel over)|"
        # "Gone down in the hallway... and I cannot get him up" (blind set AG, heard with "collapsed" lost).
        r"(?:gone|went|fell|fallen|felled) down\W+(?:\w+\W+){0,8}?(?:cannot|can not|could not) get (?:him|her|them|mum|dad) up|"
        r"flopped|slumped|slumpt|went limp|gone limp|gone floppy|went floppy|out cold|hit the floor|"
        r"lumped (?:in|over|on) (?:the|her|his|a) (?:chair|seat|sofa|settee|bed|table)|"
        # "I went down on the kitchen floor just now, me legs wouldn't hold me" (blind set AV), as heard:
        # "went down the kitchen floor", "went out on the kitchen floor".
        r"(?:went|gone|fell) (?:down|out) (?:on )?the (?:\w+ )?floor|"
        # "He's fainted in the bathroom, he went down all of a sudden" (blind set AX; "fainted" heard as
        # "tainted" or "entered"). A person going down, not a swelling or a temperature.
        r"(?:he|she|i|mum|dad|nan|grandad|they) (?:just )?(?:went|has gone|is gone|goes) down (?:all of a sudden|suddenly)|"
        r"(?:legs|knees) (?:would not|will not|could not|did not) hold (?:me|him|her)|(?:legs|knees) (?:gave way|buckled|went from under)|"
        # "She went down like a sack of spuds just now" (blind set AU); not a joke that went down like a lead balloon.
        r"(?:went|gone|goes|dropped|fell) (?:down )?like a (?:sack|stone|ton|log|rock|tree|dead weight)|"
        r"dropped to the floor|(?:feel|feels|feeling|felt|went|gone|going|come over|came over) (?:all |very |really |quite |a bit |so |proper )?"
        r"(?:faint|woozy)|(?:feel|feels|feeling|felt) \w+ faint|(?:fell|fallen|felled) (?:down|over)|(?:near|nearly|almost) (?:went|gone|fell) (?:down|over(?! on (?:my|me|his|her|the) (?:ankle|foot|knee)))|"
        # "Down I went, I was out for a bit" (blind set AN); "light-headed and faint".
        r"down (?:i|he|she|they|mum|dad) (?:went|goes)\b|(?:i|he|she|mum|dad) (?:was|were) out (?:for a (?:bit|minute|moment|"
        r"second|few seconds|few minutes|while)|like a light)|(?:light headed|lightheaded|dizzy|woozy|giddy) and faint|"
        # "Our lass had to pick me up off the lino" (blind set BA): picked up off the floor.
        r"(?:had|have|has|needed) to (?:pick|get|lift|help) (?:me|him|her|them|mum|dad|nan|grandad) (?:up )?(?:off|from) "
        r"the (?:\w+ )?(?:floor|lino|carpet|ground|tiles|rug)|"
        # "He's that dizzy he can't stand" (blind set AZ): too dizzy to stand is near fainting.
        r"(?:that|so|too) (?:dizzy|woozy|giddy|light headed|lightheaded) (?:that )?(?:he|she|i|they|mum|dad) (?:cannot|can not|could not) "
        r"(?:stand|stay standing|get up|stand up|walk)|"
        r"(?:fall|falls) (?:down|over)(?= .*\b(?:just now|today|this morning|earlier)\b)|\b(?:just now|this morning)\b(?:(?!\bif\b).)*\b(?:fall|falls) (?:down|over)\b|not responding|(?:she|he|mum|dad|they|wife|husband|missus|nan|grandad) (?:is |are )?(?:not|no) (?:really )?answering(?! (?:the |her |his |my |me )?(?:door|phone|mobile|calls?|texts?|messages?))|(?:will not|cannot|can not) (?:respond|rouse)|"
        # "I cor wake him" (Black Country), "I canna wake her" (Scots, "cannot" once cleaned): blind set AI.
        r"(?:cannot|can not|will not|cor) wake (?:him|her|up)|"
        # "I can't get her to come round properly" (blind set AS).
        r"^(?!.*\b(?:if|will|would|might)\b).*\b(?:cannot|can not|could not|cor) get (?:him|her|them|mum|dad|nan|grandad) to (?:come round|come to|wake|respond)|"
        # "Everything went fuzzy and I like dropped, my flatmate had to catch me" (blind set AK).
        r"(?:went|gone|going|go) (?:all )?(?:fuzzy|blurry|swimmy|hazy)\W+(?:\w+\W+){0,4}?(?:dropped|fell|went down|keeled)|"
        r"had to catch (?:me|him|her|them)(?! (?:up|out)\b)|eyes (?:closed|shut) for (?:a few |some |a couple of )?(?:seconds|moments?)|eyes rolled|"
        r"\b(?:he|she|they|mum|dad|him|her)(?: \w+){0,2} (?:not|does not|did not|will not) wak\w* up|unresponsive|"
        # Not "I nearly had a fit when I saw all the machines" (blind set AP): shock, not a seizure.
        r"(?<!nearly )(?<!almost )(?:having|had|has|have) (?:a )?fits?|seizure)\b")),
    (Urgency.HOSPITAL, "wound infection signs", re.compile(
        rf"\b{_WOUND}{_NEAR}{_WOUND_SIGN}\b|\b{_WOUND_SIGN}{_NEAR}(?:\w+\W+){{0,1}}{_WOUND}\b|"
        # Through the dressing or the clothes ("a dark wet patch coming through me shirt", blind set AS),
        # anything but sweat.
        r"\b(?!sweat)(?:\w+ing|coming) through (?:the|his|her|my|me|their) (?:dressings?|bandages?|shirt|vest|nightie|"
        r"nightdress|nightshirt|pyjamas|pyjama top|t shirt|blouse|jumper)\b|"
        # "Me scar's weeping" heard as "it's car sweeping and it feels warm".
        r"\b(?:weeping|sweeping) and (?:it )?(?:is |feels |feeling )?(?:\w+ )?(?:warm|hot|sore)\b|"
        # "Bleeding" as a recogniser may hear it, after a wound word: "my stitches is leading onto my shirt".
        rf"\b{_WOUND} (?:is|are|keeps?|has been|have been|started) (?:leading|leaving|bleeping|breeding)\b")),
    # The recogniser sometimes hears "wound" as "wind": accept it beside a strong sign only.
    (Urgency.HOSPITAL, "wound infection signs", re.compile(
        r"\b(?:my|his|her|the|this|that|mum's|dad's) (?:wind|woond|womb)\b(?:\W+\w+){0,8}?\W+"
        r"(?:red|leak\w*|ooz\w*|weep\w*|pus|hot|warm|infect\w*|bleed\w*|swollen|yellow|discharg\w*|coming out)\b")),
    # Signs that need no wound word, which a recogniser may lose ("me scar" heard as "meets cars"):
    # two together ("gone all angry red and there's gunk coming out of it"), or hot to the touch.
    (Urgency.HOSPITAL, "wound infection signs", re.compile(
        # "Very red and swelling, and wet, yellow water come out" (blind set AS, the wound heard as "lung").
        r"\b(?:angry red|red raw|(?:gone|going|turned|turning|looks?|looking|all|very|really) (?:\w+ )?(?:red|inflamed))\b(?:\W+\w+){0,6}?\W+"
        r"(?:gunk|gunge|pus|puss|goo|ooz\w*|weep\w*|seep\w*|leak\w*|(?:stuff|fluid|muck|\w+) (?:coming|comin|come|comes|came) out)\b|"
        r"\b(?:very |really |so )?hot\b(?:\W+\w+){0,6}?\W+(?:water|liquid|fluid|pus|stuff|gunk) (?:is )?coming out\b|"
        # As heard in loud noise, "hot like touch", "hot touch" (blind set BE).
        r"\b(?:hot|roasting|red hot) (?:(?:(?:to|tae|tea|like) )?(?:the )?touch|when (?:i|you|we) touch (?:it|her|him))\b|"
        # Burning, with up to three words before "touch": "burning to the touch", "burning when I touch
        # it", and as heard, "burning tea to touch", "burned into the touch" (blind set BC).
        r"\bburn(?:ing|ed|t)(?: (?!not\b)\w+){1,3} touch\b|"
        # "Hot, and really painful to touch today" (blind set AS, heard with the wound lost).
        r"\bhot\W+(?:\w+\W+){0,3}?(?:painful|sore|tender) (?:to|tae|when i) (?:the )?touch\b|"
        # "It's really hot and red round it", heard as "hot and red rounded" (blind set AR).
        r"\b(?:hot|warm|angry) and red (?:round|rounded|around)\b|\bred and (?:hot|warm|angry) (?:round|rounded|around)\b|"
        # "It's red raw and hot round it" (blind set BB, heard with the cut's weeping lost).
        r"\bhot (?:all )?(?:a)?round (?:it|the edges?)\b|"
        # Blind sets AX and AY, heard with the wound lost ("the wind is very painful... the skin around it
        # is angry red"; "the scar" as "the scarthest"; "nan's cut" as "manscut"): the skin round it red,
        # or yellow or green matter coming out of something that is not a nose, ear, eye or mouth.
        # The skin round it told of with the wound word lost ("from the one-come water with bad smell, and
        # the skin around is red and very hot": blind set BA, heard).
        r"\bskin (?:all )?(?:a)?round (?:it |the (?:wound|cut|scar|stitches|edges?) )?(?:is|has gone|looks|gone|going|turned|turning) "
        r"(?:\w+ ){0,2}(?:red|hot|inflamed|swollen)\b|"
        # Gunk, gunge or pus coming out is matter whatever its colour ("there's gunk leaking out, stinks an' all").
        rf"\b(?:{_DISCHARGE_LOOK} (?:{_DISCHARGE}|pus)(?: \w+){{0,2}}|(?:gunk|gunge|pus)(?: \w+)?) "
        rf"(?:coming|comin|oozing|leaking|seeping|dripping|weeping|pouring) (?:out|from)\b(?! (?:of )?{_FACE})|"
        rf"\b(?:leak\w*|ooz\w*|weep\w*|seep\w*) (?:\w+ )?{_DISCHARGE_LOOK} {_DISCHARGE}\b"
        rf"(?! (?:\w+ ){{0,2}}(?:from|out of) {_FACE})")),
    (Urgency.HOSPITAL, "fever", re.compile(
        r"\b(?:fever\w*|high temp\w*|temp(?:erature)?(?:'s)? (?:of|is|has|went|gone|keeps|up|over|above|shot|very|really)|"
        r"(?:got|have|has|running) a "
        r"temperature|temp(?:erature)?(?:'s)? (?:is )?(?:3[89]|40|thirty (?:eight|nine))|shiver\w*|shaking (?:all over|uncontrollably)|"
        r"temp\w*(?:\W+\w+){0,5}?\W+(?:3[89]|40|thirty eight|thirty nine)\b|cannot stop (?:shaking|shivering)|(?:cold|hot|freezing) and (?:shaking|shivering|shivery)|"
        r"temp(?:erature)?(?:'s)? (?:is |was |has been |feels |very |really |so |gone |going )?(?:high|raised|sky high|through the roof)|"
        r"(?:3[89]|40|thirty eight|thirty nine)(?: \w+){0,2} on the thermometer|thermometer (?:\w+ ){0,2}(?:3[89]|40)\b|"
        r"(?:feel\w*|felt) (?:very |really |so )?hot\W+(?:\w+\W+){0,6}?(?:3[89]|40)\b|"
        r"(?:roasting|boiling|burning up|sweating)\W+(?:and )?(?:shaking|shivering)|"
        # "freezing then boiling", "teeth going like anything": hot and cold spells, rigors.
        r"(?:freezing|frozen|cold|icy)\W+(?:\w+\W+){0,2}?(?:boiling|roasting|burning|sweating)|"
        # "says he's freezing but he's red hot to touch" (blind set AV).
        r"(?:freezing|frozen|cold)\W+(?:\w+\W+){0,4}?(?:red |burning |boiling )?hot (?:to )?(?:the )?touch|"
        r"(?:boiling|roasting|burning)\W+(?:\w+\W+){0,2}?(?:freezing|frozen)|teeth (?:are |keep )?(?:going|rattling|knocking|banging)|"
        r"rigou?r\w*|febrile|thermometer (?:says|said|reads|read|shows|showed|is on|on|at) (?:3[89]|40|thirty|forty)|chills|hot and cold|burning up|"
        r"\b(?:3[89]|40|thirty eight|thirty nine|forty)(?: point \w+| degrees)|boiling up|roasting hot|clammy|teeth (?:are )?chattering|"
        r"sweats|sweating (?:a lot|buckets)|\bhot\W+(?:\w+\W+){0,8}?shak\w*|"
        r"(?:shaking|shivering|trembling)\W+(?:\w+\W+){0,2}?hot\b|"
        r"touch\w* (?:his|her|my|their|your) (?:head|forehead|skin)\W+(?:\w+\W+){0,3}?(?:burning|boiling|roasting)\b|"
        r"(?:forehead|skin) (?:is |feels )?(?:burning|boiling|roasting)(?! with)\b|"
        # "Her forehead's like a hotplate" (blind set AK).
        r"(?:forehead|head|skin|body)(?:s|'s| is| feels| felt)? (?:\w+ )?like (?:a |an )?(?:hot ?plate|oven|furnace|radiator|kettle|toaster|fire)\b|"
        # From blind sets Z, AA, AH and AI, read after their measurement: shaking, then hot several
        # words on ("very cold, shaking, blanket not help, but body very hot").
        r"(?:shaking|shivering|trembling)\W+(?:\w+\W+){0,8}?(?:boiling|roasting|burning up|(?:very|really|so) hot)\b|"
        # From blind sets AH and AI: "very cold, shaking"; "sweating cobs and says he is freezing,
        # he is all of a shake".
        r"cold\W+(?:and )?(?:shaking|shivering)\b|"
        r"sweat\w*\W+(?:\w+\W+){0,6}?(?:freezing|frozen|shivering|shaking)\b|all of a shake|"
        r"(?:shaking|shivering) with (?:the )?cold|"
        # "Shaking like a leaf all night under three blankets ... I can't get warm" (blind sets AT and AU).
        r"(?:shaking|trembling)(?:\W+\w+){0,6}?\W+under (?:\w+ ){0,2}(?:blankets?|duvets?|covers|quilts?)\b|"
        r"^(?!.*\b(?:if|will|would|might|normal)\b).*\b(?:cannot|can not|could not) get warm|"
        r"thermometer(?:'s| is)? (?:saying|says|said|reading|reads|showing|shows) (?:3[89]|40|thirty|forty))")),
    (Urgency.HOSPITAL, "possible blood clot in the leg", re.compile(
        r"\b(?:(?:calf|leg|legs|ankle|knee)(?:'s)?(?: \w+){0,3} (?:is |are |has |have )?(?:gone |become |got |feels |all )?"
        r"(?:swollen|swelling|puffy|hot|red|throbbing|painful|tender|big and|fat and)|swollen (?:calf|leg|legs)|"
        r"(?:blood )?clot in (?:my|his|her) leg|dvt)\b")),
    (Urgency.HOSPITAL, "yellow skin or eyes", re.compile(
        # Yellow told of the skin or eyes, either way round ("the whites of his eyes are yellow", "very
        # yellow now, his eyes and his skin"); someone turned yellow ("gone a funny yellowy colour",
        # "come all yellow"); or jaundice by name. One pattern for the phrasings of blind sets up to AK.
        r"\b(?:jaundice\w*|"
        # "The white of her eye... going like lemon colour" (blind set AK).
        r"(?:skin|eyes?)\W+(?:\w+\W+){0,5}?(?:yellow\w*|lemon|mustard|custard)|"
        r"yellow\w*\W+(?:\w+\W+){0,5}?(?:his|her|my|me|their) (?:eyes|skin)|"
        r"(?:turned|gone|went|going|turning|looking|looks|become|becoming|became|come) "
        r"(?:\w+ ){0,3}yellow(?:y|ish)?|"
        r"(?:funny|strange|odd|weird|horrible|deep|bright) yellow(?:y|ish)? colou?r)\b")),
]

# Questions about a topic rather than a description of a symptom now.
_INFORMATIONAL = re.compile(
    r"\b(?:risk|chance|likely|prevent\w*|avoid|monitor\w*|check (?:me |him |her )?for|look out for|"
    r"why (?:do|does|did|is|are|will)|how do (?:they|the doctors|the nurses)|what are the signs|signs of|"
    r"normal to|exercises?)\b")
# What something in hospital was for, with nothing said of now: "in hospital he had tubes from the
# wound with blood going out, what are they for?" (blind set AQ) asks about the drains, not about
# bleeding today. "He was in hospital and his wound is bleeding" still is a red flag.
_HOSPITAL_STAY = re.compile(r"\b(?:in (?:the )?hospital|on the ward|in intensive care|in (?:the )?icu|in high dependency)\b")
# Tubes coming out are the drains, whose blood is no red flag, asked about after the stay too: "the
# auld man had twa tubes comin oot the side o his wound wi bloody stuff in them, fit were they for?"
# (blind set BC).
_DRAIN_TUBES = re.compile(r"\b(?:tubes|pipes|drains) (?:\w+ ){0,2}(?:coming|sticking|hanging) (?:out|from)\b")
# A risk asked about, not a sign seen: "is there a chance his liver could start bleeding after they've
# cut it?" (blind set BE). What follows "could" is taken out before the wound is looked at again, so
# "his wound is leaking, is there a chance it could be infected?" still counts.
_RISK_ASKED = re.compile(r"\b(?:chance|risk|likely)\b")
_MAY_HAPPEN = re.compile(r"\b(?:could|might|may|would|will)(?: \w+){1,4}")
_PAST = re.compile(r"\b(?:had|was|were|kept|gave|did)\b")
_WHAT_FOR = re.compile(r"\bwhat(?: \w+){0,4} for\b")
_NOW = re.compile(r"\b(?:now|today|tonight|this morning|since|at home|still|just)\b")
_FEVER_SETTLED = re.compile(
    r"\btemp\w*(?:'s)? (?:is |has |was )?(?:gone |come )?(?:back )?(?:to )?(?:normal|fine|ok|okay|down)\b")
# Asking whether the wound may get wet is about washing, not a wet wound: "He want to have a shower.
# The wound can get wet?" (blind set AY).
_WOUND_INFO = re.compile(r"\b(?:how long|when|heal|dissolv\w*|removed|come out|taken out|stitches out|"
                         r"(?:can|could|may|allowed to|ok to|okay to|alright to|fine to) (?:\w+ ){0,3}get (?:\w+ ){0,2}wet)\b")
# A hurt asked about, not felt: "the dog jumps up at him, will that hurt his stitches?", "can she sleep
# on her side or will that hurt it?". Taken out before the wound is looked at again; whatever else
# the question says of the wound ("it's sore already, will lying on it hurt?") still counts.
_HURT_ASKED = re.compile(r"\b(?:will|would|could|might|can|does|do|is) (?:that|it|this|they|he|she|lying on it|sleeping on it)"
                         r"(?: \w+){0,1} (?:hurt|harm|damage|affect)\b")


def find_red_flag(question: str) -> RedFlag | None:
    """Return the red flag a question describes, or None.

    Emergencies are checked first; a topic question ("is there a risk of bleeding?") is not a red
    flag unless it also describes a symptom in plain terms.
    """
    return _red_flag_in(clean(question))


@lru_cache(maxsize=64)
def _red_flag_in(text: str) -> RedFlag | None:
    """``find_red_flag`` on cleaned text, kept for the last few: a spoken question is looked at when
    choosing between two hearings (as heard and with misheard words put back) and again when replying."""
    if not text:
        return None
    informational = bool(_INFORMATIONAL.search(text))
    hospital_things = _HOSPITAL_STAY.search(text) or _DRAIN_TUBES.search(text)
    if hospital_things and _PAST.search(text) and _WHAT_FOR.search(text) and not _NOW.search(text):
        return None
    for urgency, symptom, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if informational and _is_topic_question(symptom, text):
            continue
        if symptom == "wound infection signs" and _wound_asked_about(text, pattern):
            continue
        if symptom == "fever" and _FEVER_SETTLED.search(text):
            continue
        return RedFlag(urgency, symptom)
    return None


def _is_topic_question(symptom: str, text: str) -> bool:
    # "What are the signs of infection?" is still worth the urgent advice: it *is* the answer.
    if symptom == "wound infection signs":
        return False
    # A reading to the tenth of a degree is a reading taken now: "temperature 39.2 on the monitor"
    # (heard in blind set AM, where "monitor" made it look like a question about monitoring); "is 38
    # a fever?" still asks.
    if symptom == "fever" and re.search(r"\b(?:3[89]|40) (?:point )?\d\b", text):
        return False
    return not re.search(r"\b(?:now|right now|at the moment|just|started|keeps?|suddenly|really|very)\b", text)


def _wound_asked_about(text: str, pattern: re.Pattern[str]) -> bool:
    """A question about the wound ("when do the stitches come out?", "will that hurt his stitches?"),
    not a description of a sign of infection."""
    if _WOUND_INFO.search(text) and not _strong_wound(text):
        return True
    if _RISK_ASKED.search(text) and not pattern.search(_MAY_HAPPEN.sub(" ", text)):
        return True
    return bool(_HURT_ASKED.search(text)) and not pattern.search(_HURT_ASKED.sub(" ", text))


def _strong_wound(text: str) -> bool:
    return bool(re.search(r"\b(?:hot|warm|red|leak\w*|ooz\w*|weep\w*|pus|smell\w*|infect\w*|swollen|"
                          r"discharg\w*|bleed\w*|blood|open\w*|burst|painful)\b", text))


# What the default recogniser writes for red-flag words it mishears, gathered from the recordings
# of 18 read sets (a robotic voice most of all): "breathe" as "read", "dream" or "bring"; "gasping"
# as "casting"; "fainted" as "painted"; "shivery" as "chewy" or "chivalry"; "scar's gone" as "these
# cars" or "cast on"; "blood" as "love"; "yellow colour" as "low cutler"; a temperature "39.2" as
# "39 2". Each is a real word in its own right, so the words are only put back in a spoken question,
# and only kept when the question then describes a red flag (see ``misheard_red_flag``). On the first
# hearings of those sets this found 51 more of the 2,352 urgent ones and none of the 13,500 others
# (three had been flagged before the "no object after read" and "gasping for a cuppa" exclusions).
# The patterns work on cleaned text.
_MISHEARD: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(heard), meant) for heard, meant in (
    # Not "I can't read the label": only with no object after it ("can't read properly now").
    (r"\b(cannot|can not|could not|unable to) (?:read|dream|bring|free|breed|bree)\b(?! (?:it|the|this|that|my|me|a|an|"
     r"his|her|them|those|these|what|any|anything|labels?|leaflets?|print|words?|letters?|small|writing|books?|papers?)\b)",
     r"\1 breathe"),
    (r"\bshort (?:(?:of )?(?:rest|read|rep|bread|breadth)|on breath)\b", "short of breath"),
    (r"\b(?:chiver\w*|shevering|chevering|shivvering|chevary|chevery|chippery|chivalry|shimmery)\b", "shivering"),
    (r"\b(hot|cold|freezing|boiling) and chewy\b", r"\1 and shivery"),
    (r"\b(?:casting|gusting|dasping)\b", "gasping"),
    # Scots "cannae breathe" as the name "Kenny" (blind set AR's recordings).
    (r"\bkenny (breathe|breath)\b", r"cannot \1"),
    (r"\b(he|she|i|mum|dad|mother|father|husband|wife|nan|grandad|has|have|just|had)(?: is| was)? (?:painted|tainted)\b", r"\1 fainted"),
    # AX's: "pus coming out of the small hole" heard as "bus coming out".
    (r"\bbus (?=(?:is )?(?:coming|oozing|leaking|seeping|pouring|out of)\b)", "pus "),
    (r"\b(feel|feels|feeling|felt|gone|going) (all |a bit |really |very )?paint\b", r"\1 \2faint"),
    (r"\b(3[89]|40) ([0-9])\b", r"\1 point \2"),
    (r"\b(?:using|oozing) out\b", "oozing out"),
    (r"\b(it is|there is|is|stuff) using\b", r"\1 oozing"),
    (r"\bthese cars?\b|\b(?:the|this|my|his|her) car(?:s|'s)?(?= is| are| gone| going| has| have)", "my scar"),
    # AZ's: "teeth chattering" heard as "teeth-shattering".
    (r"\bteeth shattering\b", "teeth chattering"),
    # BA's: "the wound's opened up" heard as "the ones opened up", "his belly wound's weeping" as "his
    # belly once weeping" or "belly wins"; "gone yellow" as "done yellow".
    (r"\b(belly|tummy|the|his|her|my) (?:once|wins|ones)(?=,? (?:weeping|leaking|oozing|seeping|opened|split|burst)\b)",
     r"\1 wound is"),
    (r"\bdone (?=(?:\w+ )?yellow)", "gone "),
    (r"\b(?:is |it is |at least )?cast (?:is )?(?:on|gone|going)\b", "my scar is gone"),
    (r"\b(?:leading|bleeding|bleeping) from (?:the|my|his|her) car\b", "bleeding from the scar"),
    # "Blood" as "love": "coughed up love", "it's all wet, red, it's love".
    (r"\b(?:cocked|coughed|coughing) up (?:some )?(?:love|loved|glove|blud)\b", "coughed up blood"),
    (r"\bit is (all )?love\b", r"it is \1blood"),
    # BA's: "come over all dizzy" and "all faint" heard as "all busy", "all visit", "all thing", "all fan".
    (r"\b(c[ao]me) over (?:all |normal |a )?(?:pains?|paint|feint|busy|visit|thing|fan)\b", r"\1 over all faint"),
    (r"\b(?:at |a )?(?:low|yellow)[ -]cutler\b", " yellow colour"),
    (r"\bfunity\b", "funny"),
    # From AF and AG's recordings, read after their measurement: "keeps painting on me", "the monitor
    # is heading 39", "love coming through his shirt".
    # Not "he keeps painting the shed": only with nothing painted after it.
    (r"\b(keeps|kept|keep|keeping) (?:painting|hinting|feinting)(?= on (?:me|us|him|her)\b| again\b| now\b|$)", r"\1 fainting"),
    (r"\bmonitor (?=(?:is |was )?(?:saying|reading|showing|heading|fading|says|reads|shows|on) (?:3[89]|40)\b)", "thermometer "),
    (r"\blove (coming|pouring|gushing|dripping) (through|out|from|down)\b", r"blood \1 \2"),
    # From AJ and AK's recordings, read after their measurement: "wound" as "one" ("the one's gone
    # red and hot"), "the wound's" as "that's when's", "stabbing pain in my chest" as "tab being
    # paid in my chest", "forehead" as "forehand", "bleeding right through" as "bleed and write through"
    # ("short on breath" joined the "short of breath" entry above).
    # AL and AM's add "it's one's hot and leaking": with no word before it, "one" only before a sign.
    (r"\b(?:(my|the|his|her|mum's|dad's) one(?: is|'s)\b|one(?:'s| is)(?= (?:hot|red|warm|leak\w*|ooz\w*|weep\w*|"
     r"bleed\w*|swollen|sore)\b))", r"\1 wound is"),
    (r"\bthat is when is\b", "the wound is"),
    (r"\bpaid in (my|me|his|her) chest\b", r"pain in \1 chest"),
    (r"\bforehand(s?)\b", r"forehead\1"),
    (r"\bbleed(?:ing)? (?:and |in )?(?:write|right) through\b", "bleeding right through"),
    # AN and AO's: "he's just collapsed on the landing" heard as "just clots" or "just claps on the landing".
    (r"\b(?:just|has|have|had) (?:clots|claps|clapped|clasped|collapse)(?= on (?:the|to the) (?:\w+ )?(?:floor|landing|"
     r"stairs|bathroom|kitchen|hall|hallway|carpet|toilet|loo)\b)", "just collapsed"),
    # AP and AQ's: "fresh blood coming" heard as "fresh luck" or "a fresh look coming".
    (r"\bfresh (?:luck|look|love|blog|bud|blad) (?=coming|pouring|dripping|running)", "fresh blood "),
))


def misheard_red_flag(heard: str) -> str | None:
    """The spoken question with misheard red-flag words put back, when only that describes a red flag.

    "My wife cannot dream properly, she is casting now" gives "my wife cannot breathe properly she
    is gasping now"; a question flagged as heard, or not flagged either way, gives None.
    """
    text = clean(heard)
    meant = text
    for pattern, replacement in _MISHEARD:
        meant = pattern.sub(replacement, meant)
    meant = " ".join(meant.split())
    if meant == text or _red_flag_in(text) is not None or find_red_flag(meant) is None:
        return None
    return meant
