"""Put a leaflet's own word back where a question has something that only sounds like it.

Recognisers and hurried typists write what they hear: "epic dural", "cat header", "lapper
scope", "pee see ay" for PCA, "liver reception". The sentence-embedding model has never met those
spellings, so it misses the topic even when the words matcher half-finds it. Replaced by the
leaflet's word: a run of up to three words the leaflet does not use that both sounds like
(Metaphone) and is spelt much like one of its longer words or terms; letter names or a rhyming
letter that spell one of its acronyms; a real word that sounds like the word the leaflet puts
beside its neighbour; and odd words that only together sound like one of its hard medical words
("fizzy therapist", "epi jewel"). A single real English word on its own is left as said ("stressing").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

import jellyfish
from rapidfuzz import fuzz, process

from assistant.common_words import COMMON_WORDS
from assistant.english import english_frequency, english_words
from assistant.vocabulary import STOP

_LOGGER = logging.getLogger(__name__)

MIN_LETTERS = 6
"""Shorter words sound like too many others to be put right safely."""
SOUND_RATIO = 80.0
"""RapidFuzz ratio between Metaphone keys at or above which two spellings sound alike."""
SPELLING_RATIO = 70.0
"""RapidFuzz ratio between the spellings themselves, so only near spellings are replaced."""
# A single word, or a run of real English words ("cat header"), is only replaced when very close in
# both sound and spelling: most words that sound a bit like a leaflet word are just other words
# ("god forbid" is not "good food").
STRICT_SOUND_RATIO = 85.0
STRICT_SPELLING_RATIO = 75.0
ONE_WORD_LENGTH_DIFFERENCE = 2
# A word that is no English word at all and spelt this close to a leaflet word is taken for it when
# it also sounds a little like it ("coovering" -> hoovering).
NEAR_SPELLING_RATIO = 85.0
# Beside the neighbour the leaflet gives it, a word that sounds very like the leaflet's may be spelt
# further off ("liver *recession*": sounds 89, spelt 67, from its letters in another order).
CONTEXT_SPELLING_RATIO = 60.0
# A single word is only replaced when it is not an English word at all: "stressing" and "hauling"
# are meant as said.
# Words rarer than this in the spelling dictionary's counts ("stalkings", "emboli") count as slips.
ENGLISH_FREQUENCY = 1e-7
MAX_RUN = 3
# A long leaflet word said syllable by syllable, some of them everyday words ("an ease the tist",
# "happy toe billy airy"): up to four words whose letters together sound all but exactly like one
# long leaflet word, with at least one of them strange to both the leaflet and everyday talk.
SYLLABLE_RUN = 4
SYLLABLE_TARGET_LETTERS = 9
SYLLABLE_SOUND_RATIO = 90.0
SYLLABLE_SPELLING_RATIO = 65.0
MAX_ACRONYM = 4
# Letters as people say them, for acronyms spelt out ("pee vee ee" for PVE).
LETTER_NAMES = {
    "ay": "a", "eh": "a", "a": "a", "bee": "b", "b": "b", "see": "c", "sea": "c", "cee": "c", "c": "c", "dee": "d",
    "d": "d", "ee": "e", "e": "e", "ef": "f", "eff": "f", "f": "f", "gee": "g", "g": "g", "aitch": "h",
    "haitch": "h", "h": "h", "eye": "i", "i": "i", "jay": "j", "j": "j", "kay": "k", "k": "k", "el": "l",
    "ell": "l", "l": "l", "em": "m", "m": "m", "en": "n", "n": "n", "oh": "o", "o": "o", "pee": "p",
    "p": "p", "cue": "q", "q": "q", "ar": "r", "r": "r", "ess": "s", "s": "s", "tee": "t", "t": "t",
    "you": "u", "u": "u", "vee": "v", "v": "v", "ex": "x", "x": "x", "why": "y", "wye": "y", "y": "y",
    "zed": "z", "zee": "z", "z": "z",
}
_ALPHA = re.compile(r"^[a-z]+$")
# A hard medical word said as everyday words that only together sound like it: "fizzy therapist",
# "key motherapy", "in sissy ons", "hippo billy airy", "lap a rascal pick" (blind sets). Metaphone
# keeps too few sounds to see these; a sound skeleton, its consonants as said with the vowels between
# them as one mark, keeps the rhythm of the syllables, and two skeletons this close are one word.
# Chosen on every question of the 51 read sets, each new repair read: at 84 "under the knee" was
# "intestine" and "the bandage" "dependency". Now a run must hold a word that is rare in everyday
# English ("fizzy", "jewel") or sound all but exactly like the word ("key mo therapy"); one
# starting with a little word must sound exactly like it ("in sissy ons"), one ending with one is
# never a slip; at most one of its words may be everyday talk.
SKELETON_RATIO = 87.5
SKELETON_RATIO_EVERYDAY = 95.0
SKELETON_RATIO_LEAD = 97.0
SKELETON_RATIO_ONE_WORD = 90.0
RARE_WORD_FREQUENCY = 2e-6
HARD_WORD_FREQUENCY = 1e-6
"""A leaflet word used less than this in everyday English ("epidural", "catheter") is a hard one."""
HARD_WORD_LETTERS = 8
# Spellings that sound the same made one; voiced and unvoiced pairs (d and t, b and p, g and k, v
# and f) are heard for each other, so each pair is one letter, and "du" is said "joo" ("epi jewel").
_SOUNDS = tuple((re.compile(a), b) for a, b in (
    (r"ph", "f"), (r"th", "t"), (r"ch", "k"), (r"ck", "k"), (r"wh", "w"), (r"^kn", "n"), (r"gh", ""),
    (r"c(?=[eiy])", "s"), (r"c", "k"), (r"q", "k"), (r"x", "ks"), (r"z", "s"), (r"dg", "j"),
    (r"(?<=[aeiouy])h(?![aeiouy])", ""), (r"[dj]", "t"), (r"b", "p"), (r"g", "k"), (r"v", "f"),
    (r"(?<=[aeiou])y", "i"), (r"y(?![aeiou])", "i"), (r"([a-z])\1+", r"\1"), (r"[aeiouy]+", "A")))


def sound_skeleton(text: str) -> str:
    """How letters sound, roughly: "fizzy therapist" and "physiotherapist" are both "fAsAtArApAst"."""
    skeleton = re.sub(r"[^a-z]", "", text.lower())
    for pattern, sound in _SOUNDS:
        skeleton = pattern.sub(sound, skeleton)
    return skeleton


def _silent_h(skeleton: str) -> str:
    """A skeleton with an h before its first vowel left out: in British speech it comes and goes."""
    return skeleton[1:] if skeleton.startswith("hA") else skeleton


def _closest(key: str, keys: list[str], cutoff: float) -> tuple[str, float, int] | None:
    """The skeleton in ``keys`` nearest ``key``, at least ``cutoff`` alike and starting with its sound."""
    hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
    return hit if hit is not None and hit[0][0] == key[0] else None


def _without_an_end(letters: list[str]) -> tuple[str, str]:
    """A run of words joined, less its first word and less its last: the match must need them both."""
    return "".join(letters[1:]), "".join(letters[:-1])


# Letters whose names rhyme, which recognisers confuse when an acronym is spoken ("PBE" for PVE).
_RHYMES = ("bcdegptvz", "ahjk", "fmnsx", "iy", "qu")


def _rhyme(letter: str) -> str:
    return next((group for group in _RHYMES if letter in group), "")


@dataclass(frozen=True)
class Repair:
    """One replacement made in a question."""

    heard: str
    meant: str


class SoundAlikes:
    """The leaflet's longer words and terms, indexed by how they sound."""

    def __init__(self, spoken: Iterable[str], terms: Iterable[str] = (), acronyms: Iterable[str] = ()) -> None:
        """``spoken``: the leaflet's titles and chunks, cleaned, whose words are spelt right and are
        what a heard word may become; ``terms``: its multi-word terms, used when all their words are
        spoken ones; ``acronyms``: its short capitalised names ("PCA", "HDU"), which people spell
        out ("pee see ay")."""
        spoken = list(spoken)
        terms = list(terms)
        right = frozenset(w for text in spoken for w in text.split())
        self._spoken = right
        self._spoken_list = sorted(right)  # searched by RapidFuzz for near spellings
        # Which word the leaflet puts after (and before) each word, in its text and its terms.
        self._after: dict[str, set[str]] = {}
        self._before: dict[str, set[str]] = {}
        for text in (*spoken, *terms):
            tokens = text.split()
            for first, second in zip(tokens, tokens[1:], strict=False):
                self._after.setdefault(first, set()).add(second)
                self._before.setdefault(second, set()).add(first)
        self._acronyms = frozenset(a.lower() for a in acronyms)
        self._acronym_list = sorted(self._acronyms)
        english_words()  # load the dictionary now, not during the first question
        by_key: dict[str, str] = {}
        for target in sorted({*self._targets(right), *self._multi_word(terms, right)}):
            by_key.setdefault(jellyfish.metaphone(target.replace(" ", "")), target)
        self._keys = list(by_key)
        self._meant = list(by_key.values())
        hard = {sound_skeleton(w): w for w in sorted(self._targets(right))
                if len(w) >= HARD_WORD_LETTERS and english_frequency(w) < HARD_WORD_FREQUENCY}
        self._hard_keys = list(hard)
        self._hard = list(hard.values())
        self._hard_keys_silent_h = [_silent_h(k) for k in self._hard_keys]

    @staticmethod
    def _targets(words: Iterable[str]) -> set[str]:
        return {w for w in words if len(w) >= MIN_LETTERS and _ALPHA.match(w) and w not in COMMON_WORDS}

    @staticmethod
    def _multi_word(terms: Iterable[str], spoken: frozenset[str]) -> set[str]:
        return {t for t in terms if 2 <= len(t.split()) <= MAX_RUN and len(t) >= MIN_LETTERS
                and all(w in spoken for w in t.split())}

    def _blocks(self, word: str) -> bool:
        """A word the leaflet spells this way, or everyday talk: not the start or end of a slip."""
        return word in self._spoken or self._everyday(word)

    @staticmethod
    def _everyday(word: str) -> bool:
        return word in STOP or word in COMMON_WORDS

    @staticmethod
    def _is_english(word: str) -> bool:
        return english_frequency(word) >= ENGLISH_FREQUENCY

    def find(self, text: str) -> list[tuple[int, int, Repair]]:
        """Runs of words in cleaned text that sound like a leaflet word: (start, end, repair), in order."""
        words = text.split()
        found: list[tuple[int, int, Repair]] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_ACRONYM, len(words) - i), 0, -1):
                repair = self._spelt_out(words[i:i + n])
                if repair is None and n <= MAX_RUN:
                    repair = self._repair_run(words[i:i + n])
                if repair is None and n == 1:
                    repair = self._in_context(words, i)
                if repair is None and 2 <= n <= SYLLABLE_RUN:
                    repair = self._syllables(words[i:i + n])
                if repair is None and n <= SYLLABLE_RUN:
                    repair = self._hard_word(words[i:i + n])
                if repair is not None:
                    found.append((i, i + n, repair))
                    i += n
                    break
            else:
                i += 1
        return found

    def _spelt_out(self, run: list[str]) -> Repair | None:
        """Letter names that spell one of the leaflet's acronyms: "pee see ay" -> "pca"; or an
        acronym heard with a letter that rhymes with the right one: "PBE", "PPE" -> "pve"."""
        if len(run) == 1:
            return self._misheard_acronym(run[0])
        letters = [LETTER_NAMES.get(w) for w in run]
        spelt = "".join(letter or "?" for letter in letters)
        return Repair(" ".join(run), spelt) if spelt in self._acronyms else None

    def _misheard_acronym(self, word: str) -> Repair | None:
        if not 2 <= len(word) <= 4 or word in self._acronyms or self._blocks(word) or self._is_english(word):
            return None
        for acronym in self._acronym_list:
            if len(acronym) == len(word) and sum(
                    a != b for a, b in zip(acronym, word, strict=True)) == 1 and all(
                    a == b or _rhyme(a) == _rhyme(b) != "" for a, b in zip(acronym, word, strict=True)):
                return Repair(word, acronym)
        return None

    def _in_context(self, words: list[str], i: int) -> Repair | None:
        """A real word that sounds like the word the leaflet puts beside its neighbour: "liver
        *reception*" -> "liver resection", "portal *vain*" -> "portal vein"."""
        word = words[i]
        if self._blocks(word) or not _ALPHA.match(word) or len(word) < 4:
            return None
        # Only a neighbour that is a topic word says which word the leaflet would put here.
        nearby: set[str] = set()
        if i > 0 and not self._everyday(words[i - 1]):
            nearby |= self._after.get(words[i - 1], set())
        if i + 1 < len(words) and not self._everyday(words[i + 1]):
            nearby |= self._before.get(words[i + 1], set())
        key = jellyfish.metaphone(word)
        best = None
        for meant in nearby:
            if (len(meant) < 4 or meant not in self._spoken or word.endswith(meant) or word in meant
                    or self._everyday(meant)):
                continue  # "apart" is not a slip of "part" (but "paint relief" is of "pain relief")
            sound = fuzz.ratio(key, jellyfish.metaphone(meant))
            spelling = fuzz.ratio(word, meant)
            near = spelling >= SPELLING_RATIO or (sound >= STRICT_SOUND_RATIO and spelling >= CONTEXT_SPELLING_RATIO)
            if sound >= SOUND_RATIO and near and (best is None or sound + spelling > best[0]):
                best = (sound + spelling, meant)
        return Repair(word, best[1]) if best else None

    def _repair_run(self, run: list[str]) -> Repair | None:
        # The run's outer words must both be strange to the leaflet: "blood pressure every" is
        # already right, and "a catheter" is found by its own word.
        if not all(_ALPHA.match(w) for w in run) or any(self._blocks(w) for w in (run[0], run[-1])):
            return None
        joined = "".join(run)
        one = len(run) == 1
        if one and joined.endswith("in") and not self._is_english(joined) and self._is_english(joined + "g"):
            return Repair(joined, joined + "g")  # a dropped g: "wonderin", "bleedin"
        if len(joined) < MIN_LETTERS or (one and (joined in COMMON_WORDS or self._is_english(joined))):
            return None
        # Real words heard together ("cat header") must be as close as a single slipped word.
        strict = one or all(self._is_english(w) for w in run)
        if one:
            near = self._near_spelling(joined)
            if near is not None:
                return near
        sounds = process.extract(jellyfish.metaphone(joined), self._keys, scorer=fuzz.ratio, limit=5,
                                 score_cutoff=STRICT_SOUND_RATIO if strict else SOUND_RATIO)
        best = None
        for _, sound, index in sounds:
            meant = self._meant[index]
            spelt = meant.replace(" ", "")
            if one and abs(len(spelt) - len(joined)) > ONE_WORD_LENGTH_DIFFERENCE:
                continue
            spelling = fuzz.ratio(joined, spelt)
            if spelling >= (STRICT_SPELLING_RATIO if strict else SPELLING_RATIO) and (
                    best is None or sound + spelling > best[0]):
                best = (sound + spelling, meant)
        return Repair(" ".join(run), best[1]) if best else None

    def _odd_letters(self, run: list[str]) -> list[str] | None:
        """The run's words without apostrophes, if it can be a slip said in pieces: letters only, none
        of them a topic word the leaflet spells so, and not all of them everyday talk."""
        letters = [w.replace("'", "") for w in run]
        if (not all(_ALPHA.match(w) for w in letters) or all(self._everyday(w) for w in letters)
                or any(w in self._spoken and not self._everyday(w) for w in letters)):
            return None
        return letters

    def _syllables(self, run: list[str]) -> Repair | None:
        """A long leaflet word said in pieces, everyday words among them: "an ease the tist"."""
        letters = self._odd_letters(run)
        if letters is None:
            return None
        # Not "teatime and" for "treatment", nor "incision has": a whole word beside an everyday one is said as meant.
        if len(letters) == 2 and any(self._everyday(w) and (other in self._spoken or self._is_english(other))
                                     for w, other in (letters, letters[::-1])):
            return None
        joined = "".join(letters)
        if len(joined) < SYLLABLE_TARGET_LETTERS:
            return None
        # Not "the mac millan" for "mac millan": a word at either end that the match does without is not part of it.
        trimmed_keys = [jellyfish.metaphone(part) for part in _without_an_end(letters)]
        best = None
        for key, sound, index in process.extract(jellyfish.metaphone(joined), self._keys, scorer=fuzz.ratio, limit=5,
                                                 score_cutoff=SYLLABLE_SOUND_RATIO):
            meant = self._meant[index]
            if " " in meant or len(meant) < SYLLABLE_TARGET_LETTERS:
                continue
            spelling = fuzz.ratio(joined, meant)
            trimmed = max(fuzz.ratio(part, key) for part in trimmed_keys)
            if spelling >= SYLLABLE_SPELLING_RATIO and trimmed < sound and (best is None or sound + spelling > best[0]):
                best = (sound + spelling, meant)
        return Repair(" ".join(run), best[1]) if best else None

    def _hard_word(self, run: list[str]) -> Repair | None:
        """Odd words, or one word no dictionary has, that together sound like a hard leaflet word."""
        letters = self._odd_letters(run)
        if (letters is None or letters[-1] in STOP or sum(self._everyday(w) for w in letters) > 1
                or (len(letters) == 1 and self._is_english(letters[0]))):
            return None
        if len(letters) == 1:
            needed = SKELETON_RATIO_ONE_WORD
        elif letters[0] in STOP:
            needed = SKELETON_RATIO_LEAD
        elif min(english_frequency(w) for w in letters) < RARE_WORD_FREQUENCY:
            needed = SKELETON_RATIO
        else:
            needed = SKELETON_RATIO_EVERYDAY
        key = sound_skeleton("".join(letters))
        hit = _closest(key, self._hard_keys, needed)
        silent_h = hit is None
        if hit is None:
            # "happy dural" for "epidural" (blind sets AM, AZ and BA): without the h it must sound all
            # but exactly like the word ("handout no" is not "intestine").
            key = _silent_h(key)
            hit = _closest(key, self._hard_keys_silent_h, max(needed, SKELETON_RATIO_EVERYDAY))
            if hit is None:
                return None
        meant = self._hard[hit[2]]
        # Not "the epi jewel" for "epidural": a word at either end that the match does without is not part of it.
        skeleton = (lambda part: _silent_h(sound_skeleton(part))) if silent_h else sound_skeleton
        if len(letters) > 1 and max(fuzz.ratio(skeleton(part), hit[0]) for part in _without_an_end(letters)) >= hit[1]:
            return None
        # Not "chemo after op" for "chemotherapy": the word cut short, then everyday words said after it.
        if len(letters) > 1 and meant.startswith(letters[0]) and any(self._everyday(w) for w in letters[1:]):
            return None
        return Repair(" ".join(run), meant)

    def _near_spelling(self, word: str) -> Repair | None:
        """A non-word spelt almost like a leaflet word that sounds a little like it ("coovering")."""
        hit = process.extractOne(word, self._spoken_list, scorer=fuzz.ratio, score_cutoff=NEAR_SPELLING_RATIO)
        if hit is None or len(hit[0]) < MIN_LETTERS or hit[0] in COMMON_WORDS:
            return None
        sound = fuzz.ratio(jellyfish.metaphone(word), jellyfish.metaphone(hit[0]))
        return Repair(word, hit[0]) if sound >= SOUND_RATIO else None

    def repair(self, text: str) -> str:
        """Cleaned text with every sound-alike run replaced by the leaflet's word."""
        found = self.find(text)
        if not found:
            return text
        words = text.split()
        out: list[str] = []
        last = 0
        for start, end, repair in found:
            out.extend(words[last:start])
            out.append(repair.meant)
            last = end
        out.extend(words[last:])
        _LOGGER.debug("heard as: %s", [(r.heard, r.meant) for _, _, r in found])
        return " ".join(out)
