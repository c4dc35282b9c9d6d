"""The live assistant's decisions: what to do on a key, a chunk of sound, a transcript, a reminder.

Pure: every input (the time, the audio chunk, the transcript, the reply) is an argument, and
every output is a list of actions for ``assistant.listen`` to carry out. The loop is in one of
four phases: idle, listening, thinking, speaking (plus typing, when questions are typed).

Policies:

- No time-outs on the patient: listening waits for speech as long as it takes.
- Never talk over the patient: reminders fall due only while idle; one due while listening,
  thinking or speaking waits for the end of that turn.
- Any key stops speech. Hands-free, short utterances heard while speaking are transcribed and
  only "stop" (and its variants) acts, so the assistant's own voice coming back through the
  microphone cannot start a new question. There is no echo cancellation: through loudspeakers
  the assistant's voice reaches the microphone, sound longer than 2.5 s is taken for that echo,
  so "stop" is heard in the pauses between sentences (at once with headphones). Recognising
  these short utterances costs about 0.3 s of one core each, affordable on two.
- Latency: recognition starts in a 0.4 s pause; a pause of 0.7 s ends the question if those
  words are a whole question (they end in "?"), else the segmenter's 1.2 s. When the words are
  ready at the end, the "heard" earcon and the answer play as one sound.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

import numpy as np

from assistant import phrases
from assistant.audio import SegmenterConfig, SegmentEvent
from assistant.commands import Command, parse_command
from assistant.dialogue import Reply
from assistant.live_actions import (
    Action,
    PlayEarcon,
    Respond,
    RunSchedule,
    ShowCaption,
    Speak,
    StopSpeaking,
    Transcribe,
    TypeMode,
)
from assistant.utterance import Background, BargeIn, EarlyWords
from assistant.wake import split_wake

_LOGGER = logging.getLogger(__name__)

__all__ = ["Action", "LiveConfig", "LiveLoop", "Phase", "PlayEarcon", "Respond", "RunSchedule",
           "ShowCaption", "Speak", "StopSpeaking", "Transcribe", "TypeMode", "split_wake"]

THINKING_EARCON_AFTER = 1.0
"""Seconds of thinking before the "thinking" earcon tells the patient it is still working."""
SCHEDULE_EVERY = 15.0
"""Seconds between runs of the reminder schedule while idle."""
EARCON_GUARD = 0.35
"""Seconds of microphone ignored after a key press, so the listening earcon is not heard as speech."""
TYPE_KEY = "t"
"""Key that switches to typing a question."""


class Phase(Enum):
    """Where the live loop is in a turn."""

    IDLE = "idle"
    LISTENING = "listening"
    THINKING = "thinking"
    SPEAKING = "speaking"
    TYPING = "typing"


@dataclass(frozen=True)
class LiveConfig:
    """How the live loop behaves, from the command line."""

    hands_free: bool = False
    wake: str | None = None
    """Phrase that must start a hands-free question, or None."""
    spoken_state: bool = False
    """Also say states aloud ("I'm listening")."""
    sample_rate: int = 16000
    segmenter: SegmenterConfig | None = None


class LiveLoop:
    """The live assistant's state machine; every method returns the actions to carry out."""

    def __init__(self, config: LiveConfig) -> None:
        self.config = config
        self.phase = Phase.IDLE
        self.microphone = True
        self._background = Background(config.sample_rate, config.segmenter)
        self._collector = self._background.collector()
        self._barge_in = BargeIn(self._background)
        self._early = EarlyWords()
        self._heard_earcon_due = False
        self._ignore_until = 0.0
        self._thinking_since: float | None = None
        self._thinking_told = False
        self._last_schedule: float | None = None
        self._woken = False
        self._typed: list[str] = []
        """Lines typed during a turn, answered one by one when it ends."""
        self._now = 0.0
        self._held: list[tuple[str, str]] = []
        """(words, earcon) to say at the end of the current turn."""

    def _state(self, text: str, now: float) -> list[Action]:
        """A state said aloud (--spoken-state); the microphone is ignored until it has been said."""
        self._ignore_until = now + EARCON_GUARD
        if not self.config.spoken_state:
            return []
        self._ignore_until = float("inf")
        return [Speak(text)]

    def greeting(self) -> str:
        """What is said when the assistant is ready."""
        if not self.microphone:
            return "Hello. Type your question and press Enter."
        if self.config.hands_free and self.config.wake:
            return f"Hello, I'm ready. Say '{self.config.wake}', then your question."
        if self.config.hands_free:
            return "Hello, I'm ready. Ask me a question whenever you like."
        return "Hello, I'm ready. Press the space bar, then ask your question."

    def start(self, now: float) -> list[Action]:
        """Ready: greet, then announce what fell due while the assistant was off."""
        self._last_schedule = now
        self.phase = Phase.SPEAKING
        return [
            ShowCaption("status", self.key_help()),
            ShowCaption("assistant", self.greeting()),
            Speak(self.greeting()),
            RunSchedule(),
        ]

    def key_help(self) -> str:
        """The keys, shown once at the start."""
        talk = "Just ask, or press Space or Enter" if self.config.hands_free else "Press Space or Enter"
        stop = "any key or saying 'stop'" if self.config.hands_free else "any key"
        return f"{talk} to talk. Stop me with {stop}. Press T to type a question. Ctrl+C quits."

    # -- keys and typing --------------------------------------------------------------------

    def on_key(self, key: str, now: float) -> list[Action]:
        """A key press: stops speech; when idle, starts listening (or typing with 't')."""
        if self.phase is Phase.SPEAKING:
            return [StopSpeaking()]
        if self.phase is not Phase.IDLE:
            if self.phase is Phase.LISTENING and not self.config.hands_free:
                return self._end_of_speech()  # a second press: "I have finished"
            return []
        if key == TYPE_KEY or not self.microphone:
            return self._start_typing()
        self.phase = Phase.LISTENING
        self._collector = self._background.collector()
        return [
            PlayEarcon("listening"),
            ShowCaption("status", "Listening…"),
            *self._state("I'm listening.", now),
        ]

    def _start_typing(self) -> list[Action]:
        self.phase = Phase.TYPING
        return [TypeMode(True), ShowCaption("status", "Type your question and press Enter")]

    def on_line(self, text: str, now: float) -> list[Action]:
        """A typed line: a question like a spoken one (an empty line goes back to keys).

        Typed while speaking, it stops the speech and is answered next; typed while thinking, it
        waits for the end of the turn.
        """
        if self.phase not in (Phase.IDLE, Phase.TYPING):
            if text.strip():
                self._typed.append(text)
            return [StopSpeaking()] if self.phase is Phase.SPEAKING else []
        text = text.strip()
        back: list[Action] = [] if not self.microphone else [TypeMode(False)]
        if not text:
            self.phase = Phase.IDLE if self.microphone else Phase.TYPING
            return back
        self.phase = Phase.THINKING
        self._thinking_since, self._thinking_told = now, False
        return [*back, ShowCaption("you", text), Respond(text)]

    # -- sound in ---------------------------------------------------------------------------

    def on_audio(self, chunk: np.ndarray, now: float) -> list[Action]:
        """A chunk from the microphone (~100 ms)."""
        if self.phase in (Phase.IDLE, Phase.TYPING):
            self._background.remember(chunk)
        if self.phase is Phase.SPEAKING:
            heard = self._barge_in.feed(chunk) if self.config.hands_free else None
            return [] if heard is None else [Transcribe(heard, barge_in=True)]
        listening = self.phase is Phase.LISTENING or (self.phase is Phase.IDLE and self.config.hands_free)
        if not listening or now < self._ignore_until:
            return []
        event = self._collector.feed(chunk)
        if event is SegmentEvent.WAITING:
            return []
        self.phase = Phase.LISTENING
        return self._end_of_speech() if event is SegmentEvent.END else self._maybe_early()

    def _maybe_early(self) -> list[Action]:
        """During a pause, recognise what has been said; end a whole question after a short pause."""
        if self._early.question_over(self._collector):
            return self._end_of_speech()
        if self._early.should_start(self._collector):
            return [Transcribe(self._collector.samples(), early=True)]
        return []

    def _end_of_speech(self) -> list[Action]:
        collector = self._collector
        self._collector = self._background.collector()
        self.phase = Phase.THINKING
        self._thinking_since, self._thinking_told = None, False
        covered, text = self._early.at_end(collector)
        # Waiting for the wake phrase, most sound is not for us: no earcon until it is heard.
        heard: list[Action] = [] if self._wake_gated() else [PlayEarcon("heard")]
        if not covered:
            return [*heard, Transcribe(collector.samples())]
        if text is None:
            return heard  # nothing was said since: the words coming are the question
        return self._heard_at_once(text)

    def _wake_gated(self) -> bool:
        return self.config.hands_free and bool(self.config.wake) and not self._woken

    def _heard_at_once(self, text: str) -> list[Action]:
        """The words are known at the end of speech: the "heard" earcon leads the reply in one
        sound, so the answer follows it without opening the speaker twice."""
        gated = self._wake_gated()
        actions = self._heard(text, self._now)
        if actions and isinstance(actions[-1], Respond):
            self._heard_earcon_due = True
            return actions
        if gated or any(isinstance(a, PlayEarcon) for a in actions):
            return actions  # not for us, or its own earcon says what happened
        return [PlayEarcon("heard"), *actions]

    def on_transcript(self, text: str, barge_in: bool, now: float, early: bool = False) -> list[Action]:
        """What the recogniser heard in an utterance (``early``: during a pause in it)."""
        self._now = now
        if barge_in:
            stop = self.phase is Phase.SPEAKING and parse_command(text) is Command.STOP
            return [StopSpeaking()] if stop else []
        if early:
            if not self._early.received(text):
                return []  # an older pause's words: the patient said more after it
            if self._early.awaited and self.phase is Phase.THINKING:
                self._early.awaited = False
                return self._heard(text, now)
            if self.phase is Phase.LISTENING and self._early.question_over(self._collector):
                return self._end_of_speech()
            return []
        if self.phase is not Phase.THINKING:
            return []
        return self._heard(text, now)

    def _heard(self, text: str, now: float) -> list[Action]:
        """The words of a finished utterance: a question, the wake phrase, or nothing."""
        text = text.strip()
        if self.config.hands_free and not text:
            self.phase = Phase.IDLE  # a cough or a door: nothing to say, just the earcon
            return [] if self._wake_gated() else [PlayEarcon("didnt_catch")]
        if self._wake_gated():
            rest = split_wake(text, self.config.wake or "")
            if rest is None:
                self.phase = Phase.IDLE
                return []
            if not rest:
                self._woken = True
                self.phase = Phase.IDLE
                return [PlayEarcon("listening"), *self._state("Yes?", now)]
            text = rest
            self._heard_earcon_due = True  # no earcon at the end of speech: it comes with the answer
        self._woken = False
        self._thinking_since = now
        return [ShowCaption("you", text or "(nothing heard)"), Respond(text)]

    # -- replies and speech -----------------------------------------------------------------

    def on_reply(self, reply: Reply, now: float) -> list[Action]:
        """The dialogue's reply: say it (with the didn't-catch earcon when nothing was heard)."""
        self._now = now
        self._thinking_since = None
        heard = [PlayEarcon("heard")] if self._heard_earcon_due else []
        self._heard_earcon_due = False
        if reply.command is Command.STOP or not reply.say.strip():
            return heard + self._turn_over()
        self.phase = Phase.SPEAKING
        earcon = "didnt_catch" if reply.say == phrases.DIDNT_CATCH else ("heard" if heard else None)
        return [ShowCaption("assistant", reply.say), Speak(reply.say, earcon=earcon)]

    def on_spoken(self, completed: bool, now: float) -> list[Action]:
        """Speech ended, played to the end or stopped."""
        if self.phase is not Phase.SPEAKING:
            if self._ignore_until == float("inf"):
                self._ignore_until = now + EARCON_GUARD  # a spoken state has been said: listen now
            return []
        self._now = now
        self._barge_in = BargeIn(self._background)
        actions: list[Action] = [] if completed else [ShowCaption("status", "Stopped")]
        return actions + self._turn_over()

    def _turn_over(self) -> list[Action]:
        self.phase = Phase.IDLE if self.microphone else Phase.TYPING
        if self._typed:
            return self.on_line(self._typed.pop(0), self._now)
        if self._held:
            return self._announce()
        self._last_schedule = self._now
        return [ShowCaption("status", "Ready"), RunSchedule()]

    # -- reminders and the clock ------------------------------------------------------------

    def on_tick(self, now: float) -> list[Action]:
        """Called a few times a second: the thinking earcon, and the schedule when idle."""
        if self.phase is Phase.THINKING and self._thinking_since is None:
            self._thinking_since = now
        if (
            self.phase is Phase.THINKING
            and not self._thinking_told
            and self._thinking_since is not None
            and now - self._thinking_since >= THINKING_EARCON_AFTER
        ):
            self._thinking_told = True
            return [PlayEarcon("thinking")]
        if self._idle() and (self._last_schedule is None or now - self._last_schedule >= SCHEDULE_EVERY):
            self._last_schedule = now
            return [RunSchedule()]
        return []

    def _idle(self) -> bool:
        waiting = self.phase is Phase.IDLE and not self._collector.in_speech
        return waiting or (self.phase is Phase.TYPING and not self.microphone)

    def on_announcements(self, says: list[str], now: float) -> list[Action]:
        """Reminders that fell due: said now if idle, else held until the turn ends."""
        self._held.extend((s, "reminder") for s in says if s.strip())
        if not self._held or not self._idle():
            return []
        return self._announce()

    def _announce(self) -> list[Action]:
        """Say what was held back, reminders together after one reminder earcon."""
        earcon = self._held[0][1]
        text = " ".join(words for words, kind in self._held if kind == earcon)
        self._held = [item for item in self._held if item[1] != earcon]
        self.phase = Phase.SPEAKING
        return [ShowCaption("assistant", text), Speak(text, earcon=earcon)]

    # -- devices ----------------------------------------------------------------------------

    def on_microphone(self, available: bool, detail: str, now: float) -> list[Action]:
        """The microphone vanished or came back: say so once and switch input."""
        if available == self.microphone:
            return []
        self.microphone = available
        if available:
            message = "The microphone is working again. " + self.greeting().removeprefix("Hello, I'm ready. ")
            earcon = "listening"
        else:
            message = (
                f"I can't hear you: {detail} You can type your question and press Enter; "
                "I'll keep trying the microphone."
            )
            earcon = "error"
        actions: list[Action] = [ShowCaption("status", message), TypeMode(not available)]
        self._held.append((message, earcon))
        if self.phase in (Phase.IDLE, Phase.LISTENING, Phase.TYPING):
            self._collector = self._background.collector()
            return actions + self._announce()
        return actions  # said at the end of this turn
