"""How each engine should say the leaflet's medical words.

Each engine has its own list because each gets different words wrong: the entries were chosen by
synthesising every word in a sentence and transcribing it back (see benchmarks/tts.py). A value is
written in the engine's own markup: Piper reads ``[[ IPA ]]`` as phonemes, hibari reads
``[word](/phonemes/)`` (misaki's alphabet), and system voices only take respelt plain words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MEDICAL_WORDS = (
    "hepatobiliary",
    "embolisation",
    "laparoscopic",
    "laparoscope",
    "anaesthetist",
    "anaesthetic",
    "nasogastric",
    "intravenous",
    "analgesia",
    "epidural",
    "catheter",
    "resection",
    "chemotherapy",
    "physiotherapist",
)
"""The words checked for every engine; an engine missing from a word's entries says it right."""

PIPER: Mapping[str, str] = {
    # Piper's phonemiser is American espeak-ng: British spellings and rare stresses go wrong.
    "anaesthetist": "anesthetist",
    "anaesthetists": "anesthetists",
    "embolisation": "[[ ˌɛmbəlᵻzˈeɪʃən ]]",
    "epidural": "eppidural",
    "epidurals": "eppidurals",
    "laparoscope": "[[ lˈæpəɹəskˌoʊp ]]",
    "nasogastric": "[[ nˌeɪzoʊɡˈæstɹɪk ]]",
    "physiotherapist": "[[ fˌɪzioʊθˈɛɹəpɪst ]]",
    "physiotherapists": "[[ fˌɪzioʊθˈɛɹəpɪsts ]]",
}

HIBARI: Mapping[str, str] = {
    "hepatobiliary": "[hepatobiliary](/hˌɛpətObˈɪliəɹi/)",
    "epidural": "[epidural](/ˌɛpɪdˈʊɹəl/)",
    "laparoscope": "[laparoscope](/lˈæpəɹəskˌOp/)",
    "laparoscopic": "[laparoscopic](/lˌæpəɹəskˈɑpɪk/)",
}

SYSTEM: Mapping[str, str] = {
    # espeak-ng's English voices stress these wrongly; respellings are all a system voice takes.
    "anaesthetist": "anesthetist",
    "epidural": "eppidural",
    "nasogastric": "nayzo gastric",
    "physiotherapist": "physio therapist",
    "physiotherapists": "physio therapists",
}


def apply_lexicon(sentence: str, lexicon: Mapping[str, str]) -> str:
    """Replace each listed word (any case, whole words only) with the engine's own spelling."""
    if not lexicon:
        return sentence
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, lexicon)) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: lexicon[m.group(1).lower()], sentence)
