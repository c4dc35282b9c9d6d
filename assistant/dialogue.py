"""Dialogue decisions: what to say to each turn of a conversation.

The order of checks is the safety policy: red flags first, every time; then answers to a pending
question (clarification, reminder confirmation); then voice commands; then reminders; then the
leaflet. Everything a reply says comes from a named section of a loaded pack, or is one of the
fixed phrases in ``assistant.phrases``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from assistant import phrases
from assistant.answer_types import missing_types
from assistant.commands import Command, parse_command
from assistant.content import Library, Section
from assistant.leaflet_meta import URGENT_ADVICE
from assistant.matcher import Candidate, Match, Matcher
from assistant.normalise import clean, has_letters
from assistant.safety import RedFlag, Urgency, find_red_flag, misheard_red_flag
from assistant.settings import Settings

_LOGGER = logging.getLogger(__name__)

UNKNOWN_BELOW = 0.44
"""Combined matcher score under which the leaflet is taken not to answer the question."""
CLARIFY_BELOW = 0.52
"""Scores under this, with a close runner-up, ask "Do you mean X or Y?"."""
CLARIFY_MARGIN = 0.03
NOT_ANSWERED_CONFIDENCE = 0.9
"""How sure an "I don't have that" is when the question is a listed not-covered one, or wants a kind
of fact the matched section lacks."""
EMERGENCY_SECTION = "emergency"
_REMEMBERED_COMMANDS = (Command.TOPICS, Command.HELP, Command.NEXT, Command.PREVIOUS)


@dataclass(frozen=True)
class Reply:
    """What the assistant says and does for one turn."""

    kind: str
    """One of answer, clarify, unknown, urgent, command, reminder."""
    say: str
    """The exact words spoken this turn."""
    section: str | None = None
    source: str | None = None
    """Title of the leaflet the words come from."""
    confidence: float = 1.0
    command: Command | None = None
    """A voice command the audio side must act on (stop, slower, louder...)."""


class ReminderHooks(Protocol):
    """What the dialogue needs from the reminder system (see assistant.reminders.voice)."""

    def notices(self, now: datetime) -> list[str]:
        """Things to mention at the start of the next interaction (missed medication)."""

    def handle(self, text: str, now: datetime) -> Reply | None:
        """A reply if the utterance is about reminders, else None."""

    def date_answer(self, section: Section, now: datetime) -> str | None:
        """A personalised date sentence for a section with ``from-surgery``, if there is a plan."""


@dataclass
class Conversation:
    """The state one conversation carries from turn to turn."""

    reading: list[str] = field(default_factory=list)
    """What is being read: chunk texts in reading order."""
    position: int = 0
    """How many items of ``reading`` have been said."""
    section_key: str | None = None
    last: Reply | None = None
    history: list[tuple[str | None, list[str], int, Reply]] = field(default_factory=list)
    clarify: tuple[Candidate, Candidate] | None = None
    pending_question: str = ""


# Where one utterance holds two questions: after a question mark, or at "and"/"also"/"plus" before a
# question word ("how long's she in and how many cuts is it?").
_SECOND_QUESTION = re.compile(
    r"\?\s+|,?\s+\b(?:and|also|plus)\s+(?=(?:how|what|what's|when|who|who'll|why|where|is|are|can|will|"
    r"do|does|should)\b)", re.IGNORECASE)


def question_parts(text: str) -> list[str]:
    """The questions within one utterance (one, usually); very short pieces stay with their neighbour."""
    parts = [p.strip(" ,") for p in _SECOND_QUESTION.split(text) if p and p.strip(" ,")]
    return parts if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts) else [text]


class Dialogue:
    """Turns what the listener said into a ``Reply``, one conversation at a time."""

    def __init__(self, library: Library, matcher: Matcher, settings: Settings,
                 save_settings: Callable[[Settings], None] | None = None,
                 reminders: ReminderHooks | None = None) -> None:
        self.library = library
        self.matcher = matcher
        self.settings = settings
        self._save_settings = save_settings
        self._reminders = reminders
        self.state = Conversation()
        self._last_match: tuple[str, Match | None] = ("", None)

    def reset(self) -> None:
        """Start a fresh conversation (settings are kept)."""
        self.state = Conversation()

    def respond(self, heard: str, now: datetime) -> Reply:
        """Decide the reply to one turn."""
        reply = self._decide(heard, now)
        if reply.kind in ("answer", "clarify", "unknown", "urgent") and self._reminders is not None:
            reply = self._with_notices(reply, now)
        if reply.kind != "command" or reply.command in _REMEMBERED_COMMANDS:
            self.state.last = reply
        return reply

    def _decide(self, heard: str, now: datetime) -> Reply:
        text = heard.strip()
        if not text or not has_letters(text):
            return Reply("unknown", phrases.DIDNT_CATCH, confidence=0.0)
        flag = self._red_flag(text)
        if flag is not None:
            return self._urgent(flag, text)
        if not clean(text):
            return Reply("unknown", phrases.ENGLISH_ONLY, confidence=0.0)
        if self.state.clarify is not None:
            chosen = self._resolve_clarify(text, now)
            if chosen is not None:
                return chosen
        if self._reminders is not None:  # before commands: "yes" may confirm a new reminder
            reminder_reply = self._reminders.handle(text, now)
            if reminder_reply is not None:
                return reminder_reply
        command = parse_command(text)
        if command is not None:
            return self._command(command)
        return self._question(text, now)

    # -- answers -----------------------------------------------------------------------------

    def better_hearing(self, heard: str, hear_again: Callable[[], str]) -> str:
        """Which of two hearings of one spoken question to reply to.

        The first hearing stands unless the leaflet answers nothing in it, or it is torn between two
        sections ("Do you mean ...?"); then ``hear_again`` is asked for another. A red flag in it is
        always taken; otherwise a refused first hearing gives way to any answered one, a torn one
        only to one answered outright. A misheard question ("keel pets, how many?") is then not told
        "I don't have that" while the words were there to be heard. On the read recordings of sets J
        and M, with the base model as the second hearing, asking again when torn too took answers
        from 82 -> 84% and 85 -> 85% for a natural voice in mild noise, and 69 -> 72% and 62 -> 64%
        for a robotic voice in loud noise, asking again for 2-4 more questions in 150; urgent recall
        and out-of-scope refusals were the same.

        Before any of that, a hearing that describes a red flag once the words a recogniser mishears
        are put back ("she cannot dream properly" -> "breathe") is replied to as put back: see
        ``safety.misheard_red_flag``.
        """
        if not heard.strip() or self._red_flag(heard) is not None:
            return heard
        meant = misheard_red_flag(heard)
        if meant is not None:
            _LOGGER.info("heard %r, taken as %r", heard, meant)
            return meant
        if self.state.clarify is not None or parse_command(heard) is not None:
            return heard
        refused = self._refusal(heard) is not None
        if not refused and not self._torn(heard):
            return heard
        again = hear_again().strip()
        if not again or clean(again) == clean(heard):
            return heard
        # A question refused is replaced by any hearing answered; one torn between two sections
        # only by a hearing answered outright.
        flagged = self._red_flag(again) is not None
        if not flagged and (meant := misheard_red_flag(again)) is not None:
            _LOGGER.info("heard %r again as %r, taken as %r", heard, again, meant)
            return meant
        if flagged or (self._refusal(again) is None and (refused or not self._torn(again))):
            _LOGGER.info("heard %r again as %r", heard, again)
            return again
        return heard

    def _red_flag(self, text: str) -> RedFlag | None:
        """A red-flag symptom described in the text: by the rules, else by its nearest written examples."""
        return find_red_flag(text) or self.matcher.red_flag(text)

    def _torn(self, text: str) -> bool:
        """Whether the answer would be "Do you mean A or B?": two sections about as close."""
        match = self._match(text)
        runner = match.runner_up if match is not None else None
        return (match is not None and runner is not None and not match.section.urgent
                and match.score < CLARIFY_BELOW and match.score - runner.score < CLARIFY_MARGIN
                and not runner.section.urgent)

    def _match(self, text: str) -> Match | None:
        """The matcher's answer, kept for the last text: a spoken question is weighed by
        ``better_hearing`` and then answered, and should be matched once."""
        if self._last_match[0] != text:
            self._last_match = (text, self.matcher.match_question(text))
        return self._last_match[1]

    def _refusal(self, text: str) -> Reply | None:
        """"I don't have that" when the leaflet does not answer the question, else None."""
        match = self._match(text)
        if match is None or match.score < UNKNOWN_BELOW:
            return self._unknown(1.0 - (match.confidence if match else 0.0))
        if match.section.urgent:
            return None
        if match.not_covered is not None:  # closer to a question the pack says the leaflet does not answer
            _LOGGER.info("%s is nearest the not-covered question %r", text, match.not_covered)
            return self._unknown(NOT_ANSWERED_CONFIDENCE)
        missing = missing_types(text, match.section.chunks)
        if missing:  # "what time does the support line close?": the section has no times at all
            _LOGGER.info("%s matches %s, which holds no %s", text, match.key, " or ".join(missing))
            return self._unknown(NOT_ANSWERED_CONFIDENCE)
        return None

    def _question(self, text: str, now: datetime) -> Reply:
        refusal = self._refusal(text)
        if refusal is not None:
            return refusal
        match = self._match(text)
        assert match is not None
        if match.section.urgent:
            return self._answer(match, now)
        runner = match.runner_up
        if runner is not None and self._torn(text):
            self.state.clarify = (Candidate(match.key, match.section, match.score), runner)
            self.state.pending_question = text
            say = phrases.clarify(match.section.title, runner.section.title)
            return Reply("clarify", say, confidence=match.confidence)
        return self._answer(match, now, also=self._other_parts(text, match))

    def _other_parts(self, text: str, match: Match) -> list[str]:
        """Chunks answering the other questions of a compound one ("how long's she in and how many
        cuts is it?") that the whole question's answer does not already read."""
        parts = question_parts(text)
        if len(parts) < 2:
            return []
        said = {(match.key, i) for i in (match.read_first or (match.chunk_index,))}
        extra: list[str] = []
        for part in parts:
            other = self.matcher.match_question(part)
            if (other is None or other.score < CLARIFY_BELOW or other.not_covered is not None
                    or other.section.urgent or (other.key, other.chunk_index) in said):
                continue
            said.add((other.key, other.chunk_index))
            extra.append(other.section.chunks[other.chunk_index])
        return extra

    def _unknown(self, confidence: float) -> Reply:
        return Reply("unknown", f"{phrases.UNKNOWN} {self._help_line()}", confidence=confidence)

    def _answer(self, match: Match, now: datetime, prefix: str = "", also: list[str] | None = None) -> Reply:
        section = match.section
        first = match.read_first or (match.chunk_index,)
        also = also or []
        # "More" goes on with the chunks not said yet (another part of the question may have read one).
        rest = [i for i in range(len(section.chunks)) if i not in first and section.chunks[i] not in also]
        opening = " ".join([*(section.chunks[i] for i in first), *also])
        reading = [opening] + [section.chunks[i] for i in rest]
        personal = self._reminders.date_answer(section, now) if self._reminders else None
        if personal:
            reading[0] = f"{personal} {reading[0]}"
        self._start_reading(match.key, reading)
        say = self._next_piece(prefix=prefix)
        kind = "urgent" if section.urgent else "answer"
        return Reply(kind, say, match.key, self._source(section), match.confidence)

    def _urgent(self, flag: RedFlag, text: str) -> Reply:
        section = self._urgent_section(flag)
        if section is None:  # a pack without urgent sections still must not stay silent
            return self._urgent_from_leaflet(text)
        key = self.library.key_of(section)
        self._start_reading(key, list(section.chunks))
        say = self._next_piece()
        return Reply("urgent", say, key, self._source(section), 1.0)

    def _urgent_from_leaflet(self, text: str) -> Reply:
        """Urgent advice first; then, if the leaflet has its own warning about this, that passage."""
        match = self.matcher.match_question(text)
        if match is not None and match.score >= UNKNOWN_BELOW:
            chunk = match.section.chunks[match.chunk_index]
            if URGENT_ADVICE.search(chunk):  # "...contact the hospital straight away."
                self._start_reading(match.key, [chunk])
                say = self._next_piece(prefix=f"{phrases.URGENT_FALLBACK} ")
                return Reply("urgent", say, match.key, self._source(match.section), 1.0)
        return Reply("urgent", phrases.URGENT_FALLBACK, None, None, 1.0)

    def _urgent_section(self, flag: RedFlag) -> Section | None:
        urgent = [s for s in self.library.sections if s.urgent]
        if not urgent:
            return None
        emergency = [s for s in urgent if s.id == EMERGENCY_SECTION]
        others = [s for s in urgent if s.id != EMERGENCY_SECTION]
        if flag.urgency is Urgency.EMERGENCY and emergency:
            return emergency[0]
        ranked = self.matcher.rank(flag.symptom)[0]
        for candidate in ranked:
            if candidate.section in others:
                return candidate.section
        return (emergency or urgent)[0]

    def _resolve_clarify(self, text: str, now: datetime) -> Reply | None:
        assert self.state.clarify is not None
        first, second = self.state.clarify
        choice = phrases.pick_option(clean(text), first.section, second.section)
        if choice is None:
            command = parse_command(text)
            if command is Command.NO:
                self.state.clarify = None
                return Reply("clarify", phrases.ASK_AGAIN, confidence=0.0)
            if command is Command.REPEAT and self.state.last is not None:
                return replace(self.state.last, command=Command.REPEAT)
            self.state.clarify = None
            return None
        self.state.clarify = None
        chosen = first if choice == 0 else second
        index = self.matcher.best_chunk(chosen.section, self.state.pending_question, None)
        match = Match(chosen.key, chosen.section, index, chosen.score, 1.0, None)
        return self._answer(match, now)

    # -- reading -----------------------------------------------------------------------------

    def _start_reading(self, key: str | None, reading: list[str]) -> None:
        st = self.state
        if st.last is not None:
            st.history.append((st.section_key, st.reading, st.position, st.last))
            del st.history[:-20]
        st.section_key, st.reading, st.position = key, reading, 0

    def _next_piece(self, prefix: str = "") -> str:
        st = self.state
        piece = st.reading[st.position]
        st.position += 1
        tail = f" {phrases.OFFER_MORE}" if st.position < len(st.reading) else ""
        return f"{prefix}{piece}{tail}".strip()

    def _source(self, section: Section) -> str:
        return self.library.pack_of(section).title

    def _help_line(self) -> str:
        helps = {p.help for p in self.library.packs}
        return next(iter(helps)) if len(helps) == 1 else phrases.GENERIC_HELP

    def _with_notices(self, reply: Reply, now: datetime) -> Reply:
        assert self._reminders is not None
        notices = self._reminders.notices(now)
        if not notices:
            return reply
        joined = " ".join(notices)
        say = f"{reply.say} {joined}" if reply.kind == "urgent" else f"{joined} {reply.say}"
        return replace(reply, say=say)

    # -- commands ----------------------------------------------------------------------------

    def _command(self, command: Command) -> Reply:
        from assistant.dialogue_commands import run_command

        return run_command(self, command)
